/**
 * Search API v3 (§7): `POST /v3/{leads,contacts,deals,notes,tasks}/search` over documents built
 * from the stored records with (a subset of) the search index attribute names of
 * sell-schemas/search-v3, and `GET /v3/{deals,leads,contacts}/custom_fields`.
 *
 * A document is derived from the table's fields: each field keeps its name (`<x>_id` references
 * become the object `<x>: {id, name}`, addresses and custom fields take their search form),
 * except the fields an index `omit`s; its `extra` attributes (renames, composites, objects of
 * another shape) are added and override derived ones of the same name.
 */
import { definitions } from "./customFields";
import { errorEnvelope, httpStatusLine, invalidParam, invalidPayload, SellError } from "./errors";
import { compareJson, getPath, type Reply, type Req } from "./resource";
import { isOverdue, reminderOffset } from "./resources/activities";
import { organizationOf } from "./resources/crm";
import type { Ctx, ResourceDef, World } from "./types";
import { decimalNumber, isRec, type Json, type Rec } from "./util";

interface IndexSpec {
  /** Table fields that are not search attributes under their own (or `<x>_id` → `<x>`) name. */
  omit: readonly string[];
  /** Search-only attributes, computed from the stored record. */
  extra(world: World, record: Rec): Rec;
  /** Object attributes of `extra` and their sub-attributes (filter on `.id`, sort on `.name`). */
  objects: Record<string, readonly string[]>;
  /** Sort field of object attributes when not `<name>.name`. */
  sortFields?: Record<string, string>;
}

const IDN = ["id", "name"] as const;
const ADDRESS = ["street", "city", "zip_code", "region", "country"] as const;
const PHONES = ["phone", "mobile"] as const;
const RESOURCE = ["id", "type"] as const;

const str = (v: Json | undefined): Json => (typeof v === "string" ? v : null);
const num = (v: Json | undefined): Json => (typeof v === "number" ? v : null);
const nonEmpty = (...parts: Array<Json | undefined>): string | null =>
  parts.filter((p) => typeof p === "string" && p !== "").join(" ") || null;

function ref(world: World, table: string, id: Json | undefined): Json {
  if (typeof id !== "number") return null;
  const record = world.store.get(table, id);
  return { id, name: record ? (record.name ?? null) : null };
}

function address(a: Json | undefined): Rec {
  const r = isRec(a) ? a : {};
  return {
    street: str(r.line1),
    city: str(r.city),
    zip_code: str(r.postal_code),
    region: str(r.state),
    country: str(r.country),
  };
}

function customFields(world: World, scopes: readonly string[], values: Json | undefined): Rec {
  const out: Rec = {};
  const map = isRec(values) ? values : {};
  for (const def of definitions(world, scopes)) out[String(def.id)] = map[String(def.name)] ?? null;
  return out;
}

const phoneNumbers = (r: Rec): Json => ({ phone: str(r.phone), mobile: str(r.mobile) });

/** `<x>` for a `<x>_id` reference field. */
const refName = (key: string, def: ResourceDef): string | undefined =>
  def.fields[key]?.ref ? /^(.+)_id$/.exec(key)?.[1] : undefined;

