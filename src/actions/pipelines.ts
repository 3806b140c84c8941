import { pipelineListLayout, pipelines, stageListLayout, stages } from "../resources/pipelines";
import { listAction, streamAction } from "./factories";

export const listPipelines = listAction(pipelines, {
  description: "Returns all pipelines available to the user, according to the parameters provided.",
  layout: pipelineListLayout,
});

export const listStages = listAction(stages, {
  description:
    "Returns the stages available to the user, optionally of one pipeline, with their category, position and likelihood.",
  layout: stageListLayout,
});

export const getStagesStream = streamAction(stages);
