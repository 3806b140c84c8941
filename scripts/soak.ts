/**
 * Soak test of the Record Changes trigger (`npm run soak`, not part of `npm test`; under a
 * minute): 1,000 polls of one trigger instance against the sandbox while leads are created,
 * updated and deleted between polls, with bursts bigger than a poll's cap, polls whose
 * execution "fails" (their state is thrown away, as Prismatic does), restarts from the saved
 * state, and one saved position forced past Firehose's retention (410). Every change made in
 * the sandbox is counted against every change reported:
 *
 *   lost      = changes never reported (outside a gap the trigger reported)
 *   repeated  = changes reported more than once by polls whose state was kept
 *   invented  = changes reported that the sandbox never made
 *
 * Exits 1 unless all three are 0.
 */
import { randomBytes } from "node:crypto";
import {
  createConnection,
  createHarness,
  defaultTriggerPayload,
} from "@prismatic-io/spectral/dist/testing";
import { startSandbox } from "../sandbox";
import { apiToken } from "../src/connections";
import component from "../src/index";
import { quietLogger, seededRandom } from "./lib/tooling";

const POLLS = 1000;
const TOKENS = 20;

interface Output {
  events: Array<{ eventId: string }>;
  caughtUp: boolean;
  gap?: { from: string; to: string };
}

async function main(): Promise<number> {
  const seed = Number(process.env.SOAK_SEED ?? 2026);
  const random = seededRandom(seed);
  const tokens = Array.from({ length: TOKENS }, () => randomBytes(32).toString("hex"));
  const sandbox = await startSandbox({ seed, tokens, rateLimit: false });
  const harness = createHarness(component);
  const logger = quietLogger();
  const started = Date.now();

  // Every event the sandbox made, by ID (read before retention could drop any).
  const made = new Map<string, string>();
  const remember = () => {
    for (const event of sandbox.events("leads"))
      made.set(event.eventId, `${new Date(event.time).toISOString().slice(0, 19)}Z`);
  };
  const reported = new Map<string, number>();
  const gaps: Array<{ from: string; to: string }> = [];
  let state: Record<string, unknown> = {};
  let failed = 0;
  let restarts = 0;
  let forced410 = false;

  const poll = async (instanceState: Record<string, unknown>, n: number): Promise<Output> => {
    const token = tokens[n % TOKENS] as string;
    const result = (await harness.trigger(
      "recordChanges",
      defaultTriggerPayload(),
      {
        connection: createConnection(apiToken, { accessToken: token, baseUrl: sandbox.url }),
        resource: "leads",
        maxEventsPerPoll: "400",
      },
      { instanceState, logger },
    )) as unknown as { payload: { body: { data: Output } } };
    return result.payload.body.data;
  };

  const alive = (): number[] => sandbox.records("leads").map((lead) => lead.id as number);
  await poll(state, 0); // starts at the top
  for (let n = 1; n <= POLLS; n += 1) {
    // Changes between polls: a few creates, updates and deletes; now and then a burst.
    const burst = random() < 0.004 ? 1500 : 0;
    for (let i = 0; i < burst + Math.floor(random() * 6); i += 1)
      sandbox.insert("leads", { last_name: `Soak ${n}.${i}`, status: "New" });
    for (const id of alive()) {
      const r = random();
      if (r < 0.02) sandbox.update("leads", id, { title: `t${n}` });
      else if (r < 0.025) sandbox.remove("leads", id);
    }
    remember();
    if (!forced410 && n === Math.floor(POLLS / 2)) {
      // Catch up, then let the saved position age past the retention.
      for (let drained = false; !drained; ) {
        const output = await poll(state, n);
        for (const event of output.events)
          reported.set(event.eventId, (reported.get(event.eventId) ?? 0) + 1);
        drained = output.caughtUp;
      }
      // A few changes the trigger has not read yet, then 73 hours pass: Firehose drops them and
      // the saved position expires. The trigger must say which time range it may have missed.
      for (let i = 0; i < 5; i += 1)
        sandbox.insert("leads", { last_name: `Expired ${i}`, status: "New" });
      remember();
      sandbox.advanceClock(73 * 3600 * 1000);
      forced410 = true;
    }
    if (random() < 0.05) {
      // An execution that fails after polling: Prismatic keeps the old state.
      await poll(JSON.parse(JSON.stringify(state)) as Record<string, unknown>, n);
      failed += 1;
    }
    if (random() < 0.05) {
      // A new process: only the saved state carries over.
      state = JSON.parse(JSON.stringify(state)) as Record<string, unknown>;
      restarts += 1;
    }
    const output = await poll(state, n);
    if (output.gap) gaps.push(output.gap);
    for (const event of output.events)
      reported.set(event.eventId, (reported.get(event.eventId) ?? 0) + 1);
  }
  // Drain what is left.
  for (let drained = false, n = POLLS + 1; !drained; n += 1) {
    const output = await poll(state, n);
    for (const event of output.events)
      reported.set(event.eventId, (reported.get(event.eventId) ?? 0) + 1);
    drained = output.caughtUp && output.events.length === 0;
  }
  remember();
  await sandbox.close();

  const inGap = (time: string) => gaps.some((gap) => time >= gap.from && time <= gap.to);
  const lost = [...made].filter(([id, time]) => !reported.has(id) && !inGap(time)).length;
  const repeated = [...reported.values()].filter((count) => count > 1).length;
  const invented = [...reported.keys()].filter((id) => !made.has(id)).length;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    `soak: ${POLLS} polls in ${seconds} s, ${made.size} changes made, ${reported.size} reported, ` +
      `${failed} failed executions, ${restarts} restarts, ${gaps.length} gap(s) reported ` +
      `→ lost ${lost}, repeated ${repeated}, invented ${invented} (seed ${seed})\n`,
  );
  return lost + repeated + invented === 0 && gaps.length === 1 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
