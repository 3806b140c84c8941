import type { RecordData, SellClient } from "../../client";
import { InputError } from "../../inputs/errors";
import type { FieldSpec } from "../../inputs/fields";
import { type Fields, queryKey } from "../../inputs/layout";
import { isPlainObject } from "../../util/values";
import { typeCustomFields, withTypedCustomFields } from "./customFields";

/**
 * Writes that look a record up by filters and create it when none matches (Upsert, Find or
 * Create) are safe to repeat only if the record they create matches those filters: then a repeat
 * (after a lost answer, or the next run) finds and updates it instead of creating another. This
 * module makes the body carry every filter: a filter the body lacks is copied into it, a body
 * that says otherwise is refused, and a filter no created record could match is refused.
 */

/** One filter as the user gave it: the Sell query key (`email`, `custom_fields[Region]`), its value, and the input it came from. */
export interface MatchFilter {
  readonly key: string;
  readonly value: string;
  readonly label: string;
}

/** List parameters that are not properties of a record, so a created record could never match them. */
const NOT_MATCH_FILTERS: Record<string, string> = {
  page: "is a paging control, not a filter",
  per_page: "is a paging control, not a filter",
  sort_by: "is a sort order, not a filter",
  includes: "asks for related records, it is not a filter",
  q: "is a text search, not a filter on one attribute",
  ids: "matches record IDs, which a created record cannot have: to change a record whose ID you know, use the Update action",
  organization_id:
    "is derived by Sell from the primary contact, so a created record may not match it: filter on contact_id instead",
};

/** Filters that combine the others, not attributes of the record. */
const COMBINATORS = new Set(["inclusive"]);

/** `address[city]` → `["address", "city"]`. */
const pathOf = (key: string): string[] => {
  const [head = key, ...rest] = key.split("[");
  return [head, ...rest.map((part) => part.replace(/\]$/, ""))];
};

const CUSTOM_FIELD = /^custom_fields\[(.+)\]$/;

/** Attributes a record can be written with, by query key (`email`, `address`), from its fields. */
export function writableAttributes(fields: Fields): Map<string, FieldSpec> {
  const attributes = new Map<string, FieldSpec>();
  for (const field of Object.values(fields)) {
    if (field.api.length > 0 && field.kind !== "customFields")
      attributes.set(queryKey(field.api), field);
  }
  return attributes;
}

const sameValue = (filterValue: unknown, bodyValue: unknown): boolean => {
  if (Array.isArray(bodyValue))
    return Array.isArray(filterValue)
      ? filterValue.every((item) => bodyValue.some((b) => sameValue(item, b)))
      : bodyValue.some((b) => sameValue(filterValue, b));
  if (Array.isArray(filterValue))
    return filterValue.length === 1 && sameValue(filterValue[0], bodyValue);
  return JSON.stringify(filterValue) === JSON.stringify(bodyValue);
};

const show = (value: unknown): string =>
  typeof value === "string" ? `'${value}'` : JSON.stringify(value);

const conflict = (filter: MatchFilter, bodyValue: unknown, where: string): InputError =>
  new InputError(
    filter.label,
    `filter '${filter.key}' = '${filter.value}' contradicts ${where} (${show(bodyValue)}): a record created with that value would not match the filter, so the next run would create another. Make them the same, or leave one empty; no request was sent`,
  );

/**
 * What an upsert needs of its filters: each must be an attribute the created record will have
 * (or a combinator such as `inclusive`). Returns the filters that identify a record; a filter
 * that cannot match a created record fails.
 */
export function matchFiltersOf(
  filters: readonly MatchFilter[],
  writable: ReadonlyMap<string, FieldSpec>,
): MatchFilter[] {
  const matching: MatchFilter[] = [];
  for (const filter of filters) {
    if (COMBINATORS.has(filter.key)) continue;
    const refusal = NOT_MATCH_FILTERS[filter.key];
    if (refusal)
      throw new InputError(filter.label, `'${filter.key}' ${refusal}; no request was sent`);
    if (filter.key === "creator_id") continue;
    if (CUSTOM_FIELD.test(filter.key) || attributeFor(filter.key, writable)) {
      matching.push(filter);
      continue;
    }
    throw new InputError(
      filter.label,
      `'${filter.key}' is not an attribute this action can write, so a created record could not be made to match it; use one of ${[...writable.keys()].sort().join(", ")}, or a custom field name; no request was sent`,
    );
  }
  return matching;
}

