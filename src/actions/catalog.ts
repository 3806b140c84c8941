import {
  callOutcomes,
  dealSources,
  dealUnqualifiedReasons,
  leadSources,
  leadUnqualifiedReasonListLayout,
  leadUnqualifiedReasons,
  lossReasons,
  namedListLayout,
  nameLayout,
  pagesOnlyLayout,
  tagCreateLayout,
  tagListLayout,
  tags,
  tagUpdateLayout,
  visitOutcomes,
} from "../resources/catalog";
import {
  createAction,
  deleteAction,
  getAction,
  listAction,
  recordId,
  streamAction,
  updateAction,
} from "./factories";

// ---- lead sources ------------------------------------------------------------------------------

const leadSourceId = recordId(leadSources, { dataSource: "selectLeadSource" });

export const listLeadSources = listAction(leadSources, {
  description: "Returns the lead sources of the account (where leads come from).",
  layout: namedListLayout("lead source"),
});
export const getLeadSource = getAction(leadSources, {
  idField: leadSourceId,
  description: "Returns a single lead source.",
});
export const createLeadSource = createAction(leadSources, {
  description: "Creates a lead source. Names are unique.",
  layout: nameLayout("lead source", true),
});
export const updateLeadSource = updateAction(leadSources, {
  idField: leadSourceId,
  description: "Renames a lead source.",
  layout: nameLayout("lead source", false),
});
export const deleteLeadSource = deleteAction(leadSources, {
  idField: leadSourceId,
  description: "Deletes a lead source. Returns { data: null }.",
});

// ---- deal sources ------------------------------------------------------------------------------

const dealSourceId = recordId(dealSources, { dataSource: "selectDealSource" });

export const listDealSources = listAction(dealSources, {
  description: "Returns the deal sources of the account (where deals come from).",
  layout: namedListLayout("deal source"),
});
export const getDealSource = getAction(dealSources, {
  idField: dealSourceId,
  description: "Returns a single deal source.",
});
export const createDealSource = createAction(dealSources, {
  description: "Creates a deal source. Names are unique.",
  layout: nameLayout("deal source", true),
});
export const updateDealSource = updateAction(dealSources, {
  idField: dealSourceId,
  description: "Renames a deal source.",
  layout: nameLayout("deal source", false),
});
export const deleteDealSource = deleteAction(dealSources, {
  idField: dealSourceId,
  description: "Deletes a deal source. Returns { data: null }.",
});

// ---- loss reasons ------------------------------------------------------------------------------

const lossReasonId = recordId(lossReasons, { dataSource: "selectLossReason" });

export const listLossReasons = listAction(lossReasons, {
  description: "Returns the reasons a deal can be lost for.",
  layout: namedListLayout("loss reason"),
});
export const getLossReason = getAction(lossReasons, {
  idField: lossReasonId,
  description: "Returns a single loss reason.",
});
export const createLossReason = createAction(lossReasons, {
  description: "Creates a loss reason. Names are unique.",
  layout: nameLayout("loss reason", true),
});
export const updateLossReason = updateAction(lossReasons, {
  idField: lossReasonId,
  description: "Renames a loss reason.",
  layout: nameLayout("loss reason", false),
});
export const deleteLossReason = deleteAction(lossReasons, {
  idField: lossReasonId,
  description: "Deletes a loss reason. Returns { data: null }.",
});

// ---- unqualified reasons -----------------------------------------------------------------------

const dealUnqualifiedReasonId = recordId(dealUnqualifiedReasons, {
  dataSource: "selectDealUnqualifiedReason",
});

export const listDealUnqualifiedReasons = listAction(dealUnqualifiedReasons, {
  description: "Returns the reasons a deal can be unqualified for.",
  layout: namedListLayout("deal unqualified reason"),
});
export const getDealUnqualifiedReason = getAction(dealUnqualifiedReasons, {
  idField: dealUnqualifiedReasonId,
  description: "Returns a single deal unqualified reason.",
});
export const createDealUnqualifiedReason = createAction(dealUnqualifiedReasons, {
  description: "Creates a deal unqualified reason. Names are unique.",
  layout: nameLayout("deal unqualified reason", true),
});
export const updateDealUnqualifiedReason = updateAction(dealUnqualifiedReasons, {
  idField: dealUnqualifiedReasonId,
  description: "Renames a deal unqualified reason.",
  layout: nameLayout("deal unqualified reason", false),
});
export const deleteDealUnqualifiedReason = deleteAction(dealUnqualifiedReasons, {
  idField: dealUnqualifiedReasonId,
  description: "Deletes a deal unqualified reason. Returns { data: null }.",
});

export const listLeadUnqualifiedReasons = listAction(leadUnqualifiedReasons, {
  description: "Returns the reasons a lead can be unqualified for.",
  layout: leadUnqualifiedReasonListLayout,
});

// ---- tags --------------------------------------------------------------------------------------

const tagId = recordId(tags, { dataSource: "selectTag" });

export const listTags = listAction(tags, {
  description:
    "Returns the tags of the account, optionally of one resource type (lead, contact or deal).",
  layout: tagListLayout,
});
export const getTag = getAction(tags, { idField: tagId, description: "Returns a single tag." });
export const createTag = createAction(tags, {
  description: "Creates a tag for leads, contacts or deals. Names are unique per resource type.",
  layout: tagCreateLayout,
});
export const updateTag = updateAction(tags, {
  idField: tagId,
  description: "Renames a tag.",
  layout: tagUpdateLayout,
});
export const deleteTag = deleteAction(tags, {
  idField: tagId,
  description:
    "Deletes a tag and removes it from every record that has it. Returns { data: null }.",
});
export const getTagsStream = streamAction(tags);

// ---- outcomes ----------------------------------------------------------------------------------

export const listCallOutcomes = listAction(callOutcomes, {
  description: "Returns the possible outcomes of a call (fixed order: by ID).",
  layout: pagesOnlyLayout,
});

export const listVisitOutcomes = listAction(visitOutcomes, {
  description: "Returns the possible outcomes of a visit.",
  layout: pagesOnlyLayout,
});
