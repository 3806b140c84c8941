/**
 * What change-capture triggers rely on, on every Firehose stream: positions (`tail`, `top`,
 * opaque), `meta.top`, per-record `sequence`, `previous` on updates, the 72 h retention with 410,
 * and faults injected while a stream is being drained page by page.
 */
import type { Sandbox } from "../../sandbox";
import { ResourceRegistry } from "../../sandbox/resources";
import { call, create, type Data, idOf, recordId, type StreamBody, sandbox } from "./helpers";

const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);
const HOUR = 3_600_000;
const TABLES = new ResourceRegistry().tables();

type Item = StreamBody["items"][number];

let sb: Sandbox;
let clock: number;

beforeEach(async () => {
  clock = T0;
  sb = await sandbox({ seedData: "demo", now: () => clock });
  // The demo data leaves only lead conversions without events.
  const lead = await create(sb, "/v2/leads", { last_name: "Convert" });
  await call(sb, "POST", "/v2/lead_conversions", { body: { data: { lead_id: idOf(lead) } } });
});
afterEach(() => sb.close());

const streamUrl = (table: string, position: string, limit?: number) =>
  `/v3/${table}/stream?position=${encodeURIComponent(position)}${limit ? `&limit=${limit}` : ""}`;

const read = async (table: string, position: string, limit?: number): Promise<StreamBody> => {
  const res = await call(sb, "GET", streamUrl(table, position, limit));
  if (res.status !== 200) throw new Error(`${table} ${position}: ${res.status} ${res.text}`);
  return res.stream();
};

/** Follows a stream from `position` until `meta.top`; returns the items and pages read. */
async function drain(table: string, position = "tail", limit = 2) {
  const items: Item[] = [];
  const pages: StreamBody[] = [];
  for (;;) {
    const page = await read(table, position, limit);
    pages.push(page);
    items.push(...page.items);
    position = page.meta.position;
    if (page.meta.top) return { items, pages, position };
  }
}

describe("Firehose positions on every stream", () => {
  test("tail → pages of `limit` with top false until caught up; top = the end; opaque positions", async () => {
    const tops = new Map<string, string>();
    for (const table of TABLES) {
      const events = sb.events(table);
      expect([table, events.length > 0]).toEqual([table, true]);
      const { items, pages, position } = await drain(table);
      // Every retained event exactly once, in log order.
      expect([table, items.map((i) => i.meta.event_id)]).toEqual([
        table,
        events.map((e) => e.eventId),
      ]);
      expect(items.map((i) => i.data)).toEqual(events.map((e) => e.data));
      for (const [n, page] of pages.entries()) {
        const last = n === pages.length - 1;
        expect([table, n, page.meta.top]).toEqual([table, n, last]);
        if (!last) expect(page.items).toHaveLength(2);
        expect(page.meta.links.next).toBe(`${sb.url}${streamUrl(table, page.meta.position, 2)}`);
      }
      // `top` answers no items and the position reached by draining.
      const top = await read(table, "top");
      expect([table, top.items, top.meta.top, top.meta.position]).toEqual([
        table,
        [],
        true,
        position,
      ]);
      // Opaque: base64, not a bare offset, and different for every stream.
      expect(position).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(position).not.toMatch(/^\d+$/);
      expect([...tops.values()]).not.toContain(position);
      tops.set(table, position);
      // Re-reading an old position gives the same events again (positions are not consumed).
      const again = await read(table, pages[0]?.meta.position ?? "tail", 2);
      expect(again.items.map((i) => i.meta.event_id)).toEqual(
        items.slice(2, 4).map((i) => i.meta.event_id),
      );
    }
    // A position belongs to its stream.
    const leadsTop = tops.get("leads") as string;
    const res = await call(sb, "GET", streamUrl("deals", leadsTop));
    expect(res.status).toBe(400);
    expect(res.err.code).toBe("invalid_param");
  });

  test("per-record sequence: 1 for the creation, +1 for each later event of that record", async () => {
    const org = await create(sb, "/v2/contacts", { is_organization: true, name: "Seq" });
    const deal = await create(sb, "/v2/deals", { name: "Seq", contact_id: idOf(org) });
    await call(sb, "PUT", `/v2/deals/${idOf(deal)}`, { body: { data: { hot: true } } });
    await call(sb, "PUT", `/v2/contacts/${idOf(org)}`, { body: { data: { title: "X" } } });
    await call(sb, "PUT", `/v2/deals/${idOf(deal)}`, { body: { data: { name: "Seq 2" } } });
    await call(sb, "DELETE", `/v2/deals/${idOf(deal)}`);
    for (const table of TABLES) {
      const { items } = await drain(table, "tail", 100);
      const seen = new Map<number, number>();
      for (const item of items) {
        const id = item.data.id as number;
        const expected = (seen.get(id) ?? 0) + 1;
        expect([table, id, item.meta.sequence]).toEqual([table, id, expected]);
        seen.set(id, expected);
      }
    }
    const dealEvents = (await drain("deals", "tail", 100)).items.filter(
      (i) => i.data.id === idOf(deal),
    );
    expect(dealEvents.map((i) => [i.meta.event_type, i.meta.sequence])).toEqual([
      ["created", 1],
      ["updated", 2],
      ["updated", 3],
      ["deleted", 4],
    ]);
  });
});

