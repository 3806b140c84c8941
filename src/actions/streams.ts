import { choice } from "../inputs/fields";
import { layout, need } from "../inputs/layout";
import { streamableResources } from "../resources";
import { leads } from "../resources/leads";
import { customAction } from "./operations";
import { streamOutput } from "./operations/outputs";
import { FIREHOSE_DOCS, readStream, streamLayout } from "./operations/stream";

/** Every resource with a Firehose stream, from the registry. */
const streamResource = choice(
  "resource",
  "Resource",
  streamableResources.map((resource) => resource.key),
  { required: true, comments: "The resource whose events to read." },
);

export const getStream = customAction({
  label: "Get Stream",
  description:
    "Reads events (created, updated with previous values, deleted) of any resource from Sell's Firehose, from a position; optionally until caught up. Needs the account's root user and a plan with Firehose.",
  docs: FIREHOSE_DOCS,
  layout: layout({ resource: streamResource, ...streamLayout }),
  effect: "read",
  output: streamOutput({
    key: leads.key,
    type: leads.type,
    example: { id: 1, first_name: "Mark", last_name: "Johnson" },
  }),
  perform: ({ sell, values }) => readStream(sell, need(values.resource, "Resource"), values),
});
