/**
 * The generic resource engine: create/update/delete with validation and hooks, rendering (v2 and
 * Firehose), list queries (filters, ids, inclusive, sort, pagination) and upserts, plus the HTTP
 * handlers built on them. Resource modules only describe fields and rules.
 */
import {
  customFieldMatches,
  customFieldValues,
  FILTERABLE_TYPES,
  findDefinition,
} from "./customFields";
import {
  FieldErrors,
  fieldError,
  forbidden,
  invalidParam,
  invalidPayload,
  notFound,
  SellError,
  unexpectedParam,
} from "./errors";
import { checkRequired, renderFields, validateInput } from "./fields";
import type { Ctx, FieldSpec, FilterSpec, ResourceDef, World } from "./types";
import { clone, isDate, isRec, type Json, type Rec, toDecimal } from "./util";

export interface Reply {
  status: number;
  body?: Json;
  /** Non-JSON body (plain text / HTML faults). */
  raw?: { contentType: string; text: string };
  headers?: Record<string, string>;
}

export interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
}

// ---------------------------------------------------------------------------------------------
// Rendering

export function renderV2(
  world: World,
  def: ResourceDef,
  record: Rec,
  query?: URLSearchParams,
): Rec {
  const output = renderFields(def, record);
  return def.render ? def.render(world, record, output, query) : output;
}

/** Firehose snapshot of a stored record of `table` (§6.1 attribute sets). */
export function renderFirehose(world: World, table: string, record: Rec): Rec {
  const def = world.registry.primary(table);
  const v2 = renderV2(world, def, record);
  if (!def.firehose) return v2;
  const out: Rec = {};
  for (const [key, spec] of Object.entries(def.fields)) {
    // No documented set carries updated_at (§6.1).
    if (spec.firehose === false || key === "updated_at") continue;
    const { as, value } = spec.firehose ?? {};
    if (value) out[as ?? key] = value(world, record);
    else if (spec.type === "custom_fields")
      out[as ?? "custom_field_values"] = customFieldValues(
        world,
        def.customFields ?? [],
        record[key] ?? null,
      );
    else if (spec.type === "decimal") out[as ?? key] = record[key] ?? null;
    else out[as ?? key] = key in v2 ? (v2[key] ?? null) : (record[key] ?? null);
  }
  if (def.firehose !== true)
    for (const [key, value] of Object.entries(def.firehose.extra)) out[key] = value(world, record);
  return out;
}

export const single = (
  world: World,
  def: ResourceDef,
  record: Rec,
  query?: URLSearchParams,
): Reply => ({
  status: 200,
  body: { data: renderV2(world, def, record, query), meta: { type: def.type } },
});

// ---------------------------------------------------------------------------------------------
// Writes

function emptyValue(spec: FieldSpec): Json {
  if (spec.type === "tags" || spec.type === "int_array") return [];
  if (spec.type === "custom_fields") return {};
  return null;
}

/** Creates a record from a write body's `data`; throws a 422 SellError on validation errors. */
export function createRecord(ctx: Ctx, def: ResourceDef, input: Rec): Rec {
  const errors = new FieldErrors(def.type);
  const clean = validateInput(ctx, def, input, undefined, errors);
  const next: Rec = {};
  for (const [key, spec] of Object.entries(def.fields)) {
    if (key in clean) next[key] = clean[key] ?? null;
    else if (spec.default !== undefined)
      next[key] =
        typeof spec.default === "function" ? spec.default(ctx, clean) : clone(spec.default);
    else next[key] = emptyValue(spec);
  }
  Object.assign(next, clone(def.scope ?? {}));
  if ("creator_id" in def.fields) next.creator_id = (ctx.user.id as number) ?? null;
  if (def.parent) next[def.parent.field] = ctx.params[def.parent.param] ?? null;
  checkRequired(def, next, errors);
  def.hooks?.prepare?.(ctx, next, undefined, errors, clean);
  errors.throwIfAny();
  checkUnique(ctx, def, next, undefined);
  delete next.id;
  if ("created_at" in def.fields) next.created_at = null;
  if ("updated_at" in def.fields) next.updated_at = null;
  const stored = ctx.store.insert(def.table, next);
  def.hooks?.afterWrite?.(ctx, stored, undefined);
  return ctx.store.get(def.table, stored.id as number) ?? stored;
}

