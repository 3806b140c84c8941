/**
 * End-to-end fault tests: the component's real actions against the local Sell sandbox while the
 * sandbox injects rate limits, 5xx answers, connection resets, truncated bodies, slow answers
 * and non-JSON bodies. Under every fault the component must end with the right result, create no
 * duplicate record (counted with `sandbox.records`) and lose no Firehose event (compared with
 * `sandbox.events`). Request counts from the sandbox log prove the retry policy.
 *
 * Retry waits are instant (test/setup.ts) except in the 429 storms, which use real, jittered
 * backoff (a storm is about time windows).
 */
import type { RateLimitStyle } from "../../sandbox";
import { clock } from "../../src/client";
import {
  type Client,
  E2E,
  eventsOf,
  idOf,
  insertLeads,
  itemsOf,
  type Json,
  metaOf,
  realSleep,
  recordOf,
  seededRandom,
} from "./helpers";

let e2e: E2E;

beforeAll(async () => {
  e2e = await E2E.start({ tokenCount: 60, seed: 2024 });
});
afterAll(() => e2e.close());
beforeEach(() => {
  e2e.sandbox.reset();
  e2e.sandbox.setRateLimit({ limit: 10, windowMs: 1000 }, "envelope");
});

const leadsNamed = (name: string) =>
  e2e.sandbox.records("leads").filter((l) => l.last_name === name);
const statuses = (c: Client, filter: Parameters<Client["requests"]>[0] = {}) =>
  c.requests(filter).map((r) => r.status);

/** The ids of every lead in the sandbox, as a set. */
const allLeadIds = () => new Set(e2e.sandbox.records("leads").map((l) => l.id));

/** Checks that stream events are exactly the sandbox's events of a table from `offset` on. */
function expectAllEvents(events: Array<{ meta: Json }>, table: string, fromOffset = 0) {
  const expected = e2e.sandbox
    .events(table)
    .filter((e) => e.offset >= fromOffset)
    .map((e) => e.eventId);
  const got = events.map((e) => e.meta.event_id);
  expect(new Set(got).size).toBe(got.length);
  expect(got).toEqual(expected);
}

// ---------------------------------------------------------------------------------------------

/** Runs the client's time (retry waits and request time limits) `factor` times faster; returns the undo. */
function scaleClientTime(factor: number, random?: () => number): () => void {
  const previous = { ...clock };
  clock.sleep = (ms) => realSleep(ms / factor);
  clock.timeout = (ms) => previous.timeout(ms / factor);
  if (random) clock.random = random;
  return () => Object.assign(clock, previous);
}

