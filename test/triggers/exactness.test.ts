/**
 * Exactness of the triggers in the cases a sandbox cannot stage on demand: a stream that serves
 * an event again, positions that do not move, the poll cap, and for list polling, records that
 * shift between pages while a poll reads them, the newest second, computed attributes, more
 * changes than one poll reports, and a saved cursor that cannot be used.
 */
import type { ActionLogger } from "@prismatic-io/spectral";
import { defaultTriggerPayload } from "@prismatic-io/spectral/dist/testing";
import { deals } from "../../src/resources/deals";
import { tasks } from "../../src/resources/tasks";
import { drainStream, REMEMBERED_EVENTS } from "../../src/triggers/firehose/engine";
import { pollList } from "../../src/triggers/pollChanges";
import { clientOf, harness, oauthConnection, SELL, sellApi } from "../helpers/sell";

const event = (id: string, record: number, sequence: number, type = "updated") => ({
  data: { id: record, name: `Deal ${record}` },
  meta: {
    type: "deal",
    event_type: type,
    event_id: id,
    event_time: "2026-11-20T10:00:00Z",
    sequence,
  },
});
const streamPage = (items: unknown[], position: string, top: boolean) => ({
  items,
  meta: { position, top },
});
const options = (maxEvents = 1000) => ({
  resource: "deals",
  startFrom: "now" as const,
  maxEvents,
  now: () => new Date("2026-11-20T12:00:00Z"),
  warn: () => undefined,
});
const savedAt = (position: string, recent: string[] = []) => ({
  stream: { version: 1, resource: "deals", position, recent, lastEventAt: "2026-11-20T09:00:00Z" },
});

describe("Firehose engine", () => {
  it("an event served again at the next poll's position is not reported twice", async () => {
    sellApi()
      .get("/v3/deals/stream")
      .query({ position: "p1", limit: "100" })
      .reply(200, streamPage([event("e1", 1, 1), event("e2", 2, 1)], "p2", true))
      .get("/v3/deals/stream")
      .query({ position: "p2", limit: "100" })
      .reply(200, streamPage([event("e2", 2, 1), event("e3", 2, 2)], "p3", true));
    const sell = clientOf(oauthConnection());
    const first = await drainStream(sell, savedAt("p1"), options());
    expect(first.events.map((e) => e.eventId)).toEqual(["e1", "e2"]);
    const second = await drainStream(sell, { stream: first.state }, options());
    expect(second.events.map((e) => e.eventId)).toEqual(["e3"]);
    expect(second.state).toMatchObject({ position: "p3", recent: ["e1", "e2", "e3"] });
  });

  it("follows empty pages that are not caught up, and reads exactly up to the poll's cap", async () => {
    sellApi()
      .get("/v3/deals/stream")
      .query({ position: "p1", limit: "100" })
      .reply(200, streamPage([], "p2", false))
      .get("/v3/deals/stream")
      .query({ position: "p2", limit: "100" })
      .reply(
        200,
        streamPage(
          Array.from({ length: 100 }, (_, i) => event(`a${i}`, i, 1)),
          "p3",
          false,
        ),
      )
      .get("/v3/deals/stream")
      .query({ position: "p3", limit: "50" })
      .reply(
        200,
        streamPage(
          Array.from({ length: 50 }, (_, i) => event(`b${i}`, i, 2)),
          "p4",
          false,
        ),
      );
    const drained = await drainStream(clientOf(oauthConnection()), savedAt("p1"), options(150));
    expect(drained.events).toHaveLength(150);
    expect(drained).toMatchObject({ caughtUp: false, state: { position: "p4" } });
  });

  it("a position that does not move while not caught up stops with a clear error", async () => {
    sellApi()
      .get("/v3/deals/stream")
      .query({ position: "p1", limit: "100" })
      .reply(200, streamPage([event("e1", 1, 1)], "p1", false));
    await expect(
      drainStream(clientOf(oauthConnection()), savedAt("p1"), options()),
    ).rejects.toThrow(
      /its position did not move past p1, so reading stopped instead of repeating the same events/,
    );
  });

  it("a 410 even at the top fails instead of looping", async () => {
    sellApi()
      .get("/v3/deals/stream")
      .query({ position: "old", limit: "100" })
      .reply(410, { errors: [{ error: { code: "gone" } }] })
      .get("/v3/deals/stream")
      .query({ position: "top", limit: "100" })
      .reply(410, { errors: [{ error: { code: "gone" } }] });
    await expect(
      drainStream(clientOf(oauthConnection()), savedAt("old"), options()),
    ).rejects.toMatchObject({
      kind: "position_expired",
    });
  });

  it("remembers a bounded window of event IDs", async () => {
    const recent = Array.from({ length: REMEMBERED_EVENTS }, (_, i) => `old${i}`);
    sellApi()
      .get("/v3/deals/stream")
      .query({ position: "p1", limit: "100" })
      .reply(200, streamPage([event("new", 1, 1)], "p2", true));
    const drained = await drainStream(
      clientOf(oauthConnection()),
      savedAt("p1", recent),
      options(),
    );
    expect(drained.state.recent).toHaveLength(REMEMBERED_EVENTS);
    expect(drained.state.recent.at(-1)).toBe("new");
    expect(drained.state.recent[0]).toBe("old1");
  });
});

