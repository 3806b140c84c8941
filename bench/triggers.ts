/**
 * Trigger cost. A poll with nothing new: requests for 1,000 and for 100,000 records, list polling
 * (New and Updated Records) and Firehose (Record Changes). Draining 10,000 changes: polls,
 * requests and time as a fraction of the fastest the limit allows for the pages it needs.
 * Firehose is read with a cursor (each page's position is only known from the page before), so
 * its pages are sequential by nature: at L ms a round trip it cannot beat 1/L pages a second.
 */
import type { Built } from "./lib/component";
import { count, type Figure, fastestMs, ratio, secs } from "./lib/figures";
import { SandboxProcess } from "./lib/sandboxProcess";

type Json = Record<string, unknown>;

const LIST = "pollChangesTrigger";
const FIREHOSE = "recordChanges";
const listInputs = { pollResourceType: "leads" };
const firehoseInputs = { resource: "leads", maxEventsPerPoll: "10000" };

async function quietPollCost(
  built: Built,
  sandbox: SandboxProcess,
  records: number,
): Promise<Figure[]> {
  const have = await sandbox.count("leads");
  // Changed a second apart, up to a second ago: as records accumulate in a real account.
  const missing = records - have;
  if (missing > 0)
    await sandbox.insert(
      "leads",
      missing,
      { last_name: "Quiet {i}", status: "New" },
      {
        fromMs: -(missing + 1) * 1000,
        stepMs: 1000,
      },
    );
  const figures: Figure[] = [];
  for (const [key, inputs, label] of [
    [LIST, listInputs, "list polling"],
    [FIREHOSE, firehoseInputs, "Firehose"],
  ] as const) {
    const token = sandbox.freshToken();
    const state: Json = {};
    await built.poll(key, sandbox.url, token, state, inputs); // the starting point
    const before = (await sandbox.requests({ token })).total;
    const polled = await built.poll(key, sandbox.url, token, state, inputs);
    const requests = (await sandbox.requests({ token })).total - before;
    figures.push({
      group: "Trigger poll with nothing new",
      name: `${label}, ${count(records)} leads`,
      values: { requests: count(requests), "reported no changes": String(polled.quiet) },
    });
  }
  return figures;
}

async function drain(built: Built, latencyMs: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  const CHANGES = 10_000;
  for (const [key, inputs, label] of [
    [LIST, listInputs, "list polling"],
    [FIREHOSE, firehoseInputs, "Firehose"],
  ] as const) {
    // A sandbox of its own: its clock moves ahead, and the trigger checks saved positions
    // against the real clock (a cursor far in the future is taken as corrupt).
    const sandbox = await SandboxProcess.start({ tokenCount: 2 });
    const token = sandbox.freshToken();
    const state: Json = {};
    await built.poll(key, sandbox.url, token, state, inputs);
    // 10,000 leads created after the trigger started, 20 a second (an import), then the clock
    // moves past them.
    await sandbox.insert(
      "leads",
      CHANGES,
      { last_name: `Drain ${label} {i}`, status: "New" },
      {
        fromMs: 1000,
        stepMs: 50,
      },
    );
    await sandbox.advanceClock(CHANGES * 50 + 5000);
    await sandbox.setLatency(latencyMs);
    const before = (await sandbox.requests({ token })).total;
    const seen = new Set<unknown>();
    let reported = 0;
    let polls = 0;
    const started = performance.now();
    for (;;) {
      const { data, quiet } = await built.poll(key, sandbox.url, token, state, inputs);
      polls += 1;
      if (quiet) break;
      const records =
        key === LIST
          ? [...((data.created as Json[]) ?? []), ...((data.updated as Json[]) ?? [])].map(
              (r) => r.id,
            )
          : ((data.events as Json[]) ?? []).map((e) => e.eventId);
      reported += records.length;
      for (const id of records) seen.add(id);
    }
    const elapsed = performance.now() - started;
    const requests = (await sandbox.requests({ token })).total - before;
    await sandbox.stop();
    // The fewest requests that can carry 10,000 changes: 100 pages of 100, and one quiet poll;
    // and how close to the limit the requests it did make were sent.
    const fastest = fastestMs(CHANGES / 100 + 1, latencyMs);
    figures.push({
      group: "Trigger draining 10,000 new leads",
      name: `${label}, ${latencyMs} ms`,
      values: {
        time: secs(elapsed),
        "of fastest": ratio(fastest / elapsed),
        "of the limit for its requests": ratio(fastestMs(requests, latencyMs) / elapsed),
        polls: count(polls),
        requests: count(requests),
        reported:
          reported === CHANGES && seen.size === CHANGES
            ? "10,000, each once"
            : `${reported} (${seen.size} distinct)`,
      },
    });
  }
  return figures;
}

export async function triggerBench(built: Built): Promise<Figure[]> {
  const sandbox = await SandboxProcess.start({ tokenCount: 20 });
  try {
    const figures = [
      ...(await quietPollCost(built, sandbox, 1_000)),
      ...(await quietPollCost(built, sandbox, 100_000)),
    ];
    for (const latency of [0, 100, 300]) figures.push(...(await drain(built, latency)));
    const note =
      "Firehose pages follow a cursor (each page's position comes from the page before), so they are read one after another: at L ms a round trip at most 1/L pages a second. List polling reads the changed records' pages ahead in parallel, then reads them again to confirm that no record slipped between pages while they were read (v2 pages shift when records change or go), so it makes about twice the requests a single read would.";
    figures[figures.length - 1] = { ...(figures[figures.length - 1] as Figure), note };
    return figures;
  } finally {
    await sandbox.stop();
  }
}
