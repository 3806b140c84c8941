import {
  type ActionContext,
  action,
  type Connection,
  type InputFieldDefinition,
} from "@prismatic-io/spectral";
import {
  createSellClient,
  InputError,
  type RecordData,
  type SellClient,
  type SellClientContext,
} from "../client";
import { connectionInput } from "../connections";
import {
  DEFAULT_MAX_EVENTS,
  DEFAULT_MAX_ITEMS,
  fetchAll,
  limit,
  maxEvents,
  maxItems,
  position,
  readUntilCaughtUp,
} from "../resources/common";
import { withTypedCustomFields } from "../resources/customFieldTypes";
import {
  cleanField,
  type FieldValue,
  inputValue,
  type Layout,
  layoutInputs,
  type Resource,
  type Rule,
  readLayout,
  targetOf,
  toBody,
  toQuery,
} from "../resources/define";
import {
  choice,
  email as emailKind,
  type FieldSpec,
  id as idField,
  text,
  toggle,
} from "../resources/fields";
import {
  bodyMatchingFilters,
  type MatchFilter,
  matchFiltersOf,
  writableAttributes,
} from "./matchFilters";

/**
 * Factories for the operations every resource shares. Each returns an ordinary spectral
 * `action()`; the action files export them one per key (`export const createLead = …`).
 * Factories own nothing but wiring: inputs come from the resource's layout, requests from the
 * same layout, and HTTP from the Sell client. No try/catch: errors go to the component hook.
 */

export const API_REFERENCE = "API reference:";
export const describe = (text: string, docs: string): string => `${text} ${API_REFERENCE} ${docs}`;

/** The connection param, checked (the platform passes a connection object). */
export function connectionFrom(params: Readonly<Record<string, unknown>>): Connection {
  const value = params.connection;
  if (!value || typeof value !== "object" || typeof (value as Connection).key !== "string") {
    throw new InputError("Connection", "is required: choose a Zendesk Sell connection");
  }
  return value as Connection;
}

/** A Sell client for a step, with the step's logger and debug flag. */
export const sellFor = (
  context: SellClientContext,
  params: Readonly<Record<string, unknown>>,
): SellClient => createSellClient(connectionFrom(params), context);

/**
 * Fills a path template such as `/orders/{orderId}/line_items` from the inputs of the same
 * name, URL-encoded, and returns the inputs it used up (they are not sent again).
 */
export function fillPath(
  template: string,
  values: readonly FieldValue[],
): { path: string; consumed: string[] } {
  const consumed: string[] = [];
  const path = template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = values.find((v) => v.key === key)?.value;
    if (value === undefined) throw new InputError(key, "is required");
    consumed.push(key);
    return encodeURIComponent(String(value));
  });
  return { path, consumed };
}

const recordPath = (collectionPath: string, recordId: number | string): string =>
  `${collectionPath}/${encodeURIComponent(String(recordId))}`;

/** Values minus the inputs already used in the path. */
const without = (values: readonly FieldValue[], keys: readonly string[]): FieldValue[] =>
  values.filter((v) => !keys.includes(v.key));

const single = (resource: Resource) => ({ data: resource.example, meta: { type: resource.type } });

export const singleExample = (resource: Resource) => ({ data: single(resource) });

export const listExample = (resource: Resource) => ({
  data: {
    items: [single(resource)],
    meta: {
      type: "collection",
      count: 1,
      links: { self: `https://api.getbase.com/v2${resource.path}?page=1&per_page=25` },
    },
  },
});

type Inputs = Record<string, InputFieldDefinition>;

/**
 * The layout each action was built from, by action definition. Spectral ignores it; tools use it
 * to know every input's kind (contract tests generate valid values from it, the CLI runner
 * prints it).
 */
const layouts = new WeakMap<object, Layout>();

export const layoutOf = (definition: object): Layout | undefined => layouts.get(definition);

