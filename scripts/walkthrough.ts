/**
 * The main job (`npm start`): Sell's lead-to-customer workflow, run through the component's real
 * actions (spectral's test harness, over HTTP) against a local Sell sandbox. Each step is checked;
 * any wrong result stops the run with exit code 1.
 *
 *   form data → find-or-create lead (twice: one lead) → qualify → convert to contact + deal →
 *   move the deal through the pipeline to Won → note and task → read every change back from the
 *   Firehose stream actions.
 */
import type { ActionContext } from "@prismatic-io/spectral";
import { createConnection, createHarness } from "@prismatic-io/spectral/dist/testing";
import { type Sandbox, startSandbox } from "../sandbox";
import { apiToken } from "../src/connections";
import component from "../src/index";
import { quietLogger } from "./lib/tooling";

export interface Step {
  action: string;
  inputs: string;
  result: string;
  requests: number;
}

type Json = Record<string, unknown>;

class WalkthroughFailure extends Error {}

const check = (condition: unknown, message: string): void => {
  if (!condition) throw new WalkthroughFailure(message);
};

const record = (output: unknown): Json =>
  ((output as { data?: { data?: Json } })?.data?.data ?? {}) as Json;

/** Runs the walkthrough against `sandbox` (or a new one) and returns its steps. */
export async function runWalkthrough(options: { sandbox?: Sandbox } = {}): Promise<Step[]> {
  const sandbox = options.sandbox ?? (await startSandbox({ seed: 7 }));
  const harness = createHarness(component);
  const connection = createConnection(apiToken, {
    accessToken: sandbox.token,
    baseUrl: sandbox.url,
  });
  const context = { logger: quietLogger() } as Partial<ActionContext>;
  const steps: Step[] = [];

  const run = async (
    action: string,
    inputs: Json,
    describe: (output: unknown) => string,
  ): Promise<unknown> => {
    const before = sandbox.requests.length;
    const output = await harness.action(action, { connection, ...inputs }, context);
    steps.push({
      action,
      inputs: summarize(inputs),
      result: describe(output),
      requests: sandbox.requests.length - before,
    });
    return output;
  };

  try {
    const me = record(
      await run("getCurrentUser", {}, (o) => `user ${record(o).id} (${record(o).name})`),
    );

    // 1. A web form posts a lead; the same form posted again must not create a second lead.
    const form = {
      firstName: "Grace",
      lastName: "Hopper",
      organizationName: "Compiler Works",
      contactInfo: { email: "grace@compilerworks.example", phone: "+1 555 0100" },
      address: '{"city": "Arlington", "country": "US"}',
      tags: ["web-form"],
      additionalFields: { title: "CTO", description: "Asked for a demo on the website." },
    };
    const first = await run("findOrCreateLead", form, describeFound);
    const again = await run("findOrCreateLead", form, describeFound);
    const lead = record(first);
    check(metaOf(first).created === true, "the first form post should create the lead");
    check(
      metaOf(again).created === false && record(again).id === lead.id,
      "the second form post should find the same lead",
    );
    const sameEmail = sandbox
      .records("leads")
      .filter((l) => l.email === "grace@compilerworks.example");
    check(
      sameEmail.length === 1,
      `expected one lead for the form's email, found ${sameEmail.length}`,
    );

    // 2. A rep qualifies it.
    const qualified = record(
      await run(
        "qualifyLead",
        { id: String(lead.id), status: "Working", ownerId: String(me.id) },
        (o) => `lead ${record(o).id} is ${record(o).status}`,
      ),
    );
    check(qualified.status === "Working", "the lead should be Working");

    // 3. Converted, one way, into a person, an organization and a deal.
    const conversion = record(
      await run(
        "convertLead",
        { leadId: String(lead.id), createDeal: "true" },
        (o) =>
          `person ${record(o).individual_id}, organization ${record(o).organization_id}, deal ${record(o).deal_id}`,
      ),
    );
    check(
      conversion.individual_id && conversion.organization_id && conversion.deal_id,
      "the conversion should create a person, an organization and a deal",
    );
    check(
      !sandbox.records("leads").some((l) => l.id === lead.id),
      "a converted lead is no longer a lead",
    );
    const dealId = String(conversion.deal_id);

    // 4. The deal moves left to right through its pipeline until Won.
    const deal = record(
      await run(
        "getDeal",
        { id: dealId },
        (o) => `deal '${record(o).name}' in stage ${record(o).stage_id}`,
      ),
    );
    const stages = (
      (await run("listStages", { fetchAll: "true" }, (o) => `${items(o).length} stages`)) as {
        data: { items: Array<{ data: Json }> };
      }
    ).data.items.map((i) => i.data);
    const current = stages.find((s) => s.id === deal.stage_id);
    check(current, `the deal's stage ${String(deal.stage_id)} should exist`);
    const pipeline = stages
      .filter((s) => s.pipeline_id === current?.pipeline_id)
      .sort((a, b) => Number(a.position) - Number(b.position));
    const path = pipeline.filter(
      (s) =>
        Number(s.position) > Number(current?.position) &&
        (s.category === "in_progress" || s.category === "won"),
    );
    for (const stage of path) {
      const moved = record(
        await run(
          "moveDealToStage",
          { id: dealId, pipelineId: String(stage.pipeline_id), stageId: String(stage.id) },
          (o) => `deal ${record(o).id} → ${String(stage.name)} (${String(stage.category)})`,
        ),
      );
      check(moved.stage_id === stage.id, `the deal should be in stage ${String(stage.name)}`);
      if (stage.category === "won") break;
    }
    check(
      path.some((s) => s.category === "won"),
      "the pipeline should have a Won stage",
    );

    // 5. A note and a follow-up task on the deal.
    const note = record(
      await run(
        "createNote",
        {
          content: "Signed after the demo. Kick-off next week.",
          resourceType: "deal",
          resourceId: dealId,
        },
        (o) => `note ${record(o).id}`,
      ),
    );
    const task = record(
      await run(
        "createTask",
        {
          content: "Schedule the kick-off call",
          resourceType: "deal",
          resourceId: dealId,
          dueDate: "2026-12-01T15:00:00Z",
          ownerId: String(me.id),
        },
        (o) => `task ${record(o).id} due ${String(record(o).due_date)}`,
      ),
    );
    check(note.id && task.id, "the note and the task should be created");

    // 6. Every change, read back from the Firehose streams until caught up.
    const streamed = async (action: string, extra: Json = {}) =>
      (
        (await run(
          action,
          { position: "tail", limit: "100", readUntilCaughtUp: "true", ...extra },
          describeEvents,
        )) as {
          data: { items: Array<{ data: Json; meta: Json }>; meta: Json };
        }
      ).data;
    const leadEvents = await streamed("getLeadsStream");
    check(
      eventTypes(leadEvents.items, lead.id).join(",") === "created,updated,deleted",
      `lead events should be created, updated, deleted; got ${eventTypes(leadEvents.items, lead.id).join(",")}`,
    );
    const dealEvents = await streamed("getDealsStream");
    const stageChanges = dealEvents.items.filter(
      (e) =>
        e.data.id === conversion.deal_id &&
        e.meta.event_type === "updated" &&
        "stage_id" in ((e.meta.previous as Json) ?? {}),
    );
    check(
      stageChanges.length === path.filter((s) => s.category !== "lost").length,
      "every stage move should appear as a deal update with the previous stage",
    );
    const contactEvents = await streamed("getContactsStream");
    check(
      contactEvents.items.filter((e) => e.meta.event_type === "created").length >= 2,
      "the person and the organization should appear as created contacts",
    );
    const noteEvents = await streamed("getNotesStream");
    check(
      noteEvents.items.some((e) => e.data.id === note.id && e.meta.event_type === "created"),
      "the note should appear in the notes stream",
    );
    const taskEvents = await streamed("getStream", { resource: "tasks" });
    check(
      taskEvents.items.some((e) => e.data.id === task.id && e.meta.event_type === "created"),
      "the task should appear in the tasks stream",
    );
    check(
      leadEvents.meta.top === true && dealEvents.meta.top === true,
      "the streams should be read until caught up",
    );
    return steps;
  } catch (error) {
    (error as { steps?: Step[] }).steps = steps;
    throw error;
  } finally {
    if (!options.sandbox) await sandbox.close();
  }
}

