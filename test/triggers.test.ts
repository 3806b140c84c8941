/**
 * "New and Updated Records" (pollChangesTrigger): same key, inputs and output as Prismatic's
 * trigger; reads newest changes first and stops at the last one reported, so a quiet poll costs
 * one request and no change is reported twice or skipped.
 */
import { defaultTriggerPayload } from "@prismatic-io/spectral/dist/testing";
import component from "../src/index";
import { harness, oauthConnection, SELL, sellApi } from "./helpers/sell";

const deal = (id: number, createdAt: string, updatedAt: string) => ({
  id,
  name: `Deal ${id}`,
  created_at: createdAt,
  updated_at: updatedAt,
});
const page = (records: Array<Record<string, unknown>>, next?: string) => ({
  items: records.map((data) => ({ data, meta: { type: "deal" } })),
  meta: { type: "collection", count: records.length, links: next ? { next_page: next } : {} },
});
const listQuery = (n: number) => ({ sort_by: "updated_at:desc", page: String(n), per_page: "100" });

interface Polled {
  resultType: string;
  payload: { body: { data: { created: Array<{ id: number }>; updated: Array<{ id: number }> } } };
}

async function poll(
  instanceState: Record<string, unknown>,
  inputs: Record<string, unknown> = {},
  connection = oauthConnection(),
) {
  return (await harness.trigger(
    "pollChangesTrigger",
    defaultTriggerPayload(),
    { connection, pollResourceType: "deals", ...inputs },
    { instanceState },
  )) as unknown as Polled;
}
/** The saved cursor: the newest change's second, and the IDs reported at that second. */
const cursorOf = (state: Record<string, unknown>) => {
  const { cursor } = (
    state.__prismaticInternal as {
      polling: { cursor: { updatedAt: string; seen: Record<string, string> } };
    }
  ).polling;
  return {
    updatedAt: cursor.updatedAt,
    ids: Object.keys(cursor.seen)
      .map(Number)
      .sort((a, b) => a - b),
  };
};

/** State after a first poll that saw `records` (newest first). */
async function startedAt(
  records: Array<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  const state: Record<string, unknown> = {};
  sellApi().get("/v2/deals").query(listQuery(1)).reply(200, page(records));
  await poll(state);
  return state;
}
const ids = (records: Array<{ id: number }>) => records.map((r) => r.id);