/** The request a factory-built action sends (path templates use input keys: `/leads/{id}`). */
export interface Operation {
  kind: "list" | "get" | "create" | "update" | "delete" | "upsert" | "stream";
  method: "GET" | "POST" | "PUT" | "DELETE";
  version: "v2" | "v3";
  path: string;
  /** Where field values go unless a field says otherwise. */
  fieldsTo: "query" | "body";
}

const operations = new WeakMap<object, Operation>();

export const operationOf = (definition: object): Operation | undefined =>
  operations.get(definition);

export const registerLayout = <T extends object>(
  definition: T,
  layout: Layout,
  operation?: Operation,
): T => {
  layouts.set(definition, layout);
  if (operation) operations.set(definition, operation);
  return definition;
};

const withConnection = (inputs: Inputs): Inputs => ({
  connection: connectionInput as InputFieldDefinition,
  ...inputs,
});

interface OperationSpec {
  /** Overrides the default "Create Lead" style label. */
  label?: string;
  /** What the action does; the API reference link is appended. */
  description: string;
  layout: Layout;
  rules?: readonly Rule[];
}

const checkRules = (rules: readonly Rule[] | undefined, values: readonly FieldValue[]) => {
  for (const rule of rules ?? []) rule(values);
};

/** Fetch All / Max Items, shared by the list actions and search. */
export const listControlFields: Layout = { fetchAll, maxItems };
export const listControls = layoutInputs(listControlFields);

export const readListControls = (params: Readonly<Record<string, unknown>>) => ({
  fetchAll: cleanField(fetchAll, params.fetchAll) === true,
  maxItems: cleanField(maxItems, params.maxItems) ?? DEFAULT_MAX_ITEMS,
});

/** `GET <path>`: one page as Sell returns it, or with Fetch All every page up to Max Items. */
export function listAction(resource: Resource, spec: OperationSpec) {
  return registerLayout(
    action({
      display: {
        label: spec.label ?? `List ${resource.name.many}`,
        description: describe(spec.description, resource.docs),
      },
      inputs: withConnection({ ...listControls, ...layoutInputs(spec.layout) }),
      perform: async (context, params): Promise<{ data: unknown }> => {
        const values = readLayout(spec.layout, params);
        checkRules(spec.rules, values);
        const controls = readListControls(params);
        const { path, consumed } = fillPath(resource.path, values);
        const sell = sellFor(context, params);
        const query = toQuery(without(values, consumed));
        if (!controls.fetchAll) return { data: await sell.v2.list(path, query) };
        const { page: _page, per_page: _perPage, ...filters } = query;
        const all = await sell.v2.collect(path, filters, { maxItems: controls.maxItems });
        return {
          data: {
            items: all.items,
            meta: {
              type: "collection",
              count: all.items.length,
              links: {},
              truncated: all.truncated,
            },
          },
        };
      },
      examplePayload: listExample(resource),
    }),
    { ...listControlFields, ...spec.layout },
    { kind: "list", method: "GET", version: "v2", path: resource.path, fieldsTo: "query" },
  );
}

/** The record ID input of get/update/delete. */
export const recordId = (
  resource: Resource,
  options: { label?: string; dataSource?: string } = {},
): FieldSpec<number> =>
  idField("id", options.label ?? `${resource.name.one} ID`, {
    required: true,
    comments: `The ID of the ${resource.name.one.toLowerCase()}.`,
    ...(options.dataSource ? { dataSource: options.dataSource } : {}),
  });

/** `GET <path>/:id`. */
export function getAction(
  resource: Resource,
  spec: {
    idField: FieldSpec<number>;
    description: string;
    layout?: Layout;
    label?: string;
    /** Inputs of a parent record in the path (`orderId` of `/orders/{orderId}/line_items`). */
    parent?: Layout;
  },
) {
  const layout: Layout = { ...(spec.parent ?? {}), id: spec.idField, ...(spec.layout ?? {}) };
  return registerLayout(
    action({
      display: {
        label: spec.label ?? `Get ${resource.name.one}`,
        description: describe(spec.description, resource.docs),
      },
      inputs: withConnection(layoutInputs(layout)),
      perform: async (context, params): Promise<{ data: unknown }> => {
        const values = readLayout(layout, params);
        const { path, consumed } = fillPath(resource.path, values);
        const query = toQuery(without(values, ["id", ...consumed]));
        const recordValue = inputValue(values, "id") as number;
        return {
          data: await sellFor(context, params).v2.get(recordPath(path, recordValue), query),
        };
      },
      examplePayload: singleExample(resource),
    }),
    layout,
    { kind: "get", method: "GET", version: "v2", path: `${resource.path}/{id}`, fieldsTo: "query" },
  );
}

