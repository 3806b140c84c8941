/**
 * One of the processes of the many-processes benchmark (bench/processes.ts): loads the built
 * component, runs a Fetch All of the shared leads and 50 creates with the shared token, and
 * reports on stdout as one JSON line. Its environment says where and as whom.
 */
import { Built, itemsOf } from "./lib/component";
import type { ProcessReport } from "./lib/protocol";

async function main() {
  const url = process.env.BENCH_URL as string;
  const token = process.env.BENCH_TOKEN as string;
  const index = Number(process.env.BENCH_INDEX);
  const writes = Number(process.env.BENCH_WRITES ?? 50);
  const built = new Built();
  const failures: string[] = [];
  let slowest = 0;
  const timed = async <T>(run: () => Promise<T>): Promise<T | undefined> => {
    const started = performance.now();
    try {
      return await run();
    } catch (error) {
      failures.push((error as Error).message);
      return undefined;
    } finally {
      slowest = Math.max(slowest, performance.now() - started);
    }
  };
  const started = performance.now();
  let created = 0;
  const [list] = await Promise.all([
    timed(() => built.action("listLeads", url, token, { firstName: "Shared", fetchAll: "true" })),
    (async () => {
      for (let i = 0; i < writes; i += 1) {
        const lead = await timed(() =>
          built.action("createLead", url, token, { lastName: `Process ${index} lead ${i}` }),
        );
        if (lead) created += 1;
      }
    })(),
  ]);
  const items = list ? itemsOf(list) : [];
  const report: ProcessReport = {
    index,
    elapsedMs: performance.now() - started,
    fetched: items.length,
    distinct: new Set(items.map((item) => item.data.id)).size,
    created,
    failures,
    slowestActionMs: slowest,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error((error as Error).stack);
    process.exit(1);
  },
);