describe("Firehose previous", () => {
  /** One PUT after the clock moved; the single update event it produced on `table`. */
  async function updateEvent(table: string, path: string, id: number, data: Data) {
    const from = (await read(table, "top")).meta.position;
    clock += 1000;
    const res = await call(sb, "PUT", `${path}/${id}`, { body: { data } });
    expect([path, res.status]).toEqual([path, 200]);
    const { items } = await drain(table, from, 100);
    const updates = items.filter((i) => i.data.id === id);
    expect(updates).toHaveLength(1);
    return updates[0] as Item;
  }

  test("every updatable stream: previous holds the old values of the changed attributes only", async () => {
    const at = "2024-01-01T12:00:00Z";
    const id = (table: string, match: (r: Data) => boolean) => recordId(sb, table, match);
    const cases: Array<[string, string, number, Data, Data]> = [
      ["leads", "/v2/leads", id("leads", () => true), { title: "Boss" }, { title: null }],
      [
        "contacts",
        "/v2/contacts",
        id("contacts", (c) => c.name === "Mark Johnson"),
        { title: "CTO" },
        { title: "CEO" },
      ],
      ["deals", "/v2/deals", id("deals", () => true), { hot: false }, { hot: true }],
      [
        "notes",
        "/v2/notes",
        id("notes", () => true),
        { content: "New" },
        { content: "Kick-off meeting went well." },
      ],
      [
        "tasks",
        "/v2/tasks",
        id("tasks", () => true),
        { content: "New" },
        { content: "Call Jane back" },
      ],
      ["calls", "/v2/calls", id("calls", () => true), { duration: 60 }, { duration: 300 }],
      ["orders", "/v2/orders", id("orders", () => true), { discount: 7 }, { discount: 5 }],
      [
        "sources",
        "/v2/lead_sources",
        id("lead_sources", (s) => s.name === "Web form"),
        { name: "Website form" },
        { name: "Web form" },
      ],
      [
        "sources",
        "/v2/deal_sources",
        id("deal_sources", (s) => s.name === "Referral"),
        { name: "Referrals" },
        { name: "Referral" },
      ],
      // Streams in the v2 form carry updated_at, so it is among the changed attributes.
      [
        "products",
        "/v2/products",
        id("products", () => true),
        { sku: "CONS-2" },
        { sku: "CONS-1", updated_at: at },
      ],
      [
        "loss_reasons",
        "/v2/loss_reasons",
        id("loss_reasons", () => true),
        { name: "Price" },
        { name: "Too expensive", updated_at: at },
      ],
      [
        "deal_unqualified_reasons",
        "/v2/deal_unqualified_reasons",
        id("deal_unqualified_reasons", () => true),
        { name: "No money" },
        { name: "No budget", updated_at: at },
      ],
      [
        "tags",
        "/v2/tags",
        id("tags", (t) => t.name === "customer"),
        { name: "client" },
        { name: "customer", updated_at: at },
      ],
    ];
    const updatable = new ResourceRegistry()
      .all()
      .filter((d) => d.path && d.ops.includes("update"))
      .map((d) => d.path);
    // Every updatable endpoint (the legacy /v2/sources is the same view as /v2/deal_sources).
    expect(cases.map((c) => c[1].slice(4)).sort()).toEqual(
      updatable.filter((p) => p !== "sources").sort(),
    );
    for (const [table, path, recordKey, data, previous] of cases) {
      const event = await updateEvent(table, path, recordKey, data);
      expect([path, event.meta.event_type]).toEqual([path, "updated"]);
      expect([path, event.meta.previous]).toEqual([path, previous]);
      expect(event.data).toMatchObject(data);
    }
  });

  test("an update that changes no Firehose attribute has previous {}", async () => {
    const deal = recordId(sb, "deals", () => true);
    // added_at is not in the deal's Firehose set.
    const event = await updateEvent("deals", "/v2/deals", deal, {
      added_at: "2020-01-01T00:00:00Z",
    });
    expect(event.meta.previous).toEqual({});
  });

  test("lead status New → Working → Unqualified: each update's previous holds the old status", async () => {
    const lead = await create(sb, "/v2/leads", { last_name: "Status" });
    expect(lead.status).toBe("New");
    const working = await updateEvent("leads", "/v2/leads", idOf(lead), { status: "Working" });
    expect(working.meta.previous).toEqual({ status: "New" });
    expect(working.data.status).toBe("Working");
    const unqualified = await updateEvent("leads", "/v2/leads", idOf(lead), {
      status: "Unqualified",
    });
    expect(unqualified.meta.previous).toEqual({ status: "Working" });
    expect(unqualified.data.status).toBe("Unqualified");
    expect([working.meta.sequence, unqualified.meta.sequence]).toEqual([2, 3]);
    // Back to New: previous is the status it had, not the first one.
    const back = await updateEvent("leads", "/v2/leads", idOf(lead), { status: "New" });
    expect(back.meta.previous).toEqual({ status: "Unqualified" });
  });

  test("deal stage change: previous.stage_id (and the old last_stage_change_at)", async () => {
    const deal = sb.records("deals")[0] as Data;
    const qualified = recordId(
      sb,
      "stages",
      (s) => s.name === "Qualified" && s.pipeline_id === sb.records("pipelines")[0]?.id,
    );
    const event = await updateEvent("deals", "/v2/deals", deal.id as number, {
      stage_id: qualified,
    });
    expect(event.meta.previous).toEqual({
      stage_id: deal.stage_id,
      last_stage_change_at: deal.last_stage_change_at,
    });
    expect(event.data).toMatchObject({
      stage_id: qualified,
      last_stage_change_at: "2024-01-01T12:00:01Z",
      last_stage_change_by_id: sb.userIdFor(sb.token),
    });
  });

  test("owner change: previous.owner_id on leads, contacts and deals", async () => {
    const bob = recordId(sb, "users", (u) => u.name === "Bob Seller");
    const cara = recordId(sb, "users", (u) => u.name === "Cara Closer");
    for (const table of ["leads", "contacts", "deals"]) {
      const record = sb.records(table)[0] as Data;
      const to = record.owner_id === bob ? cara : bob;
      const event = await updateEvent(table, `/v2/${table}`, record.id as number, {
        owner_id: to,
      });
      expect([table, event.meta.previous]).toEqual([table, { owner_id: record.owner_id }]);
      expect(event.data.owner_id).toBe(to);
    }
  });
});

