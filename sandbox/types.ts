/**
 * Shared types of the table-driven resource definitions. A resource is described once (fields,
 * filters, sort, operations) with hooks for its business rules; generic code in `resource.ts`
 * does validation, persistence, rendering, lists and upserts for all of them.
 */
import type { FieldErrors } from "./errors";
import type { Store } from "./store";
import type { Json, Rec } from "./util";

export type FieldType =
  | "int"
  | "string"
  | "bool"
  | "datetime"
  | "date"
  | "decimal"
  | "address"
  | "tags"
  | "int_array"
  | "prices"
  | "custom_fields"
  /** Read-only nested JSON (user roles, groups…), never validated on write. */
  | "json";

export interface FieldSpec {
  type: FieldType;
  /** Rendered but never writable (sending it: see SandboxOptions.readOnlyAttributes). */
  readOnly?: boolean;
  /** Writable on create; on update it must be absent or equal to the stored value. */
  createOnly?: boolean;
  /** Must be present and not blank on create. */
  required?: boolean;
  enum?: readonly string[];
  min?: number;
  max?: number;
  /** Value on create when absent. */
  default?: Json | ((ctx: Ctx, input: Rec) => Json);
  /** Stored (and available to Firehose) but not rendered by v2. */
  hidden?: boolean;
  /** An int (or int array) referring to a record of this table; checked on write. */
  ref?: string;
  /** v2 rendering of decimals: `deal` = integer when whole else string (§8.2); default string. */
  decimalStyle?: "deal" | "string";
  /**
   * The field in a documented Firehose set (`ResourceDef.firehose`): `false` leaves it out;
   * `as` renames it, `value` computes it from the stored record.
   */
  firehose?: false | { as?: string; value?: (world: World, record: Rec) => Json };
}

/** A list/upsert filter on a query parameter. */
export interface FilterSpec {
  kind: "int" | "string" | "bool" | "date" | "decimal";
  /** Accepted values (string filters). */
  enum?: readonly string[];
  /** Dotted path of the attribute compared for equality (default: the parameter name). */
  field?: string;
  /** Custom matcher instead of equality. */
  match?: (record: Rec, value: string | number | boolean, world: World) => boolean;
}

export type Operation = "list" | "get" | "create" | "update" | "delete" | "upsert";

export interface Hooks {
  /**
   * Business rules on the candidate record (`next` = defaults/existing merged with the input):
   * derive attributes, check references and cross-field rules, add errors. May mutate `next`.
   */
  prepare?(ctx: Ctx, next: Rec, existing: Rec | undefined, errors: FieldErrors, input: Rec): void;
  afterWrite?(ctx: Ctx, record: Rec, existing: Rec | undefined): void;
  /** Throw a SellError to refuse the deletion. */
  beforeDelete?(ctx: Ctx, record: Rec): void;
  /** Cascades. */
  afterDelete?(ctx: Ctx, record: Rec): void;
}

export interface ResourceDef {
  /** Table name: key for `records()`, Firehose stream name `/v3/<table>/stream`. */
  table: string;
  /** Path under `/v2` of the collection, e.g. `lead_sources`; absent when not routed there. */
  path?: string;
  /** Path of a parent (`deals/:deal_id/associated_contacts`): parent table and the link field. */
  parent?: { table: string; param: string; field: string };
  /** meta.type of one record. */
  type: string;
  /** Fixed attribute values of a view over a shared table (lead/deal sources). */
  scope?: Rec;
  fields: Record<string, FieldSpec>;
  /** Accepted aliases on write (`added_on` → `added_at`). */
  aliases?: Record<string, string>;
  ops: readonly Operation[];
  filters?: Record<string, FilterSpec>;
  /** Default `sort_by` (e.g. `updated_at:asc`); ties always break on id. */
  defaultSort?: string;
  /** The endpoint always sorts this way and does not accept `sort_by`. */
  fixedSort?: string;
  /** Path id of `/…/:id` routes when it is not `id` (associated contacts use `contact_id`). */
  idField?: string;
  /** Filters that must be given together (`resource_type` + `resource_id`). */
  pairedFilters?: ReadonlyArray<readonly [string, string]>;
  /** Accepts `ids=1,2,3` (default true). */
  idsFilter?: boolean;
  /** Custom field definitions that apply (`lead`, `contact` + `prospect_and_customer`, `deal`). */
  customFields?: readonly string[];
  /** Unique attribute, optionally unique only among records with the same `per` value. */
  unique?: { field: string; per?: string };
  /** Extra query parameters accepted (and ignored or handled by `render`) on list/get. */
  extraParams?: readonly string[];
  /** Only admins may delete (products). */
  adminDelete?: boolean;
  hooks?: Hooks;
  /** v2 rendering after the default field pick. */
  render?(ctx: World, record: Rec, output: Rec, query?: URLSearchParams): Rec;
  /**
   * The table has a documented Firehose attribute set (§6.1), derived from `fields` in order:
   * every field except `updated_at` and those marked `firehose: false`, hidden ones included;
   * `custom_fields` become `custom_field_values`, decimals stay strings, everything else as v2
   * renders it; then the Firehose-only `extra` attributes. Absent: the stream carries the v2 form.
   */
  firehose?: true | { extra: Record<string, (world: World, record: Rec) => Json> };
}

/** What rendering and filtering need: the data and the clock. */
export interface World {
  store: Store;
  now(): number;
  registry: Registry;
}

/** Per request context. */
export interface Ctx extends World {
  /** The token's user record. */
  user: Rec;
  isRoot: boolean;
  /** Sandbox URL, for absolute links. */
  baseUrl: string;
  readOnlyAttributes: "reject" | "ignore";
  /** Integer path parameters (`deal_id`, `order_id`, `id`). */
  params: Record<string, number>;
  /** X-Request-Id of the current request (error logrefs inside bodies). */
  requestId: string;
}

export interface Registry {
  byTable(table: string): ResourceDef | undefined;
  /** The definition a table's own records are rendered with (first def of the table). */
  primary(table: string): ResourceDef;
  all(): readonly ResourceDef[];
}
