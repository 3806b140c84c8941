import { DEFAULT_MAX_ITEMS, fetchAll, maxItems } from "../../inputs/common";
import { InputError } from "../../inputs/errors";
import {
  type CleanedInput,
  type Layout,
  layout,
  toBody,
  toQuery,
  type Values,
  without,
} from "../../inputs/layout";
import type { Operation, Resource } from "../../resources/define";
import { customAction } from "./custom";
import { withTypedCustomFields } from "./customFields";
import { deletedOutput, listOutput, singleOutput } from "./outputs";

/**
 * List, get, create, update and delete, built from a resource's declared operation: its
 * inputs come from the operation's layout, its requests from the same layout, and HTTP from the
 * Sell client.
 */

/**
 * Fills a path template such as `/orders/{orderId}/line_items` from the inputs of the same
 * name, URL-encoded, and returns the inputs it used up (they are not sent again).
 */
export function fillPath(
  template: string,
  inputs: readonly CleanedInput[],
): { path: string; consumed: string[] } {
  const consumed: string[] = [];
  const path = template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = inputs.find((input) => input.key === key)?.value;
    if (value === undefined) throw new InputError(key, "is required");
    consumed.push(key);
    return encodeURIComponent(String(value));
  });
  return { path, consumed };
}

export const recordPath = (collectionPath: string, recordId: number | string): string =>
  `${collectionPath}/${encodeURIComponent(String(recordId))}`;

/** The record ID input's value (it is required, so cleaning guarantees it). */
function recordIdIn(values: Readonly<Record<string, unknown>>, label = "ID"): number {
  const id = values.id;
  if (typeof id !== "number") throw new InputError(label, "is required");
  return id;
}

/** Fetch All / Max Items, shared by the list actions and search. */
export const listControls = layout({ fetchAll, maxItems });

export const readListControls = (values: Values<typeof listControls>) => ({
  fetchAll: values.fetchAll === true,
  maxItems: values.maxItems ?? DEFAULT_MAX_ITEMS,
});

const labelOf = (operation: Operation, verb: string, noun: string): string =>
  operation.label ?? `${verb} ${noun}`;

/** `GET <path>`: one page as Sell returns it, or with Fetch All every page up to Max Items. */
export function listAction(resource: Resource, operation: Operation) {
  return customAction({
    label: labelOf(operation, "List", resource.name.many),
    description: operation.description,
    docs: resource.docs,
    layout: { ...listControls, ...operation.layout } as typeof listControls & Layout,
    effect: "read",
    output: listOutput(resource),
    check: operation.check,
    perform: async ({ sell, values, inputs }) => {
      const controls = readListControls(values);
      const { path, consumed } = fillPath(resource.path, inputs);
      const query = toQuery(without(inputs, consumed));
      if (!controls.fetchAll) return sell.v2.list(path, query);
      const { page: _page, per_page: _perPage, ...filters } = query;
      const all = await sell.v2.collect(path, filters, { maxItems: controls.maxItems });
      return {
        items: all.items,
        meta: { type: "collection", count: all.items.length, links: {}, truncated: all.truncated },
      };
    },
  });
}

/** `GET <path>/{id}`. */
export function getAction(resource: Resource, operation: Operation) {
  return customAction({
    label: labelOf(operation, "Get", resource.name.one),
    description: operation.description,
    docs: resource.docs,
    layout: operation.layout,
    effect: "read",
    output: singleOutput(resource),
    check: operation.check,
    perform: async ({ sell, values, inputs }) => {
      const { path, consumed } = fillPath(resource.path, inputs);
      const query = toQuery(without(inputs, ["id", ...consumed]));
      return sell.v2.get(recordPath(path, recordIdIn(values)), query);
    },
  });
}

/** `POST <path>` with `{ data }`. Never retried once it may have reached Sell. */
export function createAction(resource: Resource, operation: Operation) {
  return customAction({
    label: labelOf(operation, "Create", resource.name.one),
    description: operation.description,
    docs: resource.docs,
    layout: operation.layout,
    effect: "write",
    output: singleOutput(resource),
    check: operation.check,
    perform: async ({ sell, inputs }) => {
      const { path, consumed } = fillPath(resource.path, inputs);
      const body = await withTypedCustomFields(
        sell,
        resource.customFieldTypes,
        toBody(without(inputs, consumed)),
      );
      return sell.v2.create(path, body);
    },
  });
}

/** `PUT <path>/{id}` with only the fields that were given. */
export function updateAction(resource: Resource, operation: Operation) {
  const label = labelOf(operation, "Update", resource.name.one);
  return customAction({
    label,
    description: operation.description,
    docs: resource.docs,
    layout: operation.layout,
    effect: "write",
    output: singleOutput(resource),
    check: operation.check,
    perform: async ({ sell, values, inputs, context }) => {
      const target = operation.resolveTarget
        ? operation.resolveTarget(values, context.logger)
        : { id: recordIdIn(values), consumed: ["id"] };
      const { path, consumed } = fillPath(resource.path, inputs);
      const body = toBody(without(inputs, [...target.consumed, ...consumed]));
      if (Object.keys(body).length === 0)
        throw new InputError(label, "no field to change was given: set at least one field");
      const typedBody = await withTypedCustomFields(sell, resource.customFieldTypes, body);
      return sell.v2.update(recordPath(path, target.id), typedBody);
    },
  });
}

/** `DELETE <path>/{id}`; outputs `null` (Sell answers 204 with no body). */
export function deleteAction(resource: Resource, operation: Operation) {
  return customAction({
    label: labelOf(operation, "Delete", resource.name.one),
    description: operation.description,
    docs: resource.docs,
    layout: operation.layout,
    effect: "write",
    output: deletedOutput,
    check: operation.check,
    perform: async ({ sell, values, inputs }) => {
      const { path } = fillPath(resource.path, inputs);
      await sell.v2.delete(recordPath(path, recordIdIn(values)));
      return null;
    },
  });
}
