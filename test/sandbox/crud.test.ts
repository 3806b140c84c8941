import type { Sandbox } from "../../sandbox";
import { call, create, type Data, idOf, sandbox } from "./helpers";

let sb: Sandbox;
let org: Data;
let person: Data;
let deal: Data;
let product: Data;
let order: Data;

beforeAll(async () => {
  sb = await sandbox();
  org = await create(sb, "/v2/contacts", { is_organization: true, name: "Org" });
  person = await create(sb, "/v2/contacts", { last_name: "Person", contact_id: idOf(org) });
  deal = await create(sb, "/v2/deals", { name: "Deal", contact_id: idOf(org) });
  product = await create(sb, "/v2/products", {
    name: "Widget",
    sku: "W-1",
    prices: [{ amount: "10.00", currency: "USD" }],
  });
  order = await create(sb, "/v2/orders", { deal_id: idOf(deal) });
});
afterAll(() => sb.close());

interface Case {
  path: string;
  type: string;
  create: () => Data;
  update?: Data;
  table: string;
}

const CRUD: Case[] = [
  {
    path: "/v2/leads",
    type: "lead",
    table: "leads",
    create: () => ({ last_name: "Lead" }),
    update: { title: "CTO" },
  },
  {
    path: "/v2/contacts",
    type: "contact",
    table: "contacts",
    create: () => ({ first_name: "Ann", last_name: "Lee" }),
    update: { email: "ann@example.com" },
  },
  {
    path: "/v2/deals",
    type: "deal",
    table: "deals",
    create: () => ({ name: "Big deal", contact_id: idOf(person) }),
    update: { hot: true },
  },
  {
    path: "/v2/notes",
    type: "note",
    table: "notes",
    create: () => ({ resource_type: "deal", resource_id: idOf(deal), content: "hello" }),
    update: { content: "updated" },
  },
  {
    path: "/v2/tasks",
    type: "task",
    table: "tasks",
    create: () => ({ content: "do it" }),
    update: { completed: true },
  },
  {
    path: "/v2/calls",
    type: "call",
    table: "calls",
    create: () => ({ phone_number: "+1555", resource_type: "contact", resource_id: idOf(person) }),
    update: { summary: "talked" },
  },
  {
    path: "/v2/products",
    type: "product",
    table: "products",
    create: () => ({ name: "Gadget" }),
    update: { sku: "G" },
  },
  {
    path: "/v2/sources",
    type: "source",
    table: "sources",
    create: () => ({ name: "Legacy src" }),
    update: { name: "Legacy 2" },
  },
  {
    path: "/v2/deal_sources",
    type: "source",
    table: "sources",
    create: () => ({ name: "Deal src" }),
    update: { name: "Deal 2" },
  },
  {
    path: "/v2/lead_sources",
    type: "source",
    table: "sources",
    create: () => ({ name: "Lead src" }),
    update: { name: "Lead 2" },
  },
  {
    path: "/v2/loss_reasons",
    type: "loss_reason",
    table: "loss_reasons",
    create: () => ({ name: "Price" }),
    update: { name: "Price 2" },
  },
  {
    path: "/v2/deal_unqualified_reasons",
    type: "deal_unqualified_reason",
    table: "deal_unqualified_reasons",
    create: () => ({ name: "Spam" }),
    update: { name: "Spam 2" },
  },
  {
    path: "/v2/tags",
    type: "tag",
    table: "tags",
    create: () => ({ name: "hot", resource_type: "lead" }),
    update: { name: "hotter" },
  },
  {
    path: "/v2/collaborations",
    type: "collaboration",
    table: "collaborations",
    create: () => ({
      resource_type: "deal",
      resource_id: idOf(deal),
      collaborator_id: sb.userIdFor(sb.token),
    }),
  },
];

