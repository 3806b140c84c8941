import type { z } from "zod";
import { streamLayout } from "../inputs/common";
import type { FieldSpec, PicklistRef } from "../inputs/fields";
import type { Fields, Layout, Rule, Values } from "../inputs/layout";

/**
 * How a Sell resource is declared: one record that carries everything true of it — what its
 * records look like, the inputs and rules of each operation, the picklists it offers, and what
 * Sell lets you do with it (Firehose, Search, list polling). Actions, data sources, triggers,
 * output schemas and tests are derived from these records (see `src/resources/index.ts`).
 */

export type RecordData = Record<string, unknown>;

/** A list query as the data source layer reads it. */
export type PicklistQuery = Readonly<Record<string, string | number | boolean | readonly number[]>>;

/** Reads records for a picklist label that needs other records (e.g. the pipeline of each stage). */
export type RecordReader = (
  path: string,
  query: PicklistQuery,
  max: number,
) => Promise<RecordData[]>;

/** The cleaned values of a picklist's filter inputs, by input key (absent when left empty). */
export type FilterValues = Readonly<Record<string, unknown>>;

/**
 * What a labeller works out once it has read the other records it needs: the label of each
 * record, and optionally which records are offered and in what order (e.g. stages by pipeline).
 * Records that do not fit the schema never reach it: they are labelled "<noun> <id>" and listed
 * last.
 */
export interface PicklistView<R extends RecordData = RecordData> {
  label(record: R): string;
  /** Which records are offered (default: all). */
  accepts?(record: R): boolean;
  /** Order of the elements (default: by label). */
  order?(records: R[]): R[];
}

/** A picklist (data source) a resource offers; inputs refer to it by this object. */
export interface PicklistSpec<R extends RecordData = RecordData> extends PicklistRef {
  /** Data source key, e.g. `selectLead`. */
  readonly key: string;
  /** Defaults to "Select <Resource>". */
  readonly label?: string;
  /** What is listed; the API reference link is appended. */
  readonly description: string;
  /** How a person recognises a record. (Methods, not function properties: a picklist of leads is a picklist of records.) */
  toLabel(record: R): string;
  /** Fallback label "<noun> <id>" for a record that does not fit the schema; defaults to the resource's name. */
  readonly noun?: string;
  /** A fixed list filter (e.g. only organizations). */
  readonly query?: PicklistQuery;
  /**
   * Extra inputs (e.g. a pipeline for stages): an input named in the path's `{placeholders}`
   * fills it, one with an attribute is sent as that list filter, and one without (`[]`) is a
   * control only the labeller reads (e.g. Include Disabled Pipelines).
   */
  readonly filters?: Readonly<Record<string, FieldSpec>>;
  /**
   * Labels that need other records, read through `read`; it gets the records that fit the
   * schema and the filter inputs' values, and may also say which records are offered and in what
   * order.
   */
  labeller?(read: RecordReader, records: R[], filters: FilterValues): Promise<PicklistView<R>>;
  /** The example's label when labels need other records. */
  readonly exampleLabel?: string;
  /** The element key of a record (default: its ID). */
  keyOf?(record: R): string;
  /** Which records it offers (default: all). */
  accepts?(record: R): boolean;
  /**
   * `single`: the one record at `path` (the account); `list` (default): every page of the
   * resource's list (or of `path`, whose `{placeholders}` are filter inputs); `paged: false` for
   * lists Sell answers whole.
   */
  readonly source?:
    | { kind: "single"; path: string }
    | { kind: "list"; path?: string; paged?: boolean };
  /**
   * Order of the elements: by label (default), or as `order` sorts the records (those that fit
   * the schema; any others follow, by label). A labeller's `order` takes precedence.
   */
  order?(records: R[]): R[];
}

/** A record typed by its schema when it fits, so labels can rely on field types. */
export const parseRecord = <R extends RecordData>(
  schema: z.ZodType<R>,
  record: RecordData,
): R | undefined => {
  const result = schema.safeParse(record);
  return result.success ? result.data : undefined;
};

