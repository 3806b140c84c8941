/**
 * Action overhead: CPU time per call of getLead, createLead and listLeads through the harness
 * (input cleaning, the client, envelope checks, output) as a ratio to a bare axios call of the
 * same endpoint, both against the sandbox in its own process (its CPU is not counted). Every
 * call gets a token of its own, as separate executions on Prismatic would, so no call waits for
 * the rate limit; waiting costs no CPU anyway.
 */
import { action, component } from "@prismatic-io/spectral";
import { createHarness } from "@prismatic-io/spectral/dist/testing";
import axios from "axios";
import { type Built, quietLogger } from "./lib/component";
import { type Figure, ratio } from "./lib/figures";
import { SandboxProcess } from "./lib/sandboxProcess";

const CALLS = 2000;
const WARMUP = 200;
const ROUNDS = 20;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

interface Case {
  key: string;
  inputs: (id: string) => Record<string, unknown>;
  bare: (url: string, token: string, id: string) => Promise<unknown>;
}

const headers = (token: string) => ({
  Authorization: `Bearer ${token}`,
  Accept: "application/json",
  "User-Agent": "bench/1.0",
});

const CASES: Case[] = [
  {
    key: "getLead",
    inputs: (id) => ({ id }),
    bare: (url, token, id) => axios.get(`${url}/v2/leads/${id}`, { headers: headers(token) }),
  },
  {
    key: "createLead",
    inputs: () => ({ lastName: "Overhead", contactInfo: { email: "overhead@example.com" } }),
    bare: (url, token) =>
      axios.post(
        `${url}/v2/leads`,
        { data: { last_name: "Overhead", email: "overhead@example.com" } },
        { headers: { ...headers(token), "Content-Type": "application/json" } },
      ),
  },
  {
    key: "listLeads",
    inputs: () => ({}),
    bare: (url, token) => axios.get(`${url}/v2/leads`, { headers: headers(token) }),
  },
];

/** CPU milliseconds (user + system) `run` takes for each of `n` calls. */
async function cpuPerCall(n: number, run: (i: number) => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < n; i += 1) await run(i);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / n;
}

/**
 * What the harness and spectral's perform wrapper cost by themselves: an action that sends
 * nothing and returns nothing, run the same way (part of every figure above, and of Prismatic's
 * runtime as well, which the harness stands in for).
 */
async function harnessFloor(): Promise<number> {
  const nothing = component({
    key: "nothing",
    public: false,
    display: { label: "Nothing", description: "Does nothing.", iconPath: "icon.png" },
    actions: {
      nothing: action({
        display: { label: "Nothing", description: "Does nothing." },
        inputs: {},
        perform: async () => ({ data: null }),
      }),
    },
  });
  const harness = createHarness(nothing);
  const run = () => harness.action("nothing", {}, { logger: quietLogger() });
  await cpuPerCall(WARMUP, run);
  return cpuPerCall(CALLS, run);
}

export async function overheadBench(built: Built): Promise<Figure[]> {
  const perCase = (WARMUP + CALLS) * 2;
  const sandbox = await SandboxProcess.start({ tokenCount: perCase * CASES.length + 1 });
  try {
    // A page of 25 leads for List Leads (the sandbox's default page size), as in a real account.
    await sandbox.insert("leads", 100, { last_name: "Listed {i}", status: "New" });
    const floorMs = await harnessFloor();
    const lead = (await built.action("createLead", sandbox.url, sandbox.freshToken(), {
      lastName: "Measured",
    })) as { data: { data: { id: number } } };
    const id = String(lead.data.data.id);
    const runs = CASES.map((c) => ({
      c,
      ours: (i: number) =>
        built.action(c.key, sandbox.url, sandbox.freshToken(), c.inputs(id)).then(() => i),
      bare: (i: number) => c.bare(sandbox.url, sandbox.freshToken(), id).then(() => i),
      oursRounds: [] as number[],
      bareRounds: [] as number[],
    }));
    // Warm every path up (JIT, connections), then measure them interleaved, round after round,
    // so that drift in the machine's speed hits all alike; each figure is the median of its
    // rounds (a round that a burst of other work on the machine slowed down does not count).
    for (const run of runs) {
      await cpuPerCall(WARMUP, run.ours);
      await cpuPerCall(WARMUP, run.bare);
    }
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const run of runs) {
        run.oursRounds.push(await cpuPerCall(CALLS / ROUNDS, run.ours));
        run.bareRounds.push(await cpuPerCall(CALLS / ROUNDS, run.bare));
      }
    }
    const figures: Figure[] = runs.map(({ c, oursRounds, bareRounds }) => {
      const oursMs = median(oursRounds);
      const bareMs = median(bareRounds);
      return {
        group: "Action overhead (CPU per call)",
        name: c.key,
        values: {
          component: `${oursMs.toFixed(2)} ms`,
          "bare axios": `${bareMs.toFixed(2)} ms`,
          ratio: ratio(oursMs / bareMs),
          "harness alone": `${floorMs.toFixed(2)} ms`,
          "ratio without it": ratio((oursMs - floorMs) / bareMs),
        },
      };
    });
    return figures;
  } finally {
    await sandbox.stop();
  }
}
