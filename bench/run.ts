/**
 * `npm run bench`: builds nothing itself (the npm script builds first), starts the sandbox with
 * Sell's rate limit on in a child process, drives the built component (dist/index.js) through
 * spectral's harness, prints one line per figure and writes docs/benchmarks.md.
 *
 *   npm run bench                       every benchmark; rewrites docs/benchmarks.md
 *   npm run bench -- --only fetchAll    some of them (fetchAll, triggers, overhead, picklist,
 *                                       coldStart, processes); prints only
 */
import { coldStartBench } from "./coldStart";
import { fetchAllBench } from "./fetchAll";
import { Built } from "./lib/component";
import { type Figure, printFigure } from "./lib/figures";
import { writeReport } from "./lib/report";
import { overheadBench } from "./overhead";
import { picklistBench } from "./picklist";
import { processesBench } from "./processes";
import { triggerBench } from "./triggers";

const BENCHMARKS: Record<string, (built: Built) => Promise<Figure[]>> = {
  fetchAll: fetchAllBench,
  triggers: triggerBench,
  overhead: overheadBench,
  picklist: picklistBench,
  coldStart: coldStartBench,
  processes: processesBench,
};

async function main() {
  const onlyAt = process.argv.indexOf("--only");
  const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? "").split(",").filter(Boolean) : [];
  const unknown = only.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark ${unknown.join(", ")}: choose from ${Object.keys(BENCHMARKS).join(", ")}`,
    );
    process.exit(2);
  }
  const built = new Built();
  const figures: Figure[] = [];
  const started = Date.now();
  for (const [name, run] of Object.entries(BENCHMARKS)) {
    if (only.length > 0 && !only.includes(name)) continue;
    for (const figure of await run(built)) {
      printFigure(figure);
      figures.push(figure);
    }
  }
  if (only.length === 0) {
    writeReport(figures, Date.now() - started);
    console.log("wrote docs/benchmarks.md");
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`bench failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  },
);
