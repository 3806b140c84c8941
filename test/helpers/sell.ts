import { randomBytes } from "node:crypto";
import type { Connection } from "@prismatic-io/spectral";
import { createConnection, createHarness } from "@prismatic-io/spectral/dist/testing";
import nock from "nock";
import { clock, createSellClient, type SellClient, type SellClientContext } from "../../src/client";
import { apiToken, oauth, resolveCredentials } from "../../src/connections";
import component from "../../src/index";

export const SELL = "https://api.getbase.com";

/** A fresh 64-hex token, so every test gets its own rate limiter (they are per token). */
export const newToken = (): string => randomBytes(32).toString("hex");

export const oauthConnection = (token: string = newToken()) =>
  createConnection(
    oauth,
    { clientId: "client-id", clientSecret: "client-secret" },
    { access_token: token },
  );

export const tokenConnection = (token: string = newToken(), baseUrl?: string) =>
  createConnection(apiToken, { accessToken: token, ...(baseUrl === undefined ? {} : { baseUrl }) });

export const harness = createHarness(component);

/** Nock scope for Sell that also checks the headers every request must carry. */
export const sellApi = (token?: string) =>
  nock(SELL, {
    reqheaders: {
      authorization: token ? `Bearer ${token}` : /^Bearer [0-9a-f]{64}$/,
      accept: "application/json",
      "user-agent": /^zendesk-sell-component\/\d+\.\d+\.\d+$/,
    },
  });

/** A Sell client for a connection, as a step builds it. */
export const clientOf = (
  connection: Connection,
  context?: SellClientContext,
  overrides?: Parameters<typeof createSellClient>[2],
): SellClient => createSellClient(resolveCredentials(connection), context, overrides);

/**
 * Makes retries instant and records the waits the client asked for, so retry tests are exact
 * and fast. Returns the recorded delays; restore with the returned `restore`.
 */
export function instantRetries(random: () => number = () => 0.5) {
  const delays: number[] = [];
  const previous = { sleep: clock.sleep, random: clock.random };
  clock.sleep = (ms) => {
    delays.push(ms);
    // Yield a macrotask so sockets finish emitting their events before the next attempt.
    return new Promise((resolve) => setImmediate(resolve));
  };
  clock.random = random;
  const restore = () => {
    clock.sleep = previous.sleep;
    clock.random = previous.random;
  };
  return { delays, restore };
}

/** A Sell error envelope as the real API sends it. */
export const sellError = (
  status: string,
  errors: Array<{
    code: string;
    message?: string;
    details?: string;
    field?: string;
    resource?: string;
  }>,
  logref = "b5h8u-qn0oj-8mr2n-94mug",
) => ({
  errors: errors.map((error) => ({
    error,
    meta: {
      type: "error",
      links: { more_info: "https://developers.getbase.com/docs/rest/articles/errors" },
    },
  })),
  meta: {
    type: "errors",
    http_status: status,
    logref,
    links: { more_info: "https://developers.getbase.com/docs/rest/articles/errors" },
  },
});

/** A socket-level failure for nock's replyWithError (nock 14 needs a real Error to emit it). */
export const socketError = (code: string, message = "socket hang up"): Error =>
  Object.assign(new Error(message), { code });