// ---- list polling ----------------------------------------------------------------------------

const deal = (id: number, updatedAt: string, createdAt = "2026-01-01T00:00:00Z", extra = {}) => ({
  id,
  name: `Deal ${id}`,
  created_at: createdAt,
  updated_at: updatedAt,
  ...extra,
});
const listPage = (records: unknown[], next?: number) => ({
  items: records.map((data) => ({ data, meta: { type: "deal" } })),
  meta: {
    type: "collection",
    count: records.length,
    links: next
      ? { next_page: `${SELL}/v2/deals?sort_by=updated_at%3Adesc&page=${next}&per_page=100` }
      : {},
  },
});
const q = (n: number) => ({ sort_by: "updated_at:desc", page: String(n), per_page: "100" });
const second = (n: number) =>
  `2026-11-10T10:${String(Math.floor(n / 60)).padStart(2, "0")}:${String(n % 60).padStart(2, "0")}Z`;
const warnings: string[] = [];
const warn = (message: string) => warnings.push(message);
beforeEach(() => {
  warnings.length = 0;
});
const cursorState = (updatedAt: string, seen: Record<string, string> = {}) => ({
  cursor: { updatedAt, seen },
});

describe("list polling", () => {
  it("a record that slips to an earlier page while the poll reads is caught by the next pass, once", async () => {
    // 150 changed deals, newest first: 150 … 1 (deal n changed at second n).
    const all = Array.from({ length: 150 }, (_, i) => deal(150 - i, second(150 - i)));
    const pageOne = all.slice(0, 100);
    // Between the two requests, deal 120 was deleted: page 2 starts one record later, so deal 50
    // (the first of page 2 before) is now the last of page 1 and the first pass never sees it.
    const afterDelete = all.filter((d) => d.id !== 120);
    const old = deal(1000, "2026-11-01T00:00:00Z");
    sellApi()
      .get("/v2/deals")
      .query(q(1))
      .reply(200, listPage(pageOne, 2))
      .get("/v2/deals")
      .query(q(2))
      .reply(200, listPage([...afterDelete.slice(100), old]))
      // Second pass: the list as it is now.
      .get("/v2/deals")
      .query(q(1))
      .reply(200, listPage(afterDelete.slice(0, 100), 2))
      .get("/v2/deals")
      .query(q(2))
      .reply(200, listPage([...afterDelete.slice(100), old]))
      // Third pass finds nothing new: stable.
      .get("/v2/deals")
      .query(q(1))
      .reply(200, listPage(afterDelete.slice(0, 100), 2))
      .get("/v2/deals")
      .query(q(2))
      .reply(200, listPage([...afterDelete.slice(100), old]));
    const result = await pollList(
      clientOf(oauthConnection()),
      deals,
      cursorState("2026-11-05T00:00:00Z"),
      { warn },
    );
    const reported = result.updated.map((c) => Number(c.id));
    expect(reported).toContain(50);
    expect(new Set(reported).size).toBe(reported.length);
    expect(reported.sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    expect(warnings).toEqual([]);
  });

  it("the first poll marks every record at the newest second as seen, not only the first", async () => {
    const now = "2026-11-10T10:00:00Z";
    sellApi()
      .get("/v2/deals")
      .query(q(1))
      .reply(200, listPage([deal(3, now), deal(2, now), deal(1, "2026-11-09T00:00:00Z")]));
    const first = await pollList(clientOf(oauthConnection()), deals, {}, { warn });
    expect(first.started).toBe(true);
    expect(first.state.cursor.updatedAt).toBe(now);
    expect(Object.keys(first.state.cursor.seen).sort()).toEqual(["2", "3"]);
    // Nothing changed: neither deal at that second is reported as new.
    sellApi()
      .get("/v2/deals")
      .query(q(1))
      .reply(200, listPage([deal(3, now), deal(2, now), deal(1, "2026-11-09T00:00:00Z")]));
    const next = await pollList(clientOf(oauthConnection()), deals, first.state, { warn });
    expect([...next.created, ...next.updated]).toEqual([]);
  });

  it("more changes than one poll reports: the oldest are reported, more: true, and the next poll continues", async () => {
    const changed = [
      deal(5, second(5)),
      deal(4, second(4)),
      deal(3, second(3)),
      deal(2, second(2)),
      deal(1, second(1)),
    ];
    const old = deal(9, "2026-11-01T00:00:00Z");
    sellApi()
      .get("/v2/deals")
      .query(q(1))
      .times(2)
      .reply(200, listPage([...changed, old]));
    const sell = clientOf(oauthConnection());
    const first = await pollList(sell, deals, cursorState("2026-11-05T00:00:00Z"), {
      warn,
      maxChanges: 3,
    });
    expect(first.updated.map((c) => c.id)).toEqual(["1", "2", "3"]);
    expect(first.more).toBe(true);
    const next = await pollList(sell, deals, first.state, { warn, maxChanges: 3 });
    expect(next.updated.map((c) => c.id)).toEqual(["4", "5"]);
    expect(next.more).toBe(false);
  });

  it("a task whose overdue flag Sell recomputed is not a change", async () => {
    const task = {
      id: 7,
      content: "Call",
      overdue: false,
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-11-10T10:00:00Z",
    };
    sellApi()
      .get("/v2/tasks")
      .query(q(1))
      .reply(200, listPage([task]));
    const sell = clientOf(oauthConnection());
    const first = await pollList(sell, tasks, {}, { warn });
    sellApi()
      .get("/v2/tasks")
      .query(q(1))
      .reply(200, listPage([{ ...task, overdue: true }]));
    const next = await pollList(sell, tasks, first.state, { warn });
    expect([...next.created, ...next.updated]).toEqual([]);
  });

  it.each([
    [{ cursor: { updatedAt: "yesterday", seen: {} } }, "the saved cursor could not be read"],
    [
      { cursor: { updatedAt: "2026-11-10T10:00:00Z", seen: { 1: 5 } } },
      "the saved cursor could not be read",
    ],
    [
      { cursor: { updatedAt: "2099-01-01T00:00:00Z", seen: {} } },
      "the saved cursor (2099-01-01T00:00:00Z) lies in the future",
    ],
    [
      { lastPolledAt: "2099-01-01T00:00:00.000Z" },
      "the saved lastPolledAt (2099-01-01T00:00:00Z) lies in the future",
    ],
  ])(
    "a saved cursor that cannot be used (%j) is a warning and a restart from now",
    async (state, problem) => {
      sellApi()
        .get("/v2/deals")
        .query(q(1))
        .reply(200, listPage([deal(1, "2026-11-10T10:00:00Z")]));
      const result = await pollList(clientOf(oauthConnection()), deals, state, { warn });
      expect(result.started).toBe(true);
      expect(result.state.cursor.updatedAt).toBe("2026-11-10T10:00:00Z");
      expect(warnings).toEqual([
        `New and Updated Records: ${problem}; starting again from now (changes since the last good poll are not reported).`,
      ]);
    },
  );

  it("through the trigger, the output keeps the incumbent's shape when nothing more remains", async () => {
    const logger = {
      metric: () => undefined,
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      log: () => undefined,
      warn,
      error: () => undefined,
    } as unknown as ActionLogger;
    const instanceState = { __prismaticInternal: { polling: cursorState("2026-11-05T00:00:00Z") } };
    sellApi()
      .get("/v2/deals")
      .query(q(1))
      .reply(200, listPage([deal(1, second(1)), deal(9, "2026-11-01T00:00:00Z")]));
    const result = (await harness.trigger(
      "pollChangesTrigger",
      defaultTriggerPayload(),
      { connection: oauthConnection(), pollResourceType: "deals" },
      { instanceState, logger },
    )) as unknown as { payload: { body: { data: Record<string, unknown> } } };
    expect(Object.keys(result.payload.body.data)).toEqual(["created", "updated"]);
  });
});
