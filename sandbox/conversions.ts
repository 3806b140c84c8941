/**
 * `POST /v2/lead_conversions`: converts a lead into an individual and/or organization contact
 * and, unless `create_deal: false`, a deal. Atomic: either everything is created and the lead is
 * gone, or nothing changed.
 */
import { findDefinition, normalizeValue } from "./customFields";
import { FieldErrors, fieldError, unexpectedParam } from "./errors";
import { normalizeField } from "./fields";
import { createRecord, parseWriteBody, type Reply, type Req, single } from "./resource";
import type { Ctx } from "./types";
import { isRec, type Json, type Rec } from "./util";

const PERSONAL = [
  "title",
  "description",
  "email",
  "phone",
  "mobile",
  "fax",
  "twitter",
  "facebook",
  "linkedin",
  "skype",
] as const;

const present = (v: Json | undefined): boolean =>
  v !== null && v !== undefined && !(typeof v === "string" && v.trim() === "");

function pick(lead: Rec, keys: readonly string[]): Rec {
  const out: Rec = {};
  for (const key of keys) if (present(lead[key])) out[key] = lead[key] ?? null;
  return out;
}

/** Lead custom field values that fit a contact custom field of the same name and type. */
function contactCustomFields(ctx: Ctx, lead: Rec): Rec {
  const out: Rec = {};
  if (!isRec(lead.custom_fields)) return out;
  for (const [name, value] of Object.entries(lead.custom_fields)) {
    const def = findDefinition(ctx, ["contact", "prospect_and_customer"], name);
    if (def && normalizeValue(def, value) !== undefined) out[name] = value;
  }
  return out;
}

export function convertLead(ctx: Ctx, req: Req): Reply {
  for (const name of req.query.keys()) throw unexpectedParam(name);
  const data = parseWriteBody(req.body);
  const errors = new FieldErrors("lead_conversion");
  const allowed: Record<string, "int" | "bool"> = {
    lead_id: "int",
    owner_id: "int",
    create_deal: "bool",
  };
  for (const [key, value] of Object.entries(data)) {
    const type = allowed[key];
    if (!type) {
      errors.add(key, "unknown");
      continue;
    }
    if (value === null) {
      if (key === "lead_id") errors.add(key, "blank");
      continue;
    }
    const ok = normalizeField({ type }, value, `/data/${key}`);
    if (!ok.ok) errors.add(key, ok.code, ok.details);
  }
  if (!("lead_id" in data)) errors.add("lead_id", "blank");
  errors.throwIfAny();

  const leadId = data.lead_id as number;
  const previous = ctx.store.all("lead_conversions").find((c) => c.lead_id === leadId);
  if (previous)
    throw fieldError(
      "lead_conversion",
      "lead_id",
      "incorrect_value",
      `The lead ${leadId} has already been converted (lead conversion ${String(previous.id)}).`,
    );
  const lead = ctx.store.get("leads", leadId);
  if (!lead)
    throw fieldError(
      "lead_conversion",
      "lead_id",
      "incorrect_value",
      `The lead with id ${leadId} was not found.`,
    );
  const ownerId =
    typeof data.owner_id === "number" ? data.owner_id : (lead.owner_id ?? ctx.user.id ?? null);
  if (typeof ownerId === "number" && !ctx.store.get("users", ownerId))
    throw fieldError(
      "lead_conversion",
      "owner_id",
      "incorrect_value",
      "The attribute '/data/owner_id' refers to a user that does not exist.",
    );
  const createDeal = data.create_deal !== false;

  const contacts = ctx.registry.primary("contacts");
  const deals = ctx.registry.primary("deals");
  const snapshot = ctx.store.snapshot();
  try {
    const hasPerson = present(lead.last_name);
    const hasOrg = present(lead.organization_name);
    const tags: Rec = Array.isArray(lead.tags) && lead.tags.length > 0 ? { tags: lead.tags } : {};
    const address: Rec = isRec(lead.address) ? { address: lead.address } : {};
    const customFields = contactCustomFields(ctx, lead);
    const organization = hasOrg
      ? createRecord(ctx, contacts, {
          is_organization: true,
          name: lead.organization_name ?? null,
          owner_id: ownerId,
          prospect_status: "current",
          ...pick(lead, ["industry", "website"]),
          ...(hasPerson ? {} : pick(lead, PERSONAL)),
          ...address,
          ...tags,
          ...(hasPerson ? {} : ({ custom_fields: customFields } as Rec)),
        })
      : undefined;
    const individual = hasPerson
      ? createRecord(ctx, contacts, {
          is_organization: false,
          first_name: lead.first_name ?? null,
          last_name: lead.last_name ?? null,
          owner_id: ownerId,
          prospect_status: "current",
          contact_id: (organization?.id as number | undefined) ?? null,
          ...pick(lead, PERSONAL),
          ...(hasOrg ? {} : pick(lead, ["industry", "website"])),
          ...address,
          ...tags,
          custom_fields: customFields,
        })
      : undefined;
    const primary = organization ?? individual;
    const deal =
      createDeal && primary
        ? createRecord(ctx, deals, {
            name: hasOrg
              ? (lead.organization_name ?? null)
              : [lead.first_name, lead.last_name].filter(present).join(" "),
            contact_id: primary.id ?? null,
            owner_id: ownerId,
          })
        : undefined;
    ctx.store.remove("leads", leadId);
    const conversion = ctx.store.insert("lead_conversions", {
      lead_id: leadId,
      individual_id: individual?.id ?? null,
      organization_id: organization?.id ?? null,
      deal_id: deal?.id ?? null,
      creator_id: ctx.user.id ?? null,
      created_at: null,
    });
    return single(ctx, ctx.registry.primary("lead_conversions"), conversion);
  } catch (error) {
    ctx.store.restore(snapshot);
    throw error;
  }
}