/** Partial update (PUT semantics): only the attributes sent change. */
export function updateRecord(ctx: Ctx, def: ResourceDef, existing: Rec, input: Rec): Rec {
  const errors = new FieldErrors(def.type);
  const clean = validateInput(ctx, def, input, existing, errors);
  const next: Rec = { ...clone(existing), ...clean };
  def.hooks?.prepare?.(ctx, next, existing, errors, clean);
  errors.throwIfAny();
  checkUnique(ctx, def, next, existing);
  const stored = ctx.store.update(def.table, existing.id as number, next);
  def.hooks?.afterWrite?.(ctx, stored, existing);
  return ctx.store.get(def.table, stored.id as number) ?? stored;
}

export function deleteRecord(ctx: Ctx, def: ResourceDef, record: Rec): void {
  if (def.adminDelete && ctx.user.role !== "admin")
    throw forbidden(
      `Only admins can delete ${def.type}s. Make sure you are an admin on Sell Enterprise Plan or higher.`,
    );
  def.hooks?.beforeDelete?.(ctx, record);
  ctx.store.remove(def.table, record.id as number);
  def.hooks?.afterDelete?.(ctx, record);
}

function checkUnique(world: World, def: ResourceDef, next: Rec, existing: Rec | undefined): void {
  if (!def.unique) return;
  const { field, per } = def.unique;
  const value = next[field];
  if (value === null || value === undefined) return;
  const clash = world.store
    .all(def.table)
    .find(
      (r) =>
        r.id !== existing?.id && r[field] === value && (per === undefined || r[per] === next[per]),
    );
  if (clash) throw fieldError(def.type, field, "already_exists");
}

