import { z } from "zod";
import pipelineExample from "../../test/fixtures/records/pipeline.json";
import stageExample from "../../test/fixtures/records/stage.json";
import { ids, pagination } from "./common";
import { defineResource, type Layout } from "./define";
import { id, sortBy, text, triBool } from "./fields";
import { recordBase, sellId } from "./records";

/** Pipelines and their stages (read-only). A deal's pipeline is the pipeline of its stage. */

export const PipelineRecord = z.looseObject({
  ...recordBase,
  name: z.string().nullish(),
  disabled: z.boolean().nullish(),
});
export type PipelineRecord = z.infer<typeof PipelineRecord>;

export const pipelines = defineResource({
  key: "pipelines",
  name: { one: "Pipeline", many: "Pipelines" },
  type: "pipeline",
  path: "/pipelines",
  docs: "https://developer.zendesk.com/api-reference/sales-crm/resources/pipelines/",
  record: PipelineRecord,
  example: pipelineExample as PipelineRecord,
});

export const pipelineLabel = (pipeline: PipelineRecord): string =>
  `${pipeline.name?.trim() || `Pipeline ${pipeline.id}`}${pipeline.disabled ? " (disabled)" : ""}`;

export const StageRecord = z.looseObject({
  ...recordBase,
  name: z.string().nullish(),
  category: z.string().nullish(),
  position: z.number().nullish(),
  likelihood: z.number().nullish(),
  active: z.boolean().nullish(),
  pipeline_id: sellId.nullish(),
});
export type StageRecord = z.infer<typeof StageRecord>;

export const stages = defineResource({
  key: "stages",
  name: { one: "Stage", many: "Stages" },
  type: "stage",
  path: "/stages",
  docs: "https://developer.zendesk.com/api-reference/sales-crm/resources/stages/",
  record: StageRecord,
  example: stageExample as StageRecord,
  stream: true,
});

/** Stage category that closes a deal. */
export const CLOSED_CATEGORIES = new Set(["won", "lost", "unqualified"]);

export const pipelineId = id("pipeline_id", "Pipeline ID", {
  comments: "Stages of this pipeline.",
  dataSource: "selectPipeline",
});

export const pipelineListLayout: Layout = {
  name: text("name", "Name", {
    comments: "Pipelines with exactly this name (Sell may ignore this filter).",
  }),
  disabled: triBool("disabled", "Disabled", {
    comments: "True: only disabled pipelines. False: only enabled ones.",
  }),
  ids: ids(),
  sortBy: sortBy(["id", "name", "created_at", "updated_at"], {
    comments: "Order of the results (Sell's default: id ascending).",
  }),
  pagination,
};

export const stageListLayout: Layout = {
  name: text("name", "Name", {
    comments: "Stages with exactly this name (Sell may ignore this filter).",
  }),
  active: triBool("active", "Active", {
    comments: "True: only stages of open deals. False: only closing stages (won, lost).",
  }),
  pipelineId,
  ids: ids(),
  sortBy: sortBy(["id", "name", "position", "created_at", "updated_at"], {
    comments: "Order of the results (Sell's default: id ascending).",
  }),
  pagination,
};