describe("429 storm", () => {
  let restore: () => void = () => undefined;
  afterEach(() => {
    restore();
    restore = () => undefined;
  });

  it.each<[RateLimitStyle, number]>([
    ["envelope", 1],
    ["plain", 2],
    ["disguised-404", 3],
  ])(
    "rate limit answered as %s: list, creates, picklist and stream all succeed, nothing doubled",
    async (style, seed) => {
      const c = e2e.client();
      insertLeads(e2e.sandbox, 130, "Storm");
      const start = await c.action("getLeadsStream", { position: "top" });
      const position = metaOf(start).position as string;
      const offset = e2e.sandbox.events("leads").length;

      // Real, jittered backoff from here on, and a sandbox that admits only 2 requests per 400 ms:
      // the client's own throttle (10/s) sends faster than that. The production retry policy
      // (what is retried, how often, exponential backoff with full jitter) runs on a time scale
      // five times shorter, so the storm lasts seconds instead of the minute it may take live.
      restore = scaleClientTime(5, seededRandom(seed));
      e2e.sandbox.setRateLimit({ limit: 2, windowMs: 400 }, style);

      const names = ["Storm new 1", "Storm new 2", "Storm new 3"];
      const [list, picklist, ...created] = await Promise.all([
        c.action("listLeads", { firstName: "Storm", fetchAll: "true" }),
        c.picklist("selectLeadSource"),
        ...names.map((lastName) => c.record("createLead", { lastName, firstName: "New" })),
      ]);

      // Fetch All: every lead inserted before, once each.
      const listed = itemsOf(list).map((r) => r.id);
      expect(listed).toHaveLength(130);
      expect(new Set(listed)).toEqual(
        new Set(
          e2e.sandbox
            .records("leads")
            .filter((l) => l.first_name === "Storm")
            .map((l) => l.id),
        ),
      );
      // Each create: exactly one record, and exactly one POST that got through.
      for (const [i, name] of names.entries()) {
        expect(leadsNamed(name)).toHaveLength(1);
        expect((created[i] as Json).id).toBe(leadsNamed(name)[0]?.id);
      }
      const posts = statuses(c, { method: "POST", path: "/v2/leads" });
      expect(posts.filter((s) => s === 200)).toHaveLength(3);
      // The picklist: every lead source.
      expect(new Set((picklist as Array<{ key: string }>).map((e) => e.key))).toEqual(
        new Set(e2e.sandbox.records("lead_sources").map((s) => String(s.id))),
      );

      // The stream, read in pages of 2 while other reads compete for the window.
      const [stream, ...got] = await Promise.all([
        c.action("getLeadsStream", { position, limit: "2", readUntilCaughtUp: "true" }),
        ...created
          .slice(0, 2)
          .map((lead) => c.record("getLead", { id: String((lead as Json).id) })),
      ]);
      expect(got).toEqual(created.slice(0, 2));
      expectAllEvents(eventsOf(stream), "leads", offset);
      expect(metaOf(stream)).toMatchObject({ top: true, count: 3 });

      // It was a storm: the sandbox refused requests in the chosen style, and the client retried.
      const refusedAs = style === "disguised-404" ? 404 : 429;
      expect(c.requests().filter((r) => r.status === refusedAs).length).toBeGreaterThan(3);
      expect(c.requests().every((r) => r.status === 200 || r.status === refusedAs)).toBe(true);
    },
  );
});

// ---------------------------------------------------------------------------------------------

