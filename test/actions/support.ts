/**
 * Shared helpers of the action and data source tests (not a test file itself).
 * Everything goes through the component harness of test/helpers/sell.ts.
 */
import type { ActionContext, ActionLogger } from "@prismatic-io/spectral";
import nock from "nock";
import { harness, oauthConnection, SELL } from "../helpers/sell";

/** Requests that reached nock without matching any interceptor (i.e. were "sent"). */
export function unmatchedRequests() {
  const seen: string[] = [];
  const listener = (req: { method?: string; path?: string }) => {
    seen.push(`${req.method ?? "?"} ${req.path ?? "?"}`);
  };
  beforeEach(() => {
    seen.length = 0;
    nock.emitter.on("no match", listener);
  });
  afterEach(() => {
    nock.emitter.removeListener("no match", listener);
  });
  return seen;
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function failureOf(promise: Promise<unknown>): Promise<Error> {
  let result: unknown;
  try {
    result = await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error(`Expected a failure, got ${JSON.stringify(result)}`);
}

/** Runs an action with a fresh OAuth connection and returns the error it fails with. */
export const actionFailure = (
  key: string,
  params: Record<string, unknown>,
  context?: Partial<ActionContext>,
): Promise<Error> =>
  failureOf(harness.action(key, { connection: oauthConnection(), ...params }, context));

/** Runs an action with a fresh OAuth connection. */
export const run = (
  key: string,
  params: Record<string, unknown> = {},
  context?: Partial<ActionContext>,
): Promise<unknown> => harness.action(key, { connection: oauthConnection(), ...params }, context);

/** A logger whose calls are recorded per level. */
export function recordingLogger() {
  const lines: Record<"info" | "warn" | "error" | "debug", string[]> = {
    info: [],
    warn: [],
    error: [],
    debug: [],
  };
  const to =
    (level: keyof typeof lines) =>
    (...args: unknown[]) => {
      lines[level].push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    };
  const noop = () => undefined;
  const logger = {
    metric: noop,
    trace: noop,
    log: to("info"),
    info: to("info"),
    debug: to("debug"),
    warn: to("warn"),
    error: to("error"),
  } as unknown as ActionLogger;
  return { lines, logger };
}

export type RecordData = Record<string, unknown>;

/** One record in a collection, as Sell wraps it. */
export const item = (data: RecordData, type: string) => ({ data, meta: { type } });

/** A v2 collection page; `next` becomes meta.links.next_page. */
export const collection = (records: RecordData[], type: string, next?: string) => ({
  items: records.map((record) => item(record, type)),
  meta: {
    type: "collection",
    count: records.length,
    links: {
      self: `${SELL}/v2/x?page=1&per_page=100`,
      ...(next === undefined ? {} : { next_page: next }),
    },
  },
});

/** Inclusive integer range. */
export const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Serves a resource type's custom field definitions (`GET /v2/<type>/custom_fields`), which
 * writes with custom fields read first to type the values. `fields` maps name → Sell type.
 */
export function customFieldDefinitions(
  scope: nock.Scope,
  resourceType: string,
  fields: Record<string, string>,
) {
  return scope
    .get(`/v2/${resourceType}/custom_fields`)
    .query({})
    .reply(
      200,
      collection(
        Object.entries(fields).map(([name, type], index) => ({ id: index + 1, name, type })),
        "custom_field",
      ),
    );
}
