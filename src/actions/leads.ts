import { InputError } from "../inputs/errors";
import { need } from "../inputs/layout";
import { conversionLayout, leadConversions, leads } from "../resources/leads";
import { customAction, resourceAction } from "./operations";
import { singleOutput } from "./operations/outputs";

export const listLeads = resourceAction(leads, "listLeads");
export const getLead = resourceAction(leads, "getLead");
export const createLead = resourceAction(leads, "createLead");
export const updateLead = resourceAction(leads, "updateLead");
export const upsertLead = resourceAction(leads, "upsertLead");
export const deleteLead = resourceAction(leads, "deleteLead");
export const getLeadsStream = resourceAction(leads, "getLeadsStream");
export const findOrCreateLead = resourceAction(leads, "findOrCreateLead");
export const qualifyLead = resourceAction(leads, "qualifyLead");
export const unqualifyLead = resourceAction(leads, "unqualifyLead");
export const listLeadConversions = resourceAction(leadConversions, "listLeadConversions");

/**
 * `POST /v2/lead_conversions`. Sell creates a person if the lead has a last name, an
 * organization if it has an organization name (both: the person belongs to the organization),
 * and a deal unless told not to. Not idempotent: it is never retried once it may have reached
 * Sell. The lead is read first so a missing or already converted lead gets a clear error.
 */
export const convertLead = customAction({
  label: "Convert Lead",
  description:
    "Converts a qualified lead, one way, into a contact (a person, an organization, or both) and optionally a deal. Returns the conversion with the IDs of the records created (individual_id, organization_id, deal_id).",
  docs: leadConversions.docs,
  layout: conversionLayout,
  effect: "write",
  output: singleOutput(leadConversions),
  perform: async ({ sell, values }) => {
    const lead = need(values.leadId, "Lead ID");
    if (!(await sell.v2.find(`/leads/${lead}`))) {
      throw new InputError(
        "Lead ID",
        `lead ${lead} was not found: it does not exist, the connected user cannot see it, or it was already converted (a converted lead is no longer a lead)`,
      );
    }
    return sell.v2.create(leadConversions.path, {
      lead_id: lead,
      ...(values.ownerId === undefined ? {} : { owner_id: values.ownerId }),
      create_deal: values.createDeal !== false,
    });
  },
});
