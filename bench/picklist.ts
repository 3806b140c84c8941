/**
 * Picklists: time and requests to fill Select Contact from 1,000 and from 10,000 contacts (Max
 * Records raised to 10,000 for the second), at 100 ms a round trip, as a fraction of the fastest
 * the limit allows for the pages needed.
 */
import type { Built } from "./lib/component";
import { count, type Figure, fastestMs, ratio, secs } from "./lib/figures";
import { SandboxProcess } from "./lib/sandboxProcess";

const LATENCY_MS = 100;

export async function picklistBench(built: Built): Promise<Figure[]> {
  const sandbox = await SandboxProcess.start({ tokenCount: 4 });
  const figures: Figure[] = [];
  try {
    for (const total of [1_000, 10_000]) {
      await sandbox.setLatency(0);
      const have = await sandbox.count("contacts");
      if (have < total)
        await sandbox.insert("contacts", total - have, { name: "Org {i}", is_organization: true });
      await sandbox.setLatency(LATENCY_MS);
      const token = sandbox.freshToken();
      const started = performance.now();
      const options = await built.picklist("selectContact", sandbox.url, token, {
        maxRecords: String(total),
      });
      const elapsed = performance.now() - started;
      const requests = await sandbox.requests({ token });
      const pages = Math.ceil(total / 100);
      figures.push({
        group: `Picklist Select Contact (${LATENCY_MS} ms round trips)`,
        name: `${count(total)} contacts`,
        values: {
          time: secs(elapsed),
          "of fastest": ratio(fastestMs(pages, LATENCY_MS) / elapsed),
          requests: count(requests.total),
          "429s": count(requests.byStatus["429"] ?? 0),
          options: count(options.length),
        },
      });
    }
  } finally {
    await sandbox.stop();
  }
  return figures;
}