describe("Firehose retention", () => {
  test("every stream: after 72 h an old position → 410 gone; tail restarts at what is retained", async () => {
    const tops = new Map<string, string>();
    for (const table of TABLES) {
      tops.set(table, (await read(table, "top")).meta.position);
      sb.insert(table, {});
    }
    clock += 72 * HOUR - 1000;
    // Still within 72 h: the positions are valid and lead to the inserted record's event.
    for (const [table, position] of tops)
      expect([table, (await read(table, position)).items.length]).toEqual([table, 1]);
    clock += 2000;
    const lead = await create(sb, "/v2/leads", { last_name: "Fresh" });
    for (const [table, position] of tops) {
      const res = await call(sb, "GET", streamUrl(table, position));
      expect([table, res.status]).toEqual([table, 410]);
      expect(res.err).toMatchObject({ code: "gone", message: "position expired" });
      expect(res.error().meta.http_status).toBe("410 Gone");
      const tail = await read(table, "tail");
      expect([table, tail.items.map((i) => i.data.id)]).toEqual([
        table,
        table === "leads" ? [idOf(lead)] : [],
      ]);
      expect(tail.meta.top).toBe(true);
    }
  });

  test("events are dropped one by one as they pass 72 h; positions after them stay valid", async () => {
    const from = (await read("notes", "top")).meta.position;
    const deal = sb.records("deals")[0] as Data;
    const note = (content: string) =>
      create(sb, "/v2/notes", { resource_type: "deal", resource_id: deal.id, content });
    await note("t0");
    clock += 10 * HOUR;
    await note("t10");
    const afterFirst = (await read("notes", from, 1)).meta.position;
    clock += 63 * HOUR; // t0 + 73 h: the first note is gone, the second (63 h old) is not
    expect((await call(sb, "GET", streamUrl("notes", from))).status).toBe(410);
    const kept = await read("notes", afterFirst);
    expect(kept.items.map((i) => i.data.content)).toEqual(["t10"]);
    expect((await read("notes", "tail")).items.map((i) => i.data.content)).toEqual(["t10"]);
    expect(sb.events("notes").map((e) => e.data.content)).toEqual(["t10"]);
  });
});

