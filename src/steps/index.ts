import type { Connection, InputFieldDefinition } from "@prismatic-io/spectral";
import { createSellClient, type SellClient, type SellClientContext } from "../client";
import { resolveCredentials } from "../connections";
import { InputError } from "../inputs/errors";

/**
 * What every step (action, data source, trigger) shares: its connection input, a Sell client
 * built from that connection with the step's logger and debug flag, and how descriptions end
 * with their API reference link. Actions, data sources and triggers all build on this; none
 * imports another.
 */

/** The connection input every action, data source and trigger takes, under the key `connection`. */
export const connectionInput = {
  label: "Connection",
  type: "connection",
  required: true,
  comments: "The Zendesk Sell connection to use.",
} as const satisfies InputFieldDefinition;

/** The connection param, checked (the platform passes a connection object). */
export function connectionFrom(params: Readonly<Record<string, unknown>>): Connection {
  const value = params.connection;
  if (!value || typeof value !== "object" || typeof (value as Connection).key !== "string") {
    throw new InputError("Connection", "is required: choose a Zendesk Sell connection");
  }
  return value as Connection;
}

/** A Sell client for a step, with the step's logger and debug flag. */
export const sellFor = (
  context: SellClientContext,
  params: Readonly<Record<string, unknown>>,
): SellClient => createSellClient(resolveCredentials(connectionFrom(params)), context);

/**
 * The client of a data source run. Its context is not typed with `debug`, but Prismatic passes
 * it (a step in debug mode), and the runner's `--debug` relies on it.
 */
export const sellForDataSource = (
  context: Pick<SellClientContext, "logger">,
  params: Readonly<Record<string, unknown>>,
): SellClient =>
  sellFor(
    { logger: context.logger, debug: (context as { debug?: { enabled?: boolean } }).debug },
    params,
  );

export const API_REFERENCE = "API reference:";

/** A description that ends with its API reference link. */
export const withDocs = (text: string, docs: string): string => `${text} ${API_REFERENCE} ${docs}`;
