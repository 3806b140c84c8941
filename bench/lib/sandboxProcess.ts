/** The parent's side of bench/sandboxWorker.ts: start it, send it commands, stop it. */
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import type { FaultOptions } from "../../sandbox";
import type { Command, Message, RequestCounts, RequestFilter, Started } from "./protocol";

export class SandboxProcess {
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  private used = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly tokens: string[],
  ) {
    child.on("message", (message: Message) => {
      if (message.kind === "started") return;
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.kind === "reply") waiter?.resolve(message.result);
      else waiter?.reject(new Error(`sandbox: ${message.message}`));
    });
  }

  static start(options: { tokenCount?: number; seed?: number } = {}): Promise<SandboxProcess> {
    const child = fork(join(__dirname, "..", "sandboxWorker.ts"), [], {
      execArgv: ["--import", "tsx"],
      env: {
        ...process.env,
        BENCH_SANDBOX: JSON.stringify({
          tokenCount: options.tokenCount ?? 50,
          seed: options.seed ?? 7,
        }),
      },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    return new Promise((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`the bench sandbox exited (${code})`)));
      child.on("message", function started(message: Message) {
        if (message.kind !== "started") return;
        child.off("message", started);
        const { url, tokens }: Started = message.started;
        resolve(new SandboxProcess(child, url, tokens));
      });
    });
  }

  private call<T>(command: Command): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, command });
    });
  }

  /** A token no benchmark used yet (its limiter, in this process and the sandbox, is fresh). */
  freshToken(): string {
    const token = this.tokens[this.used];
    if (!token) throw new Error("the bench sandbox ran out of tokens: raise tokenCount");
    this.used += 1;
    return token;
  }

  insert(
    table: string,
    count: number,
    values: Record<string, unknown>,
    timestamps?: { fromMs: number; stepMs: number },
  ): Promise<number> {
    return this.call({ op: "insert", table, count, values, timestamps });
  }

  /** Moves the sandbox clock forward (its records' timestamps, Firehose event times). */
  advanceClock(ms: number): Promise<void> {
    return this.call({ op: "advanceClock", ms });
  }

  setLatency(latencyMs: FaultOptions["latencyMs"]): Promise<void> {
    return this.call({ op: "setFaults", faults: latencyMs === undefined ? {} : { latencyMs } });
  }

  requests(filter: RequestFilter): Promise<RequestCounts> {
    return this.call({ op: "requests", filter });
  }

  /** When each matching request reached the sandbox (ms, its clock), before any latency. */
  arrivals(filter: RequestFilter): Promise<number[]> {
    return this.call({ op: "arrivals", filter });
  }

  count(table: string, where?: Record<string, unknown>): Promise<number> {
    return this.call({ op: "count", table, where });
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.disconnect();
    await exited;
  }
}