describe("pollChangesTrigger", () => {
  it("keeps the incumbent's key, label and inputs", () => {
    const trigger = (
      component.triggers as Record<
        string,
        { display: { label: string }; inputs: Array<{ key: string; default?: string }> }
      >
    ).pollChangesTrigger;
    expect(trigger?.display.label).toBe("New and Updated Records");
    expect(trigger?.inputs.map((i) => [i.key, i.default])).toEqual([
      ["connection", undefined],
      ["pollResourceType", ""],
      ["showNewRecords", "true"],
      ["showUpdatedRecords", "true"],
    ]);
  });

  it("first poll: one request, reports nothing, remembers the newest change", async () => {
    const state: Record<string, unknown> = {};
    const scope = sellApi()
      .get("/v2/deals")
      .query(listQuery(1))
      .reply(
        200,
        page(
          [
            deal(2, "2026-11-01T10:00:00Z", "2026-11-02T10:00:00Z"),
            deal(1, "2026-10-01T10:00:00Z", "2026-10-02T10:00:00Z"),
          ],
          `${SELL}/v2/deals?page=2`,
        ),
      );
    const result = await poll(state);
    scope.done();
    expect(result.resultType).toBe("polled_no_changes");
    expect(result.payload.body.data).toEqual({ created: [], updated: [] });
    expect(cursorOf(state)).toEqual({ updatedAt: "2026-11-02T10:00:00Z", ids: [2] });
  });

  it("a poll with nothing new costs exactly one request", async () => {
    const records = [
      deal(2, "2026-11-01T10:00:00Z", "2026-11-02T10:00:00Z"),
      deal(1, "2026-10-01T10:00:00Z", "2026-10-02T10:00:00Z"),
    ];
    const state = await startedAt(records);
    const scope = sellApi()
      .get("/v2/deals")
      .query(listQuery(1))
      .reply(200, page(records, `${SELL}/v2/deals?page=2`));
    const result = await poll(state);
    scope.done();
    expect(result.resultType).toBe("polled_no_changes");
  });

  it("reports new and changed records once, across pages, and moves the cursor", async () => {
    const state = await startedAt([deal(2, "2026-11-01T10:00:00Z", "2026-11-02T10:00:00Z")]);
    const newer = Array.from({ length: 100 }, (_, i) =>
      deal(
        100 + i,
        "2026-11-01T00:00:00Z",
        `2026-11-03T10:00:${String(59 - (i % 60)).padStart(2, "0")}Z`,
      ),
    ).sort((a, b) => (a.updated_at < b.updated_at ? 1 : -1));
    const secondPage = page(
      [
        deal(50, "2026-11-02T10:00:00Z", "2026-11-02T10:00:00Z"), // same second as the cursor, not reported yet: new
        deal(2, "2026-11-01T10:00:00Z", "2026-11-02T10:00:00Z"), // reported last time: skipped
        deal(1, "2026-10-01T10:00:00Z", "2026-10-02T10:00:00Z"), // older: stop here
      ],
      `${SELL}/v2/deals?page=3`,
    );
    const firstPage = page(newer, `${SELL}/v2/deals?sort_by=updated_at%3Adesc&page=2&per_page=100`);
    // Two pages: a second pass confirms nothing slipped between pages while they were read.
    const scope = sellApi()
      .get("/v2/deals")
      .query(listQuery(1))
      .times(2)
      .reply(200, firstPage)
      .get("/v2/deals")
      .query(listQuery(2))
      .times(2)
      .reply(200, secondPage);
    const result = await poll(state);
    scope.done();
    expect(result.resultType).toBe("completed");
    expect(ids(result.payload.body.data.updated)).toHaveLength(100);
    expect(ids(result.payload.body.data.created)).toEqual([50]);
    const newest = newer[0]?.updated_at;
    expect(cursorOf(state)).toEqual({
      updatedAt: newest,
      ids: newer
        .filter((d) => d.updated_at === newest)
        .map((d) => d.id)
        .sort((a, b) => a - b),
    });
  });

  it("Show New / Show Updated filter what is reported; the cursor still moves past both", async () => {
    const state = await startedAt([deal(1, "2026-11-01T10:00:00Z", "2026-11-02T10:00:00Z")]);
    sellApi()
      .get("/v2/deals")
      .query(listQuery(1))
      .reply(
        200,
        page([
          deal(9, "2026-11-05T00:00:00Z", "2026-11-05T00:00:00Z"),
          deal(8, "2026-01-01T00:00:00Z", "2026-11-04T00:00:00Z"),
        ]),
      );
    const result = await poll(state, { showUpdatedRecords: "false" });
    expect(ids(result.payload.body.data.created)).toEqual([9]);
    expect(result.payload.body.data.updated).toEqual([]);
    expect(cursorOf(state)).toEqual({ updatedAt: "2026-11-05T00:00:00Z", ids: [9] });
  });

  it("continues an instance of Prismatic's original trigger from its lastPolledAt", async () => {
    const state: Record<string, unknown> = {
      __prismaticInternal: { polling: { lastPolledAt: "2026-11-02T10:00:00.123Z" } },
    };
    sellApi()
      .get("/v2/deals")
      .query(listQuery(1))
      .reply(
        200,
        page([
          deal(7, "2026-11-01T00:00:00Z", "2026-11-03T00:00:00Z"),
          deal(6, "2026-10-01T00:00:00Z", "2026-10-05T00:00:00Z"),
        ]),
      );
    const result = await poll(state);
    expect(ids(result.payload.body.data.updated)).toEqual([7]);
    expect(cursorOf(state)).toEqual({ updatedAt: "2026-11-03T00:00:00Z", ids: [7] });
  });

  it("with no records yet, the first record ever created is reported on the next poll", async () => {
    const state: Record<string, unknown> = {};
    sellApi().get("/v2/deals").query(listQuery(1)).reply(200, page([]));
    await poll(state);
    sellApi()
      .get("/v2/deals")
      .query(listQuery(1))
      .reply(200, page([deal(1, "2026-11-05T00:00:00Z", "2026-11-05T00:00:00Z")]));
    const result = await poll(state);
    expect(ids(result.payload.body.data.created)).toEqual([1]);
  });

  it("a record changed again within the second it was reported in is reported again; unchanged, it is not", async () => {
    const first = deal(3, "2026-11-05T00:00:00Z", "2026-11-05T00:00:00Z");
    const state = await startedAt([deal(1, "2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z")]);
    sellApi()
      .get("/v2/deals")
      .query(listQuery(1))
      .reply(200, page([first, deal(1, "2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z")]));
    expect(ids((await poll(state)).payload.body.data.created)).toEqual([3]);
    // Same second, new content (renamed): an update to report.
    const renamed = { ...first, name: "Renamed" };
    sellApi()
      .get("/v2/deals")
      .query(listQuery(1))
      .reply(200, page([renamed, deal(1, "2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z")]));
    const again = await poll(state);
    expect(ids(again.payload.body.data.updated)).toEqual([3]);
    expect(again.payload.body.data.created).toEqual([]);
    // Same second, same content: nothing.
    sellApi()
      .get("/v2/deals")
      .query(listQuery(1))
      .reply(200, page([renamed, deal(1, "2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z")]));
    expect((await poll(state)).resultType).toBe("polled_no_changes");
  });

  it("an unknown resource type fails before any request", async () => {
    await expect(poll({}, { pollResourceType: "orders" })).rejects.toThrow(
      "Resource Type: must be one of deals, leads, contacts, tasks, notes, got 'orders'",
    );
  });
});
