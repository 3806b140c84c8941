import { InputError } from "../inputs/errors";
import { need } from "../inputs/layout";
import { associatedContacts, deals, moveLayout } from "../resources/deals";
import { parseRecord } from "../resources/define";
import { StageRecord, stages } from "../resources/pipelines";
import { customAction, resourceAction } from "./operations";
import { recordPath } from "./operations/crud";
import { singleOutput } from "./operations/outputs";

export const listDeals = resourceAction(deals, "listDeals");
export const getDeal = resourceAction(deals, "getDeal");
export const createDeal = resourceAction(deals, "createDeal");
export const updateDeal = resourceAction(deals, "updateDeal");
export const deleteDeal = resourceAction(deals, "deleteDeal");
export const getDealsStream = resourceAction(deals, "getDealsStream");
export const upsertDeal = resourceAction(deals, "upsertDeal");
export const listAssociatedContacts = resourceAction(associatedContacts, "listAssociatedContacts");
export const addAssociatedContact = resourceAction(associatedContacts, "addAssociatedContact");
export const removeAssociatedContact = resourceAction(
  associatedContacts,
  "removeAssociatedContact",
);

/**
 * Moves a deal to a stage chosen with its pipeline. The stage is read first: a stage of another
 * pipeline, or a loss/unqualified reason on a stage that is not lost/unqualified, is refused
 * before the deal is touched.
 */
export const moveDealToStage = customAction({
  label: "Move Deal to Stage",
  description:
    "Moves a deal to a stage of a pipeline (both chosen from picklists), e.g. to Won, with a loss or unqualified reason for those stages. Refuses a stage that belongs to another pipeline.",
  docs: deals.docs,
  layout: moveLayout,
  effect: "write",
  output: singleOutput(deals),
  perform: async ({ sell, values }) => {
    const pipeline = need(values.pipelineId, "Pipeline ID");
    const stageId = need(values.stageId, "Stage ID");
    const { items } = await sell.v2.list(stages.path, { ids: [stageId] });
    const stage = items
      .map((item) => parseRecord(StageRecord, item.data))
      .find((record) => record?.id === stageId);
    if (!stage) throw new InputError("Stage ID", `stage ${stageId} was not found in Sell`);
    const { name, pipeline_id: stagePipeline, category } = stage;
    if (stagePipeline !== pipeline) {
      throw new InputError(
        "Stage ID",
        `stage '${name ?? stageId}' (${stageId}) belongs to pipeline ${stagePipeline ?? "unknown"}, not to the chosen pipeline ${pipeline}: choose a stage of pipeline ${pipeline}`,
      );
    }
    if (values.lossReasonId !== undefined && category !== "lost") {
      throw new InputError(
        "Loss Reason ID",
        `only applies to a lost stage; '${name ?? stageId}' is ${category ?? "not a lost stage"}`,
      );
    }
    if (values.unqualifiedReasonId !== undefined && category !== "unqualified") {
      throw new InputError(
        "Unqualified Reason ID",
        `only applies to an unqualified stage; '${name ?? stageId}' is ${category ?? "not an unqualified stage"}`,
      );
    }
    return sell.v2.update(recordPath(deals.path, need(values.id, "Deal ID")), {
      stage_id: stageId,
      ...(values.lossReasonId === undefined ? {} : { loss_reason_id: values.lossReasonId }),
      ...(values.unqualifiedReasonId === undefined
        ? {}
        : { unqualified_reason_id: values.unqualifiedReasonId }),
    });
  },
});
