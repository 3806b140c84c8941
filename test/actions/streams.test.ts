/**
 * Firehose stream actions (`GET /v3/<resource>/stream`): one read from a position, or with Read
 * Until Caught Up every page until Sell reports `meta.top`, up to Max Events.
 */
import { SELL, sellApi, sellError } from "../helpers/sell";
import { actionFailure, run } from "./support";

const event = (id: number, type = "lead", eventType = "updated") => ({
  data: { id, name: `Record ${id}` },
  meta: {
    type,
    event_type: eventType,
    event_cause: "interaction",
    event_id: `ev-${id}`,
    event_time: "2026-11-20T13:52:42Z",
    sequence: id,
    ...(eventType === "updated" ? { previous: { name: `Old ${id}` } } : {}),
  },
});

const streamPage = (
  resource: string,
  ids: number[],
  position: string,
  top: boolean,
  withLinks = true,
) => ({
  items: ids.map((id) => event(id)),
  meta: {
    position,
    top,
    ...(withLinks ? { links: { next: `${SELL}/v3/${resource}/stream?position=${position}` } } : {}),
  },
});

describe("one read", () => {
  it("sends position and limit and returns Sell's body unchanged", async () => {
    const body = {
      ...streamPage("leads", [1, 2], "cG9zLTI=", false),
      extra: "kept",
    };
    const scope = sellApi()
      .get("/v3/leads/stream")
      .query({ position: "tail", limit: "50" })
      .reply(200, body);
    const result = (await run("getLeadsStream", { position: "tail", limit: "50" })) as {
      data: unknown;
    };
    scope.done();
    expect(result).toEqual({ data: body });
    expect(JSON.stringify(result.data)).toBe(JSON.stringify(body));
  });

  it("sends no limit when none is given (Sell's default applies)", async () => {
    const scope = sellApi()
      .get("/v3/deals/stream")
      .query({ position: "top" })
      .reply(200, streamPage("deals", [], "top-pos", true));
    await expect(run("getDealsStream", { position: "top" })).resolves.toEqual({
      data: streamPage("deals", [], "top-pos", true),
    });
    scope.done();
  });

  it("sends an opaque position (with = and +) exactly", async () => {
    const position = "ZmlyZWhvc2U+LmV4YW1wbGU/LDMwNTQ5Mg==";
    const scope = sellApi()
      .get("/v3/contacts/stream")
      .query({ position })
      .reply(200, streamPage("contacts", [3], position, true));
    await run("getContactsStream", { position });
    scope.done();
  });
});

describe("Read Until Caught Up", () => {
  it("follows meta.position, through empty pages, until meta.top, and returns every event", async () => {
    const scope = sellApi()
      .get("/v3/leads/stream")
      .query({ position: "tail", limit: "100" })
      .reply(200, streamPage("leads", [1, 2], "p1", false))
      .get("/v3/leads/stream")
      .query({ position: "p1", limit: "100" })
      .reply(200, streamPage("leads", [], "p2", false))
      .get("/v3/leads/stream")
      .query({ position: "p2", limit: "100" })
      .reply(200, streamPage("leads", [3], "p3", true));
    const result = await run("getLeadsStream", { position: "tail", readUntilCaughtUp: true });
    scope.done();
    expect(result).toEqual({
      data: {
        items: [event(1), event(2), event(3)],
        meta: {
          position: "p3",
          top: true,
          count: 3,
          links: { next: `${SELL}/v3/leads/stream?position=p3` },
        },
      },
    });
  });

  it("uses the given limit for every page and has no links when the last page has none", async () => {
    const scope = sellApi()
      .get("/v3/notes/stream")
      .query({ position: "abc", limit: "2" })
      .reply(200, streamPage("notes", [1, 2], "p1", false))
      .get("/v3/notes/stream")
      .query({ position: "p1", limit: "2" })
      .reply(200, streamPage("notes", [], "p1", true, false));
    const result = await run("getNotesStream", {
      position: "abc",
      limit: "2",
      readUntilCaughtUp: "true",
    });
    scope.done();
    expect(result).toEqual({
      data: { items: [event(1), event(2)], meta: { position: "p1", top: true, count: 2 } },
    });
  });

  it("a stream already caught up gives no events and keeps the position", async () => {
    const scope = sellApi()
      .get("/v3/tasks/stream")
      .query({ position: "top", limit: "100" })
      .reply(200, streamPage("tasks", [], "now", true, false));
    await expect(
      run("getTasksStream", { position: "top", readUntilCaughtUp: true }),
    ).resolves.toEqual({ data: { items: [], meta: { position: "now", top: true, count: 0 } } });
    scope.done();
  });

  it("stops at Max Events (whole pages kept) and reports top: false", async () => {
    // No interceptor for position p2: reading it would fail the test.
    const scope = sellApi()
      .get("/v3/deals/stream")
      .query({ position: "tail", limit: "100" })
      .reply(200, streamPage("deals", [1, 2], "p1", false))
      .get("/v3/deals/stream")
      .query({ position: "p1", limit: "100" })
      .reply(200, streamPage("deals", [3, 4], "p2", false));
    const result = await run("getDealsStream", {
      position: "tail",
      readUntilCaughtUp: true,
      maxEvents: "3",
    });
    scope.done();
    expect(result).toEqual({
      data: {
        items: [event(1), event(2), event(3), event(4)],
        meta: {
          position: "p2",
          top: false,
          count: 4,
          links: { next: `${SELL}/v3/deals/stream?position=p2` },
        },
      },
    });
  });

  it("stops exactly at Max Events when a page reaches it", async () => {
    const scope = sellApi()
      .get("/v3/orders/stream")
      .query({ position: "tail", limit: "100" })
      .reply(200, streamPage("orders", [1, 2], "p1", false));
    const result = (await run("getOrdersStream", {
      position: "tail",
      readUntilCaughtUp: true,
      maxEvents: "2",
    })) as { data: { meta: unknown } };
    scope.done();
    expect(result.data.meta).toEqual({
      position: "p1",
      top: false,
      count: 2,
      links: { next: `${SELL}/v3/orders/stream?position=p1` },
    });
  });

  it("the generic Get Stream reads until caught up too", async () => {
    const scope = sellApi()
      .get("/v3/calls/stream")
      .query({ position: "tail", limit: "100" })
      .reply(200, streamPage("calls", [1], "p1", false))
      .get("/v3/calls/stream")
      .query({ position: "p1", limit: "100" })
      .reply(200, streamPage("calls", [2], "p2", true));
    const result = (await run("getStream", {
      resource: "calls",
      position: "tail",
      readUntilCaughtUp: true,
    })) as { data: { items: unknown[]; meta: { count: number } } };
    scope.done();
    expect(result.data.items).toEqual([event(1), event(2)]);
    expect(result.data.meta.count).toBe(2);
  });
});