/** The field that writes a filter's attribute: the field itself, or the object it is part of (`address` for `address[city]`). */
function attributeFor(
  key: string,
  writable: ReadonlyMap<string, FieldSpec>,
): { field: FieldSpec; part?: string } | undefined {
  const exact = writable.get(key);
  if (exact) return { field: exact };
  const [head, part, ...rest] = pathOf(key);
  const whole = head === undefined ? undefined : writable.get(head);
  if (whole?.kind === "address" && part !== undefined && rest.length === 0)
    return { field: whole, part };
  return undefined;
}

const valueAt = (record: RecordData, path: readonly string[]): unknown =>
  path.reduce<unknown>((node, part) => (isPlainObject(node) ? node[part] : undefined), record);

/** Sets a nested value, copying the objects on the way so the caller's body is not changed. */
function setAt(record: RecordData, path: readonly string[], value: unknown): void {
  let node = record;
  for (const part of path.slice(0, -1)) {
    const next = isPlainObject(node[part]) ? { ...(node[part] as RecordData) } : {};
    node[part] = next;
    node = next;
  }
  node[path[path.length - 1] as string] = value;
}

/**
 * The body with every match filter in it (values read the way the attribute's input reads
 * them, custom fields typed against the account's definitions). A body value that differs from
 * a filter is refused.
 */
export async function bodyMatchingFilters(
  sell: SellClient,
  customFieldTypes: readonly string[] | undefined,
  body: RecordData,
  filters: readonly MatchFilter[],
  writable: ReadonlyMap<string, FieldSpec>,
): Promise<RecordData> {
  const merged: RecordData = { ...body };
  const customFilters: Array<{ filter: MatchFilter; name: string }> = [];
  for (const filter of filters) {
    const custom = CUSTOM_FIELD.exec(filter.key);
    if (custom) {
      const name = custom[1] as string;
      customFilters.push({ filter, name });
      const values = isPlainObject(merged.custom_fields) ? { ...merged.custom_fields } : {};
      const given = Object.keys(values).find(
        (k) => k.trim().toLowerCase() === name.trim().toLowerCase(),
      );
      if (given === undefined) values[name] = filter.value;
      merged.custom_fields = values;
      continue;
    }
    const target = attributeFor(filter.key, writable);
    if (!target) continue;
    const label = `${filter.label} › ${filter.key}`;
    // A whole field (`email`, or `address[city]` as its own input) reads the value as that
    // input would; a part of an object field (`city` of Address) is text.
    const path =
      target.part === undefined ? [...target.field.api] : [...target.field.api, target.part];
    const value =
      target.part === undefined ? target.field.parse(filter.value, label) : filter.value.trim();
    const current = valueAt(merged, path);
    if (current === undefined || current === null) setAt(merged, path, value);
    else if (!sameValue(value, current))
      throw conflict(
        filter,
        current,
        target.part === undefined
          ? `the ${target.field.label} input`
          : `${target.field.label} › ${target.part}`,
      );
  }
  const typed = await withTypedCustomFields(sell, customFieldTypes, merged);
  if (customFilters.length === 0 || !customFieldTypes?.length) return typed;
  const typedFields = (typed.custom_fields ?? {}) as RecordData;
  for (const { filter, name } of customFilters) {
    const wanted = await typeCustomFields(
      sell,
      customFieldTypes,
      { [name]: filter.value },
      filter.label,
    );
    const [canonical, value] = Object.entries(wanted)[0] as [string, unknown];
    const current = typedFields[canonical];
    if (!sameValue(value, current)) throw conflict(filter, current, `Custom Fields › ${canonical}`);
  }
  return typed;
}
