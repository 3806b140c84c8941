import { SellApi } from "./api";
import { type SellLogger, SellTransport, type TransportOptions } from "./transport";

/** What the client needs of a connection: the bearer token and the origin requests go to. */
export interface SellCredentials {
  token: string;
  /** Scheme, host and port requests go to (Sell's host, or a local sandbox). */
  origin: string;
}

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
 * Builds a client for credentials. Step debug (`context.debug.enabled`) turns on request
 * logging through `context.logger`, with the token redacted.
 */
export function createSellClient(
  credentials: SellCredentials,
  context: SellClientContext = {},
  overrides: Partial<Omit<TransportOptions, "token" | "origin">> = {},
): SellClient {
  const transport = new SellTransport({
    token: credentials.token,
    origin: credentials.origin,
    logger: context.logger,
    debug: context.debug?.enabled === true,
    ...overrides,
  });
  return { v2: new SellApi(transport, "v2"), v3: new SellApi(transport, "v3"), transport };
}
