import { z } from "zod";
import { ids, pagination } from "../inputs/common";
import { id, sortBy, text as textInput, triBool, variant } from "../inputs/fields";
import { layout } from "../inputs/layout";
import { SELL_DOCS } from "../util/values";
import { definePicklist, defineResource, op, parseRecord, type RecordData } from "./define";
import pipelineExample from "./examples/pipeline.json";
import stageExample from "./examples/stage.json";
import { count, flag, idRef, recordBase, text } from "./records";

/** Pipelines and their stages (read-only). A deal's pipeline is the pipeline of its stage. */

export const PipelineRecord = z.looseObject({
  ...recordBase,
  name: text,
  disabled: flag,
  locale_key: text,
});
export type PipelineRecord = z.infer<typeof PipelineRecord>;

export const pipelineLabel = (pipeline: PipelineRecord): string =>
  `${pipeline.name?.trim() || `Pipeline ${pipeline.id}`}${pipeline.disabled ? " (disabled)" : ""}`;

export const selectPipeline = definePicklist<PipelineRecord>({
  key: "selectPipeline",
  description: "Select a pipeline from your Zendesk Sell account.",
  toLabel: pipelineLabel,
});

export const pipelines = defineResource({
  key: "pipelines",
  name: { one: "Pipeline", many: "Pipelines" },
  type: "pipeline",
  path: "/pipelines",
  docs: `${SELL_DOCS}/resources/pipelines/`,
  record: PipelineRecord,
  example: pipelineExample as PipelineRecord,
  picklists: [selectPipeline],
  operations: {
    listPipelines: op.list({
      description:
        "Returns all pipelines available to the user, according to the parameters provided.",
      layout: layout({
        name: textInput("name", "Name", {
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
      }),
    }),
  },
});

export const StageRecord = z.looseObject({
  ...recordBase,
  name: text,
  category: text,
  position: count,
  likelihood: count,
  active: flag,
  pipeline_id: idRef,
  position_hash: text,
  has_original_name: flag,
  locale_key: text,
});
export type StageRecord = z.infer<typeof StageRecord>;

/** Stage category that closes a deal. */
export const CLOSED_CATEGORIES = new Set(["won", "lost", "unqualified"]);

export const pipelineId = id("pipeline_id", "Pipeline ID", {
  comments: "Stages of this pipeline.",
  dataSource: selectPipeline,
});

export const selectStage = definePicklist<StageRecord>({
  key: "selectStage",
  description:
    "Select a pipeline stage from your Zendesk Sell account, optionally of one pipeline (shown as Pipeline › position. Stage).",
  toLabel: (stage) => stage.name ?? `Stage ${stage.id}`,
  exampleLabel: `${pipelineLabel(pipelineExample as PipelineRecord)} › ${stageExample.position}. ${stageExample.name}`,
  filters: {
    pipelineId: variant(pipelineId, {
      comments: "Only stages of this pipeline. Leave empty for all pipelines.",
    }),
  },
  labeller: async (read) => {
    const pipelineNames = new Map<number, string>();
    for (const record of await read(pipelines.path, {}, 1000)) {
      const pipeline = parseRecord(PipelineRecord, record);
      if (pipeline) pipelineNames.set(pipeline.id, pipelineLabel(pipeline));
    }
    return (record: RecordData) => {
      const stage = parseRecord(StageRecord, record);
      if (!stage) return `Stage ${String(record.id)}`;
      const pipeline = stage.pipeline_id
        ? (pipelineNames.get(stage.pipeline_id) ?? `Pipeline ${stage.pipeline_id}`)
        : "No pipeline";
      const position = typeof stage.position === "number" ? `${stage.position}. ` : "";
      return `${pipeline} › ${position}${stage.name ?? `Stage ${stage.id}`}`;
    };
  },
});

export const stages = defineResource({
  key: "stages",
  name: { one: "Stage", many: "Stages" },
  type: "stage",
  path: "/stages",
  docs: `${SELL_DOCS}/resources/stages/`,
  record: StageRecord,
  example: stageExample as StageRecord,
  picklists: [selectStage],
  operations: {
    listStages: op.list({
      description:
        "Returns the stages available to the user, optionally of one pipeline, with their category, position and likelihood.",
      layout: layout({
        name: textInput("name", "Name", {
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
      }),
    }),
    getStagesStream: op.stream(),
  },
  stream: {
    attributes: [
      "id",
      "name",
      "category",
      "active",
      "position",
      "likelihood",
      "pipeline_id",
      "created_at",
    ],
  },
});
