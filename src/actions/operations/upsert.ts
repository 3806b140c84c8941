import type { SellClient } from "../../client";
import { InputError } from "../../inputs/errors";
import {
  type CleanedInput,
  fieldsOf,
  type Layout,
  queryKey,
  targetOf,
  toBody,
} from "../../inputs/layout";
import type { Operation, Resource } from "../../resources/define";
import { customAction } from "./custom";
import {
  bodyMatchingFilters,
  type MatchFilter,
  matchFiltersOf,
  writableAttributes,
} from "./matchFilters";
import { singleOutput } from "./outputs";

/**
 * Maps a filter key typed by a user to a Sell query parameter: a known list filter or a
 * bracketed `custom_fields[...]` key is kept; any other key is taken as a custom field name.
 */
export const filterKey = (key: string, knownFilters: ReadonlySet<string>): string =>
  knownFilters.has(key) || /^custom_fields\[.+\]$/.test(key) ? key : `custom_fields[${key}]`;

/** Query parameter names a list layout sends (to recognise the filter keys of an upsert). */
export function filterNames(entries: Layout): Set<string> {
  return new Set(
    fieldsOf(entries)
      .map(({ field }) => queryKey(field.api))
      .filter((key) => key !== ""),
  );
}

/**
 * The filters an upsert's inputs give, one per key, in order: the Filters pairs (a bare name is
 * a custom field) and the inputs sent as query parameters (`inclusive`, `creator_id`). A key
 * given twice, or a filter without a value, is an input error.
 */
function upsertFilters(
  inputs: readonly CleanedInput[],
  knownFilters: ReadonlySet<string>,
): MatchFilter[] {
  const filters: MatchFilter[] = [];
  const add = (key: string, value: unknown, label: string) => {
    // An empty value would be dropped from the query and the filter silently lost
    // (a mapped reference that came through empty, say): refuse it instead.
    if (value === "" || value === undefined || value === null) {
      throw new InputError(
        label,
        `filter '${key}' has no value: every filter needs one, or Sell could update or create the wrong record; no request was sent`,
      );
    }
    const twice = filters.find((f) => f.key === key);
    if (twice) {
      throw new InputError(
        label,
        `filter '${key}' is given twice${twice.label === label ? "" : ` (also in ${twice.label})`}: give each filter once, with the one value to match; no request was sent`,
      );
    }
    filters.push({ key, value: String(value), label });
  };
  for (const { field, value, label } of inputs) {
    if (targetOf(field, "body") !== "query") continue;
    if (field.kind === "pairs") {
      for (const [key, pairValue] of value as Array<[string, string]>)
        add(filterKey(key, knownFilters), pairValue, label);
    } else {
      add(queryKey(field.api), value, label);
    }
  }
  return filters;
}

/** The connected user's ID (`GET /v2/users/self`), to check a `creator_id` filter. */
async function connectedUserId(sell: SellClient): Promise<number | undefined> {
  const { data } = await sell.v2.get("/users/self");
  return typeof data.id === "number" ? data.id : undefined;
}

/** The list filters of a resource: what its list operation sends. */
const listFiltersOf = (resource: Resource): Set<string> => {
  const list = Object.values(resource.operations ?? {}).find((o) => o.kind === "list");
  return list ? filterNames(list.layout) : new Set();
};

/**
 * `POST <path>/upsert?<filters>` with `{ data }`: Sell updates the one record the filters match,
 * creates one when none does, and answers 409 when several do. Filters travel as query
 * parameters; at least one is required, so the request is never sent without. The body carries
 * every filter (see `matchFilters.ts`), so the record an upsert creates matches its own filters
 * and a repeat updates it: that is what makes an upsert safe to retry.
 */
export function upsertAction(resource: Resource, operation: Operation) {
  const knownFilters = listFiltersOf(resource);
  const writable = writableAttributes(resource.fields ?? {});
  return customAction({
    label: operation.label ?? `Upsert ${resource.name.one}`,
    description: operation.description,
    docs: resource.docs,
    layout: operation.layout,
    effect: "write",
    output: singleOutput(resource),
    check: operation.check,
    perform: async ({ sell, inputs }) => {
      const filtersLabel =
        inputs.find((input) => input.key === operation.filtersKey)?.label ?? "Filters";
      const filters = upsertFilters(inputs, knownFilters);
      const matching = matchFiltersOf(filters, writable);
      if (matching.length === 0) {
        throw new InputError(
          filtersLabel,
          "needs at least one filter on the record's own attributes (for example email = mark@example.com, or a filterable custom field) so Sell can find the record to update; no request was sent",
        );
      }
      const creator = filters.find((f) => f.key === "creator_id");
      if (creator) {
        const self = await connectedUserId(sell);
        if (String(self) !== creator.value) {
          throw new InputError(
            creator.label,
            `filter 'creator_id' = ${creator.value} is not the connected user (${self ?? "unknown"}): a record the upsert creates is created by the connected user, so it would not match and every run would create another; remove the filter or use a connection of user ${creator.value}`,
          );
        }
      }
      const body = await bodyMatchingFilters(
        sell,
        resource.customFieldTypes,
        toBody(inputs),
        matching,
        writable,
      );
      const query = Object.fromEntries(filters.map((f) => [f.key, f.value]));
      return sell.v2.upsert(`${resource.path}/upsert`, body, query);
    },
  });
}
