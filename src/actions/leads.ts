import { action } from "@prismatic-io/spectral";
import { InputError } from "../client/errors";
import { connectionInput } from "../connections";
import { pagination } from "../resources/common";
import { inputValue, type Layout, layoutInputs, readLayout } from "../resources/define";
import { id, refine, text, toggle } from "../resources/fields";
import {
  createLayout,
  leadConversions,
  leadFields,
  leads,
  listLayout,
  nameOrOrganization,
  updateLayout,
  upsertLayout,
} from "../resources/leads";
import {
  createAction,
  deleteAction,
  describe,
  filterNames,
  findOrCreateAction,
  getAction,
  listAction,
  recordId,
  registerLayout,
  sellFor,
  singleExample,
  streamAction,
  updateAction,
  upsertAction,
} from "./factories";

const leadId = recordId(leads, { dataSource: "selectLead" });

export const listLeads = listAction(leads, {
  description:
    "Returns the leads visible to the connected user that match the filters: one page, or every page with Fetch All.",
  layout: listLayout,
});

export const getLead = getAction(leads, {
  idField: leadId,
  description: "Returns a single lead available to the user.",
});

export const createLead = createAction(leads, {
  description:
    "Creates a lead: a person (Last Name), an organization (Organization Name), or both. One of the two is required.",
  layout: createLayout,
  rules: [nameOrOrganization],
});

export const updateLead = updateAction(leads, {
  idField: leadId,
  description:
    "Updates a lead. Only the fields given are changed; Tags, when given, replace the lead's tags.",
  layout: updateLayout,
});

export const upsertLead = upsertAction(leads, {
  description:
    "Creates a lead or updates the one that matches the Filters (sent as query parameters). No match: created; one match: updated; several: fails with a clear error. At least one filter is required.",
  layout: upsertLayout,
  filtersKey: "filterableCustomFields",
  knownFilters: filterNames(listLayout),
  writable: createLayout,
});

export const deleteLead = deleteAction(leads, {
  idField: leadId,
  description: "Deletes a lead. This cannot be undone. Returns { data: null }.",
});

export const getLeadsStream = streamAction(leads);

// ---- lifecycle ---------------------------------------------------------------------------------

export const findOrCreateLead = findOrCreateAction(leads, {
  description:
    "Looks for a lead by email (or by a filterable custom field such as an external ID) and creates it only if none exists, so a form posted twice makes one lead. The output's meta.created says which happened.",
  layout: createLayout,
  rules: [nameOrOrganization],
  emailKey: "contactInfo.email",
  customFieldsKey: "customFields",
});

const conversionLayout: Layout = {
  leadId: refine(leadId, { comments: "The lead to convert. Conversion cannot be undone." }),
  ownerId: id("owner_id", "Owner ID", {
    comments: "Owner of the contacts and deal created. Defaults to the lead's owner.",
    dataSource: "selectUser",
  }),
  createDeal: toggle("Create Deal", {
    default: "true",
    comments: "When true (the default), a deal is created for the new contact too.",
  }),
};

/**
 * `POST /v2/lead_conversions`. Sell creates a person if the lead has a last name, an
 * organization if it has an organization name (both: the person belongs to the organization),
 * and a deal unless told not to. Not idempotent: it is never retried once it may have reached
 * Sell. The lead is read first so a missing or already converted lead gets a clear error.
 */
export const convertLead = registerLayout(
  action({
    display: {
      label: "Convert Lead",
      description: describe(
        "Converts a qualified lead, one way, into a contact (a person, an organization, or both) and optionally a deal. Returns the conversion with the IDs of the records created (individual_id, organization_id, deal_id).",
        leadConversions.docs,
      ),
    },
    inputs: { connection: connectionInput, ...layoutInputs(conversionLayout) },
    perform: async (context, params): Promise<{ data: unknown }> => {
      const values = readLayout(conversionLayout, params);
      const lead = inputValue(values, "leadId") as number;
      const sell = sellFor(context, params);
      if (!(await sell.v2.find(`/leads/${lead}`))) {
        throw new InputError(
          "Lead ID",
          `lead ${lead} was not found: it does not exist, the connected user cannot see it, or it was already converted (a converted lead is no longer a lead)`,
        );
      }
      const body = {
        lead_id: lead,
        ...(inputValue(values, "ownerId") === undefined
          ? {}
          : { owner_id: inputValue(values, "ownerId") }),
        create_deal: inputValue(values, "createDeal") !== false,
      };
      return { data: await sell.v2.create(leadConversions.path, body) };
    },
    examplePayload: singleExample(leadConversions),
  }),
  conversionLayout,
);

export const listLeadConversions = listAction(leadConversions, {
  description:
    "Returns past lead conversions with the IDs of the lead and of the records it became.",
  layout: { pagination },
});

export const qualifyLead = updateAction(leads, {
  label: "Qualify Lead",
  idField: leadId,
  layout: {
    status: text("status", "Status", {
      required: true,
      comments: "The lead status to set, as named in Sell (e.g. Working, Qualified).",
      example: "Working",
    }),
    ownerId: leadFields.ownerId,
  },
  description: "Moves a lead forward: sets its status (as named in Sell) and optionally its owner.",
});

export const unqualifyLead = updateAction(leads, {
  label: "Unqualify Lead",
  idField: leadId,
  layout: {
    status: text("status", "Status", {
      required: true,
      default: "Unqualified",
      comments: "The lead status meaning unqualified in your Sell account (default: Unqualified).",
    }),
    unqualifiedReasonId: refine(leadFields.unqualifiedReasonId, { required: true }),
    ownerId: leadFields.ownerId,
  },
  description:
    "Marks a lead as unqualified: sets its status and the reason, chosen from the account's lead unqualified reasons.",
});