const metaOf = (output: unknown): Json =>
  ((output as { data?: { meta?: Json } })?.data?.meta ?? {}) as Json;
const items = (output: unknown): unknown[] =>
  ((output as { data?: { items?: unknown[] } })?.data?.items ?? []) as unknown[];
const describeFound = (o: unknown) =>
  `lead ${record(o).id} (${metaOf(o).created ? "created" : "found, not created again"})`;
const eventTypes = (events: Array<{ data: Json; meta: Json }>, id: unknown) =>
  events.filter((e) => e.data.id === id).map((e) => String(e.meta.event_type));
const describeEvents = (o: unknown) => {
  const events = items(o) as Array<{ meta: Json }>;
  const counts = new Map<string, number>();
  for (const event of events)
    counts.set(String(event.meta.event_type), (counts.get(String(event.meta.event_type)) ?? 0) + 1);
  return `${events.length} events (${[...counts].map(([type, count]) => `${count} ${type}`).join(", ")})`;
};

function summarize(inputs: Json): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(inputs)) {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [child, childValue] of Object.entries(value as Json))
        parts.push(`${key}.${child}=${String(childValue)}`);
    } else parts.push(`${key}=${Array.isArray(value) ? value.join("|") : String(value)}`);
  }
  const text = parts.join(" ");
  return text.length > 70 ? `${text.slice(0, 69)}…` : text;
}

/** Prints steps as a table. */
export function formatSteps(steps: Step[]): string {
  const header: Step = { action: "action", inputs: "inputs", result: "result", requests: 0 };
  const rows = [header, ...steps];
  const width = (pick: (s: Step) => string) => Math.max(...rows.map((s) => pick(s).length));
  const [a, i, r] = [width((s) => s.action), width((s) => s.inputs), width((s) => s.result)];
  const line = (s: Step, requests: string) =>
    `${s.action.padEnd(a)}  ${s.inputs.padEnd(i)}  ${s.result.padEnd(r)}  ${requests}`;
  return [
    line(header, "requests"),
    `${"-".repeat(a)}  ${"-".repeat(i)}  ${"-".repeat(r)}  --------`,
    ...steps.map((s) => line(s, String(s.requests).padStart(8))),
  ].join("\n");
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ seed: 7 });
  process.stdout.write(
    `Zendesk Sell walkthrough against a local Sell sandbox at ${sandbox.url}\n\n`,
  );
  try {
    const steps = await runWalkthrough({ sandbox });
    process.stdout.write(`${formatSteps(steps)}\n\n`);
    const total = steps.reduce((sum, s) => sum + s.requests, 0);
    process.stdout.write(`OK: ${steps.length} steps, ${total} requests, every result checked.\n`);
  } catch (error) {
    const steps = (error as { steps?: Step[] }).steps ?? [];
    if (steps.length) process.stdout.write(`${formatSteps(steps)}\n\n`);
    process.stderr.write(
      `WALKTHROUGH FAILED: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  } finally {
    await sandbox.close();
  }
}

if (require.main === module) {
  void main();
}