describe("which stream", () => {
  it.each([
    "leads",
    "contacts",
    "deals",
    "associated_contacts",
    "notes",
    "tasks",
    "calls",
    "appointments",
    "orders",
    "line_items",
    "products",
    "users",
    "sources",
    "stages",
    "tags",
    "custom_fields",
    "collaborations",
    "documents",
    "visits",
  ])("getStream with resource %s sends GET /v3/<resource>/stream", async (resource) => {
    const scope = sellApi()
      .get(`/v3/${resource}/stream`)
      .query({ position: "top", limit: "10" })
      .reply(200, streamPage(resource, [7], "p", true));
    await expect(run("getStream", { resource, position: "top", limit: "10" })).resolves.toEqual({
      data: streamPage(resource, [7], "p", true),
    });
    scope.done();
  });

  it("getStream accepts the resource in any case", async () => {
    const scope = sellApi()
      .get("/v3/line_items/stream")
      .query({ position: "top" })
      .reply(200, streamPage("line_items", [], "p", true));
    await run("getStream", { resource: "Line_Items", position: "top" });
    scope.done();
  });

  it.each([
    ["getLeadsStream", "leads"],
    ["getContactsStream", "contacts"],
    ["getDealsStream", "deals"],
    ["getNotesStream", "notes"],
    ["getTasksStream", "tasks"],
    ["getOrdersStream", "orders"],
    ["getLineItemsStream", "line_items"],
    ["getStagesStream", "stages"],
    ["getCustomFieldsStream", "custom_fields"],
    ["getProductsStream", "products"],
    ["getTagsStream", "tags"],
    ["getCallsStream", "calls"],
  ])("%s reads /v3/%s/stream", async (key, resource) => {
    const scope = sellApi()
      .get(`/v3/${resource}/stream`)
      .query({ position: "tail" })
      .reply(200, streamPage(resource, [1], "p", true));
    await expect(run(key, { position: "tail" })).resolves.toEqual({
      data: streamPage(resource, [1], "p", true),
    });
    scope.done();
  });
});

describe("errors", () => {
  it("a 410 says the position is older than the 72-hour retention", async () => {
    const scope = sellApi()
      .get("/v3/deals/stream")
      .query({ position: "old-position" })
      .reply(410, sellError("410 Gone", [{ code: "gone", message: "Position expired" }], "lr-410"));
    const error = await actionFailure("getDealsStream", { position: "old-position" });
    scope.done();
    expect(error.message).toBe(
      "Zendesk Sell rejected GET /v3/deals/stream (410 Gone): Position expired. The stream position is older than Firehose's 72-hour retention: start again from 'tail' (oldest kept events) or 'top' (new events only). (logref lr-410)",
    );
  });

  it("a 410 in the middle of Read Until Caught Up fails the same way (not retried)", async () => {
    const scope = sellApi()
      .get("/v3/leads/stream")
      .query({ position: "tail", limit: "100" })
      .reply(200, streamPage("leads", [1], "p1", false))
      .get("/v3/leads/stream")
      .query({ position: "p1", limit: "100" })
      .reply(410);
    const error = await actionFailure("getLeadsStream", {
      position: "tail",
      readUntilCaughtUp: true,
    });
    scope.done();
    expect(error.message).toBe(
      "Zendesk Sell rejected GET /v3/leads/stream (410 Gone): empty body. The stream position is older than Firehose's 72-hour retention: start again from 'tail' (oldest kept events) or 'top' (new events only).",
    );
  });

  it("a 403 explains what Firehose needs", async () => {
    const scope = sellApi()
      .get("/v3/leads/stream")
      .query({ position: "tail" })
      .reply(
        403,
        sellError("403 Forbidden", [{ code: "forbidden", message: "Forbidden" }], "lr-403"),
      );
    const error = await actionFailure("getLeadsStream", { position: "tail" });
    scope.done();
    expect(error.message).toBe(
      "Zendesk Sell rejected GET /v3/leads/stream (403 Forbidden): Forbidden. Firehose needs a token of the account's root user, Tree Based Permissions, and a plan that includes Firehose (Growth or above); on other plans, watch changes with the New and Updated Records trigger (list polling). (logref lr-403)",
    );
  });

  it("a body without meta.position is reported as unexpected", async () => {
    const scope = sellApi()
      .get("/v3/leads/stream")
      .query({ position: "tail" })
      .reply(200, { items: [] });
    const error = await actionFailure("getLeadsStream", { position: "tail" });
    scope.done();
    expect(error.message).toMatch(
      /^Zendesk Sell answered GET \/v3\/leads\/stream \(200 OK\) with an unexpected body: the response does not have the expected shape/,
    );
  });
});