/** Checks that `{data: {...}}` is what was sent; returns `data`. */
export function parseWriteBody(body: string): Rec {
  if (body.trim() === "")
    throw invalidPayload('The request body is empty; expected {"data": {...}}.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw invalidPayload("The request body could not be parsed as JSON.");
  }
  if (!isRec(parsed) || !isRec(parsed.data))
    throw invalidPayload("The request body must be a JSON object with a 'data' object.");
  const extra = Object.keys(parsed).find((k) => k !== "data" && k !== "meta");
  if (extra) throw invalidPayload(`The request body has an unexpected top-level key '${extra}'.`);
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------
// Queries

export function getPath(record: Rec, path: string): Json | undefined {
  let current: Json | undefined = record;
  for (const part of path.split(".")) {
    if (!isRec(current)) return undefined;
    current = current[part];
  }
  return current;
}

function parseFilterValue(name: string, spec: FilterSpec, raw: string): string | number | boolean {
  switch (spec.kind) {
    case "int":
      if (!/^-?\d+$/.test(raw)) throw invalidParam(name, `must be an integer, given: ${raw}`);
      return Number(raw);
    case "bool":
      if (raw !== "true" && raw !== "false")
        throw invalidParam(name, `must be true or false, given: ${raw}`);
      return raw === "true";
    case "date":
      if (!isDate(raw)) throw invalidParam(name, `must be a date (YYYY-MM-DD), given: ${raw}`);
      return raw;
    case "decimal": {
      const d = toDecimal(raw);
      if (d === undefined) throw invalidParam(name, `must be a decimal number, given: ${raw}`);
      return d;
    }
    case "string":
      if (spec.enum && !spec.enum.includes(raw))
        throw invalidParam(name, `must be one of: ${spec.enum.join(", ")}, given: ${raw}`);
      return raw;
  }
}

type Predicate = (record: Rec) => boolean;

interface SortKey {
  field: string;
  custom: boolean;
  desc: boolean;
}

export interface ListQuery {
  page: number;
  perPage: number;
  sort: SortKey[];
  filters: Predicate[];
  inclusive: boolean;
  ids?: Set<number>;
}

const CUSTOM_FIELD_PARAM = /^custom_fields\[(.+)\]$/;

/** Parses filters (and, for lists, pagination/sort/ids); rejects unexpected parameters. */
export function parseQuery(
  world: World,
  def: ResourceDef,
  query: URLSearchParams,
  mode: "list" | "upsert",
): ListQuery {
  const result: ListQuery = { page: 1, perPage: 25, sort: [], filters: [], inclusive: true };
  const scopes = def.customFields ?? [];
  for (const [name, raw] of query) {
    if (mode === "list" && name === "page") {
      if (!/^\d+$/.test(raw) || Number(raw) < 1)
        throw invalidParam("page", `must be greater than or equal to 1, given: ${raw}`);
      result.page = Number(raw);
    } else if (mode === "list" && name === "per_page") {
      if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 100)
        throw invalidParam("per_page", `must be between 1 and 100, given: ${raw}`);
      result.perPage = Number(raw);
    } else if (mode === "list" && name === "sort_by" && !def.fixedSort) {
      result.sort = parseSort(world, def, raw);
    } else if (mode === "list" && name === "ids" && def.idsFilter !== false) {
      const parts = raw.split(",").map((s) => s.trim());
      if (parts.some((p) => !/^\d+$/.test(p)))
        throw invalidParam("ids", `must be a comma-separated list of integers, given: ${raw}`);
      result.ids = new Set(parts.map(Number));
    } else if (name === "inclusive" && def.customFields) {
      if (raw !== "true" && raw !== "false")
        throw invalidParam(name, `must be true or false, given: ${raw}`);
      result.inclusive = raw === "true";
    } else if (def.filters && name in def.filters) {
      const spec = def.filters[name] as FilterSpec;
      const value = parseFilterValue(name, spec, raw);
      const field = spec.field ?? name;
      const match = spec.match;
      result.filters.push(
        match ? (r) => match(r, value, world) : (r) => getPath(r, field) === value,
      );
    } else if (CUSTOM_FIELD_PARAM.test(name) && def.customFields) {
      const fieldName = (CUSTOM_FIELD_PARAM.exec(name) as RegExpExecArray)[1] as string;
      const cf = findDefinition(world, scopes, fieldName);
      if (cf?.filterable !== true || !FILTERABLE_TYPES.includes(String(cf.type)))
        throw unexpectedParam(name);
      result.filters.push((r) =>
        customFieldMatches(
          cf,
          isRec(r.custom_fields) ? r.custom_fields[fieldName] : undefined,
          raw,
        ),
      );
    } else if (mode === "list" && def.extraParams?.includes(name)) {
      // handled by the renderer (includes=…) or accepted and ignored
    } else {
      throw unexpectedParam(name);
    }
  }
  for (const [a, b] of def.pairedFilters ?? []) {
    if (query.has(a) !== query.has(b))
      throw invalidParam(
        query.has(a) ? b : a,
        `must be given together with '${query.has(a) ? a : b}'`,
      );
  }
  if (result.sort.length === 0) {
    result.sort = parseSort(world, def, def.fixedSort ?? def.defaultSort ?? "id:asc", true);
  }
  return result;
}

