import { pipelines, stages } from "../resources/pipelines";
import { resourceAction } from "./operations";

export const listPipelines = resourceAction(pipelines, "listPipelines");
export const listStages = resourceAction(stages, "listStages");
export const getStagesStream = resourceAction(stages, "getStagesStream");
