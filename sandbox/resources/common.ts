/** Field shorthands and rule helpers shared by the resource modules. */
import type { FieldErrors } from "../errors";
import type { Ctx, FieldSpec, FilterSpec, World } from "../types";
import type { Rec } from "../util";

export const RO_INT: FieldSpec = { type: "int", readOnly: true };
export const RO_TIME: FieldSpec = { type: "datetime", readOnly: true };
export const RO_STR: FieldSpec = { type: "string", readOnly: true };
export const RO_BOOL: FieldSpec = { type: "bool", readOnly: true };
export const RO_JSON: FieldSpec = { type: "json", readOnly: true };
export const STR: FieldSpec = { type: "string" };
export const INT: FieldSpec = { type: "int" };
export const BOOL: FieldSpec = { type: "bool" };
/** The user who created the record (read-only reference to users). */
export const CREATOR: FieldSpec = { type: "int", readOnly: true, ref: "users" };

/** A v2 field that is not in the table's documented Firehose set. */
export const v2Only = (spec: FieldSpec): FieldSpec => ({ ...spec, firehose: false });

/** `owner_id`-like reference to a user, defaulting to the token's user. */
export const userRef = (): FieldSpec => ({
  type: "int",
  ref: "users",
  default: (ctx) => ctx.user.id ?? null,
});

export const strings = (...names: string[]): Record<string, FieldSpec> =>
  Object.fromEntries(names.map((n) => [n, STR]));

export const timestamps = (): Record<string, FieldSpec> => ({
  created_at: RO_TIME,
  updated_at: RO_TIME,
});

export const F = {
  int: (field?: string): FilterSpec => ({ kind: "int", ...(field ? { field } : {}) }),
  str: (field?: string): FilterSpec => ({ kind: "string", ...(field ? { field } : {}) }),
  bool: (field?: string): FilterSpec => ({ kind: "bool", ...(field ? { field } : {}) }),
};

export const filters = (
  kind: "int" | "str" | "bool",
  ...names: string[]
): Record<string, FilterSpec> => Object.fromEntries(names.map((n) => [n, F[kind]()]));

/** `address[city]=…` style filters on an address attribute. */
export const addressFilters = (attribute: string): Record<string, FilterSpec> =>
  Object.fromEntries(
    ["city", "postal_code", "state", "country"].map((k) => [
      `${attribute}[${k}]`,
      F.str(`${attribute}.${k}`),
    ]),
  );

/** Tables of the resources notes/tasks/calls/… can be attached to. */
export const RESOURCE_TABLES: Record<string, string> = {
  lead: "leads",
  contact: "contacts",
  deal: "deals",
  prospect_and_customer: "contacts",
};

/**
 * `resource_type` + `resource_id` rule: both or neither (unless required), and the referenced
 * record must exist.
 */
export function checkAttachedResource(
  world: World,
  next: Rec,
  errors: FieldErrors,
  input: Rec,
  existing: Rec | undefined,
): void {
  const type = next.resource_type;
  const id = next.resource_id;
  const touched = existing === undefined || "resource_type" in input || "resource_id" in input;
  if (!touched) return;
  if (type === null && id === null) return;
  if (type === null) {
    if (!errors.has("resource_type")) errors.add("resource_type", "blank");
    return;
  }
  if (id === null) {
    if (!errors.has("resource_id")) errors.add("resource_id", "blank");
    return;
  }
  const table = RESOURCE_TABLES[String(type)];
  if (table && typeof id === "number" && !world.store.get(table, id))
    errors.add(
      "resource_id",
      "incorrect_value",
      `The attribute '/data/resource_id' refers to a ${String(type)} (id ${id}) that does not exist.`,
    );
}

export const nowIso = (ctx: Ctx): string => ctx.store.nowIso();