const INDEXES: Record<string, IndexSpec> = {
  leads: {
    omit: ["organization_name", "phone", "mobile"],
    objects: { status: ["id", "position"], phone_numbers: PHONES },
    sortFields: {
      status: "status.position",
      phone_numbers: "phone_numbers.phone",
      address: "address.city",
    },
    extra(world, r) {
      const status = world.store.all("lead_statuses").find((s) => s.name === r.status);
      const display = nonEmpty(r.first_name, r.last_name) ?? str(r.organization_name);
      const addr = address(r.address);
      return {
        name: display,
        display_name: display,
        company_name: str(r.organization_name),
        first_or_company_name: str(r.first_name) ?? str(r.organization_name),
        last_or_company_name: str(r.last_name) ?? str(r.organization_name),
        phone_numbers: phoneNumbers(r),
        status: status ? { id: status.id ?? null, position: status.id ?? null } : null,
        ...addr,
        state: addr.region ?? null,
      };
    },
  },
  contacts: {
    omit: ["is_organization", "contact_id", "parent_organization_id", "phone", "mobile"],
    objects: { company: IDN, parent_company: IDN, phone_numbers: PHONES },
    sortFields: { phone_numbers: "phone_numbers.phone", address: "address.city" },
    extra(world, r) {
      const org = r.is_organization === true;
      const company =
        !org && typeof r.contact_id === "number" ? ref(world, "contacts", r.contact_id) : null;
      const parent = org ? ref(world, "contacts", r.parent_organization_id) : null;
      return {
        is_organisation: org,
        display_name: str(r.name),
        first_or_company_name: org ? str(r.name) : str(r.first_name),
        last_or_company_name: org ? str(r.name) : str(r.last_name),
        company,
        company_id: isRec(company) ? (company.id ?? null) : null,
        company_name: isRec(company) ? (company.name ?? null) : null,
        parent_company: parent,
        parent_company_id: isRec(parent) ? (parent.id ?? null) : null,
        parent_company_name: isRec(parent) ? (parent.name ?? null) : null,
        phone_numbers: phoneNumbers(r),
        ...address(r.address),
      };
    },
  },
  deals: {
    omit: [
      "value",
      "last_stage_change_by_id",
      "last_activity_at",
      "dropbox_email",
      "organization_id",
      "customized_win_likelihood",
    ],
    objects: {
      stage: ["id", "position", "is_active"],
      contact: ["id", "name", "last_name"],
      company: IDN,
    },
    sortFields: { stage: "stage.position" },
    extra(world, r) {
      const stage =
        typeof r.stage_id === "number" ? world.store.get("stages", r.stage_id) : undefined;
      const contact =
        typeof r.contact_id === "number" ? world.store.get("contacts", r.contact_id) : undefined;
      const added = typeof r.added_at === "string" ? r.added_at : null;
      return {
        decimal_value: decimalNumber(r.value),
        stage: stage
          ? {
              id: stage.id ?? null,
              position: stage.position ?? null,
              is_active: stage.active ?? null,
            }
          : null,
        pipeline_id: stage ? (stage.pipeline_id ?? null) : null,
        is_won: stage?.category === "won",
        is_closed: stage ? stage.active === false : false,
        contact: contact
          ? {
              id: contact.id ?? null,
              name: contact.name ?? null,
              last_name: contact.last_name ?? null,
            }
          : null,
        company: ref(world, "contacts", organizationOf(world, r.contact_id)),
        added_at: added ? added.slice(0, 10) : null,
        added_at_with_time: added,
      };
    },
  },
  notes: {
    omit: ["resource_type", "resource_id"],
    objects: { owner: IDN, resource: RESOURCE },
    sortFields: { resource: "resource.id" },
    extra(world, r) {
      return {
        owner: ref(world, "users", r.creator_id),
        resource: { id: num(r.resource_id), type: str(r.resource_type) },
      };
    },
  },
  tasks: {
    omit: ["resource_type", "resource_id"],
    objects: { assignee: IDN, resource: RESOURCE },
    sortFields: { resource: "resource.id" },
    extra(world, r) {
      return {
        overdue: isOverdue(world, r),
        reminder_offset: reminderOffset(r),
        assignee: ref(world, "users", r.owner_id),
        resource: r.resource_type ? { id: num(r.resource_id), type: str(r.resource_type) } : null,
      };
    },
  },
};

export const SEARCHABLE = Object.keys(INDEXES);

/** An index resolved against its table definition. */
interface SearchIndex {
  table: string;
  type: string;
  /** Custom field scopes (definitions whose values appear as `custom_fields.<id>`). */
  customFields: readonly string[];
  doc(record: Rec): Rec;
  /** Object attributes and their sub-attributes (filter on `<name>.id`, sort on `<name>.name`). */
  objects: Record<string, readonly string[]>;
  sortFields: Record<string, string>;
}