/** `POST <path>` with `{ data }`. Never retried once it may have reached Sell. */
export function createAction(resource: Resource, spec: OperationSpec) {
  return registerLayout(
    action({
      display: {
        label: spec.label ?? `Create ${resource.name.one}`,
        description: describe(spec.description, resource.docs),
      },
      inputs: withConnection(layoutInputs(spec.layout)),
      perform: async (context, params): Promise<{ data: unknown }> => {
        const values = readLayout(spec.layout, params);
        checkRules(spec.rules, values);
        const { path, consumed } = fillPath(resource.path, values);
        const sell = sellFor(context, params);
        const body = await withTypedCustomFields(
          sell,
          resource.customFieldTypes,
          toBody(without(values, consumed)),
        );
        return { data: await sell.v2.create(path, body) };
      },
      examplePayload: singleExample(resource),
    }),
    spec.layout,
    { kind: "create", method: "POST", version: "v2", path: resource.path, fieldsTo: "body" },
  );
}

/** Which record an update targets, and which inputs were used up saying so (not sent in the body). */
export interface UpdateTarget {
  id: number;
  consumed: readonly string[];
}

/** `PUT <path>/:id` with only the fields that were given. */
export function updateAction(
  resource: Resource,
  spec: OperationSpec & {
    idField: FieldSpec<number>;
    parent?: Layout;
    resolveTarget?: (values: readonly FieldValue[], context: ActionContext) => UpdateTarget;
  },
) {
  const layout: Layout = { ...(spec.parent ?? {}), id: spec.idField, ...spec.layout };
  return registerLayout(
    action({
      display: {
        label: spec.label ?? `Update ${resource.name.one}`,
        description: describe(spec.description, resource.docs),
      },
      inputs: withConnection(layoutInputs(layout)),
      perform: async (context, params): Promise<{ data: unknown }> => {
        const values = readLayout(layout, params);
        checkRules(spec.rules, values);
        const target: UpdateTarget = spec.resolveTarget
          ? spec.resolveTarget(values, context)
          : { id: values.find((v) => v.key === "id")?.value as number, consumed: ["id"] };
        const { path, consumed } = fillPath(resource.path, values);
        const body = toBody(without(values, [...target.consumed, ...consumed]));
        if (Object.keys(body).length === 0) {
          throw new InputError(
            spec.label ?? `Update ${resource.name.one}`,
            "no field to change was given: set at least one field",
          );
        }
        const sell = sellFor(context, params);
        const typedBody = await withTypedCustomFields(sell, resource.customFieldTypes, body);
        return { data: await sell.v2.update(recordPath(path, target.id), typedBody) };
      },
      examplePayload: singleExample(resource),
    }),
    layout,
    {
      kind: "update",
      method: "PUT",
      version: "v2",
      path: `${resource.path}/{id}`,
      fieldsTo: "body",
    },
  );
}

/** `DELETE <path>/:id`; returns `{ data: null }` (Sell answers 204 with no body). */
export function deleteAction(
  resource: Resource,
  spec: { idField: FieldSpec<number>; description: string; label?: string; parent?: Layout },
) {
  const layout: Layout = { ...(spec.parent ?? {}), id: spec.idField };
  return registerLayout(
    action({
      display: {
        label: spec.label ?? `Delete ${resource.name.one}`,
        description: describe(spec.description, resource.docs),
      },
      inputs: withConnection(layoutInputs(layout)),
      perform: async (context, params): Promise<{ data: null }> => {
        const values = readLayout(layout, params);
        const { path } = fillPath(resource.path, values);
        await sellFor(context, params).v2.delete(
          recordPath(path, inputValue(values, "id") as number),
        );
        return { data: null };
      },
      examplePayload: { data: null },
    }),
    layout,
    {
      kind: "delete",
      method: "DELETE",
      version: "v2",
      path: `${resource.path}/{id}`,
      fieldsTo: "query",
    },
  );
}

