import type { Sandbox } from "../../sandbox";
import { call, create, type Data, idOf, sandbox } from "./helpers";

const ROOT = "a".repeat(64);
const USER = "b".repeat(64);
const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);

let sb: Sandbox;
let clock: number;

beforeEach(async () => {
  clock = T0;
  sb = await sandbox({ tokens: [ROOT, USER], rootTokens: [ROOT], now: () => clock });
});
afterEach(() => sb.close());

const stream = (resource: string, query: string, token = ROOT) =>
  call(sb, "GET", `/v3/${resource}/stream?${query}`, { token });

describe("firehose", () => {
  test("created / updated (with previous) / deleted events with per-record sequence", async () => {
    const top = (await stream("leads", "position=top")).stream();
    expect(top.items).toEqual([]);
    expect(top.meta.top).toBe(true);

    const lead = await create(sb, "/v2/leads", {
      last_name: "Fire",
      title: "A",
      custom_fields: { Priority: "High", Budget: 3.5 },
    });
    clock += 1000;
    await call(sb, "PUT", `/v2/leads/${idOf(lead)}`, { body: { data: { title: "B" } } });
    await call(sb, "DELETE", `/v2/leads/${idOf(lead)}`);

    const page = (
      await stream("leads", `position=${encodeURIComponent(top.meta.position)}`)
    ).stream();
    expect(page.items.map((i) => i.meta.event_type)).toEqual(["created", "updated", "deleted"]);
    expect(page.items.map((i) => i.meta.sequence)).toEqual([1, 2, 3]);
    const [created, updated, deleted] = page.items;
    expect(created?.meta).toEqual({
      type: "lead",
      event_type: "created",
      event_id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      event_time: "2024-01-01T12:00:00Z",
      event_cause: "interaction",
      sequence: 1,
    });
    expect(created?.data).toMatchObject({
      id: idOf(lead),
      last_name: "Fire",
      title: "A",
      created_at: "2024-01-01T12:00:00Z",
    });
    expect(created?.data).not.toHaveProperty("custom_fields");
    expect(created?.data).not.toHaveProperty("updated_at");
    expect(created?.data.custom_field_values).toEqual(
      expect.arrayContaining([
        {
          id: expect.any(Number),
          name: "Priority",
          value: { id: expect.any(Number), name: "High" },
        },
        { id: expect.any(Number), name: "Budget", value: "3.5" },
      ]),
    );
    expect(updated?.meta.previous).toEqual({ title: "A" });
    expect(updated?.data.title).toBe("B");
    expect(updated?.meta.event_time).toBe("2024-01-01T12:00:01Z");
    expect(deleted?.meta).not.toHaveProperty("previous");
    expect(deleted?.data.id).toBe(idOf(lead));
    expect(page.meta.top).toBe(true);
    expect(new Set(page.items.map((i) => i.meta.event_id)).size).toBe(3);
  });

  test("positions are opaque; limit bounds the page; top false until caught up; links.next", async () => {
    const start = (await stream("notes", "position=top")).stream().meta.position;
    expect(start).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(start).not.toMatch(/^\d+$/);
    const contact = await create(sb, "/v2/contacts", { last_name: "N" });
    for (let i = 0; i < 5; i++)
      await create(sb, "/v2/notes", {
        resource_type: "contact",
        resource_id: idOf(contact),
        content: `n${i}`,
      });
    const first = (await stream("notes", `position=${encodeURIComponent(start)}&limit=2`)).stream();
    expect(first.items.map((i) => i.data.content)).toEqual(["n0", "n1"]);
    expect(first.meta.top).toBe(false);
    expect(first.meta.links.next).toBe(
      `${sb.url}/v3/notes/stream?position=${encodeURIComponent(first.meta.position)}&limit=2`,
    );
    const next = await call(sb, "GET", first.meta.links.next, { token: ROOT });
    expect(next.stream().items.map((i) => i.data.content)).toEqual(["n2", "n3"]);
    const last = (
      await stream("notes", `position=${encodeURIComponent(next.stream().meta.position)}&limit=2`)
    ).stream();
    expect(last.items.map((i) => i.data.content)).toEqual(["n4"]);
    expect(last.meta.top).toBe(true);
    const idle = (
      await stream("notes", `position=${encodeURIComponent(last.meta.position)}`)
    ).stream();
    expect(idle.items).toEqual([]);
    expect(idle.meta.position).toBe(last.meta.position);
    expect(idle.meta.top).toBe(true);
  });

  test("tail starts at the oldest retained event; seeded records are in the log", async () => {
    const users = (await stream("users", "position=tail&limit=100")).stream();
    expect(users.items.map((i) => i.data.name)).toEqual(["Ada Admin", "Bob Seller", "Cara Closer"]);
    // The attribute set (JSON key order is not part of it; see firehose-sets.test.ts).
    expect(Object.keys(users.items[0]?.data ?? {}).sort()).toEqual([
      "confirmed",
      "created_at",
      "email",
      "id",
      "name",
      "role",
      "status",
    ]);
    const stages = (await stream("stages", "position=tail&limit=1")).stream();
    expect(stages.items[0]?.meta.type).toBe("stage");
    expect(stages.meta.top).toBe(false);
  });

  test("Firehose attribute sets: deal value string, task reminder_offset, line item decimals", async () => {
    const org = await create(sb, "/v2/contacts", { is_organization: true, name: "O" });
    await create(sb, "/v2/deals", { name: "D", contact_id: idOf(org), value: 1000 });
    const deal = (await stream("deals", "position=tail")).stream().items[0]?.data as Data;
    expect(deal.value).toBe("1000.00");
    expect(deal).toHaveProperty("custom_field_values", []);
    await create(sb, "/v2/tasks", {
      content: "t",
      due_date: "2024-01-02T10:00:00Z",
      remind_at: "2024-01-02T09:30:00Z",
    });
    const task = (await stream("tasks", "position=tail")).stream().items[0]?.data as Data;
    expect(task).toMatchObject({
      reminder_offset: 30,
      due_date: "2024-01-02T10:00:00Z",
      account_id: expect.any(Number),
    });
    expect(task).not.toHaveProperty("remind_at");
  });

  test("associated contacts, orders, line items, products, calls, tags, sources, custom_fields stream", async () => {
    const org = await create(sb, "/v2/contacts", {
      is_organization: true,
      name: "O",
      tags: ["t1"],
    });
    const deal = await create(sb, "/v2/deals", { name: "D", contact_id: idOf(org) });
    await create(sb, `/v2/deals/${idOf(deal)}/associated_contacts`, { contact_id: idOf(org) });
    const product = await create(sb, "/v2/products", {
      name: "P",
      prices: [{ amount: "52.74", currency: "USD" }],
    });
    const order = await create(sb, "/v2/orders", { deal_id: idOf(deal) });
    await create(sb, `/v2/orders/${idOf(order)}/line_items`, {
      product_id: idOf(product),
      currency: "USD",
    });
    await create(sb, "/v2/calls", { phone_number: "1" });
    await create(sb, "/v2/lead_sources", { name: "S" });
    const first = async (r: string) => (await stream(r, "position=tail&limit=100")).stream().items;
    expect((await first("associated_contacts"))[0]?.data).toEqual({
      id: expect.any(Number),
      contact_id: idOf(org),
      deal_id: idOf(deal),
      created_at: expect.any(String),
    });
    expect((await first("line_items"))[0]?.data).toMatchObject({
      product_id: idOf(product),
      deal_id: idOf(deal),
      order_id: idOf(order),
      value: "52.74",
      price: "52.74",
    });
    expect((await first("orders"))[0]?.data).toEqual({
      id: idOf(order),
      deal_id: idOf(deal),
      discount: 0,
      created_at: expect.any(String),
    });
    expect((await first("products"))[0]?.meta.type).toBe("product");
    expect((await first("calls"))[0]?.meta.type).toBe("call");
    expect((await first("tags")).map((i) => i.data.name)).toContain("t1");
    const sources = await first("sources");
    expect(sources[sources.length - 1]?.data).toEqual({
      id: expect.any(Number),
      name: "S",
      creator_id: sb.userIdFor(ROOT),
      resource_type: "lead",
      created_at: expect.any(String),
    });
    expect((await first("custom_fields"))[0]?.data).toEqual({
      id: expect.any(Number),
      name: expect.any(String),
      type: expect.any(String),
      resource_type: "lead",
    });
  });

  test("events older than the retention are dropped; an expired position → 410", async () => {
    const old = (await stream("leads", "position=top")).stream().meta.position;
    await create(sb, "/v2/leads", { last_name: "Old" });
    clock += 73 * 3_600_000;
    await create(sb, "/v2/leads", { last_name: "New" });
    const gone = await stream("leads", `position=${encodeURIComponent(old)}`);
    expect(gone.status).toBe(410);
    expect(gone.error().meta.http_status).toBe("410 Gone");
    expect(gone.err.code).toBe("gone");
    const tail = (await stream("leads", "position=tail")).stream();
    expect(tail.items.map((i) => i.data.last_name)).toEqual(["New"]);
  });

  test("custom retention via firehoseRetentionMs; a caught-up position survives pruning", async () => {
    const short = await sandbox({ now: () => clock, firehoseRetentionMs: 1000 });
    try {
      await create(short, "/v2/leads", { last_name: "A" });
      const caughtUp = (await call(short, "GET", "/v3/leads/stream?position=tail")).stream().meta
        .position;
      clock += 5000;
      const res = await call(
        short,
        "GET",
        `/v3/leads/stream?position=${encodeURIComponent(caughtUp)}`,
      );
      expect(res.status).toBe(200);
      expect(res.stream().meta.top).toBe(true);
    } finally {
      await short.close();
    }
  });

  test("limit outside 1..100, missing or foreign position → 400; non-root token → 403", async () => {
    for (const limit of ["0", "101", "x"]) {
      const res = await stream("leads", `position=tail&limit=${limit}`);
      expect(res.status).toBe(400);
      expect(res.err.details).toContain("'limit'");
    }
    expect((await stream("leads", "")).status).toBe(400);
    const dealsPos = (await stream("deals", "position=top")).stream().meta.position;
    expect((await stream("leads", `position=${encodeURIComponent(dealsPos)}`)).status).toBe(400);
    expect((await stream("leads", "position=garbage")).status).toBe(400);
    const denied = await stream("leads", "position=tail", USER);
    expect(denied.status).toBe(403);
    expect(denied.err.details).toContain("root user");
    expect((await stream("unicorns", "position=tail")).status).toBe(404);
  });

  test("sandbox.events mirrors the log", async () => {
    await create(sb, "/v2/leads", { last_name: "E" });
    expect(sb.events("leads").map((e) => e.eventType)).toEqual(["created"]);
  });
});
