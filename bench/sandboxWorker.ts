/**
 * The sandbox in a child process of a benchmark: started with Sell's rate limit on (10 requests a
 * second per token, as Sell counts them: on arrival, after any injected latency), then driven
 * over IPC (bench/lib/protocol.ts). Options come as JSON in BENCH_SANDBOX.
 */
import { type SandboxOptions, startSandbox } from "../sandbox";
import { type Command, type Message, numbered, type RequestFilter } from "./lib/protocol";
import { newToken } from "./lib/tokens";

interface WorkerOptions {
  tokenCount: number;
  seed: number;
}

const send = (message: Message) => process.send?.(message);

async function main() {
  const { tokenCount, seed } = JSON.parse(process.env.BENCH_SANDBOX ?? "{}") as WorkerOptions;
  const options: SandboxOptions = {
    seed,
    tokens: Array.from({ length: tokenCount }, newToken),
    rateLimit: { limit: 10, windowMs: 1000 },
  };
  const sandbox = await startSandbox(options);

  const matching = ({ token, method, pathPrefix }: RequestFilter) =>
    sandbox.requests.filter(
      (entry) =>
        (token === undefined || entry.token === token) &&
        (method === undefined || entry.method === method) &&
        (pathPrefix === undefined || entry.path.startsWith(pathPrefix)),
    );

  const run = (command: Command): unknown => {
    switch (command.op) {
      case "insert": {
        const now = sandbox.now();
        const at = (i: number) => {
          const spread = command.timestamps;
          if (!spread) return {};
          const iso = `${new Date(now + spread.fromMs + i * spread.stepMs).toISOString().slice(0, 19)}Z`;
          return { created_at: iso, updated_at: iso };
        };
        for (let i = 1; i <= command.count; i += 1)
          sandbox.insert(command.table, { ...numbered(command.values, i), ...at(i) });
        return command.count;
      }
      case "advanceClock":
        sandbox.advanceClock(command.ms);
        return null;
      case "setFaults":
        sandbox.setFaults(command.faults);
        return null;
      case "requests": {
        const byStatus: Record<string, number> = {};
        let total = 0;
        for (const entry of matching(command.filter)) {
          total += 1;
          byStatus[entry.status] = (byStatus[entry.status] ?? 0) + 1;
        }
        return { total, byStatus };
      }
      case "arrivals":
        return matching(command.filter).map((entry) => entry.at);
      case "count": {
        const where = Object.entries(command.where ?? {});
        return sandbox
          .records(command.table)
          .filter((record) => where.every(([key, value]) => record[key] === value)).length;
      }
      case "clearLog":
        sandbox.requests.length = 0;
        return null;
    }
  };

  process.on("message", (raw: { id: number; command: Command }) => {
    try {
      send({ kind: "reply", id: raw.id, result: run(raw.command) });
    } catch (error) {
      send({ kind: "failed", id: raw.id, message: (error as Error).message });
    }
  });
  process.on("disconnect", () => {
    void sandbox.close().then(() => process.exit(0));
  });
  send({ kind: "started", started: { url: sandbox.url, tokens: sandbox.tokens } });
}

main().catch((error) => {
  console.error(`bench sandbox failed to start: ${(error as Error).message}`);
  process.exit(1);
});
