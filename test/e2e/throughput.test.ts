/**
 * Throughput guards: counts, not times (speed itself is measured by `npm run bench`). With the
 * sandbox enforcing Sell's limit (10 requests per second per token), reading every record must
 * cost one request per page plus at most the pages read ahead past the end (never more than the
 * read-ahead depth), and never draw a 429 — with or without jittered latency, and for several
 * readers sharing one token in one process.
 */
import { type Client, E2E, insertLeads, itemsOf } from "./helpers";

let e2e: E2E;
beforeAll(async () => {
  e2e = await E2E.start({ tokenCount: 8, seed: 12 });
});
afterAll(() => e2e.close());
beforeEach(() => {
  e2e.sandbox.reset();
  e2e.sandbox.setFaults({});
  e2e.sandbox.setRateLimit({ limit: 10, windowMs: 1000 }, "envelope");
});

/** The most pages the client reads at once (and so the most it can read past the last). */
const MAX_DEPTH = 10;

function pageCounts(c: Client, path: string, records: number) {
  const requests = c.requests({ method: "GET", path });
  // The last page carries no `next_page` link (the sandbox knows, as Sell does), so a full last
  // page needs no empty one after it.
  const needed = Math.max(1, Math.ceil(records / 100));
  return {
    needed,
    wasted: requests.length - needed,
    rateLimited: requests.filter((r) => r.status === 429).length,
    failed: requests.filter((r) => r.status !== 200).length,
  };
}

it("reads 2,000 leads in 20 pages plus at most the read-ahead, without a single 429", async () => {
  insertLeads(e2e.sandbox, 2000 - e2e.sandbox.records("leads").length, "Guard");
  const c = e2e.client();

  const output = await c.action("listLeads", { fetchAll: "true" });

  expect(itemsOf(output)).toHaveLength(2000);
  expect(new Set(itemsOf(output).map((l) => l.id)).size).toBe(2000);
  const counts = pageCounts(c, "/v2/leads", 2000);
  expect(counts.rateLimited).toBe(0);
  expect(counts.failed).toBe(0);
  expect(counts.wasted).toBeGreaterThanOrEqual(0);
  expect(counts.wasted).toBeLessThanOrEqual(MAX_DEPTH);
});

it("stays under the limit when round trips jitter between 20 and 150 ms", async () => {
  insertLeads(e2e.sandbox, 1500 - e2e.sandbox.records("leads").length, "Jitter");
  e2e.sandbox.setFaults({ latencyMs: { min: 20, max: 150 } });
  const c = e2e.client();

  const output = await c.action("listLeads", { fetchAll: "true" });

  expect(itemsOf(output)).toHaveLength(1500);
  const counts = pageCounts(c, "/v2/leads", 1500);
  expect(counts.rateLimited).toBe(0);
  expect(counts.wasted).toBeLessThanOrEqual(MAX_DEPTH);
});

it("shares one token's budget between concurrent reads and writes in one process: no 429", async () => {
  insertLeads(e2e.sandbox, 600 - e2e.sandbox.records("leads").length, "Shared");
  const c = e2e.client();

  const [first, second, ...created] = await Promise.all([
    c.action("listLeads", { fetchAll: "true" }),
    c.action("listLeads", { fetchAll: "true" }),
    ...Array.from({ length: 10 }, (_, i) => c.record("createLead", { lastName: `Writer ${i}` })),
  ]);

  // Each read started before or after some writes, so it saw between 600 and 610 leads.
  for (const read of [first, second]) {
    expect(itemsOf(read).length).toBeGreaterThanOrEqual(600);
    expect(itemsOf(read).length).toBeLessThanOrEqual(610);
  }
  expect(created).toHaveLength(10);
  expect(e2e.sandbox.records("leads")).toHaveLength(610);
  expect(c.requests().filter((r) => r.status === 429)).toHaveLength(0);
  // Ten creates, ten POSTs: nothing was sent twice.
  expect(c.requests({ method: "POST", path: "/v2/leads" })).toHaveLength(10);
});

it("lists every contact of a 1,500-contact picklist in 15 pages plus the read-ahead, no 429", async () => {
  const existing = e2e.sandbox.records("contacts").length;
  for (let i = existing; i < 1500; i += 1)
    e2e.sandbox.insert("contacts", { name: `Picklist Org ${i}`, is_organization: true });
  const c = e2e.client();

  const options = await c.picklist("selectContact", { maxRecords: "1500" });

  expect(options).toHaveLength(1500);
  const counts = pageCounts(c, "/v2/contacts", 1500);
  expect(counts.rateLimited).toBe(0);
  expect(counts.wasted).toBeLessThanOrEqual(MAX_DEPTH);
});