describe("Firehose under faults while draining", () => {
  const STREAM = /^\/v3\/leads\/stream$/;

  async function leadsWithEvents(n: number): Promise<string> {
    const from = (await read("leads", "top")).meta.position;
    for (let i = 0; i < n; i++) await create(sb, "/v2/leads", { last_name: `L${i}` });
    return from;
  }

  /**
   * Drains with retries of the same position: a failed request (status ≠ 200, reset, body that
   * is not JSON) is retried as is. Returns the items and what each attempt saw.
   */
  async function drainWithRetries(from: string, limit: number, before?: (n: number) => void) {
    const items: Item[] = [];
    const attempts: string[] = [];
    let position = from;
    for (let n = 0; n < 50; n++) {
      before?.(n);
      let outcome: string;
      try {
        const res = await call(sb, "GET", streamUrl("leads", position, limit));
        let body: StreamBody | undefined;
        try {
          body = res.status === 200 ? res.stream() : undefined;
        } catch {
          body = undefined;
        }
        outcome = body ? "ok" : res.status === 200 ? "truncated" : String(res.status);
        if (body) {
          items.push(...body.items);
          position = body.meta.position;
          if (body.meta.top) {
            attempts.push(outcome);
            return { items, attempts };
          }
        }
      } catch (error) {
        outcome = (error as { code?: string }).code ?? "error";
      }
      attempts.push(outcome);
    }
    throw new Error(`did not reach the top: ${attempts.join(", ")}`);
  }

  test("scripted 429, 500/502/503/504, reset and truncated pages mid-drain lose and repeat nothing", async () => {
    const from = await leadsWithEvents(9);
    const expected = sb
      .events("leads")
      .slice(-9)
      .map((e) => e.eventId);
    const script: Record<number, Parameters<Sandbox["failNext"]>[0]> = {
      1: { path: STREAM, fault: { status: 429 } },
      2: { path: STREAM, fault: { status: 503 } },
      4: { path: STREAM, fault: "reset" },
      5: { path: STREAM, fault: "truncate" },
      7: { path: STREAM, fault: { status: 500 } },
      8: { path: STREAM, fault: "truncate", afterEffect: false },
      10: { path: STREAM, fault: { status: 502 } },
      11: { path: STREAM, fault: { status: 504 } },
      12: { path: STREAM, fault: "reset", afterEffect: true },
    };
    const { items, attempts } = await drainWithRetries(from, 2, (n) => {
      const rule = script[n];
      if (rule) sb.failNext(rule);
    });
    expect(attempts).toEqual([
      "ok",
      "429",
      "503",
      "ok",
      "ECONNRESET",
      "truncated",
      "ok",
      "500",
      "truncated",
      "ok",
      "502",
      "504",
      "ECONNRESET",
      "ok",
    ]);
    expect(items.map((i) => i.meta.event_id)).toEqual(expected);
    const log = sb.requests.filter((r) => STREAM.test(r.path));
    expect(log.map((r) => r.fault ?? null)).toEqual([
      null, // the `top` read
      null,
      "status",
      "status",
      null,
      "reset",
      "truncate",
      null,
      "status",
      "truncate",
      null,
      "status",
      "status",
      "reset",
      null,
    ]);
    // Other streams and endpoints were never affected.
    expect(sb.requests.filter((r) => r.fault && !STREAM.test(r.path))).toEqual([]);
  });

  test("fault answers on a stream: 429 envelope, 5xx envelopes, half a JSON body", async () => {
    const from = await leadsWithEvents(3);
    sb.failNext({ path: STREAM, fault: { status: 429 } });
    const limited = await call(sb, "GET", streamUrl("leads", from));
    expect(limited.status).toBe(429);
    expect(limited.err.code).toBe("rate_limit_exceeded");
    for (const [status, code] of [
      [500, "server_error"],
      [502, "bad_gateway"],
      [503, "temporarily_unavailable"],
      [504, "gateway_timeout"],
    ] as const) {
      sb.failNext({ path: STREAM, fault: { status } });
      const res = await call(sb, "GET", streamUrl("leads", from));
      expect([status, res.status, res.err.code]).toEqual([status, status, code]);
    }
    sb.failNext({ path: STREAM, fault: "truncate" });
    const cut = await call(sb, "GET", streamUrl("leads", from));
    const full = await call(sb, "GET", streamUrl("leads", from));
    expect(cut.status).toBe(200);
    expect(cut.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(full.text.startsWith(cut.text)).toBe(true);
    expect(cut.text.length).toBe(Math.floor(full.text.length / 2));
    expect(() => JSON.parse(cut.text)).toThrow();
    sb.failNext({ path: STREAM, fault: "reset" });
    await expect(call(sb, "GET", streamUrl("leads", from))).rejects.toMatchObject({
      code: "ECONNRESET",
    });
    expect(full.stream().items).toHaveLength(3);
  });

  test("random faults from setFaults (matching the stream only): the drain still gets every event once", async () => {
    const from = await leadsWithEvents(12);
    const expected = sb
      .events("leads")
      .slice(-12)
      .map((e) => e.eventId);
    sb.setFaults({
      match: { path: STREAM },
      errorRates: { 429: 0.15, 500: 0.1, 503: 0.1 },
      resetRate: 0.1,
      truncateRate: 0.1,
    });
    const { items, attempts } = await drainWithRetries(from, 3);
    expect(items.map((i) => i.meta.event_id)).toEqual(expected);
    expect(attempts.filter((a) => a !== "ok").length).toBeGreaterThan(0);
    // Writes are not matched by the stream rule.
    expect(
      (await call(sb, "POST", "/v2/leads", { body: { data: { last_name: "W" } } })).status,
    ).toBe(200);
    sb.setFaults({});
  });
});