function parseSort(world: World, def: ResourceDef, raw: string, trusted = false): SortKey[] {
  const keys: SortKey[] = [];
  for (const part of raw.split(",")) {
    let spec = part.trim();
    let desc = false;
    if (/:desc$/i.test(spec)) {
      desc = true;
      spec = spec.slice(0, -5);
    } else if (/:asc$/i.test(spec)) {
      spec = spec.slice(0, -4);
    }
    if (spec.startsWith("custom_fields:") && def.customFields) {
      const name = spec.slice("custom_fields:".length);
      const cf = findDefinition(world, def.customFields, name);
      if (cf?.filterable !== true)
        throw invalidParam("sort_by", `custom field '${name}' is not filterable, given: ${raw}`);
      keys.push({ field: name, custom: true, desc });
      continue;
    }
    const field = def.fields[spec];
    const sortable =
      field !== undefined &&
      !field.hidden &&
      ["int", "string", "bool", "datetime", "date", "decimal"].includes(field.type);
    if (!sortable && !trusted)
      throw invalidParam("sort_by", `must be a sortable attribute of ${def.type}, given: ${raw}`);
    keys.push({ field: spec, custom: false, desc });
  }
  return keys;
}

function sortValue(def: ResourceDef, record: Rec, key: SortKey): Json | undefined {
  if (key.custom) return isRec(record.custom_fields) ? record.custom_fields[key.field] : undefined;
  const v = record[key.field];
  if (def.fields[key.field]?.type === "decimal" && typeof v === "string") return Number(v);
  return v;
}

export function compareJson(a: Json | undefined, b: Json | undefined): number {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) return aNull && bNull ? 0 : aNull ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  const sa = typeof a === "string" ? a : JSON.stringify(a);
  const sb = typeof b === "string" ? b : JSON.stringify(b);
  const la = sa.toLowerCase();
  const lb = sb.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** Records of a definition's scope (views, nested parent). */
export function scopedRecords(ctx: Ctx, def: ResourceDef): Rec[] {
  let records = ctx.store.all(def.table);
  if (def.scope) {
    const scope = def.scope;
    records = records.filter((r) => Object.entries(scope).every(([k, v]) => r[k] === v));
  }
  if (def.parent) {
    const { field, param } = def.parent;
    records = records.filter((r) => r[field] === ctx.params[param]);
  }
  return records;
}

export function matchAll(
  records: Rec[],
  q: Pick<ListQuery, "filters" | "inclusive" | "ids">,
): Rec[] {
  return records.filter((r) => {
    if (q.ids && !q.ids.has(r.id as number)) return false;
    if (q.filters.length === 0) return true;
    return q.inclusive ? q.filters.every((f) => f(r)) : q.filters.some((f) => f(r));
  });
}

export function sortRecords(def: ResourceDef, records: Rec[], sort: SortKey[]): Rec[] {
  return [...records].sort((a, b) => {
    for (const key of sort) {
      const av = sortValue(def, a, key);
      const bv = sortValue(def, b, key);
      const aNull = av === null || av === undefined;
      const bNull = bv === null || bv === undefined;
      let c: number;
      // Nulls last ascending, first descending (like SQL NULLS LAST on asc).
      if (aNull || bNull) c = aNull && bNull ? 0 : aNull ? 1 : -1;
      else c = compareJson(av, bv);
      if (c !== 0) return key.desc ? -c : c;
    }
    return (a.id as number) - (b.id as number);
  });
}

