/**
 * The main job (`npm start`, scripts/walkthrough.ts) as a test: the lead-to-customer workflow,
 * run through the component's real actions against a fresh local Sell sandbox, checks every step.
 */
import { type Sandbox, startSandbox } from "../../sandbox";
import { runWalkthrough, type Step } from "../../scripts/walkthrough";

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
});
afterAll(() => sandbox.close());

it("runWalkthrough completes against a fresh sandbox and returns every step", async () => {
  let steps: Step[];
  try {
    steps = await runWalkthrough({ sandbox });
  } catch (error) {
    // Show which step failed, not only the check's message.
    const done = (error as { steps?: Step[] }).steps ?? [];
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\nsteps done: ${done.map((s) => `${s.action} → ${s.result}`).join("; ")}`,
    );
  }

  expect(steps.map((s) => s.action)).toEqual([
    "getCurrentUser",
    "findOrCreateLead",
    "findOrCreateLead",
    "qualifyLead",
    "convertLead",
    "getDeal",
    "listStages",
    "moveDealToStage",
    "moveDealToStage",
    "moveDealToStage",
    "moveDealToStage",
    "createNote",
    "createTask",
    "getLeadsStream",
    "getDealsStream",
    "getContactsStream",
    "getNotesStream",
    "getStream",
  ]);
  for (const step of steps) {
    expect(step.result).not.toBe("");
    expect(step.requests).toBeGreaterThanOrEqual(1);
  }
  expect(steps[1]?.result).toMatch(/\(created\)$/);
  expect(steps[2]?.result).toMatch(/found, not created again/);
  expect(steps[10]?.result).toMatch(/→ Won \(won\)$/);

  // Every request the walkthrough made succeeded, and the sandbox holds what it reports.
  const failed = sandbox.requests.filter((r) => r.status >= 400 || r.status === 0);
  expect(failed).toEqual([]);
  expect(steps.reduce((sum, s) => sum + s.requests, 0)).toBe(sandbox.requests.length);
  expect(sandbox.records("leads")).toEqual([]);
  const [deal] = sandbox.records("deals");
  const won = sandbox.records("stages").find((s) => s.id === deal?.stage_id);
  expect(won).toMatchObject({ category: "won" });
  expect(sandbox.records("contacts")).toHaveLength(2);
  expect(sandbox.records("notes")).toEqual([expect.objectContaining({ resource_id: deal?.id })]);
  expect(sandbox.records("tasks")).toEqual([expect.objectContaining({ resource_id: deal?.id })]);
});
