/**
 * Public API of the Zendesk Sell sandbox: a local, stateful, in-memory stand-in for the Sell REST
 * API (v2 Core, v3 Firehose and Search) for end-to-end tests. See sandbox/README.md.
 *
 *   const sandbox = await startSandbox({ seed: 1 });
 *   // point the client at sandbox.url with sandbox.token …
 *   await sandbox.close();
 */
import type { FaultOptions, FaultRule } from "./faults";
import type { RateLimit } from "./rateLimit";
import {
  type RateLimitStyle,
  type RequestLogEntry,
  type SandboxOptions,
  SandboxServer,
} from "./server";
import type { StoredEvent } from "./store";
import type { Rec } from "./util";

export type { Fault, FaultMatch, FaultOptions, FaultRule, ScriptedFault } from "./faults";
export type { RateLimit } from "./rateLimit";
export type { SeedData } from "./seed";
export type { RateLimitStyle, RequestLogEntry, SandboxOptions } from "./server";
export type { StoredEvent } from "./store";

export interface Sandbox {
  /** e.g. `http://127.0.0.1:54321` */
  url: string;
  /** First accepted token (a root-user token unless rootTokens says otherwise). */
  token: string;
  /** All accepted tokens. */
  tokens: string[];
  close(): Promise<void>;
  setFaults(faults: FaultOptions): void;
  /** Scripted fault(s) for the next matching request(s). */
  failNext(rule: FaultRule): void;
  /**
   * Current records of a table (`leads`, `sources`, …) or endpoint (`lead_sources`), rendered as
   * the v2 API renders them.
   */
  records(resource: string): Array<Record<string, unknown>>;
  /** Request log (live array). */
  requests: RequestLogEntry[];
  /** Moves the sandbox clock forward (timestamps, Firehose retention, overdue tasks). */
  advanceClock(ms: number): void;
  /** Current sandbox clock (ms since epoch). */
  now(): number;
  /** Back to the seeded state (records, events, request log, scripted faults, rate windows). */
  reset(): void;
  /** Firehose event log of a table (retained events). */
  events(table: string): StoredEvent[];
  /** Inserts a record without validation (read-only resources such as visits, text messages). */
  insert(table: string, values: Record<string, unknown>): Record<string, unknown>;
  /**
   * Changes a stored record without validation or HTTP (bulk changes for trigger tests): the
   * values are merged in, `updated_at` moves, and Firehose gets an `updated` event.
   */
  update(table: string, id: number, values: Record<string, unknown>): Record<string, unknown>;
  /** Deletes a stored record without HTTP; Firehose gets a `deleted` event. */
  remove(table: string, id: number): void;
  /** Adds a custom field definition (`filterable` makes it usable in `custom_fields[…]` filters). */
  addCustomField(
    resourceType: "lead" | "contact" | "deal" | "prospect_and_customer",
    field: { name: string; type: string; filterable?: boolean; choices?: string[] },
  ): Record<string, unknown>;
  /** Changes rate limiting at run time (also clears the windows). */
  setRateLimit(limit: RateLimit | false, style?: RateLimitStyle): void;
  /** Id of the user a token acts as (`/v2/users/self`). */
  userIdFor(token: string): number;
}

/**
 * The component accepts a loopback API Base URL only when this variable is `true` (see
 * `LOOPBACK_SWITCH` in src/connections): the sandbox tooling sets it in its own process, and
 * nothing on Prismatic ever does.
 */
export const COMPONENT_LOOPBACK_SWITCH = "ZENDESK_SELL_ALLOW_LOOPBACK";

/** Lets the component in this process use a loopback base URL (the sandbox's). */
export function allowLoopbackConnections(): void {
  process.env[COMPONENT_LOOPBACK_SWITCH] = "true";
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  // Whoever starts a sandbox in this process means the component to talk to it.
  allowLoopbackConnections();
  const server = new SandboxServer(options);
  const url = await server.listen();
  return {
    url,
    token: server.tokens[0] as string,
    tokens: [...server.tokens],
    close: () => server.close(),
    setFaults: (faults) => server.setFaults(faults),
    failNext: (rule) => server.failNext(rule),
    records: (resource) => server.records(resource),
    requests: server.requests,
    advanceClock: (ms) => server.advanceClock(ms),
    now: () => server.now(),
    reset: () => server.reset(),
    events: (table) => server.events(table),
    insert: (table, values) => server.insert(table, values as Rec),
    update: (table, id, values) => server.update(table, id, values as Rec),
    remove: (table, id) => server.remove(table, id),
    addCustomField: (resourceType, field) => server.addCustomField(resourceType, field),
    setRateLimit: (limit, style) => {
      server.limiter.configure(limit);
      if (style) server.rateLimitStyle = style;
    },
    userIdFor: (token) => server.userIdFor(token),
  };
}

export { SandboxServer };
