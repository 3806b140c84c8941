import type { SellClient, StreamEnvelope } from "../../client";
import { DEFAULT_MAX_EVENTS, streamLayout } from "../../inputs/common";
import type { Values } from "../../inputs/layout";
import type { Operation, Resource } from "../../resources/define";
import { SELL_DOCS } from "../../util/values";
import { customAction } from "./custom";
import { streamOutput, streamRecordSchema } from "./outputs";

export const FIREHOSE_DOCS = `${SELL_DOCS}/firehose/overview/`;

export { streamLayout };

/**
 * Reads a Firehose stream: one request from Position, or with Read Until Caught Up every page
 * until Sell reports `top`, returning all events and the position to continue from.
 */
export async function readStream(
  sell: SellClient,
  resourceKey: string,
  values: Values<typeof streamLayout>,
): Promise<StreamEnvelope> {
  const from = values.position ?? "tail";
  if (values.readUntilCaughtUp !== true) return sell.v3.streamPage(resourceKey, from, values.limit);
  const items: StreamEnvelope["items"] = [];
  let last: StreamEnvelope["meta"] = { position: from, top: false };
  for await (const page of sell.v3.stream(resourceKey, {
    position: from,
    limit: values.limit ?? 100,
    maxEvents: values.maxEvents ?? DEFAULT_MAX_EVENTS,
  })) {
    items.push(...page.items);
    last = page.meta;
  }
  return {
    items,
    meta: {
      position: last.position,
      top: last.top,
      count: items.length,
      ...(last.links ? { links: last.links } : {}),
    },
  };
}

/** `GET /v3/<resource>/stream` for one resource. */
export function streamAction(resource: Resource, operation: Operation) {
  const events = operation.events ?? resource.name.one.toLowerCase();
  const changed = operation.changed ? ` such as ${operation.changed}` : "";
  return customAction({
    label: operation.label ?? `Get ${resource.name.many} Stream`,
    description: `Reads ${events} events (created, updated with the previous values${changed}, deleted) from Sell's Firehose, from a position; optionally until caught up. Needs the account's root user and a plan with Firehose.`,
    docs: FIREHOSE_DOCS,
    // The same inputs as the operation declares (every stream read has them).
    layout: streamLayout,
    effect: "read",
    output: streamOutput(resource, streamRecordSchema(resource)),
    perform: ({ sell, values }) => readStream(sell, resource.key, values),
  });
}
