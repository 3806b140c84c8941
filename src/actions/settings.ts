import { callOutcomes, visitOutcomes } from "../resources/outcomes";
import { dealUnqualifiedReasons, leadUnqualifiedReasons, lossReasons } from "../resources/reasons";
import { dealSources, leadSources } from "../resources/sources";
import { tags } from "../resources/tags";
import { resourceAction } from "./operations";

/** The account's named settings: lead and deal sources, reasons, tags, outcomes. */

export const listLeadSources = resourceAction(leadSources, "listLeadSources");
export const getLeadSource = resourceAction(leadSources, "getLeadSource");
export const createLeadSource = resourceAction(leadSources, "createLeadSource");
export const updateLeadSource = resourceAction(leadSources, "updateLeadSource");
export const deleteLeadSource = resourceAction(leadSources, "deleteLeadSource");

export const listDealSources = resourceAction(dealSources, "listDealSources");
export const getDealSource = resourceAction(dealSources, "getDealSource");
export const createDealSource = resourceAction(dealSources, "createDealSource");
export const updateDealSource = resourceAction(dealSources, "updateDealSource");
export const deleteDealSource = resourceAction(dealSources, "deleteDealSource");

export const listLossReasons = resourceAction(lossReasons, "listLossReasons");
export const getLossReason = resourceAction(lossReasons, "getLossReason");
export const createLossReason = resourceAction(lossReasons, "createLossReason");
export const updateLossReason = resourceAction(lossReasons, "updateLossReason");
export const deleteLossReason = resourceAction(lossReasons, "deleteLossReason");

export const listDealUnqualifiedReasons = resourceAction(
  dealUnqualifiedReasons,
  "listDealUnqualifiedReasons",
);
export const getDealUnqualifiedReason = resourceAction(
  dealUnqualifiedReasons,
  "getDealUnqualifiedReason",
);
export const createDealUnqualifiedReason = resourceAction(
  dealUnqualifiedReasons,
  "createDealUnqualifiedReason",
);
export const updateDealUnqualifiedReason = resourceAction(
  dealUnqualifiedReasons,
  "updateDealUnqualifiedReason",
);
export const deleteDealUnqualifiedReason = resourceAction(
  dealUnqualifiedReasons,
  "deleteDealUnqualifiedReason",
);

export const listLeadUnqualifiedReasons = resourceAction(
  leadUnqualifiedReasons,
  "listLeadUnqualifiedReasons",
);

export const listTags = resourceAction(tags, "listTags");
export const getTag = resourceAction(tags, "getTag");
export const createTag = resourceAction(tags, "createTag");
export const updateTag = resourceAction(tags, "updateTag");
export const deleteTag = resourceAction(tags, "deleteTag");
export const getTagsStream = resourceAction(tags, "getTagsStream");

export const listCallOutcomes = resourceAction(callOutcomes, "listCallOutcomes");
export const listVisitOutcomes = resourceAction(visitOutcomes, "listVisitOutcomes");