describe.each(CRUD)("CRUD $path", ({ path, type, create: data, update, table }) => {
  test("create → get → list → update → delete → 404", async () => {
    const created = await call(sb, "POST", path, { body: { data: data() } });
    expect(created.status).toBe(200);
    expect(created.single().meta).toEqual({ type });
    const id = idOf(created.data);
    expect(typeof id).toBe("number");
    expect(sb.records(table).some((r) => r.id === id)).toBe(true);

    const got = await call(sb, "GET", `${path}/${id}`);
    expect(got.status).toBe(200);
    expect(got.data).toEqual(created.data);

    const list = await call(sb, "GET", `${path}?ids=${id}`);
    expect(list.rows.map(idOf)).toEqual([id]);
    expect(list.list().items[0]?.meta).toEqual({ type });

    if (update) {
      const updated = await call(sb, "PUT", `${path}/${id}`, { body: { data: update } });
      expect(updated.status).toBe(200);
      expect(updated.data).toMatchObject(update);
      const again = await call(sb, "GET", `${path}/${id}`);
      expect(again.data).toMatchObject(update);
    } else {
      const put = await call(sb, "PUT", `${path}/${id}`, { body: { data: {} } });
      expect(put.status).toBe(404);
    }

    const deleted = await call(sb, "DELETE", `${path}/${id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    expect((await call(sb, "GET", `${path}/${id}`)).status).toBe(404);
    expect((await call(sb, "DELETE", `${path}/${id}`)).status).toBe(404);
    expect(sb.records(table).some((r) => r.id === id)).toBe(false);
  });
});

describe("nested resources", () => {
  test("line items: create/get/list/delete, no PUT", async () => {
    const base = `/v2/orders/${idOf(order)}/line_items`;
    const li = await call(sb, "POST", base, {
      body: { data: { product_id: idOf(product), currency: "USD", quantity: 2 } },
    });
    expect(li.status).toBe(200);
    expect(li.single().meta.type).toBe("line_item");
    expect(li.data).toMatchObject({
      order_id: idOf(order),
      name: "Widget",
      sku: "W-1",
      price: "10.00",
      value: "10.00",
      quantity: 2,
    });
    expect(li.data).not.toHaveProperty("product_id");
    const id = idOf(li.data);
    expect((await call(sb, "GET", `${base}/${id}`)).data).toEqual(li.data);
    expect((await call(sb, "GET", base)).rows.map(idOf)).toEqual([id]);
    expect(
      (await call(sb, "PUT", `${base}/${id}`, { body: { data: { quantity: 3 } } })).status,
    ).toBe(404);
    expect((await call(sb, "DELETE", `${base}/${id}`)).status).toBe(204);
    expect((await call(sb, "GET", `${base}/${id}`)).status).toBe(404);
  });

  test("line items of a missing order → 404", async () => {
    expect((await call(sb, "GET", "/v2/orders/1/line_items")).status).toBe(404);
  });

  test("associated contacts: add, list, remove by contact id", async () => {
    const base = `/v2/deals/${idOf(deal)}/associated_contacts`;
    const added = await call(sb, "POST", base, {
      body: { data: { contact_id: idOf(person), role: "involved" } },
    });
    expect(added.status).toBe(200);
    expect(added.single()).toEqual({
      data: {
        contact_id: idOf(person),
        role: "involved",
        created_at: expect.any(String),
        updated_at: expect.any(String),
      },
      meta: { type: "associated_contact" },
    });
    const list = await call(sb, "GET", base);
    expect(list.rows).toEqual([added.data]);
    expect(list.list().items[0]?.meta.type).toBe("associated_contact");
    expect((await call(sb, "DELETE", `${base}/${idOf(person)}`)).status).toBe(204);
    expect((await call(sb, "GET", base)).rows).toEqual([]);
    expect((await call(sb, "DELETE", `${base}/${idOf(person)}`)).status).toBe(404);
  });

  test("orders CRUD", async () => {
    const d2 = await create(sb, "/v2/deals", { name: "D2", contact_id: idOf(org) });
    const o = await call(sb, "POST", "/v2/orders", {
      body: { data: { deal_id: idOf(d2), discount: 10 } },
    });
    expect(o.status).toBe(200);
    expect(o.single().meta.type).toBe("order");
    const id = idOf(o.data);
    const up = await call(sb, "PUT", `/v2/orders/${id}`, { body: { data: { discount: 15 } } });
    expect(up.data.discount).toBe(15);
    expect((await call(sb, "GET", `/v2/orders?deal_id=${idOf(d2)}`)).rows.map(idOf)).toEqual([id]);
    expect((await call(sb, "DELETE", `/v2/orders/${id}`)).status).toBe(204);
  });
});

describe("read-only resources", () => {
  test.each([
    ["/v2/pipelines", "pipeline"],
    ["/v2/stages", "stage"],
    ["/v2/users", "user"],
    ["/v2/lead_unqualified_reasons", "lead_unqualified_reason"],
    ["/v2/call_outcomes", "call_outcome"],
    ["/v2/visit_outcomes", "visit_outcome"],
    ["/v2/text_messages", "text_message"],
    ["/v2/lead_statuses", "lead_status"],
    ["/v2/lead/custom_fields", "custom_field"],
    ["/v2/contact/custom_fields", "custom_field"],
    ["/v2/deal/custom_fields", "custom_field"],
    ["/v2/prospect_and_customer/custom_fields", "custom_field"],
  ])("%s lists seeded %s records and refuses writes", async (path, type) => {
    const res = await call(sb, "GET", path);
    expect(res.status).toBe(200);
    expect(res.list().items.length).toBeGreaterThan(0);
    expect(res.list().items.every((i) => i.meta.type === type)).toBe(true);
    expect((await call(sb, "POST", path, { body: { data: { name: "x" } } })).status).toBe(404);
  });

  test("visits list (empty by default; inserted records appear)", async () => {
    expect((await call(sb, "GET", "/v2/visits")).rows).toEqual([]);
    const visit = sb.insert("visits", {
      resource_type: "contact",
      resource_id: idOf(person),
      summary: "hi",
    });
    const res = await call(
      sb,
      "GET",
      `/v2/visits?resource_type=contact&resource_id=${idOf(person)}`,
    );
    expect(res.rows.map(idOf)).toEqual([visit.id]);
    const half = await call(sb, "GET", "/v2/visits?resource_type=contact");
    expect(half.status).toBe(400);
  });

  test("users and text messages by id", async () => {
    const users = (await call(sb, "GET", "/v2/users")).rows;
    expect(users.map((u) => u.role)).toEqual(["admin", "user", "user"]);
    const bob = users[1] as Data;
    expect((await call(sb, "GET", `/v2/users/${idOf(bob)}`)).data).toEqual(bob);
    const text = (await call(sb, "GET", "/v2/text_messages")).rows[0] as Data;
    expect((await call(sb, "GET", `/v2/text_messages/${idOf(text)}`)).data).toEqual(text);
  });

  test("custom field definitions: types, choices for lists, contact flags", async () => {
    const lead = (await call(sb, "GET", "/v2/lead/custom_fields")).rows;
    const types = new Set(lead.map((f) => f.type));
    for (const t of ["string", "number", "date", "list", "multi_select_list", "bool"])
      expect(types).toContain(t);
    const priority = lead.find((f) => f.name === "Priority");
    expect(priority?.choices).toEqual([
      { id: expect.any(Number), name: "Low" },
      { id: expect.any(Number), name: "Medium" },
      { id: expect.any(Number), name: "High" },
    ]);
    expect(lead.find((f) => f.type === "string")).not.toHaveProperty("choices");
    const contact = (await call(sb, "GET", "/v2/contact/custom_fields")).rows;
    expect(contact[0]).toMatchObject({ for_contact: true, for_company: true });
  });
});