describe("5xx bursts", () => {
  it("random 503s on reads (30%): list with Fetch All and picklist retried to the right result", async () => {
    const c = e2e.client();
    insertLeads(e2e.sandbox, 240, "Burst");
    // Random 503s, and one for sure on the first read.
    e2e.sandbox.failNext({ method: "GET", fault: { status: 503 } });
    e2e.sandbox.setFaults({ errorRates: { 503: 0.3 }, match: { method: "GET" } });

    const list = await c.action("listLeads", { fetchAll: "true" });
    expect(new Set(itemsOf(list).map((r) => r.id))).toEqual(allLeadIds());
    expect(itemsOf(list)).toHaveLength(240);

    const picklist = await c.picklist("selectLead");
    expect(new Set(picklist.map((e) => Number(e.key)))).toEqual(allLeadIds());

    const reads = statuses(c, { method: "GET" });
    expect(reads.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(reads.filter((s) => s !== 200 && s !== 503)).toEqual([]);
  });

  it("random 503s on reads (30%): get and stream retried to the right result", async () => {
    const c = e2e.client();
    insertLeads(e2e.sandbox, 240, "Burst");
    // Random 503s, and one for sure on the first read.
    e2e.sandbox.failNext({ method: "GET", fault: { status: 503 } });
    e2e.sandbox.setFaults({ errorRates: { 503: 0.3 }, match: { method: "GET" } });

    for (const target of e2e.sandbox.records("leads").slice(0, 3))
      expect(await c.record("getLead", { id: idOf(target) })).toEqual(target);

    const stream = await c.action("getLeadsStream", {
      position: "tail",
      limit: "100",
      readUntilCaughtUp: "true",
    });
    expectAllEvents(eventsOf(stream), "leads");
    expect(metaOf(stream)).toMatchObject({ top: true, count: 240 });

    const reads = statuses(c, { method: "GET" });
    expect(reads.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(reads.filter((s) => s !== 200 && s !== 503)).toEqual([]);
  });

  it("scripted 502 then 503 on a list: retried twice, three requests, right result", async () => {
    const c = e2e.client();
    insertLeads(e2e.sandbox, 3, "Scripted");
    e2e.sandbox.failNext({ method: "GET", path: /^\/v2\/leads$/, fault: { status: 502 } });
    e2e.sandbox.failNext({ method: "GET", path: /^\/v2\/leads$/, fault: { status: 503 } });
    const list = await c.action("listLeads", {});
    expect(itemsOf(list)).toHaveLength(3);
    expect(statuses(c, { method: "GET", path: "/v2/leads" })).toEqual([502, 503, 200]);
  });

  it("a search (an idempotent POST) answered 503 is retried", async () => {
    const c = e2e.client();
    insertLeads(e2e.sandbox, 4, "Searched");
    e2e.sandbox.failNext({ method: "POST", path: /\/search$/, times: 2, fault: { status: 503 } });
    const output = await c.action("searchRecords", {
      resource: "leads",
      equals: [{ key: "first_name", value: "Searched" }],
    });
    expect(itemsOf(output)).toHaveLength(4);
    expect(statuses(c, { method: "POST" })).toEqual([503, 503, 200]);
  });

  it("a create answered 503 fails with a readable error, after exactly one POST, and creates nothing", async () => {
    const c = e2e.client();
    e2e.sandbox.failNext({ method: "POST", path: /^\/v2\/leads$/, fault: { status: 503 } });
    const error = await c.failure("createLead", { lastName: "Unavailable" });
    expect(error.message).toMatch(
      /^Zendesk Sell failed on POST \/v2\/leads \(503 Service Unavailable\): .*temporarily unavailable.*The request may still have been carried out: check Sell before repeating it/,
    );
    expect(statuses(c, { method: "POST" })).toEqual([503]);
    expect(leadsNamed("Unavailable")).toEqual([]);
  });

  it("an upsert answered 503 is retried and yields one record", async () => {
    const c = e2e.client();
    e2e.sandbox.failNext({ method: "POST", path: /^\/v2\/leads\/upsert$/, fault: { status: 503 } });
    const lead = await c.record("upsertLead", {
      filterableCustomFields: [{ key: "email", value: "retry@example.com" }],
      lastName: "Upserted",
      contactInfo: { email: "retry@example.com" },
    });
    expect(leadsNamed("Upserted")).toEqual([expect.objectContaining({ id: lead.id })]);
    expect(statuses(c, { method: "POST" })).toEqual([503, 200]);
  });

  it("an update answered 500 then 504 is retried to the right final state", async () => {
    const c = e2e.client();
    const lead = await c.record("createLead", { lastName: "Before" });
    e2e.sandbox.failNext({ method: "PUT", fault: { status: 500 } });
    e2e.sandbox.failNext({ method: "PUT", fault: { status: 504 } });
    const updated = await c.record("updateLead", { id: idOf(lead), lastName: "After" });
    expect(updated).toMatchObject({ id: lead.id, last_name: "After" });
    expect(e2e.sandbox.records("leads")).toEqual([expect.objectContaining({ last_name: "After" })]);
    expect(statuses(c, { method: "PUT" })).toEqual([500, 504, 200]);
  });

  it("a persistent 503 on a read gives up after 6 retries with a readable error", async () => {
    const c = e2e.client();
    e2e.sandbox.failNext({
      method: "GET",
      path: /^\/v2\/leads$/,
      times: 10,
      fault: { status: 503 },
    });
    const error = await c.failure("listLeads", {});
    expect(error.message).toMatch(
      /^Zendesk Sell failed on GET \/v2\/leads \(503 Service Unavailable\) after 6 retries: /,
    );
    expect(statuses(c, { method: "GET" })).toHaveLength(7);
  });
});

// ---------------------------------------------------------------------------------------------

describe("connection resets", () => {
  it("on a list and a get: retried, right result", async () => {
    const c = e2e.client();
    const [first] = insertLeads(e2e.sandbox, 120, "Reset");
    e2e.sandbox.failNext({ method: "GET", path: /^\/v2\/leads$/, times: 2, fault: "reset" });
    const list = await c.action("listLeads", { fetchAll: "true" });
    expect(new Set(itemsOf(list).map((r) => r.id))).toEqual(allLeadIds());
    e2e.sandbox.failNext({ method: "GET", path: /^\/v2\/leads\/\d+$/, fault: "reset" });
    expect(await c.record("getLead", { id: idOf(first as Json) })).toEqual(
      e2e.sandbox.records("leads").find((l) => l.id === (first as Json).id),
    );
    // Page 1 reset twice, then 200; page 2 once (whether page 3 was asked ahead depends on the
    // measured round trips); the get reset once, then 200.
    const pageStatuses = (n: number) =>
      c
        .requests({ method: "GET", path: "/v2/leads" })
        .filter((r) => new URLSearchParams(r.query).get("page") === String(n))
        .map((r) => r.status);
    expect(pageStatuses(1)).toEqual([0, 0, 200]);
    expect(pageStatuses(2)).toEqual([200]);
    expect(statuses(c, { method: "GET", path: /^\/v2\/leads\/\d+$/ })).toEqual([0, 200]);
  });

  it("on a create that took effect: fails with a readable network error, not retried, exactly one record", async () => {
    const c = e2e.client();
    e2e.sandbox.failNext({
      method: "POST",
      path: /^\/v2\/leads$/,
      fault: "reset",
      afterEffect: true,
    });
    const error = await c.failure("createLead", { lastName: "Reset Create" });
    expect(error.message).toMatch(
      /^The connection to Zendesk Sell broke during POST \/v2\/leads, before its answer arrived: the connection was reset \(ECONNRESET\)\. The request may still have been carried out/,
    );
    expect(statuses(c, { method: "POST" })).toEqual([0]);
    expect(leadsNamed("Reset Create")).toHaveLength(1);
  });

  it("on an upsert that took effect: retried, it finds the record it created, one record", async () => {
    const c = e2e.client();
    e2e.sandbox.failNext({ method: "POST", fault: "reset", afterEffect: true });
    const inputs = {
      filterableCustomFields: [{ key: "External ID", value: "X-9" }],
      lastName: "Upsert Reset",
      customFields: [{ key: "External ID", value: "X-9" }],
    };
    const lead = await c.record("upsertLead", inputs);
    expect(leadsNamed("Upsert Reset")).toEqual([lead]);
    expect(statuses(c, { method: "POST" })).toEqual([0, 200]);
  });

  // The request left before the connection broke: it is not retried, and the message says the
  // lead may exist, so a person does not repeat the step blindly (reference §8.1).
  it("on a create that took effect, the error warns that the record may exist", async () => {
    const c = e2e.client();
    e2e.sandbox.failNext({ method: "POST", fault: "reset", afterEffect: true });
    const error = await c.failure("createLead", { lastName: "Reset Warned" });
    expect(leadsNamed("Reset Warned")).toHaveLength(1);
    expect(error.message).not.toMatch(/could not be reached/);
    expect(error.message).toMatch(/may still have been carried out/);
  });

  it("on a create that did not take effect: fails, not retried, no record", async () => {
    const c = e2e.client();
    e2e.sandbox.failNext({ method: "POST", path: /^\/v2\/leads$/, fault: "reset" });
    await c.failure("createLead", { lastName: "Reset Lost" });
    expect(statuses(c, { method: "POST" })).toEqual([0]);
    expect(leadsNamed("Reset Lost")).toEqual([]);
  });

  it("on an update (PUT) that took effect: retried, right final state", async () => {
    const c = e2e.client();
    const lead = await c.record("createLead", { lastName: "Put", tags: ["a"] });
    e2e.sandbox.failNext({ method: "PUT", fault: "reset", afterEffect: true });
    const updated = await c.record("updateLead", {
      id: idOf(lead),
      tags: ["b", "c"],
      firstName: "Reset",
    });
    expect(updated).toMatchObject({ first_name: "Reset", tags: ["b", "c"] });
    expect(e2e.sandbox.records("leads")).toEqual([updated]);
    expect(statuses(c, { method: "PUT" })).toEqual([0, 200]);
  });

  // The retry finds the record gone (a second DELETE answers 404). The client cannot tell
  // whether the lost attempt deleted it or it never existed: it says exactly that.
  it("on a delete that took effect: retried, the record is gone, and the error says what is known", async () => {
    const c = e2e.client();
    const lead = await c.record("createLead", { lastName: "Delete Me" });
    e2e.sandbox.failNext({ method: "DELETE", fault: "reset", afterEffect: true });
    const error = await c.failure("deleteLead", { id: idOf(lead) });
    expect(leadsNamed("Delete Me")).toEqual([]);
    expect(statuses(c, { method: "DELETE" })).toEqual([0, 404]);
    expect(error).toMatchObject({ outcome: "absent", status: 404 });
    expect(error.message).toMatch(
      /^Zendesk Sell could not confirm DELETE \/v2\/leads\/\d+: an earlier attempt got no answer, and the retry found no such record \(404 Not Found\)\. The record is not in Sell now: either that attempt deleted it, or it never existed\./,
    );
  });

  it("on a delete of an ID that never existed: not reported as deleted", async () => {
    const c = e2e.client();
    e2e.sandbox.failNext({ method: "DELETE", fault: "reset", afterEffect: false });
    const error = await c.failure("deleteLead", { id: "999999999" });
    expect(statuses(c, { method: "DELETE" })).toEqual([0, 404]);
    expect(error).toMatchObject({ outcome: "absent" });
    expect(error.message).toMatch(/either that attempt deleted it, or it never existed/);
  });

  it("on a delete whose reset came before Sell handled it: the retry deletes it and it succeeds", async () => {
    const c = e2e.client();
    const lead = await c.record("createLead", { lastName: "Delete Later" });
    e2e.sandbox.failNext({ method: "DELETE", fault: "reset", afterEffect: false });
    expect(await c.action("deleteLead", { id: idOf(lead) })).toEqual({ data: null });
    expect(statuses(c, { method: "DELETE" })).toEqual([0, 204]);
    expect(leadsNamed("Delete Later")).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("truncated bodies", () => {
  it("on a get: retried, right result", async () => {
    const c = e2e.client();
    const lead = await c.record("createLead", { lastName: "Truncated", firstName: "Get" });
    e2e.sandbox.failNext({ method: "GET", fault: "truncate" });
    expect(await c.record("getLead", { id: idOf(lead) })).toEqual(lead);
    expect(statuses(c, { method: "GET" })).toEqual([200, 200]);
    expect(c.requests({ method: "GET" })[0]?.fault).toBe("truncate");
  });

  it("on a stream page: retried, no event lost or doubled", async () => {
    const c = e2e.client();
    insertLeads(e2e.sandbox, 40, "Streamed");
    e2e.sandbox.failNext({ method: "GET", path: /\/stream$/, times: 2, fault: "truncate" });
    const stream = await c.action("getLeadsStream", {
      position: "tail",
      limit: "15",
      readUntilCaughtUp: "true",
    });
    expectAllEvents(eventsOf(stream), "leads");
    expect(metaOf(stream)).toMatchObject({ top: true, count: 40 });
  });

  it("on a create: fails saying the record was created, with its ID; exactly one record", async () => {
    const c = e2e.client();
    e2e.sandbox.failNext({ method: "POST", path: /^\/v2\/leads$/, fault: "truncate" });
    const error = await c.failure("createLead", { lastName: "Half" });
    const [created] = leadsNamed("Half");
    expect(leadsNamed("Half")).toHaveLength(1);
    expect(error.message).toMatch(
      new RegExp(
        `^Zendesk Sell answered POST /v2/leads with 200 OK, so the record \\(ID ${created?.id}\\) was created, but its answer could not be read: not valid JSON: .*Do not repeat the request: check the record in Sell\\.`,
      ),
    );
    expect(error).toMatchObject({ outcome: "applied", recordId: String(created?.id) });
    expect(statuses(c, { method: "POST" })).toEqual([200]);
  });

  it("on an upsert that created the record: the retry updates that record, one record in all", async () => {
    const c = e2e.client();
    e2e.sandbox.failNext({ method: "POST", path: /^\/v2\/leads\/upsert$/, fault: "truncate" });
    // Only a filter, no Email input: the body must still carry the email, or the retry (which
    // matches by email) would create a second lead.
    const lead = await c.record("upsertLead", {
      lastName: "Half Upsert",
      filterableCustomFields: [{ key: "email", value: "half.upsert@example.com" }],
    });
    expect(statuses(c, { method: "POST" })).toEqual([200, 200]);
    expect(leadsNamed("Half Upsert")).toEqual([
      expect.objectContaining({ id: lead.id, email: "half.upsert@example.com" }),
    ]);
  });

  it("on an upsert by a custom field whose answer was lost: one record, carrying the custom field", async () => {
    const c = e2e.client();
    e2e.sandbox.addCustomField("lead", { name: "Web ID", type: "string", filterable: true });
    e2e.sandbox.failNext({
      method: "POST",
      path: /^\/v2\/leads\/upsert$/,
      fault: "reset",
      afterEffect: true,
    });
    await c.record("upsertLead", {
      lastName: "Lost Upsert",
      filterableCustomFields: [{ key: "Web ID", value: "w-77" }],
    });
    // And run again without any fault: still one lead.
    await c.record("upsertLead", {
      lastName: "Lost Upsert",
      filterableCustomFields: [{ key: "Web ID", value: "w-77" }],
    });
    expect(statuses(c, { method: "POST" })).toEqual([0, 200, 200]);
    expect(leadsNamed("Lost Upsert")).toEqual([
      expect.objectContaining({ custom_fields: expect.objectContaining({ "Web ID": "w-77" }) }),
    ]);
  });

  it("on a find-or-create by Match Value alone: the next run finds the record it created", async () => {
    const c = e2e.client();
    const inputs = { matchValue: " form.entry@example.com ", lastName: "Matched" };
    e2e.sandbox.failNext({ method: "POST", path: /^\/v2\/leads$/, fault: "truncate" });
    const error = await c.failure("findOrCreateLead", inputs);
    expect(error).toMatchObject({ outcome: "applied" });
    const again = await c.action("findOrCreateLead", inputs);
    expect(metaOf(again)).toMatchObject({ created: false, matches: 1 });
    expect(leadsNamed("Matched")).toEqual([
      expect.objectContaining({ email: "form.entry@example.com" }),
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("slow responses past the client timeout", () => {
  // The client's 30 s time limit, on a time scale 120 times shorter (250 ms).
  let restore: () => void = () => undefined;
  beforeEach(() => {
    restore = scaleClientTime(120);
  });
  afterEach(() => restore());

  it("on a get: retried to success", async () => {
    const c = e2e.client();
    const lead = await c.record("createLead", { lastName: "Slow Get" });
    e2e.sandbox.failNext({ method: "GET", fault: { slowMs: 1500 } });
    expect(await c.record("getLead", { id: idOf(lead) })).toEqual(lead);
    const gets = c.requests({ method: "GET" });
    expect(gets).toHaveLength(2);
    expect(gets[0]?.fault).toBe("slow");
  });

  it("on a list with Fetch All: the slow page is retried, nothing lost", async () => {
    const c = e2e.client();
    insertLeads(e2e.sandbox, 150, "Slow List");
    e2e.sandbox.failNext({ method: "GET", path: /^\/v2\/leads$/, fault: { slowMs: 1500 } });
    const list = await c.action("listLeads", { fetchAll: "true" });
    expect(new Set(itemsOf(list).map((r) => r.id))).toEqual(allLeadIds());
    expect(itemsOf(list)).toHaveLength(150);
  });

  // Same for a timeout: the message says the lead may exist.
  it("on a create whose write was performed, the timeout message warns that the record may exist", async () => {
    const c = e2e.client();
    e2e.sandbox.failNext({ method: "POST", path: /^\/v2\/leads$/, fault: { slowMs: 1500 } });
    const error = await c.failure("createLead", { lastName: "Slow Warned" });
    expect(leadsNamed("Slow Warned")).toHaveLength(1);
    expect(error.message).toMatch(/may still have been carried out/);
  });

  it("on a create whose write was performed: fails with the timeout message, exactly one record", async () => {
    const c = e2e.client();
    e2e.sandbox.failNext({ method: "POST", path: /^\/v2\/leads$/, fault: { slowMs: 1500 } });
    const error = await c.failure("createLead", { lastName: "Slow Create" });
    expect(error.message).toMatch(
      /^Zendesk Sell did not answer POST \/v2\/leads in time: no response within the time limit \(30 s\)/,
    );
    expect(c.requests({ method: "POST" })).toHaveLength(1);
    expect(leadsNamed("Slow Create")).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------

describe("non-JSON 502 bodies", () => {
  it("on a get: retried, right result", async () => {
    const c = e2e.client();
    const lead = await c.record("createLead", { lastName: "Html" });
    e2e.sandbox.failNext({ method: "GET", times: 2, fault: "non-json" });
    expect(await c.record("getLead", { id: idOf(lead) })).toEqual(lead);
    expect(statuses(c, { method: "GET" })).toEqual([502, 502, 200]);
  });

  it("on a picklist page: retried, every record listed", async () => {
    const c = e2e.client();
    insertLeads(e2e.sandbox, 101, "Html Pick");
    e2e.sandbox.failNext({ method: "GET", path: /^\/v2\/leads$/, fault: "non-json" });
    const picklist = await c.picklist("selectLead");
    expect(new Set(picklist.map((e) => Number(e.key)))).toEqual(allLeadIds());
  });

  it("on a create: a readable error, one POST, nothing created", async () => {
    const c = e2e.client();
    e2e.sandbox.failNext({ method: "POST", fault: "non-json" });
    const error = await c.failure("createLead", { lastName: "Html Create" });
    expect(error.message).toMatch(
      /^Zendesk Sell failed on POST \/v2\/leads \(502 Bad Gateway\): non-JSON body: "<html> <head><title>502 Bad Gateway<\/title>.*The request may still have been carried out/,
    );
    expect(error.message.length).toBeLessThan(400);
    expect(statuses(c, { method: "POST" })).toEqual([502]);
    expect(leadsNamed("Html Create")).toEqual([]);
  });

  it("persistent on a read: gives up after 6 retries with a readable error", async () => {
    const c = e2e.client();
    e2e.sandbox.failNext({ method: "GET", times: 10, fault: "non-json" });
    const error = await c.failure("listLeads", {});
    expect(error.message).toMatch(
      /^Zendesk Sell failed on GET \/v2\/leads \(502 Bad Gateway\) after 6 retries: non-JSON body/,
    );
    expect(statuses(c, { method: "GET" })).toHaveLength(7);
  });
});

// ---------------------------------------------------------------------------------------------

describe("mixed random faults", () => {
  it("reads under 5xx, resets, truncation and HTML (25% in all) end with the right result", async () => {
    const c = e2e.client();
    insertLeads(e2e.sandbox, 150, "Chaos");
    e2e.sandbox.setFaults({
      match: { method: "GET" },
      errorRates: { 500: 0.05, 503: 0.05 },
      resetRate: 0.05,
      truncateRate: 0.05,
      nonJsonRate: 0.05,
    });
    // Besides the random faults, one of each kind for sure: reset (list), truncation and 500
    // (stream), HTML (picklist).
    e2e.sandbox.failNext({ method: "GET", path: /^\/v2\/leads$/, fault: "reset" });
    const list = await c.action("listLeads", { fetchAll: "true" });
    expect(itemsOf(list)).toHaveLength(150);
    expect(new Set(itemsOf(list).map((r) => r.id))).toEqual(allLeadIds());

    e2e.sandbox.failNext({ method: "GET", path: /\/stream$/, fault: "truncate" });
    e2e.sandbox.failNext({ method: "GET", path: /\/stream$/, fault: { status: 500 } });
    const stream = await c.action("getStream", {
      resource: "leads",
      position: "tail",
      limit: "100",
      readUntilCaughtUp: "true",
    });
    expectAllEvents(eventsOf(stream), "leads");

    e2e.sandbox.failNext({ method: "GET", path: /^\/v2\/leads$/, fault: "non-json" });
    const picklist = await c.picklist("selectLead", { maxRecords: "120" });
    expect(picklist).toHaveLength(120);
    expect(new Set(picklist.map((e) => Number(e.key))).size).toBe(120);
    expect(c.requests().filter((r) => r.fault !== undefined).length).toBeGreaterThanOrEqual(4);
  });

  it("creates under scripted and random faults: each fails or succeeds, never doubled, never retried", async () => {
    const c = e2e.client();
    // The first four creates meet one fault of each kind for sure, the rest random ones.
    const post = { method: "POST", path: /^\/v2\/leads$/ };
    e2e.sandbox.failNext({ ...post, fault: { status: 503 } });
    e2e.sandbox.failNext({ ...post, fault: "reset", afterEffect: true });
    e2e.sandbox.failNext({ ...post, fault: "truncate" });
    e2e.sandbox.failNext({ ...post, fault: "non-json" });
    e2e.sandbox.setFaults({
      match: { method: "POST" },
      errorRates: { 502: 0.15, 503: 0.15 },
      resetRate: 0.15,
      truncateRate: 0.15,
      afterEffect: { reset: true },
    });
    let failures = 0;
    for (let i = 1; i <= 9; i += 1) {
      const name = `Chaos create ${i}`;
      const before = c.requests({ method: "POST" }).length;
      const outcome = await c
        .action("createLead", { lastName: name })
        .catch((error: Error) => error);
      const attempts = c.requests({ method: "POST" }).slice(before);
      expect(attempts).toHaveLength(1);
      const fault = attempts[0]?.fault;
      if (outcome instanceof Error) {
        failures += 1;
        expect(outcome.message).toMatch(
          /^(Zendesk Sell (failed on POST|could not be reached for POST|answered POST)|The connection to Zendesk Sell broke during POST)/,
        );
        // Status and HTML faults never reach Sell; a reset after the effect or a truncated
        // answer did.
        expect(leadsNamed(name)).toHaveLength(fault === "status" || fault === "non-json" ? 0 : 1);
      } else {
        expect(fault).toBeUndefined();
        expect(leadsNamed(name)).toEqual([recordOf(outcome)]);
      }
    }
    expect(failures).toBeGreaterThanOrEqual(4);
    e2e.sandbox.setFaults({});
    expect(await c.record("createLead", { lastName: "Calm" })).toEqual(leadsNamed("Calm")[0]);
  });
});