/** Declares a picklist, keeping the type of the records its labels read. */
export const definePicklist = <R extends RecordData>(spec: PicklistSpec<R>): PicklistSpec<R> =>
  spec;

/** Which record an update targets, and which inputs were used up saying so (not sent in the body). */
export interface UpdateTarget {
  id: number;
  consumed: readonly string[];
}

/** What a log line goes to. */
export interface Warn {
  warn: (message: string) => void;
}

export type OperationKind =
  | "list"
  | "get"
  | "create"
  | "update"
  | "delete"
  | "upsert"
  | "findOrCreate"
  | "stream";

/**
 * One action a resource offers, as declared: its inputs (layout) and the rules across them,
 * typed where declared and kept here as a checked closure.
 */
export interface Operation {
  readonly kind: OperationKind;
  /** Overrides the default label ("Create Lead"). */
  readonly label?: string;
  /** What the action does; the API reference link is appended. */
  readonly description: string;
  readonly layout: Layout;
  /** Checks the rules across inputs; throws `InputError`. */
  readonly check: (values: unknown) => void;
  /** Update: picks the record (default: the `id` input). */
  readonly resolveTarget?: (values: unknown, log: Warn) => UpdateTarget;
  /** Upsert: the input holding the Filters pairs. */
  readonly filtersKey?: string;
  /** Find or Create: where the email and the custom fields are in the layout. */
  readonly emailKey?: string;
  readonly customFieldsKey?: string;
  /** Stream: what the events are about, for the description. */
  readonly events?: string;
  readonly changed?: string;
}

interface OperationSpec<L extends Layout> {
  readonly label?: string;
  readonly description: string;
  readonly layout: L;
  readonly rules?: ReadonlyArray<Rule<Values<L>>>;
}

const checked =
  <L extends Layout>(rules: ReadonlyArray<Rule<Values<L>>> | undefined) =>
  (values: unknown) => {
    for (const rule of rules ?? []) rule(values as Values<L>);
  };

const declare = <L extends Layout>(
  kind: OperationKind,
  spec: OperationSpec<L>,
  extra: Partial<Operation> = {},
): Operation => ({
  kind,
  ...(spec.label ? { label: spec.label } : {}),
  description: spec.description,
  layout: spec.layout,
  check: checked(spec.rules),
  ...extra,
});

/** The operations a resource can declare, each typed by its own layout. */
export const op = {
  /** `GET <path>`: one page, or every page with Fetch All. */
  list: <L extends Layout>(spec: OperationSpec<L>) => declare("list", spec),
  /** `GET <path>/{id}`; the layout has the `id` input (and any parent in the path). */
  get: <L extends Layout>(spec: OperationSpec<L>) => declare("get", spec),
  /** `POST <path>` with `{ data }`. */
  create: <L extends Layout>(spec: OperationSpec<L>) => declare("create", spec),
  /** `PUT <path>/{id}` with the fields given. */
  update: <L extends Layout>(
    spec: OperationSpec<L> & { resolveTarget?: (values: Values<L>, log: Warn) => UpdateTarget },
  ) =>
    declare(
      "update",
      spec,
      spec.resolveTarget
        ? {
            resolveTarget: (values, log) =>
              spec.resolveTarget?.(values as Values<L>, log) as UpdateTarget,
          }
        : {},
    ),
  /** `DELETE <path>/{id}`. */
  delete: <L extends Layout>(spec: OperationSpec<L>) => declare("delete", spec),
  /** `POST <path>/upsert?<filters>`. */
  upsert: <L extends Layout>(spec: OperationSpec<L> & { filtersKey: keyof L & string }) =>
    declare("upsert", spec, { filtersKey: spec.filtersKey }),
  /** Look up by email or a custom field, create when none matches. */
  findOrCreate: <L extends Layout>(
    spec: OperationSpec<L> & { emailKey: string; customFieldsKey: keyof L & string },
  ) =>
    declare("findOrCreate", spec, {
      emailKey: spec.emailKey,
      customFieldsKey: spec.customFieldsKey,
    }),
  /** `GET /v3/<key>/stream`. */
  stream: (spec: { label?: string; events?: string; changed?: string } = {}): Operation => ({
    kind: "stream",
    ...(spec.label ? { label: spec.label } : {}),
    description: "",
    layout: streamLayout,
    check: () => undefined,
    ...(spec.events ? { events: spec.events } : {}),
    ...(spec.changed ? { changed: spec.changed } : {}),
  }),
};

