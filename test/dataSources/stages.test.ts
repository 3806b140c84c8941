/**
 * selectStage lists stages as Sell shows them: the default pipeline (the first enabled one)
 * first, then the other enabled pipelines in Sell's order, stages by position; stages of
 * disabled pipelines only when Include Disabled Pipelines is on (then last), or when their
 * pipeline is the one chosen.
 */
import { failureOf, type RecordData } from "../actions/support";
import { harness, oauthConnection } from "../helpers/sell";
import { picklist, servePage } from "./support";

/** Pipelines as Sell lists them (id ascending): the disabled one has the lowest ID. */
const PIPELINES: RecordData[] = [
  { id: 3, name: "Legacy pipeline", disabled: true },
  { id: 5, name: "Sales pipeline", disabled: false },
  { id: 7, name: "Partner pipeline", disabled: false },
];

/** Stages in no useful order: IDs, names and pipelines mixed. */
const STAGES: RecordData[] = [
  { id: 70, name: "Won", position: 2, pipeline_id: 7 },
  { id: 31, name: "Incoming", position: 1, pipeline_id: 3 },
  { id: 52, name: "Qualified", position: 2, pipeline_id: 5 },
  { id: 69, name: "Incoming", position: 1, pipeline_id: 7 },
  { id: 50, name: "Won", position: 3, pipeline_id: 5 },
  { id: 32, name: "Won", position: 2, pipeline_id: 3 },
  { id: 51, name: "Incoming", position: 1, pipeline_id: 5 },
];

const SALES_AND_PARTNER = [
  { key: "51", label: "Sales pipeline › 1. Incoming" },
  { key: "52", label: "Sales pipeline › 2. Qualified" },
  { key: "50", label: "Sales pipeline › 3. Won" },
  { key: "69", label: "Partner pipeline › 1. Incoming" },
  { key: "70", label: "Partner pipeline › 2. Won" },
];

const LEGACY = [
  { key: "31", label: "Legacy pipeline (disabled) › 1. Incoming" },
  { key: "32", label: "Legacy pipeline (disabled) › 2. Won" },
];

const serve = (stages: RecordData[], fixed: Record<string, string> = {}) => {
  servePage("/stages", 1, stages, "stage", false, fixed);
  servePage("/pipelines", 1, PIPELINES, "pipeline", false);
};

describe("selectStage order", () => {
  it("default pipeline first, then the other enabled ones, stages by position; disabled pipelines left out", async () => {
    serve(STAGES);
    await expect(picklist("selectStage")).resolves.toEqual(SALES_AND_PARTNER);
  });

  it("Include Disabled Pipelines lists their stages last, by position (and is not sent to Sell)", async () => {
    serve(STAGES);
    await expect(picklist("selectStage", { includeDisabled: "true" })).resolves.toEqual([
      ...SALES_AND_PARTNER,
      ...LEGACY,
    ]);
  });

  it("Include Disabled Pipelines false leaves them out, as the default does", async () => {
    serve(STAGES);
    await expect(picklist("selectStage", { includeDisabled: false })).resolves.toEqual(
      SALES_AND_PARTNER,
    );
  });

  it("a disabled pipeline chosen by Pipeline ID lists its stages without Include Disabled Pipelines", async () => {
    serve(
      STAGES.filter((stage) => stage.pipeline_id === 3),
      { pipeline_id: "3" },
    );
    await expect(picklist("selectStage", { pipelineId: "3" })).resolves.toEqual(LEGACY);
  });

  it("the first enabled pipeline in Sell's order is the default, whatever its ID or name", async () => {
    servePage(
      "/stages",
      1,
      [
        { id: 1, name: "A", position: 1, pipeline_id: 1 },
        { id: 2, name: "B", position: 1, pipeline_id: 9 },
      ],
      "stage",
      false,
    );
    servePage(
      "/pipelines",
      1,
      [
        { id: 9, name: "Zebra" },
        { id: 1, name: "Alpha" },
      ],
      "pipeline",
      false,
    );
    await expect(picklist("selectStage")).resolves.toEqual([
      { key: "2", label: "Zebra › 1. B" },
      { key: "1", label: "Alpha › 1. A" },
    ]);
  });

  it("stages of a pipeline not listed, then stages without a pipeline, come after; no position goes last, ties by ID", async () => {
    servePage(
      "/stages",
      1,
      [
        { id: 90, name: "Floating", pipeline_id: null },
        { id: 81, name: "Late", pipeline_id: 99 },
        { id: 80, name: "Early", position: 1, pipeline_id: 99 },
        { id: 60, name: "Other", position: 1, pipeline_id: 98 },
        { id: 55, name: "Unplaced", pipeline_id: 5 },
        { id: 54, name: "Twin", position: 1, pipeline_id: 5 },
        { id: 53, name: "Twin", position: 1, pipeline_id: 5 },
        { id: 31, name: "Incoming", position: 1, pipeline_id: 3 },
      ],
      "stage",
      false,
    );
    servePage("/pipelines", 1, PIPELINES, "pipeline", false);
    await expect(picklist("selectStage", { includeDisabled: "true" })).resolves.toEqual([
      { key: "53", label: "Sales pipeline › 1. Twin" },
      { key: "54", label: "Sales pipeline › 1. Twin" },
      { key: "55", label: "Sales pipeline › Unplaced" },
      { key: "60", label: "Pipeline 98 › 1. Other" },
      { key: "80", label: "Pipeline 99 › 1. Early" },
      { key: "81", label: "Pipeline 99 › Late" },
      { key: "90", label: "No pipeline › Floating" },
      { key: "31", label: "Legacy pipeline (disabled) › 1. Incoming" },
    ]);
  });

  it("a stage that does not fit the schema is listed last as 'Stage <id>'", async () => {
    servePage(
      "/stages",
      1,
      [
        { id: 8, name: 42, position: 1, pipeline_id: 5 },
        { id: 51, name: "Incoming", position: 1, pipeline_id: 5 },
      ],
      "stage",
      false,
    );
    servePage("/pipelines", 1, PIPELINES, "pipeline", false);
    await expect(picklist("selectStage")).resolves.toEqual([
      { key: "51", label: "Sales pipeline › 1. Incoming" },
      { key: "8", label: "Stage 8" },
    ]);
  });

  it("refuses an Include Disabled Pipelines that is not true or false, before any request", async () => {
    const error = await failureOf(
      harness.dataSource("selectStage", {
        connection: oauthConnection(),
        includeDisabled: "maybe",
      }),
    );
    expect(error.message).toBe("Include Disabled Pipelines: must be true or false, got 'maybe'");
  });
});
