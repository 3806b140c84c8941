import { InputError } from "../../inputs/errors";
import { choice, email, text, toggle } from "../../inputs/fields";
import { layout, toBody } from "../../inputs/layout";
import type { Operation, Resource } from "../../resources/define";
import { isPlainObject } from "../../util/values";
import { customAction } from "./custom";
import { bodyMatchingFilters, type MatchFilter, writableAttributes } from "./matchFilters";
import { foundOrCreatedOutput } from "./outputs";

export const findOrCreateControls = layout({
  matchOn: choice([], "Match On", ["email", "custom_field"], {
    required: true,
    default: "email",
    comments:
      "How to look for an existing record before creating one: by email address, or by a custom field (one marked Filterable in Sell, such as an external ID).",
  }),
  matchCustomField: text([], "Match Custom Field", {
    comments:
      "With Match On = custom_field: the name of the custom field to look up (it must be Filterable in Sell).",
    example: "External ID",
  }),
  matchValue: text([], "Match Value", {
    comments:
      "The value to look for. Defaults to the Email input (Match On = email), or to that custom field's value in Custom Fields. A record created is given this value.",
  }),
  updateExisting: toggle("Update When Found", {
    comments:
      "When true, a record that is found is updated with the fields given; otherwise it is returned unchanged.",
  }),
});

/** How a Match Value looked up by email is read (trimmed, checked to be an address). */
const emailField = email([], "Match Value");

/** The value at a dotted input key (`contactInfo.email`) of read values. */
const valueAt = (values: Readonly<Record<string, unknown>>, key: string): unknown =>
  key
    .split(".")
    .reduce<unknown>((node, part) => (isPlainObject(node) ? node[part] : undefined), values);

/**
 * Looks for a record by email or by a filterable custom field and creates it only when none
 * exists, so a form posted twice does not create two records. Returns the record's envelope
 * with `meta.created` (and `meta.matches`). The record created carries the value it was looked
 * up by, so the next run finds it. Two runs at the very same moment can still both create:
 * Sell offers no lock.
 */
export function findOrCreateAction(resource: Resource, operation: Operation) {
  const writable = writableAttributes(resource.fields ?? {});
  const controlKeys = Object.keys(findOrCreateControls);
  return customAction({
    label: operation.label ?? `Find or Create ${resource.name.one}`,
    description: operation.description,
    docs: resource.docs,
    layout: { ...findOrCreateControls, ...operation.layout },
    effect: "write",
    output: foundOrCreatedOutput(resource),
    check: operation.check,
    perform: async ({ sell, values, inputs }) => {
      const recordInputs = inputs.filter((input) => !controlKeys.includes(input.key));
      const given = values.matchValue?.trim() || undefined;
      let filter: MatchFilter;
      if ((values.matchOn ?? "email") === "email") {
        const fromEmail = valueAt(values, operation.emailKey ?? "email");
        const lookFor =
          given === undefined
            ? typeof fromEmail === "string"
              ? fromEmail
              : undefined
            : emailField.parse(given, "Match Value");
        if (!lookFor)
          throw new InputError(
            "Match Value",
            "or Email is required to look for an existing record by email",
          );
        filter = { key: "email", value: lookFor, label: "Match Value" };
      } else {
        const fieldName = values.matchCustomField?.trim();
        if (!fieldName)
          throw new InputError("Match Custom Field", "is required when Match On is custom_field");
        const customValues = valueAt(values, operation.customFieldsKey ?? "customFields");
        const fromCustomFields = isPlainObject(customValues)
          ? Object.entries(customValues).find(
              ([name]) => name.trim().toLowerCase() === fieldName.toLowerCase(),
            )?.[1]
          : undefined;
        const lookFor =
          given ??
          (fromCustomFields === undefined || fromCustomFields === null
            ? undefined
            : String(fromCustomFields).trim());
        if (!lookFor) {
          throw new InputError(
            "Match Value",
            `or a value for '${fieldName}' in Custom Fields is required to look for an existing record`,
          );
        }
        filter = { key: `custom_fields[${fieldName}]`, value: lookFor, label: "Match Value" };
      }
      // The record created must carry the value it was looked up by, or the next run would
      // not find it and create another.
      const body = await bodyMatchingFilters(
        sell,
        resource.customFieldTypes,
        toBody(recordInputs),
        [filter],
        writable,
      );
      const found = await sell.v2.list(resource.path, {
        [filter.key]: filter.value,
        sort_by: "id:asc",
        per_page: 2,
      });
      const [first] = found.items;
      if (first) {
        const matches = found.meta?.links?.next_page ? found.items.length + 1 : found.items.length;
        const record =
          values.updateExisting === true && Object.keys(body).length > 0
            ? await sell.v2.update(
                `${resource.path}/${encodeURIComponent(String(first.data.id))}`,
                body,
              )
            : first;
        return { ...record, meta: { ...record.meta, created: false, matches } };
      }
      const created = await sell.v2.create(resource.path, body);
      return { ...created, meta: { ...created.meta, created: true, matches: 0 } };
    },
  });
}