/**
 * Maps a filter key typed by a user to a Sell query parameter: a known list filter or a
 * bracketed `custom_fields[...]` key is kept; any other key is taken as a custom field name.
 */
export const filterKey = (key: string, knownFilters: ReadonlySet<string>): string =>
  knownFilters.has(key) || /^custom_fields\[.+\]$/.test(key) ? key : `custom_fields[${key}]`;

/** Query parameter names a list layout sends (used to recognise upsert filter keys). */
export function filterNames(layout: Layout): Set<string> {
  const names = new Set<string>();
  for (const entry of Object.values(layout)) {
    const fields = "group" in entry ? Object.values(entry.fields) : [entry];
    for (const field of fields) {
      const [head, ...rest] = field.api;
      if (head !== undefined) names.add(rest.reduce((key, part) => `${key}[${part}]`, head));
    }
  }
  return names;
}

/**
 * The filters an upsert's inputs give, one per key, in order: the Filters pairs (a bare name is
 * a custom field) and the inputs sent as query parameters (`inclusive`, `creator_id`). A key
 * given twice, or a filter without a value, is an input error.
 */
function upsertFilters(
  values: readonly FieldValue[],
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
  for (const { field, value, label } of values) {
    if (targetOf(field, "body") !== "query") continue;
    if (field.kind === "pairs") {
      for (const [key, pairValue] of value as Array<[string, string]>)
        add(filterKey(key, knownFilters), pairValue, label);
    } else {
      add(Object.keys(toQuery([{ key: "", field, value, label }], "body"))[0] ?? "", value, label);
    }
  }
  return filters;
}

/** The connected user's ID (`GET /v2/users/self`), to check a `creator_id` filter. */
async function connectedUserId(sell: SellClient): Promise<number | undefined> {
  const { data } = await sell.v2.get("/users/self");
  return typeof data.id === "number" ? data.id : undefined;
}

/**
 * `POST <path>/upsert?<filters>` with `{ data }`: Sell updates the one record the filters match,
 * creates one when none does, and answers 409 when several do. Filters travel as query
 * parameters; at least one is required, so the request is never sent without. The body carries
 * every filter (see `matchFilters.ts`), so the record an upsert creates matches its own filters
 * and a repeat updates it: that is what makes an upsert safe to retry.
 */
export function upsertAction(
  resource: Resource,
  spec: OperationSpec & {
    filtersKey: string;
    knownFilters: ReadonlySet<string>;
    /** The layout of a create: which attributes a record can be written with. */
    writable: Layout;
  },
) {
  const writable = writableAttributes(spec.writable);
  return registerLayout(
    action({
      display: {
        label: spec.label ?? `Upsert ${resource.name.one}`,
        description: describe(spec.description, resource.docs),
      },
      inputs: withConnection(layoutInputs(spec.layout)),
      perform: async (context, params): Promise<{ data: unknown }> => {
        const values = readLayout(spec.layout, params);
        checkRules(spec.rules, values);
        const filtersLabel = values.find((v) => v.key === spec.filtersKey)?.label ?? "Filters";
        const filters = upsertFilters(values, spec.knownFilters);
        const matching = matchFiltersOf(filters, writable);
        if (matching.length === 0) {
          throw new InputError(
            filtersLabel,
            "needs at least one filter on the record's own attributes (for example email = mark@example.com, or a filterable custom field) so Sell can find the record to update; no request was sent",
          );
        }
        const sell = sellFor(context, params);
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
          toBody(values),
          matching,
          writable,
        );
        const query = Object.fromEntries(filters.map((f) => [f.key, f.value]));
        return { data: await sell.v2.upsert(`${resource.path}/upsert`, body, query) };
      },
      examplePayload: singleExample(resource),
    }),
    spec.layout,
    {
      kind: "upsert",
      method: "POST",
      version: "v2",
      path: `${resource.path}/upsert`,
      fieldsTo: "body",
    },
  );
}

