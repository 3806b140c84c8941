/**
 * Many processes, one token: on Prismatic, concurrent executions of flows sharing a connection
 * run in separate processes, which the in-process limiter cannot coordinate. Five node
 * processes each run a Fetch All of 2,000 shared leads and 50 creates with one token against
 * one sandbox. Counted in the sandbox: every create landed exactly once, every Fetch All got
 * every lead once, the 429s Sell answered (retried with backoff), and the longest any action
 * took against the retry cap.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import type { Built } from "./lib/component";
import { count, type Figure, secs } from "./lib/figures";
import type { ProcessReport } from "./lib/protocol";
import { SandboxProcess } from "./lib/sandboxProcess";

const PROCESSES = 5;
const WRITES = 50;
const SHARED = 2_000;
/** The retry policy's cap on waiting between attempts of one request (src/client/retry.ts). */
const RETRY_CAP_MS = 60_000;

function runProcess(url: string, token: string, index: number): Promise<ProcessReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(__dirname, "processWorker.ts")],
      {
        env: {
          ...process.env,
          BENCH_URL: url,
          BENCH_TOKEN: token,
          BENCH_INDEX: String(index),
          BENCH_WRITES: String(WRITES),
        },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`process ${index} exited with ${code}`));
      else resolve(JSON.parse(out.trim()) as ProcessReport);
    });
  });
}

export async function processesBench(_built: Built): Promise<Figure[]> {
  const sandbox = await SandboxProcess.start({ tokenCount: 1 });
  try {
    await sandbox.insert("leads", SHARED, { first_name: "Shared", last_name: "Shared {i}" });
    const token = sandbox.freshToken();
    const started = performance.now();
    const reports = await Promise.all(
      Array.from({ length: PROCESSES }, (_, i) => runProcess(sandbox.url, token, i)),
    );
    const elapsed = performance.now() - started;
    const requests = await sandbox.requests({ token });
    let createdOnce = 0;
    for (const report of reports) {
      for (let i = 0; i < WRITES; i += 1) {
        const n = await sandbox.count("leads", { last_name: `Process ${report.index} lead ${i}` });
        if (n === 1) createdOnce += 1;
      }
    }
    const fetchedAll = reports.every((r) => r.fetched === SHARED && r.distinct === SHARED);
    const failures = reports.flatMap((r) => r.failures);
    const slowest = Math.max(...reports.map((r) => r.slowestActionMs));
    // The fewest seconds 5 × (20 pages + 50 creates) can take at 10 requests a second.
    const minimumMs = ((PROCESSES * (SHARED / 100 + WRITES)) / 10) * 1000;
    return [
      {
        group: "Five processes, one token",
        name: `${PROCESSES} × (Fetch All of ${count(SHARED)} + ${WRITES} creates)`,
        values: {
          time: secs(elapsed),
          "fewest the limit allows": secs(minimumMs),
          requests: count(requests.total),
          "429s": count(requests.byStatus["429"] ?? 0),
          "creates landed once": `${createdOnce} of ${PROCESSES * WRITES}`,
          "Fetch All complete": fetchedAll ? `${PROCESSES} of ${PROCESSES}, each lead once` : "no",
          "failed actions": count(failures.length),
          "slowest action": secs(slowest),
          "retry waits per request capped at": secs(RETRY_CAP_MS),
        },
        note: "The limiter keeps one process under 10 requests a second but cannot see the others: Sell answers the excess with 429, which every request retries (a 429 means Sell did nothing, so a create is safe to retry) after a jittered backoff, and each 429 widens the process's margin so the processes settle near the shared limit.",
      },
    ];
  } finally {
    await sandbox.stop();
  }
}
