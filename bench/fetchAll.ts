/**
 * Fetch All of 10,000 leads (100 pages of 100) at fixed and jittered latency: time as a fraction
 * of the fastest Sell allows, requests, wasted requests (pages read ahead past the end), 429s,
 * and whether every record came exactly once.
 */
import { type Built, itemsOf } from "./lib/component";
import { count, type Figure, fastestMs, ratio, secs } from "./lib/figures";
import { SandboxProcess } from "./lib/sandboxProcess";

type Latency = number | { min: number; max: number };

const RECORDS = 10_000;
const WINDOW_MS = 1000;

const describe = (latency: Latency) =>
  typeof latency === "number" ? `${latency} ms` : `${latency.min}–${latency.max} ms`;
const floorOf = (latency: Latency) => (typeof latency === "number" ? latency : latency.min);
const meanOf = (latency: Latency) =>
  typeof latency === "number" ? latency : (latency.min + latency.max) / 2;

export const LATENCIES: Latency[] = [0, 100, 300, { min: 100, max: 500 }, { min: 250, max: 350 }];

export async function fetchAllBench(built: Built, latencies = LATENCIES): Promise<Figure[]> {
  const sandbox = await SandboxProcess.start({ tokenCount: 20 });
  const figures: Figure[] = [];
  try {
    await sandbox.insert("leads", RECORDS - (await sandbox.count("leads")), {
      first_name: "Bench",
      last_name: "Lead {i}",
      status: "New",
    });
    const pages = Math.ceil(RECORDS / 100);
    for (const latency of latencies) {
      await sandbox.setLatency(latency);
      const token = sandbox.freshToken();
      const started = performance.now();
      // Max Items far above the count: the reader does not know where the list ends, as in life.
      const output = await built.action("listLeads", sandbox.url, token, {
        fetchAll: "true",
        maxItems: "100000",
      });
      const elapsed = performance.now() - started;
      const items = itemsOf(output);
      const once = new Set(items.map((item) => item.data.id)).size;
      const requests = await sandbox.requests({ token });
      const fastest = fastestMs(pages, floorOf(latency));
      // With jitter, a slot can be reused only once the slower trip is known to have landed: the
      // no-429 rule costs the mean spread above the fastest trip on each of the 10 slots.
      const bound = WINDOW_MS / (WINDOW_MS + meanOf(latency) - floorOf(latency));
      figures.push({
        group: "Fetch All of 10,000 leads",
        name: describe(latency),
        values: {
          time: secs(elapsed),
          "of fastest": ratio(fastest / elapsed),
          ...(typeof latency === "number" ? {} : { "no-429 bound": ratio(bound) }),
          requests: count(requests.total),
          wasted: count(requests.total - pages),
          "429s": count(requests.byStatus["429"] ?? 0),
          records:
            once === RECORDS && items.length === RECORDS
              ? "10,000, each once"
              : `${items.length} (${once} distinct)`,
        },
      });
    }
    // A short list: what reading ahead costs when the list ends early (page 3 of 100 ms trips).
    await sandbox.setLatency(0);
    await sandbox.insert("leads", 250, { first_name: "Short", last_name: "Short {i}" });
    await sandbox.setLatency(100);
    const token = sandbox.freshToken();
    const started = performance.now();
    const output = await built.action("listLeads", sandbox.url, token, {
      firstName: "Short",
      fetchAll: "true",
    });
    const elapsed = performance.now() - started;
    const requests = await sandbox.requests({ token });
    figures.push({
      group: "Fetch All of a short list",
      name: "250 leads (3 pages), 100 ms",
      values: {
        time: secs(elapsed),
        "of fastest": ratio(fastestMs(3, 100) / elapsed),
        requests: count(requests.total),
        wasted: count(requests.total - 3),
        "429s": count(requests.byStatus["429"] ?? 0),
        records: count(itemsOf(output).length),
      },
      note: "After a full first page, the pages after it are asked for at once, as much of the budget as is free (up to 9): Sell counts any 10 requests in a second, so a second's slots not used at the start of a long list are lost for all of it. A list that ends early wastes those pages: each is an empty answer, and the budget they took. Lists answered by one page, and Fetch All with round trips under 20 ms, read one page at a time and waste none.",
    });
    await sandbox.setLatency(undefined);
  } finally {
    await sandbox.stop();
  }
  return figures;
}