export const streamExample = (resource: Pick<Resource, "type" | "example">) => ({
  data: {
    items: [
      {
        data: resource.example,
        meta: {
          type: resource.type,
          event_type: "updated",
          event_cause: "interaction",
          event_id: "BJ5093YlSV6LcM6mO6Re7g",
          event_time: "2026-11-20T13:52:42Z",
          sequence: 3,
          previous: { updated_at: "2026-11-19T08:00:00Z" },
        },
      },
    ],
    meta: {
      position: "ZmlyZWhvc2UuZXhhbXBsZS5wb3NpdGlvbiwxLDMwNTQ5Mg==",
      top: true,
      links: {
        next: "https://api.getbase.com/v3/leads/stream?position=ZmlyZWhvc2UuZXhhbXBsZS5wb3NpdGlvbiwxLDMwNTQ5Mg==",
      },
    },
  },
});

export const streamLayout: Layout = { position, limit, readUntilCaughtUp, maxEvents };
export const streamInputs = layoutInputs(streamLayout);

/**
 * Reads a Firehose stream: one request from Position, or with Read Until Caught Up every page
 * until Sell reports `top`, returning all events and the position to continue from.
 */
export async function readStream(
  sell: SellClient,
  resourceKey: string,
  params: Readonly<Record<string, unknown>>,
): Promise<{ data: unknown }> {
  const from = cleanField(position, params.position) as string;
  const pageLimit = cleanField(limit, params.limit);
  if (cleanField(readUntilCaughtUp, params.readUntilCaughtUp) !== true) {
    return { data: await sell.v3.streamPage(resourceKey, from, pageLimit) };
  }
  const cap = cleanField(maxEvents, params.maxEvents) ?? DEFAULT_MAX_EVENTS;
  const items: RecordData[] = [];
  let last: { position: string; top: boolean; links?: { next?: string } } = {
    position: from,
    top: false,
  };
  for await (const page of sell.v3.stream(resourceKey, {
    position: from,
    limit: pageLimit ?? 100,
    maxEvents: cap,
  })) {
    items.push(...page.items);
    last = page.meta;
  }
  return {
    data: {
      items,
      meta: {
        position: last.position,
        top: last.top,
        count: items.length,
        ...(last.links ? { links: last.links } : {}),
      },
    },
  };
}

/** `GET /v3/<resource>/stream` for one resource. */
export function streamAction(
  resource: Pick<Resource, "key" | "type" | "example" | "name">,
  spec: { label?: string; events?: string; changed?: string } = {},
) {
  const events = spec.events ?? resource.name.one.toLowerCase();
  const changed = spec.changed ? ` such as ${spec.changed}` : "";
  return registerLayout(
    action({
      display: {
        label: spec.label ?? `Get ${resource.name.many} Stream`,
        description: describe(
          `Reads ${events} events (created, updated with the previous values${changed}, deleted) from Sell's Firehose, from a position; optionally until caught up. Needs the account's root user and a plan with Firehose.`,
          "https://developer.zendesk.com/api-reference/sales-crm/firehose/overview/",
        ),
      },
      inputs: withConnection(streamInputs),
      perform: async (context, params): Promise<{ data: unknown }> =>
        readStream(sellFor(context, params), resource.key, params),
      examplePayload: streamExample(resource),
    }),
    streamLayout,
    {
      kind: "stream",
      method: "GET",
      version: "v3",
      path: `/${resource.key}/stream`,
      fieldsTo: "query",
    },
  );
}

// ---- find or create ---------------------------------------------------------------------------