/** Collection envelope with absolute links built from the parameters as sent (§1.5). */
export function collection(
  ctx: Ctx,
  path: string,
  query: URLSearchParams,
  items: Array<{ data: Rec; type: string }>,
  page: number,
  perPage: number,
  hasMore: boolean,
): Reply {
  const link = (p: number): string => {
    const params = new URLSearchParams(query);
    params.set("page", String(p));
    params.set("per_page", String(perPage));
    return `${ctx.baseUrl}${path}?${params.toString()}`;
  };
  const links: Rec = { self: link(page) };
  if (items.length > 0 || page > 1) links.first_page = link(1);
  if (page > 1) links.prev_page = link(page - 1);
  if (hasMore) links.next_page = link(page + 1);
  return {
    status: 200,
    body: {
      items: items.map((i) => ({ data: i.data, meta: { type: i.type } })),
      meta: { type: "collection", count: items.length, links },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP handlers

/** Rejects every query parameter not in `allowed` (400 "is an unexpected parameter"). */
export function onlyParams(query: URLSearchParams, allowed: readonly string[]): void {
  for (const name of query.keys()) if (!allowed.includes(name)) throw unexpectedParam(name);
}

function requireParent(ctx: Ctx, def: ResourceDef): void {
  if (!def.parent) return;
  const id = ctx.params[def.parent.param] as number;
  if (!ctx.store.get(def.parent.table, id))
    throw notFound(ctx.registry.primary(def.parent.table).type, id);
}

/** Looks a record up by path id within the definition's scope. */
export function findScoped(ctx: Ctx, def: ResourceDef, id: number): Rec {
  requireParent(ctx, def);
  const idField = def.idField ?? "id";
  const record = scopedRecords(ctx, def).find((r) => r[idField] === id);
  if (!record) throw notFound(def.type, id);
  return record;
}

export function handleList(ctx: Ctx, def: ResourceDef, req: Req): Reply {
  requireParent(ctx, def);
  const q = parseQuery(ctx, def, req.query, "list");
  const matched = sortRecords(def, matchAll(scopedRecords(ctx, def), q), q.sort);
  const start = (q.page - 1) * q.perPage;
  const page = matched.slice(start, start + q.perPage);
  return collection(
    ctx,
    req.path,
    req.query,
    page.map((r) => ({ data: renderV2(ctx, def, r, req.query), type: def.type })),
    q.page,
    q.perPage,
    matched.length > start + q.perPage,
  );
}

export function handleGet(ctx: Ctx, def: ResourceDef, req: Req, id: number): Reply {
  onlyParams(req.query, def.extraParams ?? []);
  return single(ctx, def, findScoped(ctx, def, id), req.query);
}

export function handleCreate(ctx: Ctx, def: ResourceDef, req: Req): Reply {
  onlyParams(req.query, []);
  requireParent(ctx, def);
  const record = createRecord(ctx, def, parseWriteBody(req.body));
  return single(ctx, def, record);
}

export function handleUpdate(ctx: Ctx, def: ResourceDef, req: Req, id: number): Reply {
  onlyParams(req.query, []);
  const existing = findScoped(ctx, def, id);
  const record = updateRecord(ctx, def, existing, parseWriteBody(req.body));
  return single(ctx, def, record);
}

export function handleDelete(ctx: Ctx, def: ResourceDef, req: Req, id: number): Reply {
  onlyParams(req.query, []);
  deleteRecord(ctx, def, findScoped(ctx, def, id));
  return { status: 204 };
}

/** `POST /v2/{leads,contacts,deals}/upsert?<filters>`: 0 → create, 1 → update, >1 → 409. */
export function handleUpsert(ctx: Ctx, def: ResourceDef, req: Req): Reply {
  const q = parseQuery(ctx, def, req.query, "upsert");
  if (q.filters.length === 0)
    throw new SellError(400, [
      {
        code: "invalid_param",
        message: "invalid request query parameter",
        details:
          "At least a single filter (query parameter) is required to upsert; no filter was given.",
      },
    ]);
  const data = parseWriteBody(req.body);
  const matches = matchAll(scopedRecords(ctx, def), q);
  if (matches.length > 1)
    throw new SellError(409, [
      {
        code: "conflict",
        message: "more than one record matches the filters",
        details: `The upsert filters match ${matches.length} ${def.type}s (ids ${matches
          .map((m) => m.id)
          .join(", ")}); nothing was changed. Use filters that match at most one record.`,
      },
    ]);
  const existing = matches[0];
  const record = existing ? updateRecord(ctx, def, existing, data) : createRecord(ctx, def, data);
  return single(ctx, def, record);
}
