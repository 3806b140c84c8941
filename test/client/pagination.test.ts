import nock from "nock";
import { paging, RateLimiter } from "../../src/client";
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

describe("reading ahead (pages in parallel, yielded in order)", () => {
  beforeEach(() => {
    paging.readAhead = true;
  });
  afterEach(() => {
    paging.readAhead = false;
  });

  /** Full pages 1…`full`, then a last page of `lastCount` records, each page `delays[n]` ms slow. */
  function serve(full: number, lastCount: number, delays: Record<number, number> = {}) {
    const scope = sellApi();
    for (let n = 1; n <= full + 1; n += 1) {
      const ids =
        n <= full ? range(n * 100 - 99, n * 100) : range(n * 100 - 99, n * 100 - 100 + lastCount);
      scope
        .get("/v2/deals")
        .query({ page: String(n), per_page: "100" })
        .delay(delays[n] ?? 0)
        .reply(
          200,
          page(ids, n <= full ? `${SELL}/v2/deals?page=${n + 1}&per_page=100` : undefined),
        );
    }
    return scope;
  }
  /** Pages after the last, answered empty (asked for ahead, wasted). */
  function pastTheEnd(from: number, to: number) {
    const scope = sellApi();
    for (let n = from; n <= to; n += 1)
      scope
        .get("/v2/deals")
        .query({ page: String(n), per_page: "100" })
        .reply(200, page([]));
    return scope;
  }
  const requestedPages = () => {
    const pages: number[] = [];
    const listener = (req: { path: string }) => {
      pages.push(Number(new URL(req.path, SELL).searchParams.get("page")));
    };
    nock.emitter.on("no match", listener);
    return { pages, stop: () => nock.emitter.off("no match", listener) };
  };

  it("keeps that many pages in flight and yields every record once, in page order, when later pages answer first", async () => {
    // Page 2 is the slowest: pages 3 and 4 arrive before it, and must wait their turn.
    const scope = serve(4, 50, { 2: 60 });
    const wasted = pastTheEnd(6, 7);
    const sell = clientOf(oauthConnection());
    const ids: number[] = [];
    for await (const envelopes of sell.v2.pages("/deals", {}, { concurrency: 3 }))
      for (const envelope of envelopes.items) ids.push(envelope.data.id as number);
    expect(ids).toEqual(range(1, 450));
    scope.done();
    // Pages 6 and 7 were asked for while page 5 (the last) was on its way: the waste is at most
    // the pages in flight besides the last one.
    wasted.done();
  });

  it("starts with the whole free budget once round trips are slow enough to matter", async () => {
    // A 40 ms first page: reading one page at a time would spread the first second's ten
    // requests over 400 ms, lost for the whole listing. So pages 2–10 go at once.
    const scope = serve(2, 10, { 1: 40 });
    const wasted = pastTheEnd(4, 10);
    const sell = clientOf(oauthConnection());
    const result = await sell.v2.collect("/deals");
    expect(result.items).toHaveLength(210);
    scope.done();
    wasted.done();
  });

  it("reads one page at a time while one request at a time outruns the limit", async () => {
    const scope = serve(3, 1);
    const sell = clientOf(oauthConnection());
    const result = await sell.v2.collect("/deals");
    expect(result.items).toHaveLength(301);
    scope.done(); // and nothing past page 4: an unexpected request would fail with no match
  });

  it("never asks past Max Items", async () => {
    const scope = serve(2, 100);
    const sent: string[] = [];
    scope.on("request", (req: { path: string }) => sent.push(req.path));
    const sell = clientOf(oauthConnection());
    const result = await sell.v2.collect("/deals", {}, { maxItems: 250, concurrency: 9 });
    expect(result.items.map((i) => i.data.id)).toEqual(range(1, 250));
    expect(result.truncated).toBe(true);
    // Max Items 250 needs pages 1–3 only: nothing past them is sent.
    expect(sent.sort()).toEqual([1, 2, 3].map((n) => `/v2/deals?page=${n}&per_page=100`));
  });

  it("cancels the pages still waiting for their turn when the list ends: they are never sent", async () => {
    // A budget of 3 requests per 10 s: pages 1, 2 and 3 go; 4–6 wait for a slot.
    const limiter = new RateLimiter({ limit: 3, windowMs: 10_000 });
    const scope = serve(1, 20); // page 2 is the last
    const wasted = pastTheEnd(3, 3);
    const sent: string[] = [];
    for (const s of [scope, wasted])
      s.on("request", (req: { path: string }) => sent.push(req.path));
    const sell = clientOf(oauthConnection(), undefined, { limiter });
    const started = Date.now();
    const result = await sell.v2.collect("/deals", {}, { concurrency: 5 });
    expect(result.items).toHaveLength(120);
    expect(Date.now() - started).toBeLessThan(5000); // nobody waited for the next window
    expect(sent.sort()).toEqual([1, 2, 3].map((n) => `/v2/deals?page=${n}&per_page=100`));
    // The cancelled ones gave their slots back: the budget holds the three sent only.
    expect(limiter.free()).toBe(0);
    scope.done();
    wasted.done();
  });

  it("stops with a clear error when a next_page link skips a page, though later pages were already read", async () => {
    const scope = sellApi()
      .get("/v2/deals")
      .query({ page: "1", per_page: "100" })
      .reply(200, page(range(1, 100), `${SELL}/v2/deals?page=2&per_page=100`))
      .get("/v2/deals")
      .query({ page: "2", per_page: "100" })
      .reply(200, page(range(101, 200), `${SELL}/v2/deals?page=4&per_page=100`))
      .get("/v2/deals")
      .query({ page: "3", per_page: "100" })
      .reply(200, page(range(201, 300), `${SELL}/v2/deals?page=4&per_page=100`));
    const sell = clientOf(oauthConnection());
    await expect(sell.v2.collect("/deals", {}, { concurrency: 2 })).rejects.toThrow(
      "its next_page link skips from page 2 to page 4",
    );
    scope.done();
  });

  it("asks for nothing it was not told about (the listener sees no unmatched request)", async () => {
    const seen = requestedPages();
    const scope = serve(1, 30);
    const sell = clientOf(oauthConnection());
    await sell.v2.collect("/deals", {}, { concurrency: 1 });
    seen.stop();
    expect(seen.pages).toEqual([]);
    scope.done();
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
