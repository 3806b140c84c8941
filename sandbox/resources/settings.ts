/**
 * Account-level resources: users, account, pipelines, stages, sources (legacy, lead, deal),
 * loss/unqualified reasons, tags, custom field definitions, lead statuses.
 */
import type { Ctx, ResourceDef } from "../types";
import type { Rec } from "../util";
import {
  CREATOR,
  filters,
  RO_BOOL,
  RO_INT,
  RO_JSON,
  RO_STR,
  RO_TIME,
  timestamps,
  v2Only,
} from "./common";

const users: ResourceDef = {
  table: "users",
  path: "users",
  type: "user",
  ops: ["list", "get"],
  fields: {
    id: RO_INT,
    name: RO_STR,
    email: RO_STR,
    status: RO_STR,
    invited: v2Only(RO_BOOL),
    confirmed: RO_BOOL,
    phone_number: v2Only(RO_STR),
    role: RO_STR,
    roles: v2Only(RO_JSON),
    team_name: v2Only(RO_STR),
    group: v2Only(RO_JSON),
    reports_to: v2Only(RO_INT),
    timezone: v2Only(RO_STR),
    created_at: RO_TIME,
    updated_at: RO_TIME,
    deleted_at: v2Only(RO_TIME),
    zendesk_user_id: v2Only(RO_STR),
    identity_type: v2Only(RO_STR),
    system_tags: v2Only(RO_JSON),
    detached: v2Only(RO_BOOL),
    sell_login_disabled: v2Only(RO_BOOL),
  },
  filters: {
    ...filters("bool", "confirmed"),
    ...filters("str", "email", "name", "role", "status"),
    zendesk_user_ids: {
      kind: "string",
      match: (r, v) => String(v).split(",").includes(String(r.zendesk_user_id)),
    },
  },
  defaultSort: "id:asc",
  firehose: true,
};

const accounts: ResourceDef = {
  table: "accounts",
  type: "account",
  ops: [],
  fields: {
    id: RO_INT,
    name: RO_STR,
    currency: RO_STR,
    time_format: RO_STR,
    timezone: RO_STR,
    phone: RO_STR,
    subdomain: RO_STR,
    ...timestamps(),
  },
};

const pipelines: ResourceDef = {
  table: "pipelines",
  path: "pipelines",
  type: "pipeline",
  ops: ["list"],
  fields: { id: RO_INT, name: RO_STR, disabled: RO_BOOL, ...timestamps() },
  // Sell documents `disabled` as a filter of GET /v2/pipelines (the shared reference omits it).
  filters: { ...filters("str", "name"), ...filters("bool", "disabled") },
  defaultSort: "id:asc",
};

const stages: ResourceDef = {
  table: "stages",
  path: "stages",
  type: "stage",
  ops: ["list"],
  fields: {
    id: RO_INT,
    name: RO_STR,
    category: RO_STR,
    active: RO_BOOL,
    position: RO_INT,
    likelihood: RO_INT,
    pipeline_id: RO_INT,
    ...timestamps(),
    position_hash: v2Only(RO_STR),
    has_original_name: v2Only(RO_BOOL),
    locale_key: v2Only(RO_STR),
  },
  filters: {
    ...filters("int", "pipeline_id"),
    ...filters("bool", "active"),
    ...filters("str", "name"),
  },
  defaultSort: "id:asc",
  firehose: true,
};

/** Sources share one table (Firehose `sources`); the three endpoints are views by resource_type. */
const sourceDef = (path: string, resourceType: "lead" | "deal"): ResourceDef => ({
  table: "sources",
  path,
  type: "source",
  scope: { resource_type: resourceType },
  ops: ["list", "get", "create", "update", "delete"],
  fields: {
    id: RO_INT,
    name: { type: "string", required: true },
    resource_type: { type: "string" },
    creator_id: CREATOR,
    ...timestamps(),
  },
  unique: { field: "name", per: "resource_type" },
  filters: filters("str", "name"),
  defaultSort: "id:asc",
  firehose: true,
});

const reasonDef = (table: string, type: string, writable: boolean): ResourceDef => ({
  table,
  path: table,
  type,
  ops: writable ? ["list", "get", "create", "update", "delete"] : ["list"],
  fields: {
    id: RO_INT,
    name: { type: "string", required: true },
    creator_id: CREATOR,
    ...timestamps(),
  },
  unique: { field: "name" },
  ...(writable ? { filters: filters("str", "name") } : {}),
  defaultSort: "id:asc",
});

