/**
 * Leads, contacts, deals and deal associated contacts (§5A), with their business rules.
 * Lead conversions are in `../conversions.ts`.
 */
import { invalidParam } from "../errors";
import type { Ctx, FieldSpec, ResourceDef, World } from "../types";
import { isoSeconds, type Json, type Rec } from "../util";
import {
  addressFilters,
  CREATOR,
  filters,
  RO_INT,
  RO_TIME,
  STR,
  strings,
  timestamps,
  userRef,
  v2Only,
} from "./common";
import { ensureTags } from "./settings";

const CONTACT_CHANNELS = strings(
  "title",
  "description",
  "industry",
  "website",
  "email",
  "phone",
  "mobile",
  "fax",
  "twitter",
  "facebook",
  "linkedin",
  "skype",
);

// ---------------------------------------------------------------------------------------------
// Leads

const leads: ResourceDef = {
  table: "leads",
  path: "leads",
  type: "lead",
  ops: ["list", "get", "create", "update", "delete", "upsert"],
  fields: {
    id: RO_INT,
    creator_id: CREATOR,
    owner_id: userRef(),
    first_name: STR,
    last_name: STR,
    organization_name: STR,
    status: { type: "string", default: "New" },
    source_id: { type: "int", ref: "sources" },
    unqualified_reason_id: { type: "int", ref: "lead_unqualified_reasons", firehose: false },
    ...CONTACT_CHANNELS,
    address: { type: "address" },
    tags: { type: "tags" },
    custom_fields: { type: "custom_fields" },
    ...timestamps(),
  },
  customFields: ["lead"],
  filters: {
    ...filters("int", "creator_id", "owner_id", "source_id"),
    ...filters(
      "str",
      "first_name",
      "last_name",
      "organization_name",
      "status",
      "email",
      "phone",
      "mobile",
    ),
    ...addressFilters("address"),
  },
  defaultSort: "updated_at:asc",
  hooks: {
    prepare(ctx, next, _existing, errors) {
      const blank = (v: Json | undefined) =>
        v === null || v === undefined || String(v).trim() === "";
      if (blank(next.last_name) && blank(next.organization_name)) {
        errors.add(
          "last_name",
          "blank",
          "The attribute '/data/last_name' can't be blank unless '/data/organization_name' is provided.",
        );
      }
      const statuses = ctx.store.all("lead_statuses").map((s) => s.name);
      if (next.status !== null && !statuses.includes(next.status ?? null) && !errors.has("status"))
        errors.add(
          "status",
          "incorrect_value",
          "The attribute '/data/status' value is not included in the list",
        );
      checkSourceType(ctx, next, "lead", errors);
    },
    afterWrite(ctx, record) {
      ensureTags(ctx, "lead", record.tags);
    },
  },
  firehose: true,
};

function checkSourceType(
  ctx: Ctx,
  next: Rec,
  resourceType: "lead" | "deal",
  errors: { has(f: string): boolean; add(f: string, c: "incorrect_value", d: string): void },
): void {
  if (typeof next.source_id !== "number" || errors.has("source_id")) return;
  const source = ctx.store.get("sources", next.source_id);
  if (source && source.resource_type !== resourceType)
    errors.add(
      "source_id",
      "incorrect_value",
      `The attribute '/data/source_id' must refer to a ${resourceType} source (source ${next.source_id} is a ${String(source.resource_type)} source).`,
    );
}

// ---------------------------------------------------------------------------------------------
// Contacts

