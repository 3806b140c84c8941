import dealSourceExample from "./examples/deal_source.json";
import leadSourceExample from "./examples/lead_source.json";
import sourceExample from "./examples/source.json";
import { namedOperations, namedPicklist, namedResource } from "./named";

/** Where leads and deals come from. Names are unique per kind. */

export const selectLeadSource = namedPicklist(
  "selectLeadSource",
  "Lead Source",
  "Select where a lead came from.",
);
export const selectDealSource = namedPicklist(
  "selectDealSource",
  "Deal Source",
  "Select where a deal came from.",
);

export const leadSources = namedResource({
  key: "lead_sources",
  one: "Lead Source",
  many: "Lead Sources",
  type: "source",
  example: leadSourceExample,
  picklist: selectLeadSource,
  operations: namedOperations({
    one: "LeadSource",
    many: "LeadSources",
    noun: "lead source",
    picklist: selectLeadSource,
    listDescription: "Returns the lead sources of the account (where leads come from).",
  }),
});

export const dealSources = namedResource({
  key: "deal_sources",
  one: "Deal Source",
  many: "Deal Sources",
  type: "source",
  example: dealSourceExample,
  picklist: selectDealSource,
  operations: namedOperations({
    one: "DealSource",
    many: "DealSources",
    noun: "deal source",
    picklist: selectDealSource,
    listDescription: "Returns the deal sources of the account (where deals come from).",
  }),
});

/** Lead and deal sources together (`/v2/sources`, `resource_type` says which): its Firehose stream. */
export const sources = namedResource({
  key: "sources",
  one: "Source",
  many: "Sources",
  type: "source",
  example: sourceExample,
  stream: true,
});