const matchOn = choice([], "Match On", ["email", "custom_field"], {
  required: true,
  default: "email",
  comments:
    "How to look for an existing record before creating one: by email address, or by a custom field (one marked Filterable in Sell, such as an external ID).",
});
const matchCustomField = text([], "Match Custom Field", {
  comments:
    "With Match On = custom_field: the name of the custom field to look up (it must be Filterable in Sell).",
  example: "External ID",
});
const matchValue = text([], "Match Value", {
  comments:
    "The value to look for. Defaults to the Email input (Match On = email), or to that custom field's value in Custom Fields.",
});
/** How a Match Value looked up by email is read (trimmed, checked to be an address). */
const emailField = emailKind([], "Match Value");
const updateExisting = toggle("Update When Found", {
  comments:
    "When true, a record that is found is updated with the fields given; otherwise it is returned unchanged.",
});

export const findOrCreateControls: Layout = {
  matchOn,
  matchCustomField,
  matchValue,
  updateExisting,
};

/**
 * Looks for a record by email or by a filterable custom field and creates it only when none
 * exists, so a form posted twice does not create two records. Returns the record's envelope
 * with `meta.created` (and `meta.matches`). Two runs at the very same moment can still both
 * create: Sell offers no lock; Upsert has the same limit.
 */
export function findOrCreateAction(
  resource: Resource,
  spec: OperationSpec & { emailKey: string; customFieldsKey: string },
) {
  const layout: Layout = { ...findOrCreateControls, ...spec.layout };
  const writable = writableAttributes(spec.layout);
  return registerLayout(
    action({
      display: {
        label: spec.label ?? `Find or Create ${resource.name.one}`,
        description: describe(spec.description, resource.docs),
      },
      inputs: withConnection(layoutInputs(layout)),
      perform: async (context, params): Promise<{ data: unknown }> => {
        const values = readLayout(layout, params);
        const controlKeys = Object.keys(findOrCreateControls);
        const recordValues = values.filter((v) => !controlKeys.includes(v.key));
        checkRules(spec.rules, recordValues);
        const mode = inputValue(values, "matchOn") ?? "email";
        const given = (inputValue(values, "matchValue") as string | undefined)?.trim() || undefined;
        let filter: MatchFilter;
        if (mode === "email") {
          const lookFor =
            given === undefined
              ? (inputValue(values, spec.emailKey) as string | undefined)
              : emailField.parse(given, "Match Value");
          if (!lookFor)
            throw new InputError(
              "Match Value",
              "or Email is required to look for an existing record by email",
            );
          filter = { key: "email", value: lookFor, label: "Match Value" };
        } else {
          const fieldName = (inputValue(values, "matchCustomField") as string | undefined)?.trim();
          if (!fieldName)
            throw new InputError("Match Custom Field", "is required when Match On is custom_field");
          const customValues = (inputValue(values, spec.customFieldsKey) ?? {}) as Record<
            string,
            unknown
          >;
          const fromCustomFields = Object.entries(customValues).find(
            ([name]) => name.trim().toLowerCase() === fieldName.toLowerCase(),
          )?.[1];
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
        const sell = sellFor(context, params);
        // The record created must carry the value it was looked up by, or the next run would
        // not find it and create another.
        const body = await bodyMatchingFilters(
          sell,
          resource.customFieldTypes,
          toBody(recordValues),
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
          const matches = found.meta?.links?.next_page
            ? found.items.length + 1
            : found.items.length;
          const record =
            inputValue(values, "updateExisting") === true && Object.keys(body).length > 0
              ? await sell.v2.update(
                  `${resource.path}/${encodeURIComponent(String(first.data.id))}`,
                  body,
                )
              : first;
          return { data: { ...record, meta: { ...record.meta, created: false, matches } } };
        }
        const created = await sell.v2.create(resource.path, body);
        return { data: { ...created, meta: { ...created.meta, created: true, matches: 0 } } };
      },
      examplePayload: {
        data: { data: resource.example, meta: { type: resource.type, created: false, matches: 1 } },
      },
    }),
    layout,
  );
}
