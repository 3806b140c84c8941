/**
 * Shared helpers of the end-to-end tests (not a test file itself): the component's real actions
 * and data sources, run through spectral's harness, over real HTTP against a local Sell sandbox.
 *
 * Every test takes its own token (`e2e.client()`), so tests never share the client's per-token
 * throttle (10 requests/s) nor the sandbox's per-token rate window.
 */
import { randomBytes } from "node:crypto";
import type { ActionContext } from "@prismatic-io/spectral";
import { createConnection, createHarness } from "@prismatic-io/spectral/dist/testing";
import type { RequestLogEntry } from "../../sandbox";
import { type Sandbox, type SandboxOptions, startSandbox } from "../../sandbox";
import { apiToken } from "../../src/connections";
import component from "../../src/index";

export type Json = Record<string, unknown>;

export const harness = createHarness(component);

/** A fresh 64-hex token. */
export const newToken = (): string => randomBytes(32).toString("hex");

export { quietLogger, realSleep, seededRandom } from "../../scripts/lib/tooling";

import { quietLogger } from "../../scripts/lib/tooling";

const context = (): Partial<ActionContext> => ({ logger: quietLogger() });

/** One token's view of the sandbox: runs actions and data sources with it, sees its requests. */
export class Client {
  readonly connection: ReturnType<typeof createConnection>;

  constructor(
    readonly sandbox: Sandbox,
    readonly token: string,
  ) {
    this.connection = createConnection(apiToken, { accessToken: token, baseUrl: sandbox.url });
  }

  /** Runs an action by key with this token's connection; returns its `{ data }` output. */
  async action(key: string, inputs: Json = {}): Promise<{ data: unknown }> {
    return (await harness.action(key, { connection: this.connection, ...inputs }, context())) as {
      data: unknown;
    };
  }

  /** `data` of an action output that is a single record envelope (`{ data: { data, meta } }`). */
  async record(key: string, inputs: Json = {}): Promise<Json> {
    return recordOf(await this.action(key, inputs));
  }

  /** Runs a data source (picklist) by key; returns its elements. */
  async picklist(key: string, inputs: Json = {}): Promise<Array<{ key: string; label?: string }>> {
    const output = (await harness.dataSource(key, { connection: this.connection, ...inputs }, {
      logger: quietLogger(),
    } as never)) as { result: Array<{ key: string; label?: string }> };
    return output.result;
  }

  /** The error an action fails with (fails the test when it succeeds). */
  failure(key: string, inputs: Json = {}): Promise<Error> {
    return failureOf(this.action(key, inputs));
  }

  /** Requests this token made so far (live view of the sandbox log). */
  requests(filter: { method?: string; path?: string | RegExp } = {}): RequestLogEntry[] {
    return this.sandbox.requests.filter(
      (r) =>
        r.token === this.token &&
        (filter.method === undefined || r.method === filter.method) &&
        (filter.path === undefined ||
          (typeof filter.path === "string" ? r.path === filter.path : filter.path.test(r.path))),
    );
  }
}

/**
 * A sandbox with a pool of tokens, one per test. `client()` hands out the next unused token.
 * Tokens are all root tokens (Firehose allowed) unless `rootTokens` says otherwise.
 */
export class E2E {
  private used = 0;

  private constructor(readonly sandbox: Sandbox) {}

  static async start(options: SandboxOptions & { tokenCount?: number } = {}): Promise<E2E> {
    const { tokenCount = 40, ...rest } = options;
    const tokens = Array.from({ length: tokenCount }, newToken);
    return new E2E(await startSandbox({ seed: 11, tokens, ...rest }));
  }

  client(): Client {
    const token = this.sandbox.tokens[this.used];
    if (!token) throw new Error("the e2e sandbox ran out of tokens: raise tokenCount");
    this.used += 1;
    return new Client(this.sandbox, token);
  }

  close(): Promise<void> {
    return this.sandbox.close();
  }
}

/** A record's ID as an action input. */
export const idOf = (record: Json): string => String(record.id);

/** `data.data` of an action output wrapping a single record envelope. */
export const recordOf = (output: unknown): Json =>
  ((output as { data?: { data?: Json } })?.data?.data ?? {}) as Json;

/** `data.meta` of an action output. */
export const metaOf = (output: unknown): Json =>
  ((output as { data?: { meta?: Json } })?.data?.meta ?? {}) as Json;

/** The records (`data` of each item) of an action output wrapping a collection. */
export const itemsOf = (output: unknown): Json[] =>
  ((output as { data?: { items?: Array<{ data: Json }> } })?.data?.items ?? []).map((i) => i.data);

/** Stream events of an action output: `{ data, meta }` per event. */
export const eventsOf = (output: unknown): Array<{ data: Json; meta: Json }> =>
  ((output as { data?: { items?: Array<{ data: Json; meta: Json }> } })?.data?.items ??
    []) as Array<{ data: Json; meta: Json }>;

/** The error a promise rejects with (fails the test if it resolves). */
export async function failureOf(promise: Promise<unknown>): Promise<Error> {
  let result: unknown;
  try {
    result = await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error(`Expected a failure, got ${JSON.stringify(result).slice(0, 500)}`);
}

/** Inserts `count` leads straight into the sandbox (no HTTP), named `<prefix> 001…`. */
export function insertLeads(sandbox: Sandbox, count: number, prefix: string, extra: Json = {}) {
  return Array.from({ length: count }, (_, i) =>
    sandbox.insert("leads", {
      first_name: prefix,
      last_name: `${prefix} ${String(i + 1).padStart(3, "0")}`,
      status: "New",
      ...extra,
    }),
  );
}