/** Adds a tag name to/removes it from every record of the tag's resource type. */
function retag(ctx: Ctx, resourceType: string, from: string, to: string | null): void {
  const table = { lead: "leads", contact: "contacts", deal: "deals" }[resourceType];
  if (!table) return;
  for (const record of ctx.store.all(table)) {
    const tags = Array.isArray(record.tags) ? (record.tags as string[]) : [];
    if (!tags.includes(from)) continue;
    const next = tags.map((t) => (t === from ? to : t)).filter((t): t is string => t !== null);
    ctx.store.update(table, record.id as number, { ...record, tags: [...new Set(next)] });
  }
}

const tags: ResourceDef = {
  table: "tags",
  path: "tags",
  type: "tag",
  ops: ["list", "get", "create", "update", "delete"],
  fields: {
    id: RO_INT,
    creator_id: CREATOR,
    name: { type: "string", required: true },
    resource_type: {
      type: "string",
      required: true,
      createOnly: true,
      enum: ["lead", "contact", "deal"],
    },
    ...timestamps(),
  },
  unique: { field: "name", per: "resource_type" },
  filters: { ...filters("int", "creator_id"), ...filters("str", "name", "resource_type") },
  defaultSort: "updated_at:asc",
  hooks: {
    afterWrite(ctx, record, existing) {
      if (existing && existing.name !== record.name)
        retag(ctx, String(record.resource_type), String(existing.name), String(record.name));
    },
    afterDelete(ctx, record) {
      retag(ctx, String(record.resource_type), String(record.name), null);
    },
  },
};

/** Tags named on a lead/contact/deal that do not exist yet are created implicitly. */
export function ensureTags(ctx: Ctx, resourceType: string, names: unknown): void {
  if (!Array.isArray(names)) return;
  const existing = new Set(
    ctx.store
      .all("tags")
      .filter((t) => t.resource_type === resourceType)
      .map((t) => t.name),
  );
  for (const name of names) {
    if (typeof name !== "string" || existing.has(name)) continue;
    ctx.store.insert("tags", {
      creator_id: (ctx.user.id as number) ?? null,
      name,
      resource_type: resourceType,
      created_at: null,
      updated_at: null,
    });
    existing.add(name);
  }
}

const customFieldDef = (resourceType: string): ResourceDef => ({
  table: "custom_fields",
  path: `${resourceType}/custom_fields`,
  type: "custom_field",
  scope: { resource_type: resourceType },
  ops: ["list"],
  fields: {
    id: RO_INT,
    name: RO_STR,
    type: RO_STR,
    resource_type: { type: "string", readOnly: true, hidden: true },
    choices: v2Only(RO_JSON),
    for_contact: v2Only(RO_BOOL),
    for_company: v2Only(RO_BOOL),
    filterable: { type: "bool", readOnly: true, hidden: true, firehose: false },
    created_at: v2Only(RO_TIME),
    updated_at: RO_TIME,
  },
  idsFilter: false,
  defaultSort: "id:asc",
  render(_world, record, output) {
    const out: Rec = { ...output };
    if (record.type !== "list" && record.type !== "multi_select_list") delete out.choices;
    if (record.resource_type !== "contact" && record.resource_type !== "prospect_and_customer") {
      delete out.for_contact;
      delete out.for_company;
    }
    return out;
  },
  firehose: true,
});

const leadStatuses: ResourceDef = {
  table: "lead_statuses",
  path: "lead_statuses",
  type: "lead_status",
  ops: ["list"],
  fields: { id: RO_INT, name: RO_STR, ...timestamps() },
  defaultSort: "id:asc",
};

const outcomes = (table: string, type: string, creator: boolean): ResourceDef => ({
  table,
  path: table,
  type,
  ops: ["list"],
  fields: {
    id: RO_INT,
    name: RO_STR,
    ...(creator ? { creator_id: CREATOR } : {}),
    ...timestamps(),
  },
  idsFilter: false,
  fixedSort: "id:asc",
});

export const settingsResources: ResourceDef[] = [
  users,
  accounts,
  pipelines,
  stages,
  sourceDef("sources", "deal"),
  sourceDef("deal_sources", "deal"),
  sourceDef("lead_sources", "lead"),
  reasonDef("loss_reasons", "loss_reason", true),
  reasonDef("deal_unqualified_reasons", "deal_unqualified_reason", true),
  reasonDef("lead_unqualified_reasons", "lead_unqualified_reason", false),
  tags,
  customFieldDef("lead"),
  customFieldDef("contact"),
  customFieldDef("deal"),
  customFieldDef("prospect_and_customer"),
  leadStatuses,
  outcomes("call_outcomes", "call_outcome", true),
  outcomes("visit_outcomes", "visit_outcome", false),
];
