import { clientOf, oauthConnection, SELL, sellApi } from "../helpers/sell";

const item = (id: number) => ({ data: { id, name: `Deal ${id}` }, meta: { type: "deal" } });
const page = (ids: number[], next?: string) => ({
  items: ids.map(item),
  meta: {
    type: "collection",
    count: ids.length,
    links: { self: "x", ...(next ? { next_page: next } : {}) },
  },
});
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("v2 list pagination", () => {
  it("sends per_page=100, keeps the caller's filters, follows next_page and stops after the last page", async () => {
    const scope = sellApi()
      .get("/v2/deals")
      .query({ stage_id: "7", page: "1", per_page: "100" })
      .reply(200, page(range(1, 100), `${SELL}/v2/deals?stage_id=7&page=2&per_page=100`))
      .get("/v2/deals")
      .query({ stage_id: "7", page: "2", per_page: "100" })
      .reply(200, page(range(101, 150)));
    const sell = clientOf(oauthConnection());
    const ids: number[] = [];
    for await (const envelopes of sell.v2.pages("/deals", { stage_id: 7 }))
      for (const envelope of envelopes.items) ids.push(envelope.data.id as number);
    expect(ids).toEqual(range(1, 150));
    scope.done();
  });

  it("stops at the item cap without requesting more pages, and reports truncation", async () => {
    const scope = sellApi()
      .get("/v2/deals")
      .query({ page: "1", per_page: "100" })
      .reply(200, page(range(1, 100), `${SELL}/v2/deals?page=2&per_page=100`))
      .get("/v2/deals")
      .query({ page: "2", per_page: "100" })
      .reply(200, page(range(101, 200), `${SELL}/v2/deals?page=3&per_page=100`));
    const sell = clientOf(oauthConnection());
    const result = await sell.v2.collect("/deals", {}, { maxItems: 150 });
    expect(result.items.map((i) => i.data.id)).toEqual(range(1, 150));
    expect(result).toMatchObject({ truncated: true, pages: 2 });
    scope.done();
  });

  it("is not truncated when the cap equals the number of records", async () => {
    sellApi()
      .get("/v2/deals")
      .query({ page: "1", per_page: "100" })
      .reply(200, page(range(1, 3)));
    const sell = clientOf(oauthConnection());
    await expect(sell.v2.collect("/deals", {}, { maxItems: 3 })).resolves.toMatchObject({
      truncated: false,
      pages: 1,
    });
  });

  it("reports truncation when the cap lands exactly on a page boundary and more pages exist", async () => {
    sellApi()
      .get("/v2/deals")
      .query({ page: "1", per_page: "2" })
      .reply(200, page([1, 2], `${SELL}/v2/deals?page=2&per_page=2`));
    const sell = clientOf(oauthConnection());
    await expect(sell.v2.collect("/deals", {}, { maxItems: 2, perPage: 2 })).resolves.toMatchObject(
      { truncated: true, pages: 1 },
    );
  });

  it("stops on an empty page even if Sell still sends a next_page link", async () => {
    const scope = sellApi()
      .get("/v2/deals")
      .query({ page: "1", per_page: "100" })
      .reply(200, page([], `${SELL}/v2/deals?page=2&per_page=100`));
    const sell = clientOf(oauthConnection());
    await expect(sell.v2.collect("/deals")).resolves.toEqual({
      items: [],
      truncated: false,
      pages: 1,
    });
    scope.done();
  });

  it("clamps per_page to Sell's 1–100 range", async () => {
    sellApi()
      .get("/v2/deals")
      .query({ page: "1", per_page: "100" })
      .reply(200, page([1]));
    const sell = clientOf(oauthConnection());
    await sell.v2.collect("/deals", {}, { perPage: 500 });
  });

  it("refuses a next_page link to another host (the token would follow it)", async () => {
    sellApi()
      .get("/v2/deals")
      .query(true)
      .reply(200, page([1], "https://evil.example.com/v2/deals?page=2"));
    const sell = clientOf(oauthConnection());
    await expect(sell.v2.collect("/deals")).rejects.toThrow(
      "Zendesk Sell answered GET /v2/deals with an unexpected body: next_page link points outside /v2/deals.",
    );
  });

  it("holds one page at a time: the next page is requested only when the consumer asks for it", async () => {
    const scope = sellApi()
      .get("/v2/deals")
      .query({ page: "1", per_page: "100" })
      .reply(200, page([1, 2], `${SELL}/v2/deals?page=2&per_page=100`));
    const sell = clientOf(oauthConnection());
    const pages = sell.v2.pages("/deals");
    const first = await pages.next();
    expect(first.value).toMatchObject({ items: [{ data: { id: 1 } }, { data: { id: 2 } }] });
    scope.done(); // page 2 was not requested yet
    await pages.return(undefined);
  });
});

describe("Firehose stream iteration", () => {
  const event = (id: number, type = "updated") => ({
    data: { id },
    meta: {
      type: "lead",
      event_type: type,
      sequence: 1,
      event_id: `e${id}`,
      event_time: "2026-01-01T00:00:00Z",
    },
  });

  it("reads from the given position until meta.top, following each page's position (empty pages included)", async () => {
    const scope = sellApi()
      .get("/v3/leads/stream")
      .query({ position: "tail", limit: "100" })
      .reply(200, {
        items: [event(1, "created"), event(2)],
        meta: { position: "p1", top: false, links: { next: "x" } },
      })
      .get("/v3/leads/stream")
      .query({ position: "p1", limit: "100" })
      .reply(200, { items: [], meta: { position: "p2", top: false } })
      .get("/v3/leads/stream")
      .query({ position: "p2", limit: "100" })
      .reply(200, { items: [event(3, "deleted")], meta: { position: "p3", top: true } });
    const sell = clientOf(oauthConnection());
    const positions: string[] = [];
    const ids: number[] = [];
    for await (const streamPage of sell.v3.stream("leads", { position: "tail", limit: 100 })) {
      positions.push(streamPage.meta.position);
      ids.push(...streamPage.items.map((e) => e.data.id as number));
    }
    expect(ids).toEqual([1, 2, 3]);
    expect(positions).toEqual(["p1", "p2", "p3"]);
    scope.done();
  });

  it("stops at the event cap before the stream is caught up", async () => {
    const scope = sellApi()
      .get("/v3/deals/stream")
      .query({ position: "top" })
      .reply(200, { items: [event(1), event(2)], meta: { position: "p1", top: false } });
    const sell = clientOf(oauthConnection());
    const pages = [];
    for await (const streamPage of sell.v3.stream("deals", { position: "top", maxEvents: 2 }))
      pages.push(streamPage);
    expect(pages).toHaveLength(1);
    scope.done();
  });
});
