import type { TriggerPayload } from "@prismatic-io/spectral";

/** An example trigger result whose body is `data`, with the rest of the payload empty. */
export const examplePayloadOf = <T>(data: T) => ({
  payload: {
    headers: {},
    queryParameters: {},
    rawBody: { data: null },
    body: { data },
    pathFragment: "",
    webhookUrls: {},
    webhookApiKeys: {},
    invokeUrl: "",
    executionId: "",
    customer: { id: "", name: "", externalId: "" },
    instance: { id: "", name: "" },
    user: { id: "", email: "", name: "", externalId: "" },
    integration: { id: "", name: "", versionSequenceId: "", externalVersion: "" },
    flow: { id: "", name: "", stableId: "" },
    startedAt: "",
    globalDebug: false,
  } as TriggerPayload & { body: { data: T } },
  polledNoChanges: false,
});