const contacts: ResourceDef = {
  table: "contacts",
  path: "contacts",
  type: "contact",
  ops: ["list", "get", "create", "update", "delete", "upsert"],
  fields: {
    id: RO_INT,
    creator_id: CREATOR,
    owner_id: userRef(),
    is_organization: { type: "bool", createOnly: true, default: false },
    contact_id: { type: "int", ref: "contacts" },
    parent_organization_id: { type: "int", ref: "contacts" },
    name: STR,
    first_name: STR,
    last_name: STR,
    customer_status: { type: "string", enum: ["none", "current", "past"], default: "none" },
    prospect_status: { type: "string", enum: ["none", "current", "lost"], default: "none" },
    ...CONTACT_CHANNELS,
    address: { type: "address" },
    billing_address: { type: "address" },
    shipping_address: { type: "address" },
    tags: { type: "tags" },
    custom_fields: { type: "custom_fields" },
    ...timestamps(),
  },
  customFields: ["contact", "prospect_and_customer"],
  filters: {
    ...filters("bool", "is_organization"),
    ...filters("int", "contact_id", "creator_id", "owner_id"),
    ...filters(
      "str",
      "name",
      "first_name",
      "last_name",
      "email",
      "phone",
      "mobile",
      "customer_status",
      "prospect_status",
    ),
    ...addressFilters("address"),
    ...addressFilters("billing_address"),
    ...addressFilters("shipping_address"),
  },
  defaultSort: "last_name:asc",
  hooks: {
    prepare(ctx, next, _existing, errors) {
      const org = next.is_organization === true;
      const blank = (v: Json | undefined) =>
        v === null || v === undefined || String(v).trim() === "";
      if (org) {
        if (blank(next.name) && !errors.has("name")) errors.add("name", "blank");
        if (next.contact_id !== null && !errors.has("contact_id"))
          errors.add(
            "contact_id",
            "incorrect_value",
            "The attribute '/data/contact_id' can be set only if the contact is an individual.",
          );
        checkOrganization(ctx, next, "parent_organization_id", errors);
        if (next.parent_organization_id !== null && next.parent_organization_id === next.id)
          errors.add(
            "parent_organization_id",
            "incorrect_value",
            "An organization cannot be its own parent.",
          );
      } else {
        if (blank(next.last_name) && !errors.has("last_name")) errors.add("last_name", "blank");
        if (next.parent_organization_id !== null && !errors.has("parent_organization_id"))
          errors.add(
            "parent_organization_id",
            "incorrect_value",
            "The attribute '/data/parent_organization_id' can be set only if the contact is an organization.",
          );
        checkOrganization(ctx, next, "contact_id", errors);
        // An individual's name is always "first last".
        next.name = [next.first_name, next.last_name].filter((v) => !blank(v)).join(" ") || null;
      }
    },
    afterWrite(ctx, record, existing) {
      ensureTags(ctx, "contact", record.tags);
      // Deals of an individual follow its organization.
      if (
        existing &&
        existing.contact_id !== record.contact_id &&
        record.is_organization !== true
      ) {
        for (const deal of ctx.store.all("deals")) {
          if (deal.contact_id === record.id)
            ctx.store.update("deals", deal.id as number, {
              ...deal,
              organization_id: record.contact_id ?? null,
            });
        }
      }
    },
    afterDelete(ctx, record) {
      for (const ac of ctx.store.all("associated_contacts"))
        if (ac.contact_id === record.id) ctx.store.remove("associated_contacts", ac.id as number);
      for (const c of ctx.store.all("contacts")) {
        if (c.contact_id === record.id)
          ctx.store.update("contacts", c.id as number, { ...c, contact_id: null });
        if (c.parent_organization_id === record.id)
          ctx.store.update("contacts", c.id as number, { ...c, parent_organization_id: null });
      }
    },
  },
  render(_world, record, output) {
    const customerOrProspect =
      (record.customer_status ?? "none") !== "none" ||
      (record.prospect_status ?? "none") !== "none";
    if (!customerOrProspect) {
      output.billing_address = null;
      output.shipping_address = null;
    }
    return output;
  },
  firehose: true,
};

function checkOrganization(
  ctx: Ctx,
  next: Rec,
  field: "contact_id" | "parent_organization_id",
  errors: { has(f: string): boolean; add(f: string, c: "incorrect_value", d: string): void },
): void {
  const id = next[field];
  if (typeof id !== "number" || errors.has(field)) return;
  const target = ctx.store.get("contacts", id);
  if (target && target.is_organization !== true)
    errors.add(
      field,
      "incorrect_value",
      `The attribute '/data/${field}' must refer to an organization (contact ${id} is an individual).`,
    );
}

// ---------------------------------------------------------------------------------------------
// Deals

/** First stage (lowest position) of the default pipeline (first, non-disabled). */
export function defaultStageId(world: World): number | null {
  const pipeline = world.store
    .all("pipelines")
    .filter((p) => p.disabled !== true)
    .sort((a, b) => (a.id as number) - (b.id as number))[0];
  if (!pipeline) return null;
  const stage = world.store
    .all("stages")
    .filter((s) => s.pipeline_id === pipeline.id)
    .sort((a, b) => (a.position as number) - (b.position as number))[0];
  return (stage?.id as number | undefined) ?? null;
}

/** Organization of a deal's primary contact: itself if an organization, else its contact_id. */
export function organizationOf(world: World, contactId: Json | undefined): number | null {
  if (typeof contactId !== "number") return null;
  const contact = world.store.get("contacts", contactId);
  if (!contact) return null;
  if (contact.is_organization === true) return contactId;
  return typeof contact.contact_id === "number" ? contact.contact_id : null;
}

const dealFields: Record<string, FieldSpec> = {
  id: RO_INT,
  creator_id: CREATOR,
  owner_id: userRef(),
  name: { type: "string", required: true },
  value: { type: "decimal", decimalStyle: "deal" },
  currency: {
    type: "string",
    default: (ctx) => ctx.store.all("accounts")[0]?.currency ?? "USD",
  },
  hot: { type: "bool", default: false },
  stage_id: { type: "int", ref: "stages", default: (ctx) => defaultStageId(ctx) },
  last_stage_change_at: { type: "datetime" },
  last_stage_change_by_id: RO_INT,
  last_activity_at: v2Only(RO_TIME),
  source_id: { type: "int", ref: "sources" },
  loss_reason_id: { type: "int", ref: "loss_reasons" },
  unqualified_reason_id: { type: "int", ref: "deal_unqualified_reasons", firehose: false },
  dropbox_email: {
    type: "string",
    readOnly: true,
    default: (ctx) =>
      `dropbox@${(ctx.store.newId() * 2654435761).toString(16).slice(-8)}.deals.futuresimple.com`,
  },
  contact_id: { type: "int", required: true, ref: "contacts" },
  organization_id: RO_INT,
  estimated_close_date: { type: "date" },
  customized_win_likelihood: { type: "int", min: 0, max: 100 },
  added_at: { type: "datetime", default: (ctx) => isoSeconds(ctx.now()), firehose: false },
  tags: { type: "tags" },
  custom_fields: { type: "custom_fields" },
  ...timestamps(),
};

