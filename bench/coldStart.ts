/**
 * Cold start and bundle size. Cold start: a fresh `node` that requires dist/index.js, median of
 * 7, as a ratio to one that requires spectral alone (every spectral component loads it) and to
 * a minimal component bundled here the stock way (webpack, no stubs): what any spectral
 * component of this toolchain ships and loads before its own code. Prismatic's own component
 * could not be rebuilt in this run, so its figures (952 KB; 142 ms, 1.5× faster than this
 * component's 214 ms of then) are those reported in the issue, measured on another machine.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIST } from "./lib/component";
import { type Figure, kb, ms, ratio } from "./lib/figures";

const ROOT = join(__dirname, "..");
const RUNS = 7;

/** Median wall time of a fresh node process that runs `code`. */
function coldStart(code: string): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    const result = spawnSync(process.execPath, ["-e", code], { cwd: ROOT, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`cold start failed: ${result.stderr}`);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)] as number;
}

/** A do-nothing component bundled with the stock webpack setup (no stubs): the baseline. */
async function bundleMinimal(dir: string): Promise<string> {
  const entry = join(dir, "minimal.js");
  writeFileSync(
    entry,
    `const { component, action } = require("@prismatic-io/spectral");
module.exports = component({
  key: "minimal", public: false,
  display: { label: "Minimal", description: "A component with one action that does nothing.", iconPath: "icon.png" },
  actions: { nothing: action({ display: { label: "Nothing", description: "Nothing." }, inputs: {}, perform: async () => ({ data: null }) }) },
});
`,
  );
  const webpack = require("webpack") as typeof import("webpack");
  const compiler = webpack({
    mode: "production",
    target: "node",
    context: ROOT,
    entry,
    output: { filename: "minimal.bundle.js", path: dir, library: { type: "commonjs2" } },
    resolve: { modules: [join(ROOT, "node_modules")] },
    optimization: { minimize: true },
    performance: { hints: false },
    ignoreWarnings: [{ message: /Critical dependency/ }],
  });
  await new Promise<void>((resolve, reject) =>
    compiler.run((error, stats) => {
      if (error || stats?.hasErrors()) reject(error ?? new Error(stats?.toString()));
      else compiler.close(() => resolve());
    }),
  );
  return join(dir, "minimal.bundle.js");
}

export async function coldStartBench(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), "zendesk-sell-bench-"));
  try {
    const minimal = await bundleMinimal(dir);
    const nodeAlone = coldStart("");
    const spectral = coldStart('require("@prismatic-io/spectral")');
    const baseline = coldStart(`require(${JSON.stringify(minimal)})`);
    const ours = coldStart(`require(${JSON.stringify(DIST)})`);
    const size = statSync(DIST).size;
    const minimalSize = statSync(minimal).size;
    return [
      {
        group: "Cold start (fresh process, median of 7)",
        name: "require dist/index.js",
        values: {
          time: ms(ours),
          "node alone": ms(nodeAlone),
          "vs spectral": ratio(ours / spectral),
          "vs a minimal component bundled the stock way": ratio(ours / baseline),
        },
      },
      {
        group: "Bundle size",
        name: "dist/index.js",
        values: {
          size: kb(size),
          "minimal component bundled the stock way": kb(minimalSize),
          "Prismatic's component (issue figure)": "952 KB",
        },
        note: "Prismatic's component could not be rebuilt here; its 952 KB and 142 ms cold start are the figures reported in the issue (another machine). This bundle replaces parts of spectral a component never runs (its jest-based testing helpers, date utilities and the code-native YAML writer) and zod's 60-odd translations with stubs; see webpack.config.js.",
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