/** A Sell resource, declared once. */
export interface Resource<R extends RecordData = RecordData> {
  /** Plural key, as in URLs and Firehose: `leads`. */
  readonly key: string;
  readonly name: { readonly one: string; readonly many: string };
  /** `meta.type` of its records. */
  readonly type: string;
  /** v2 collection path: `/leads`; parents in braces: `/orders/{orderId}/line_items`. */
  readonly path: string;
  /** Sell API reference page. */
  readonly docs: string;
  /** Loose schema of a record: every documented field typed, unknown fields passed through. */
  readonly record: z.ZodType<R>;
  /** A realistic record (`src/resources/examples/`), used for example payloads. */
  readonly example: R;
  /** The attributes a record can be written with (upserts copy their filters into these). */
  readonly fields?: Fields;
  /** Actions built from the resource, by action key. */
  readonly operations?: Readonly<Record<string, Operation>>;
  /** Picklists (data sources) of its records. */
  readonly picklists?: ReadonlyArray<PicklistSpec<R>>;
  /** Firehose (`GET /v3/<key>/stream`): the attributes its events carry. */
  readonly stream?: { readonly attributes: readonly string[] };
  /** Search API (`POST /v3/<key>/search`). */
  readonly search?: boolean;
  /** The list-polling trigger can watch it (`sort_by=updated_at:desc`). */
  readonly poll?: boolean;
  /** Attributes Sell computes when a record is read (a task's `overdue`): not a change. */
  readonly computedAttributes?: readonly string[];
  /** Resource types whose custom field definitions type its `custom_fields` (e.g. `["lead"]`). */
  readonly customFieldTypes?: readonly string[];
}

/** Declares a resource, keeping its literal type (operation keys, record type). */
export const defineResource = <D extends Resource>(resource: D): D => resource;

/** The action keys a resource declares. */
export type OperationKey<D extends Resource> = D extends { operations: infer O }
  ? keyof O & string
  : never;

/** The request an operation sends: what tests check it against and tools show. */
export interface Endpoint {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  readonly version: "v2" | "v3";
  /** Path template; `{name}` is filled from the input of that key. */
  readonly path: string;
  /** Where field values go unless a field says otherwise. */
  readonly fieldsTo: "query" | "body";
}

/** The endpoint of an operation (Find or Create sends several requests: it has none). */
export function endpointOf(resource: Resource, operation: Operation): Endpoint | undefined {
  const byId = `${resource.path}/{id}`;
  switch (operation.kind) {
    case "list":
      return { method: "GET", version: "v2", path: resource.path, fieldsTo: "query" };
    case "get":
      return { method: "GET", version: "v2", path: byId, fieldsTo: "query" };
    case "create":
      return { method: "POST", version: "v2", path: resource.path, fieldsTo: "body" };
    case "update":
      return { method: "PUT", version: "v2", path: byId, fieldsTo: "body" };
    case "delete":
      return { method: "DELETE", version: "v2", path: byId, fieldsTo: "query" };
    case "upsert":
      return { method: "POST", version: "v2", path: `${resource.path}/upsert`, fieldsTo: "body" };
    case "stream":
      return { method: "GET", version: "v3", path: `/${resource.key}/stream`, fieldsTo: "query" };
    case "findOrCreate":
      return undefined;
  }
}