function searchIndex(world: World, table: string): SearchIndex {
  const spec = INDEXES[table];
  if (!spec) throw new Error(`not searchable: ${table}`);
  const def = world.registry.primary(table);
  const scopes = def.customFields ?? [];
  const fields = Object.entries(def.fields).filter(
    ([key, f]) => !f.hidden && !spec.omit.includes(key),
  );
  const objects: Record<string, readonly string[]> = {};
  for (const [key, f] of fields) {
    const object = refName(key, def);
    if (object) objects[object] = IDN;
    else if (f.type === "address") objects[key] = ADDRESS;
  }
  return {
    table,
    type: def.type,
    customFields: scopes,
    objects: { ...objects, ...spec.objects },
    sortFields: spec.sortFields ?? {},
    doc(r) {
      const doc: Rec = {};
      for (const [key, f] of fields) {
        const v = r[key];
        const object = refName(key, def);
        if (object && f.ref) doc[object] = ref(world, f.ref, v);
        else if (f.type === "string" || f.type === "datetime" || f.type === "date")
          doc[key] = str(v);
        else if (f.type === "int") doc[key] = num(v);
        else if (f.type === "bool") doc[key] = v === true;
        else if (f.type === "tags") doc[key] = Array.isArray(v) ? v : [];
        else if (f.type === "address") doc[key] = address(v);
        else if (f.type === "custom_fields") doc[key] = customFields(world, scopes, v);
        else throw new Error(`search index ${table}: ${key} (${f.type}) has no search form`);
      }
      return { ...doc, ...spec.extra(world, r) };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Query evaluation

interface Attribute {
  /** Path in the document. */
  path: string;
  object: boolean;
}

/** Attribute paths of an index: path → is an object attribute. */
function knownPaths(world: World, index: SearchIndex): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const key of Object.keys(index.doc({}))) out.set(key, false);
  out.set("version", false);
  for (const [name, subs] of Object.entries(index.objects)) {
    out.set(name, true);
    for (const sub of subs) out.set(`${name}.${sub}`, false);
  }
  out.delete("custom_fields");
  for (const def of definitions(world, index.customFields))
    out.set(`custom_fields.${String(def.id)}`, false);
  return out;
}

function resolve(paths: Map<string, boolean>, name: unknown, what: string): Attribute {
  if (typeof name !== "string" || !paths.has(name))
    throw invalidPayload(`Unknown ${what} attribute '${String(name)}' for this search index.`);
  return { path: name, object: paths.get(name) === true };
}

const asComparable = (v: Json | undefined): Json | undefined =>
  typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;

function equals(stored: Json | undefined, value: Json | undefined): boolean {
  if (Array.isArray(stored)) return stored.some((s) => equals(s, value));
  const a = asComparable(stored);
  const b = asComparable(value);
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

function compile(node: Json | undefined, paths: Map<string, boolean>): (doc: Rec) => boolean {
  if (!isRec(node)) throw invalidPayload("A search filter node must be an object.");
  if (Array.isArray(node.and)) {
    const parts = node.and.map((n) => compile(n, paths));
    return (doc) => parts.every((p) => p(doc));
  }
  if (Array.isArray(node.or)) {
    const parts = node.or.map((n) => compile(n, paths));
    return (doc) => parts.some((p) => p(doc));
  }
  if (node.not !== undefined) {
    const inner = compile(node.not, paths);
    return (doc) => !inner(doc);
  }
  const filter = isRec(node.filter) ? node.filter : node;
  if (!isRec(filter.attribute) || !isRec(filter.parameter))
    throw invalidPayload("A search filter needs 'attribute' {name} and 'parameter'.");
  let { path, object } = resolve(paths, filter.attribute.name, "filter");
  if (object) {
    path = `${path}.id`;
    if (!paths.has(path))
      throw invalidPayload(`Attribute '${String(filter.attribute.name)}' cannot be filtered.`);
  }
  const p = filter.parameter;
  const get = (doc: Rec) => getPath(doc, path);
  if ("eq" in p) return (doc) => equals(get(doc), p.eq);
  if (Array.isArray(p.any)) {
    const values = p.any;
    return (doc) => values.some((v) => equals(get(doc), v));
  }
  if (typeof p.is_null === "boolean") {
    const want = p.is_null;
    return (doc) => {
      const v = get(doc);
      return (v === null || v === undefined) === want;
    };
  }
  if (typeof p.starts_with === "string") {
    const prefix = p.starts_with.toLowerCase();
    return (doc) => {
      const v = get(doc);
      return typeof v === "string" && v.toLowerCase().startsWith(prefix);
    };
  }
  if (typeof p.contains === "string") {
    const needle = p.contains.toLowerCase();
    return (doc) => {
      const v = get(doc);
      return typeof v === "string" && v.toLowerCase().includes(needle);
    };
  }
  if (isRec(p.range)) {
    const range = p.range;
    const bounds = (["gt", "gte", "lt", "lte"] as const).filter((k) => range[k] !== undefined);
    if (
      bounds.length === 0 ||
      Object.keys(range).some((k) => !["gt", "gte", "lt", "lte"].includes(k))
    )
      throw invalidPayload("A range needs gt, gte, lt and/or lte.");
    return (doc) => {
      const v = get(doc);
      if (v === null || v === undefined) return false;
      return bounds.every((k) => {
        const c = compareJson(asComparable(v), asComparable(range[k]));
        return k === "gt" ? c > 0 : k === "gte" ? c >= 0 : k === "lt" ? c < 0 : c <= 0;
      });
    };
  }
  throw invalidPayload(
    `Unsupported filter parameter ${JSON.stringify(p)} (supported: eq, any, range, starts_with, contains, is_null).`,
  );
}

function setPath(target: Rec, path: string, value: Json): void {
  const parts = path.split(".");
  let current = target;
  for (const part of parts.slice(0, -1)) {
    if (!isRec(current[part])) current[part] = {};
    current = current[part] as Rec;
  }
  current[parts[parts.length - 1] as string] = value;
}

interface Cursor {
  offset: number;
}

const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString("base64url");

function decodeCursor(raw: unknown): Cursor {
  if (typeof raw !== "string") throw invalidPayload("'cursor' must be a string.");
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (isRec(parsed) && typeof parsed.offset === "number" && parsed.offset >= 0)
      return { offset: parsed.offset };
  } catch {
    // fall through
  }
  throw invalidPayload("'cursor' is not a value returned in meta.links.next_page.");
}

function runQuery(ctx: Ctx, index: SearchIndex, item: Json): Rec {
  if (!isRec(item) || !isRec(item.data))
    throw invalidPayload("Each search item needs a 'data' object.");
  const data = item.data;
  const query = data.query === undefined ? {} : data.query;
  if (!isRec(query)) throw invalidPayload("'query' must be an object.");
  const perPageRaw = data.per_page ?? item.per_page ?? 50;
  if (
    typeof perPageRaw !== "number" ||
    !Number.isInteger(perPageRaw) ||
    perPageRaw < 0 ||
    perPageRaw > 200
  )
    throw invalidParam(
      "per_page",
      `must be between 0 and 200, given: ${JSON.stringify(perPageRaw)}`,
    );
  const cursorRaw = data.cursor ?? item.cursor;
  const pageRaw = data.page ?? item.page;
  const offsetRaw = data.offset ?? item.offset;
  const modes = [cursorRaw, pageRaw, offsetRaw].filter((v) => v !== undefined && v !== null);
  if (modes.length > 1)
    throw invalidPayload("'cursor', 'page' and 'offset' are mutually exclusive.");

  let offset = 0;
  if (cursorRaw !== undefined && cursorRaw !== null) offset = decodeCursor(cursorRaw).offset;
  else if (pageRaw !== undefined && pageRaw !== null) {
    if (typeof pageRaw !== "number" || !Number.isInteger(pageRaw) || pageRaw < 1)
      throw invalidPayload("'page' must be an integer >= 1.");
    offset = (pageRaw - 1) * perPageRaw;
  } else if (offsetRaw !== undefined && offsetRaw !== null) {
    if (typeof offsetRaw !== "number" || !Number.isInteger(offsetRaw) || offsetRaw < 0)
      throw invalidPayload("'offset' must be an integer >= 0.");
    offset = offsetRaw;
  }

  const docs = ctx.store.all(index.table).map((r) => ({
    record: r,
    doc: { ...index.doc(r), version: ctx.store.version(index.table, r.id as number) } as Rec,
  }));
  const paths = knownPaths(ctx, index);

  const filter =
    query.filter === undefined || query.filter === null ? undefined : compile(query.filter, paths);
  let hits = filter ? docs.filter((d) => filter(d.doc)) : docs;

  const sort = query.sort === undefined ? [] : query.sort;
  if (!Array.isArray(sort)) throw invalidPayload("'sort' must be an array.");
  const keys = sort.map((s) => {
    if (!isRec(s) || !isRec(s.attribute))
      throw invalidPayload("Each sort needs an 'attribute' {name}.");
    const attr = resolve(paths, s.attribute.name, "sort");
    const path = attr.object
      ? (index.sortFields[attr.path] ??
        (index.objects[attr.path]?.includes("name") ? `${attr.path}.name` : `${attr.path}.id`))
      : attr.path;
    const order = s.order ?? "ascending";
    if (order !== "ascending" && order !== "descending")
      throw invalidPayload("'order' must be 'ascending' or 'descending'.");
    return { path, desc: order === "descending" };
  });
  hits = [...hits].sort((a, b) => {
    for (const k of keys) {
      const c = compareJson(getPath(a.doc, k.path), getPath(b.doc, k.path));
      if (c !== 0) return k.desc ? -c : c;
    }
    return (a.record.id as number) - (b.record.id as number);
  });

  const projection = query.projection === undefined ? [] : query.projection;
  if (!Array.isArray(projection)) throw invalidPayload("'projection' must be an array.");
  const projected = projection.map((p) => {
    if (!isRec(p)) throw invalidPayload("Each projection needs a 'name'.");
    return resolve(paths, p.name, "projection").path;
  });

  const page = hits.slice(offset, offset + perPageRaw);
  const items = page.map(({ doc }) => {
    const out: Rec = { id: doc.id ?? null, version: doc.version ?? null };
    for (const path of projected) setPath(out, path, getPath(doc, path) ?? null);
    return { data: out, meta: { type: index.type } };
  });
  const links: Rec = {};
  if (offset + page.length < hits.length && perPageRaw > 0)
    links.next_page = encodeCursor({ offset: offset + page.length });
  return {
    successful: true,
    items,
    meta: {
      type: "collection",
      count: items.length,
      total_count: hits.length,
      http_status: "200 OK",
      links,
    },
  };
}

export function handleSearch(ctx: Ctx, req: Req, table: string): Reply {
  const index = searchIndex(ctx, table);
  for (const name of req.query.keys()) throw invalidParam(name, "is an unexpected parameter");
  let body: unknown;
  try {
    body = JSON.parse(req.body);
  } catch {
    throw invalidPayload("The request body could not be parsed as JSON.");
  }
  if (!isRec(body) || !Array.isArray(body.items) || body.items.length === 0)
    throw invalidPayload('The search body must be {"items": [{"data": {"query": {...}}}]}.');
  const failures: SellError[] = [];
  const results = body.items.map((item) => {
    try {
      return runQuery(ctx, index, item);
    } catch (error) {
      if (!(error instanceof SellError)) throw error;
      failures.push(error);
      const envelope = errorEnvelope(error.status, error.errors, ctx.requestId);
      return {
        successful: false,
        errors: envelope.errors ?? [],
        meta: { type: "errors", http_status: httpStatusLine(error.status) },
      } satisfies Rec;
    }
  });
  // A batch where every query failed answers with the first failure's status and envelope.
  if (failures.length === results.length && failures[0]) throw failures[0];
  return { status: 200, body: { items: results } };
}

/** `GET /v3/{deals,leads,contacts}/custom_fields`: custom field → search attribute mapping. */
export function handleSearchCustomFields(ctx: Ctx, req: Req, table: string): Reply {
  for (const name of req.query.keys()) throw invalidParam(name, "is an unexpected parameter");
  const items = definitions(ctx, ctx.registry.primary(table).customFields ?? []).map((d) => ({
    data: {
      id: String(d.id),
      name: d.name ?? null,
      type: d.type ?? null,
      resource_type: d.resource_type ?? null,
      search_api_id: `custom_fields.${String(d.id)}`,
    },
    meta: { type: "custom_field" },
  }));
  return { status: 200, body: { items, meta: { type: "collection", count: items.length } } };
}