const deals: ResourceDef = {
  table: "deals",
  path: "deals",
  type: "deal",
  ops: ["list", "get", "create", "update", "delete", "upsert"],
  fields: dealFields,
  aliases: { added_on: "added_at" },
  customFields: ["deal"],
  filters: {
    ...filters("str", "name"),
    ...filters(
      "int",
      "contact_id",
      "organization_id",
      "creator_id",
      "owner_id",
      "source_id",
      "stage_id",
    ),
    ...filters("bool", "hot"),
    estimated_close_date: { kind: "date" },
    value: { kind: "decimal" },
  },
  extraParams: ["includes"],
  defaultSort: "id:asc",
  hooks: {
    prepare(ctx, next, existing, errors, input) {
      const stageChanged = existing === undefined || existing.stage_id !== next.stage_id;
      if (stageChanged && typeof next.stage_id === "number" && !errors.has("stage_id")) {
        const stage = ctx.store.get("stages", next.stage_id);
        const pipeline = stage
          ? ctx.store.get("pipelines", stage.pipeline_id as number)
          : undefined;
        if (pipeline?.disabled === true)
          errors.add(
            "stage_id",
            "incorrect_value",
            `The pipeline '${String(pipeline.name)}' (id ${String(pipeline.id)}) is disabled; no deals can be added to it.`,
          );
        next.last_stage_change_at =
          typeof input.last_stage_change_at === "string"
            ? input.last_stage_change_at
            : isoSeconds(ctx.now());
        next.last_stage_change_by_id = (ctx.user.id as number) ?? null;
      }
      if (next.stage_id === null && !errors.has("stage_id")) errors.add("stage_id", "blank");
      if (typeof next.currency === "string" && !/^[A-Z]{3}$/.test(next.currency))
        errors.add(
          "currency",
          "incorrect_value",
          "The attribute '/data/currency' must be an ISO-4217 currency code.",
        );
      checkSourceType(ctx, next, "deal", errors);
      next.organization_id = organizationOf(ctx, next.contact_id);
    },
    afterWrite(ctx, record) {
      ensureTags(ctx, "deal", record.tags);
    },
    afterDelete(ctx, record) {
      for (const ac of ctx.store.all("associated_contacts"))
        if (ac.deal_id === record.id) ctx.store.remove("associated_contacts", ac.id as number);
      for (const order of ctx.store.all("orders")) {
        if (order.deal_id !== record.id) continue;
        for (const li of ctx.store.all("line_items"))
          if (li.order_id === order.id) ctx.store.remove("line_items", li.id as number);
        ctx.store.remove("orders", order.id as number);
      }
    },
  },
  render(world, record, output, query) {
    const includes = query?.get("includes");
    if (includes === null || includes === undefined) return output;
    for (const inc of includes.split(",").map((s) => s.trim())) {
      if (inc !== "associated_contacts")
        throw invalidParam("includes", `must be one of: associated_contacts, given: ${includes}`);
    }
    const associated = world.store
      .all("associated_contacts")
      .filter((ac) => ac.deal_id === record.id)
      .map((ac) => ({
        data: {
          contact_id: ac.contact_id ?? null,
          role: ac.role ?? null,
          created_at: ac.created_at ?? null,
          updated_at: ac.updated_at ?? null,
        },
        meta: { type: "associated_contact" },
      }));
    return {
      ...output,
      associated_contacts: {
        items: associated,
        meta: { type: "collection", count: associated.length },
      },
    };
  },
  firehose: true,
};

// ---------------------------------------------------------------------------------------------
// Associated contacts (nested under a deal; deleted by contact id)

const associatedContacts: ResourceDef = {
  table: "associated_contacts",
  path: "deals/:deal_id/associated_contacts",
  parent: { table: "deals", param: "deal_id", field: "deal_id" },
  idField: "contact_id",
  type: "associated_contact",
  ops: ["list", "create", "delete"],
  fields: {
    id: { type: "int", readOnly: true, hidden: true },
    contact_id: { type: "int", required: true, ref: "contacts" },
    deal_id: { type: "int", readOnly: true, hidden: true },
    role: { type: "string", enum: ["involved"], default: "involved", firehose: false },
    ...timestamps(),
  },
  unique: { field: "contact_id", per: "deal_id" },
  idsFilter: false,
  fixedSort: "id:asc",
  firehose: true,
};

export const crmResources: ResourceDef[] = [leads, contacts, deals, associatedContacts];
