import {
  createLayout,
  leads,
  listLayout,
  nameOrOrganization,
  updateLayout,
  upsertLayout,
} from "../resources/leads";
import {
  createAction,
  deleteAction,
  filterNames,
  getAction,
  listAction,
  recordId,
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
});

export const deleteLead = deleteAction(leads, {
  idField: leadId,
  description: "Deletes a lead. This cannot be undone. Returns { data: null }.",
});

export const getLeadsStream = streamAction(leads, {
  label: "Get Leads Stream",
  description:
    "Reads lead events (created, updated with previous values, deleted) from Sell's Firehose, from a position; optionally until caught up. Needs the account's root user and a plan with Firehose.",
});
