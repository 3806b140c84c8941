import type { Connection } from "@prismatic-io/spectral";
import { resolveCredentials } from "../connections";
import { SellApi } from "./api";
import { type SellLogger, SellTransport, type TransportOptions } from "./transport";

export * from "./api";
export * from "./envelopes";
export * from "./errors";
export * from "./query";
export * from "./retry";
export * from "./throttle";
export * from "./transport";

/** The parts of an action, data source or trigger context the client uses. */
export interface SellClientContext {
  logger?: SellLogger;
  debug?: { enabled?: boolean };
}

/** The typed Sell client: `v2` is the Core API, `v3` Firehose and Search. */
export interface SellClient {
  readonly v2: SellApi;
  readonly v3: SellApi;
  readonly transport: SellTransport;
}

/**
 * Builds a client for a connection. Step debug (`context.debug.enabled`) turns on request
 * logging through `context.logger`, with the token redacted.
 */
export function createSellClient(
  connection: Connection,
  context: SellClientContext = {},
  overrides: Partial<Omit<TransportOptions, "token" | "origin">> = {},
): SellClient {
  const { token, origin } = resolveCredentials(connection);
  const transport = new SellTransport({
    token,
    origin,
    logger: context.logger,
    debug: context.debug?.enabled === true,
    ...overrides,
  });
  return { v2: new SellApi(transport, "v2"), v3: new SellApi(transport, "v3"), transport };
}
