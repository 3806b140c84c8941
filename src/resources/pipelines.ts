import { z } from "zod";
import { ids, pagination } from "../inputs/common";
import { id, sortBy, text as textInput, toggle, triBool, variant } from "../inputs/fields";
import { layout } from "../inputs/layout";
import { SELL_DOCS } from "../util/values";
import { definePicklist, defineResource, op, parseRecord } from "./define";
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
          placeholder: "Enter name",
        }),
        disabled: triBool("disabled", "Disabled", {
          comments: "True: only disabled pipelines. False: only enabled ones.",
        }),
        ids: variant(ids(), { placeholder: "Enter comma-separated IDs" }),
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

/** Where a stage's pipeline comes in Sell's order, and its label. */
interface PipelinePlace {
  /** 0: an enabled pipeline (the default one first), 1: a pipeline not listed, 2: none, 3: disabled. */
  group: number;
  rank: number;
  label: string;
  disabled: boolean;
}

/**
 * Stages as Sell shows them: the default pipeline (the first enabled one) first, then the other
 * enabled pipelines in Sell's order, disabled pipelines last (only when asked for); within a
 * pipeline, by position.
 */
export const selectStage = definePicklist<StageRecord>({
  key: "selectStage",
  description:
    "Select a pipeline stage from your Zendesk Sell account, optionally of one pipeline (shown as Pipeline › position. Stage), in Sell's order: the default pipeline first, stages by position. Stages of disabled pipelines are left out unless Include Disabled Pipelines is on (or their pipeline is chosen).",
  toLabel: (stage) => stage.name ?? `Stage ${stage.id}`,
  exampleLabel: `${pipelineLabel(pipelineExample as PipelineRecord)} › ${stageExample.position}. ${stageExample.name}`,
  filters: {
    pipelineId: variant(pipelineId, {
      comments: "Only stages of this pipeline. Leave empty for all pipelines.",
    }),
    includeDisabled: toggle("Include Disabled Pipelines", {
      comments:
        "When true, stages of disabled pipelines (which take no new deals) are listed too, after the others.",
    }),
  },
  async labeller(read, _stages, filters) {
    const listed: PipelineRecord[] = [];
    for (const record of await read(pipelines.path, {}, 1000)) {
      const pipeline = parseRecord(PipelineRecord, record);
      if (pipeline) listed.push(pipeline);
    }
    // Sell lists pipelines in its own order; the first enabled one is the default pipeline.
    const places = new Map<number, PipelinePlace>();
    for (const [rank, pipeline] of [
      ...listed.filter((p) => p.disabled !== true),
      ...listed.filter((p) => p.disabled === true),
    ].entries()) {
      const disabled = pipeline.disabled === true;
      places.set(pipeline.id, {
        group: disabled ? 3 : 0,
        rank,
        label: pipelineLabel(pipeline),
        disabled,
      });
    }
    const placeOf = (stage: StageRecord): PipelinePlace => {
      if (stage.pipeline_id === undefined || stage.pipeline_id === null)
        return { group: 2, rank: 0, label: "No pipeline", disabled: false };
      return (
        places.get(stage.pipeline_id) ?? {
          group: 1,
          rank: stage.pipeline_id,
          label: `Pipeline ${stage.pipeline_id}`,
          disabled: false,
        }
      );
    };
    const positionOf = (stage: StageRecord) =>
      typeof stage.position === "number" ? stage.position : Number.POSITIVE_INFINITY;
    return {
      label: (stage) => {
        const position = typeof stage.position === "number" ? `${stage.position}. ` : "";
        return `${placeOf(stage).label} › ${position}${stage.name ?? `Stage ${stage.id}`}`;
      },
      // A pipeline chosen by ID is listed whatever its state.
      accepts: (stage) =>
        filters.includeDisabled === true ||
        filters.pipelineId !== undefined ||
        !placeOf(stage).disabled,
      order: (list) =>
        [...list].sort((a, b) => {
          const [pa, pb] = [placeOf(a), placeOf(b)];
          return (
            pa.group - pb.group || pa.rank - pb.rank || positionOf(a) - positionOf(b) || a.id - b.id
          );
        }),
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
          placeholder: "Enter name",
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
