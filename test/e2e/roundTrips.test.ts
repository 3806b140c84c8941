/**
 * End-to-end round trips: the component's real actions and picklists (spectral harness) over real
 * HTTP against the local Sell sandbox. Each test takes its own token, so tests never wait on
 * each other's throttle; the sandbox is reset between tests.
 */
import {
  type Client,
  E2E,
  eventsOf,
  idOf,
  insertLeads,
  itemsOf,
  type Json,
  metaOf,
} from "./helpers";

let e2e: E2E;

beforeAll(async () => {
  e2e = await E2E.start({ tokenCount: 60 });
});
afterAll(() => e2e.close());
beforeEach(() => e2e.sandbox.reset());

/** The readable 404 a get gives once the record is gone. */
const expectGone = async (c: Client, getKey: string, inputs: Json, path: string) => {
  const error = await c.failure(getKey, inputs);
  expect(error.message).toMatch(
    new RegExp(
      `^Zendesk Sell rejected GET ${path.replace(/\//g, "\\/")} \\(404 Not Found\\): .*was not found.*Check that the ID is right`,
    ),
  );
};

interface CrudSpec {
  /** Action key suffix: `Lead` → createLead, getLead, listLeads, updateLead, deleteLead. */
  create: [string, Json];
  get: string;
  list: [string, (record: Json) => Json];
  update: [string, Json, (record: Json) => void];
  remove: string;
  /** v2 path of a record, for the 404 message. */
  path: (id: string) => string;
  /** Parent inputs (line items: orderId). */
  parent?: Json;
  /** Sandbox table or view the record lives in. */
  table: string;
}

/** create → get → list (filtered) → update → get (changed) → delete → get gives a readable 404. */
async function roundTrip(c: Client, spec: CrudSpec): Promise<Json> {
  const parent = spec.parent ?? {};
  const created = await c.record(spec.create[0], { ...parent, ...spec.create[1] });
  expect(created.id).toEqual(expect.any(Number));
  const id = idOf(created);
  expect(e2e.sandbox.records(spec.table).filter((r) => r.id === created.id)).toHaveLength(1);

  const got = await c.record(spec.get, { ...parent, id });
  expect(got).toEqual(created);

  const listed = itemsOf(await c.action(spec.list[0], { ...parent, ...spec.list[1](created) }));
  expect(listed.map((r) => r.id)).toEqual([created.id]);

  const updated = await c.record(spec.update[0], { ...parent, id, ...spec.update[1] });
  expect(updated.id).toBe(created.id);
  spec.update[2](updated);
  const reread = await c.record(spec.get, { ...parent, id });
  spec.update[2](reread);
  expect(reread).toEqual(updated);

  await expect(c.action(spec.remove, { ...parent, id })).resolves.toEqual({ data: null });
  expect(e2e.sandbox.records(spec.table).some((r) => r.id === created.id)).toBe(false);
  await expectGone(c, spec.get, { ...parent, id }, spec.path(id));
  return created;
}

/** An organization and a person in it, created through the API. */
async function contactPair(c: Client): Promise<{ org: Json; person: Json }> {
  const org = await c.record("createContact", { isOrganization: "true", name: "Acme Corp" });
  const person = await c.record("createContact", {
    firstName: "Mark",
    lastName: "Johnson",
    additionalFields: { contactId: idOf(org) },
  });
  return { org, person };
}

describe("create → get → list → update → get → delete → 404", () => {
  it("leads", async () => {
    const c = e2e.client();
    await roundTrip(c, {
      create: [
        "createLead",
        {
          firstName: "Ada",
          lastName: "Lovelace",
          organizationName: "Analytical Engines",
          contactInfo: { email: "ada@engines.example", phone: "+44 20 7946 0000" },
          address: '{"city": "London", "country": "GB"}',
          tags: ["e2e", "math"],
          additionalFields: { title: "Countess", status: "New" },
        },
      ],
      get: "getLead",
      list: ["listLeads", (r) => ({ contactInfo: { email: r.email }, lastName: "Lovelace" })],
      update: [
        "updateLead",
        { additionalFields: { title: "Programmer", status: "Working" }, tags: ["vip"] },
        (r) => expect(r).toMatchObject({ title: "Programmer", status: "Working", tags: ["vip"] }),
      ],
      remove: "deleteLead",
      path: (id) => `/v2/leads/${id}`,
      table: "leads",
    });
  });

  it("contacts: a person", async () => {
    const c = e2e.client();
    await roundTrip(c, {
      create: [
        "createContact",
        {
          firstName: "Grace",
          lastName: "Hopper",
          contactInfo: { email: "grace@navy.example" },
          additionalFields: { title: "Rear Admiral", customerStatus: "current" },
          addresses: { billingAddress: '{"city": "Arlington"}' },
        },
      ],
      get: "getContact",
      list: ["listContacts", (r) => ({ contactInfo: { email: r.email }, isOrganization: "false" })],
      update: [
        "updateContact",
        { firstName: "Amazing Grace" },
        (r) =>
          expect(r).toMatchObject({
            first_name: "Amazing Grace",
            name: "Amazing Grace Hopper",
            is_organization: false,
            billing_address: expect.objectContaining({ city: "Arlington" }),
          }),
      ],
      remove: "deleteContact",
      path: (id) => `/v2/contacts/${id}`,
      table: "contacts",
    });
  });

  it("contacts: an organization", async () => {
    const c = e2e.client();
    await roundTrip(c, {
      create: ["createContact", { isOrganization: "true", name: "Initech", tags: ["b2b"] }],
      get: "getContact",
      list: ["listContacts", (r) => ({ name: r.name, isOrganization: "true" })],
      update: [
        "updateContact",
        { name: "Initech Holdings", additionalFields: { industry: "Software" } },
        (r) =>
          expect(r).toMatchObject({
            name: "Initech Holdings",
            industry: "Software",
            is_organization: true,
          }),
      ],
      remove: "deleteContact",
      path: (id) => `/v2/contacts/${id}`,
      table: "contacts",
    });
  });

  it("deals", async () => {
    const c = e2e.client();
    const { org } = await contactPair(c);
    await roundTrip(c, {
      create: [
        "createDeal",
        { name: "Big Deal", contactId: idOf(org), value: "1000.50", currency: "USD", hot: "true" },
      ],
      get: "getDeal",
      list: ["listDeals", (r) => ({ name: r.name, contactId: String(r.contact_id) })],
      update: [
        "updateDeal",
        { value: "2500", estimatedCloseDate: "2026-12-31" },
        (r) => expect(r).toMatchObject({ value: 2500, estimated_close_date: "2026-12-31" }),
      ],
      remove: "deleteDeal",
      path: (id) => `/v2/deals/${id}`,
      table: "deals",
    });
  });

  it("notes", async () => {
    const c = e2e.client();
    const { person } = await contactPair(c);
    await roundTrip(c, {
      create: [
        "createNote",
        { content: "Met at the fair.", resourceType: "contact", resourceId: idOf(person) },
      ],
      get: "getNote",
      list: ["listNotes", (r) => ({ resourceType: "contact", resourceId: String(r.resource_id) })],
      update: [
        "updateNote",
        { content: "Met at the fair; wants a demo.", isImportant: "true" },
        (r) => expect(r).toMatchObject({ content: "Met at the fair; wants a demo." }),
      ],
      remove: "deleteNote",
      path: (id) => `/v2/notes/${id}`,
      table: "notes",
    });
  });

  it("tasks", async () => {
    const c = e2e.client();
    const { person } = await contactPair(c);
    await roundTrip(c, {
      create: [
        "createTask",
        {
          content: "Send the quote",
          resourceType: "contact",
          resourceId: idOf(person),
          dueDate: "2030-01-15T09:00:00Z",
        },
      ],
      get: "getTask",
      list: ["listTasks", () => ({ additionalFields: { q: "send the quote" } })],
      update: [
        "updateTask",
        { completed: "true" },
        (r) => expect(r).toMatchObject({ completed: true, completed_at: expect.any(String) }),
      ],
      remove: "deleteTask",
      path: (id) => `/v2/tasks/${id}`,
      table: "tasks",
    });
  });

  it("orders, with line items from a product with prices", async () => {
    const c = e2e.client();
    const { org } = await contactPair(c);
    const deal = await c.record("createDeal", { name: "Order deal", contactId: idOf(org) });
    const product = await c.record("createProduct", {
      name: "Consulting day",
      sku: "CONS-DAY",
      prices: '[{"amount": "1000.00", "currency": "USD"}, {"amount": 900, "currency": "eur"}]',
      maxDiscount: "20",
      active: "true",
    });
    expect(product.prices).toEqual(
      expect.arrayContaining([
        { amount: "1000.00", currency: "USD" },
        { amount: "900.00", currency: "EUR" },
      ]),
    );

    const order = await c.record("createOrder", { dealId: idOf(deal), discount: "5" });
    const orderId = idOf(order);
    const lineItem = await c.record("createLineItem", {
      orderId,
      productId: idOf(product),
      currency: "EUR",
      quantity: "3",
      variation: "-10",
    });
    expect(lineItem).toMatchObject({
      name: "Consulting day",
      sku: "CONS-DAY",
      currency: "EUR",
      quantity: 3,
      price: "900.00",
      value: "810.00",
    });
    const listed = itemsOf(await c.action("listLineItems", { orderId }));
    expect(listed.map((r) => r.id)).toEqual([lineItem.id]);
    expect(await c.record("getLineItem", { orderId, id: idOf(lineItem) })).toEqual(lineItem);
    await expect(c.action("deleteLineItem", { orderId, id: idOf(lineItem) })).resolves.toEqual({
      data: null,
    });
    expect(itemsOf(await c.action("listLineItems", { orderId }))).toEqual([]);
    await expectGone(
      c,
      "getLineItem",
      { orderId, id: idOf(lineItem) },
      `/v2/orders/${orderId}/line_items/${idOf(lineItem)}`,
    );

    // The order itself: get → list → update → get → delete → 404.
    expect(await c.record("getOrder", { id: orderId })).toEqual(order);
    expect(itemsOf(await c.action("listOrder", { dealId: idOf(deal) })).map((r) => r.id)).toEqual([
      order.id,
    ]);
    expect(await c.record("updateOrder", { id: orderId, discount: "15" })).toMatchObject({
      id: order.id,
      discount: 15,
    });
    expect(await c.record("getOrder", { id: orderId })).toMatchObject({ discount: 15 });
    await expect(c.action("deleteOrder", { id: orderId })).resolves.toEqual({ data: null });
    expect(e2e.sandbox.records("orders")).toEqual([]);
    await expectGone(c, "getOrder", { id: orderId }, `/v2/orders/${orderId}`);
  });

  it("products", async () => {
    const c = e2e.client();
    await roundTrip(c, {
      create: [
        "createProduct",
        {
          name: "Support plan",
          sku: "SUP-1",
          description: "A year of support",
          prices: '[{"amount": "99.90", "currency": "USD"}]',
          maxMarkup: "10",
        },
      ],
      get: "getProduct",
      list: ["listProducts", (r) => ({ sku: r.sku })],
      update: [
        "updateProduct",
        { name: "Support plan (annual)", prices: '[{"amount": "120", "currency": "USD"}]' },
        (r) =>
          expect(r).toMatchObject({
            name: "Support plan (annual)",
            prices: [{ amount: "120.00", currency: "USD" }],
          }),
      ],
      remove: "deleteProduct",
      path: (id) => `/v2/products/${id}`,
      table: "products",
    });
  });

  it("calls", async () => {
    const c = e2e.client();
    const lead = await c.record("createLead", { lastName: "Caller" });
    await roundTrip(c, {
      create: [
        "createCall",
        {
          phoneNumber: "+1 555 0199",
          madeAt: "2026-03-01T10:00:00+01:00",
          resourceType: "lead",
          resourceId: idOf(lead),
          duration: "44",
          incoming: "true",
          summary: "Asked for pricing",
        },
      ],
      get: "getCall",
      list: ["listCalls", (r) => ({ resourceType: "lead", resourceId: String(r.resource_id) })],
      update: [
        "updateCall",
        { summary: "Asked for pricing; call back Monday", missed: "false" },
        (r) =>
          expect(r).toMatchObject({
            summary: "Asked for pricing; call back Monday",
            made_at: "2026-03-01T09:00:00Z",
            duration: 44,
            incoming: true,
          }),
      ],
      remove: "deleteCall",
      path: (id) => `/v2/calls/${id}`,
      table: "calls",
    });
  });

  it.each([
    ["LeadSource", "lead_sources", "listLeadSources"],
    ["DealSource", "deal_sources", "listDealSources"],
    ["LossReason", "loss_reasons", "listLossReasons"],
    ["DealUnqualifiedReason", "deal_unqualified_reasons", "listDealUnqualifiedReasons"],
  ])("%s", async (name, path, listKey) => {
    const c = e2e.client();
    await roundTrip(c, {
      create: [`create${name}`, { name: `E2E ${name}` }],
      get: `get${name}`,
      list: [listKey, (r) => ({ name: r.name })],
      update: [
        `update${name}`,
        { name: `E2E ${name} renamed` },
        (r) => expect(r).toMatchObject({ name: `E2E ${name} renamed` }),
      ],
      remove: `delete${name}`,
      path: (id) => `/v2/${path}/${id}`,
      table: path,
    });
  });

  it("tags (renaming a tag renames it on its records)", async () => {
    const c = e2e.client();
    const lead = await c.record("createLead", { lastName: "Tagged", tags: ["keep"] });
    const created = await roundTrip(c, {
      create: ["createTag", { name: "hot-lead", resourceType: "lead" }],
      get: "getTag",
      list: ["listTags", (r) => ({ name: r.name, resourceType: "lead" })],
      update: [
        "updateTag",
        { name: "warm-lead" },
        (r) => expect(r).toMatchObject({ name: "warm-lead", resource_type: "lead" }),
      ],
      remove: "deleteTag",
      path: (id) => `/v2/tags/${id}`,
      table: "tags",
    });
    expect(created).toMatchObject({ name: "hot-lead", resource_type: "lead" });
    expect(await c.record("getLead", { id: idOf(lead) })).toMatchObject({ tags: ["keep"] });
  });
});

describe("lists over several pages", () => {
  it("Fetch All returns every record of 250, three requests of 100", async () => {
    const c = e2e.client();
    insertLeads(e2e.sandbox, 250, "Bulk");
    insertLeads(e2e.sandbox, 5, "Other");
    const output = await c.action("listLeads", {
      firstName: "Bulk",
      fetchAll: "true",
      pagination: { page: "2", perPage: "10" },
    });
    const ids = itemsOf(output).map((r) => r.id);
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect(new Set(ids)).toEqual(
      new Set(
        e2e.sandbox
          .records("leads")
          .filter((l) => l.first_name === "Bulk")
          .map((l) => l.id),
      ),
    );
    expect(metaOf(output)).toMatchObject({ count: 250, truncated: false });
    const gets = c.requests({ method: "GET", path: "/v2/leads" });
    expect(gets.map((r) => new URLSearchParams(r.query).get("page"))).toEqual(["1", "2", "3"]);
    expect(gets.every((r) => new URLSearchParams(r.query).get("per_page") === "100")).toBe(true);
    expect(gets.every((r) => new URLSearchParams(r.query).get("first_name") === "Bulk")).toBe(true);
  });

  it("Max Items truncates: 120 of 250, two requests, meta.truncated", async () => {
    const c = e2e.client();
    insertLeads(e2e.sandbox, 250, "Bulk");
    const output = await c.action("listLeads", {
      fetchAll: "true",
      maxItems: "120",
      additionalFields: { sortBy: "id:asc" },
    });
    const expected = e2e.sandbox
      .records("leads")
      .map((l) => l.id as number)
      .sort((a, b) => a - b)
      .slice(0, 120);
    expect(itemsOf(output).map((r) => r.id)).toEqual(expected);
    expect(metaOf(output)).toMatchObject({ count: 120, truncated: true });
    expect(c.requests({ method: "GET", path: "/v2/leads" })).toHaveLength(2);
  });

  it("Max Items equal to the number of records is not truncated", async () => {
    const c = e2e.client();
    insertLeads(e2e.sandbox, 200, "Bulk");
    const output = await c.action("listLeads", { fetchAll: "true", maxItems: "200" });
    expect(itemsOf(output)).toHaveLength(200);
    expect(metaOf(output)).toMatchObject({ truncated: false });
  });
});

describe("list filters the component offers", () => {
  // Sell documents `disabled` as a filter of GET /v2/pipelines (the reference table omits it).
  it("listPipelines with Disabled = false returns only the enabled pipelines", async () => {
    const c = e2e.client();
    const enabled = await c.action("listPipelines", { disabled: "false" });
    expect(itemsOf(enabled).map((p) => p.name)).toEqual(["Sales pipeline", "Partner pipeline"]);
  });

  it("listPipelines by name, listStages of one pipeline", async () => {
    const c = e2e.client();
    const [sales] = itemsOf(await c.action("listPipelines", { name: "Sales pipeline" }));
    expect(sales).toMatchObject({ name: "Sales pipeline", disabled: false });
    const stages = itemsOf(
      await c.action("listStages", {
        pipelineId: idOf(sales as Json),
        sortBy: "position:desc",
        fetchAll: "true",
      }),
    );
    expect(stages.map((s) => s.name)).toEqual([
      "Unqualified",
      "Lost",
      "Won",
      "Closure",
      "Quote",
      "Qualified",
      "Incoming",
    ]);
  });
});

describe("picklists", () => {
  it("selectLead lists every lead over two pages, labelled and sorted", async () => {
    const c = e2e.client();
    const leads = insertLeads(e2e.sandbox, 130, "Pick");
    e2e.sandbox.insert("leads", { organization_name: "Org Only Ltd" });
    const result = await c.picklist("selectLead");
    expect(result).toHaveLength(131);
    expect(new Set(result.map((e) => e.key))).toEqual(
      new Set(e2e.sandbox.records("leads").map((l) => String(l.id))),
    );
    const first = leads[0] as Json;
    expect(result).toContainEqual({ key: String(first.id), label: "Pick Pick 001" });
    expect(result).toContainEqual(expect.objectContaining({ label: "Org Only Ltd" }));
    expect(result.map((e) => e.label)).toEqual(
      [...result.map((e) => e.label)].sort((a, b) =>
        String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: "base" }),
      ),
    );
    expect(c.requests({ method: "GET", path: "/v2/leads" })).toHaveLength(2);
  });

  it("selectContact lists people and organizations over two pages", async () => {
    const c = e2e.client();
    for (let i = 1; i <= 110; i += 1) {
      e2e.sandbox.insert("contacts", {
        is_organization: false,
        first_name: "Person",
        last_name: `No ${i}`,
        name: `Person No ${i}`,
        email: `p${i}@example.com`,
        customer_status: "none",
        prospect_status: "none",
      });
    }
    const org = e2e.sandbox.insert("contacts", {
      is_organization: true,
      name: "Umbrella",
      customer_status: "none",
      prospect_status: "none",
    });
    const result = await c.picklist("selectContact");
    expect(result).toHaveLength(111);
    expect(result).toContainEqual({ key: String(org.id), label: "Umbrella (organization)" });
    expect(result).toContainEqual(
      expect.objectContaining({ label: "Person No 7 (p7@example.com)" }),
    );
    const labels = result.map((e) => e.label);
    expect(labels.indexOf("Person No 9 (p9@example.com)")).toBeLessThan(
      labels.indexOf("Person No 10 (p10@example.com)"),
    );
    expect(c.requests({ method: "GET", path: "/v2/contacts" })).toHaveLength(2);
  });

  it("selectStage lists stages in Sell's order (default pipeline first, by position); disabled pipelines only when asked", async () => {
    const c = e2e.client();
    const sales = [
      "Sales pipeline › 1. Incoming",
      "Sales pipeline › 2. Qualified",
      "Sales pipeline › 3. Quote",
      "Sales pipeline › 4. Closure",
      "Sales pipeline › 5. Won",
      "Sales pipeline › 6. Lost",
      "Sales pipeline › 7. Unqualified",
    ];
    const partner = [
      "Partner pipeline › 1. Incoming",
      "Partner pipeline › 2. Negotiation",
      "Partner pipeline › 3. Won",
      "Partner pipeline › 4. Lost",
      "Partner pipeline › 5. Unqualified",
    ];
    const legacy = [
      "Legacy pipeline (disabled) › 1. Incoming",
      "Legacy pipeline (disabled) › 2. Won",
      "Legacy pipeline (disabled) › 3. Lost",
    ];
    const all = await c.picklist("selectStage");
    expect(all.map((e) => e.label)).toEqual([...sales, ...partner]);
    const stages = e2e.sandbox.records("stages");
    const pipelines = e2e.sandbox.records("pipelines");
    const salesPipeline = pipelines.find((p) => p.name === "Sales pipeline") as Json;
    const won = stages.find((s) => s.pipeline_id === salesPipeline.id && s.name === "Won") as Json;
    expect(all).toContainEqual({ key: String(won.id), label: "Sales pipeline › 5. Won" });
    const withDisabled = await c.picklist("selectStage", { includeDisabled: "true" });
    expect(withDisabled.map((e) => e.label)).toEqual([...sales, ...partner, ...legacy]);
    expect(withDisabled).toHaveLength(stages.length);
    const salesOnly = await c.picklist("selectStage", { pipelineId: idOf(salesPipeline) });
    expect(salesOnly.map((e) => e.label)).toEqual(sales);
  });

  it("selectUser lists the account's users with their email", async () => {
    const c = e2e.client();
    const result = await c.picklist("selectUser");
    expect(result.map((e) => e.label)).toEqual([
      "Ada Admin (ada.admin@sandbox.example)",
      "Bob Seller (bob.seller@sandbox.example)",
      "Cara Closer (cara.closer@sandbox.example)",
    ]);
    expect(result.map((e) => Number(e.key))).toEqual(
      ["Ada Admin", "Bob Seller", "Cara Closer"].map(
        (name) => e2e.sandbox.records("users").find((u) => u.name === name)?.id,
      ),
    );
  });

  it("selectCustomField lists custom fields by name with their type", async () => {
    const c = e2e.client();
    const result = await c.picklist("selectCustomField", { resourceType: "lead" });
    expect(result).toEqual(
      expect.arrayContaining([
        { key: "External ID", label: "External ID (string)" },
        { key: "Budget", label: "Budget (number)" },
        { key: "Priority", label: "Priority (list)" },
      ]),
    );
    expect(result).toHaveLength(7);
    const contactFields = await c.picklist("selectCustomField", { resourceType: "contact" });
    expect(contactFields.map((e) => e.key)).toContain("Known via");
  });
});

describe("idempotent writes", () => {
  it("upsertLead twice with the same email filter: one lead, the second call updates it", async () => {
    const c = e2e.client();
    const inputs = {
      filterableCustomFields: [{ key: "email", value: "upsert@example.com" }],
      firstName: "Up",
      lastName: "Sert",
      contactInfo: { email: "upsert@example.com" },
    };
    const first = await c.record("upsertLead", inputs);
    const second = await c.record("upsertLead", {
      ...inputs,
      firstName: "Upserted",
      additionalFields: { status: "Working" },
    });
    expect(second.id).toBe(first.id);
    const leads = e2e.sandbox.records("leads");
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ first_name: "Upserted", status: "Working" });
    const posts = c.requests({ method: "POST", path: "/v2/leads/upsert" });
    expect(posts).toHaveLength(2);
    expect(
      posts.every((p) => new URLSearchParams(p.query).get("email") === "upsert@example.com"),
    ).toBe(true);
  });

  it("upsertDeal by a filterable custom field: one deal, updated the second time", async () => {
    const c = e2e.client();
    const { org } = await contactPair(c);
    const inputs = {
      filters: [{ key: "External ID", value: "D-100" }],
      name: "Upserted deal",
      contactId: idOf(org),
      value: "100",
      customFields: [{ key: "External ID", value: "D-100" }],
    };
    const first = await c.record("upsertDeal", inputs);
    const second = await c.record("upsertDeal", { ...inputs, value: "250.25" });
    expect(second.id).toBe(first.id);
    const deals = e2e.sandbox.records("deals");
    expect(deals).toHaveLength(1);
    expect(deals[0]).toMatchObject({ value: "250.25", custom_fields: { "External ID": "D-100" } });
    for (const request of c.requests({ method: "POST", path: "/v2/deals/upsert" }))
      expect(new URLSearchParams(request.query).get("custom_fields[External ID]")).toBe("D-100");
  });

  it("findOrCreateLead by email twice: one lead, created then found", async () => {
    const c = e2e.client();
    const form = { lastName: "Form", contactInfo: { email: "form@example.com" } };
    const first = await c.action("findOrCreateLead", form);
    const second = await c.action("findOrCreateLead", form);
    expect(metaOf(first)).toMatchObject({ created: true, matches: 0 });
    expect(metaOf(second)).toMatchObject({ created: false, matches: 1 });
    expect((second.data as { data: Json }).data.id).toBe((first.data as { data: Json }).data.id);
    expect(e2e.sandbox.records("leads")).toHaveLength(1);
    expect(c.requests({ method: "POST", path: "/v2/leads" })).toHaveLength(1);
  });

  it("findOrCreateContact by a filterable custom field twice: one contact", async () => {
    const c = e2e.client();
    const inputs = {
      matchOn: "custom_field",
      matchCustomField: "External ID",
      lastName: "External",
      customFields: [
        { key: "External ID", value: "C-77" },
        { key: "Score", value: "5" },
      ],
    };
    const first = await c.action("findOrCreateContact", inputs);
    const second = await c.action("findOrCreateContact", {
      ...inputs,
      updateExisting: "true",
      customFields: [
        { key: "External ID", value: "C-77" },
        { key: "Score", value: "9" },
      ],
    });
    expect(metaOf(first)).toMatchObject({ created: true });
    expect(metaOf(second)).toMatchObject({ created: false, matches: 1 });
    const contacts = e2e.sandbox.records("contacts");
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ custom_fields: { "External ID": "C-77", Score: 9 } });
    const lookups = c.requests({ method: "GET", path: "/v2/contacts" });
    expect(
      lookups.map((r) => new URLSearchParams(r.query).get("custom_fields[External ID]")),
    ).toEqual(["C-77", "C-77"]);
  });

  it("findOrCreateLead by a filterable custom field twice: one lead", async () => {
    const c = e2e.client();
    const inputs = {
      matchOn: "custom_field",
      matchCustomField: "External ID",
      organizationName: "Ext Org",
      customFields: [{ key: "External ID", value: "L-1" }],
    };
    expect(metaOf(await c.action("findOrCreateLead", inputs))).toMatchObject({ created: true });
    expect(metaOf(await c.action("findOrCreateLead", inputs))).toMatchObject({ created: false });
    expect(e2e.sandbox.records("leads")).toHaveLength(1);
  });
});

describe("lead conversion and stage moves", () => {
  it("convertLead creates a person, an organization and a deal; the lead is gone; converting again fails clearly", async () => {
    const c = e2e.client();
    const lead = await c.record("createLead", {
      firstName: "Linus",
      lastName: "Torvalds",
      organizationName: "Kernel Org",
      contactInfo: { email: "linus@kernel.example" },
    });
    const conversion = await c.record("convertLead", { leadId: idOf(lead) });
    const contacts = e2e.sandbox.records("contacts");
    const person = contacts.find((r) => r.id === conversion.individual_id);
    const org = contacts.find((r) => r.id === conversion.organization_id);
    expect(person).toMatchObject({ is_organization: false, last_name: "Torvalds" });
    expect(org).toMatchObject({ is_organization: true, name: "Kernel Org" });
    expect(person?.contact_id).toBe(org?.id);
    expect(e2e.sandbox.records("deals").find((d) => d.id === conversion.deal_id)).toMatchObject({
      contact_id: org?.id,
    });
    expect(e2e.sandbox.records("leads").some((l) => l.id === lead.id)).toBe(false);
    await expectGone(c, "getLead", { id: idOf(lead) }, `/v2/leads/${idOf(lead)}`);

    const again = await c.failure("convertLead", { leadId: idOf(lead) });
    expect(again.message).toMatch(/Lead ID: lead \d+ was not found.*already converted/);
    expect(c.requests({ method: "POST", path: "/v2/lead_conversions" })).toHaveLength(1);
    expect(e2e.sandbox.records("deals")).toHaveLength(1);
  });

  it("convertLead without a deal creates contacts only", async () => {
    const c = e2e.client();
    const lead = await c.record("createLead", { lastName: "Solo" });
    const conversion = await c.record("convertLead", { leadId: idOf(lead), createDeal: "false" });
    expect(conversion.deal_id ?? null).toBeNull();
    expect(e2e.sandbox.records("deals")).toEqual([]);
    expect(e2e.sandbox.records("contacts").map((r) => r.id)).toEqual([conversion.individual_id]);
  });

  it("moveDealToStage moves a deal to Won; a stage of another pipeline is refused without a write", async () => {
    const c = e2e.client();
    const { org } = await contactPair(c);
    const deal = await c.record("createDeal", { name: "Pipeline deal", contactId: idOf(org) });
    const pipelines = e2e.sandbox.records("pipelines");
    const stages = e2e.sandbox.records("stages");
    const sales = pipelines.find((p) => p.name === "Sales pipeline") as Json;
    const partner = pipelines.find((p) => p.name === "Partner pipeline") as Json;
    const won = stages.find((s) => s.pipeline_id === sales.id && s.category === "won") as Json;
    const partnerWon = stages.find(
      (s) => s.pipeline_id === partner.id && s.category === "won",
    ) as Json;

    const moved = await c.record("moveDealToStage", {
      id: idOf(deal),
      pipelineId: idOf(sales),
      stageId: idOf(won),
    });
    expect(moved).toMatchObject({ id: deal.id, stage_id: won.id });
    expect(e2e.sandbox.records("deals")[0]).toMatchObject({ stage_id: won.id });
    expect(c.requests({ method: "PUT" })).toHaveLength(1);

    const refused = await c.failure("moveDealToStage", {
      id: idOf(deal),
      pipelineId: idOf(sales),
      stageId: idOf(partnerWon),
    });
    expect(refused.message).toMatch(
      new RegExp(`Stage ID: stage 'Won' \\(${partnerWon.id}\\) belongs to pipeline ${partner.id}`),
    );
    expect(c.requests({ method: "PUT" })).toHaveLength(1);
    expect(e2e.sandbox.records("deals")[0]).toMatchObject({ stage_id: won.id });
  });
});

describe("custom field typing", () => {
  it("a number custom field given '12' is stored as the number 12", async () => {
    const c = e2e.client();
    const lead = await c.record("createLead", {
      lastName: "Typed",
      customFields: [
        { key: "Budget", value: "12" },
        { key: "priority", value: "high" },
        { key: "Newsletter", value: "yes" },
      ],
    });
    expect(lead.custom_fields).toEqual({ Budget: 12, Priority: "High", Newsletter: true });
    expect(e2e.sandbox.records("leads")[0]?.custom_fields).toEqual({
      Budget: 12,
      Priority: "High",
      Newsletter: true,
    });
  });

  it("an unknown custom field name fails before any write request", async () => {
    const c = e2e.client();
    const error = await c.failure("createLead", {
      lastName: "Typo",
      customFields: [{ key: "Budgte", value: "12" }],
    });
    expect(error.message).toMatch(/Custom Fields › Budgte: is not a custom field.*Budget/);
    expect(c.requests({ method: "POST" })).toEqual([]);
    expect(c.requests({ method: "PUT" })).toEqual([]);
    expect(e2e.sandbox.records("leads")).toEqual([]);
  });

  it("a value that does not fit its type fails before any write request", async () => {
    const c = e2e.client();
    const lead = await c.record("createLead", { lastName: "Existing" });
    const error = await c.failure("updateLead", {
      id: idOf(lead),
      customFields: [{ key: "Budget", value: "a lot" }],
    });
    expect(error.message).toMatch(/Budget: must be a number, got 'a lot'/);
    expect(c.requests({ method: "PUT" })).toEqual([]);
  });
});

describe("searchRecords", () => {
  const seedSearch = () => {
    const leads = insertLeads(e2e.sandbox, 30, "Searchy", { email: null });
    insertLeads(e2e.sandbox, 5, "Noise");
    return leads.map((l) => l.id as number).sort((a, b) => a - b);
  };

  it("equals, ranges, projection and sort", async () => {
    const c = e2e.client();
    const ids = seedSearch();
    const output = await c.action("searchRecords", {
      resource: "leads",
      equals: [{ key: "first_name", value: "Searchy" }],
      ranges: [{ key: "id", value: `${ids[5]}..${ids[14]}` }],
      fields: ["display_name", "last_name"],
      sort: ["id:desc"],
    });
    const items = itemsOf(output);
    expect(items.map((r) => r.id)).toEqual(ids.slice(5, 15).reverse());
    expect(Object.keys(items[0] as Json).sort()).toEqual(
      ["display_name", "id", "last_name", "version"].sort(),
    );
    expect(items[0]).toMatchObject({ last_name: "Searchy 015" });
    expect(metaOf(output)).toMatchObject({ count: 10, total_count: 10 });
  });

  it("cursor pagination: one page and its cursor, then the next page", async () => {
    const c = e2e.client();
    const ids = seedSearch();
    const inputs = {
      resource: "leads",
      equals: [{ key: "first_name", value: "Searchy" }],
      sort: ["id"],
      perPage: "12",
    };
    const first = await c.action("searchRecords", inputs);
    expect(itemsOf(first).map((r) => r.id)).toEqual(ids.slice(0, 12));
    const cursor = (metaOf(first).links as Json).next_page as string;
    expect(cursor).toEqual(expect.any(String));
    expect(metaOf(first)).toMatchObject({ total_count: 30 });
    const second = await c.action("searchRecords", { ...inputs, cursor });
    expect(itemsOf(second).map((r) => r.id)).toEqual(ids.slice(12, 24));
  });

  it("Fetch All follows the cursor to the end; Max Items truncates", async () => {
    const c = e2e.client();
    const ids = seedSearch();
    const inputs = {
      resource: "leads",
      equals: [{ key: "first_name", value: "Searchy" }],
      sort: ["id"],
      perPage: "8",
      fetchAll: "true",
    };
    const all = await c.action("searchRecords", inputs);
    expect(itemsOf(all).map((r) => r.id)).toEqual(ids);
    expect(metaOf(all)).toMatchObject({ count: 30, total_count: 30, truncated: false });
    expect(c.requests({ method: "POST", path: "/v3/leads/search" })).toHaveLength(4);

    const capped = await c.action("searchRecords", { ...inputs, maxItems: "10" });
    expect(itemsOf(capped).map((r) => r.id)).toEqual(ids.slice(0, 10));
    expect(metaOf(capped)).toMatchObject({ count: 10, truncated: true });
  });

  it("match any combines equals with OR; a deal value range", async () => {
    const c = e2e.client();
    const { org } = await contactPair(c);
    for (const [name, value] of [
      ["Small", "10"],
      ["Medium", "500.50"],
      ["Large", "9000"],
    ] as const)
      await c.record("createDeal", { name, value, contactId: idOf(org) });
    const ranged = await c.action("searchRecords", {
      resource: "deals",
      ranges: [{ key: "decimal_value", value: "100..1000" }],
      fields: ["name"],
    });
    expect(itemsOf(ranged).map((r) => r.name)).toEqual(["Medium"]);
    const either = await c.action("searchRecords", {
      resource: "deals",
      equals: [
        { key: "name", value: "Small" },
        { key: "name", value: "Large" },
      ],
      match: "any",
      fields: ["name"],
      sort: ["name:desc"],
    });
    expect(itemsOf(either).map((r) => r.name)).toEqual(["Small", "Large"]);
  });
});

describe("stream actions with Read Until Caught Up", () => {
  it("return every event of a sequence of writes exactly once, in order per record; meta.position resumes", async () => {
    const c = e2e.client();
    const a = await c.record("createLead", { lastName: "Alpha" });
    const b = await c.record("createLead", { lastName: "Beta" });
    await c.record("updateLead", { id: idOf(a), firstName: "A1" });
    await c.record("updateLead", { id: idOf(b), firstName: "B1" });
    await c.record("updateLead", { id: idOf(a), firstName: "A2" });
    await c.action("deleteLead", { id: idOf(b) });

    const first = await c.action("getLeadsStream", {
      position: "tail",
      limit: "2",
      readUntilCaughtUp: "true",
    });
    const events = eventsOf(first);
    const logged = e2e.sandbox.events("leads");
    expect(events.map((e) => e.meta.event_id)).toEqual(logged.map((e) => e.eventId));
    expect(new Set(events.map((e) => e.meta.event_id)).size).toBe(events.length);
    const ofA = events.filter((e) => e.data.id === a.id);
    const ofB = events.filter((e) => e.data.id === b.id);
    expect(ofA.map((e) => e.meta.event_type)).toEqual(["created", "updated", "updated"]);
    expect(ofA.map((e) => e.meta.sequence)).toEqual([1, 2, 3]);
    expect(ofA.map((e) => e.data.first_name)).toEqual([null, "A1", "A2"]);
    expect(ofA[2]?.meta.previous).toMatchObject({ first_name: "A1" });
    expect(ofB.map((e) => e.meta.event_type)).toEqual(["created", "updated", "deleted"]);
    expect(metaOf(first)).toMatchObject({ top: true, count: 6 });
    // limit 2: three pages, then the page that says top.
    expect(c.requests({ method: "GET", path: "/v3/leads/stream" }).length).toBeGreaterThanOrEqual(
      3,
    );

    const position = metaOf(first).position as string;
    const caughtUp = await c.action("getLeadsStream", { position, readUntilCaughtUp: "true" });
    expect(eventsOf(caughtUp)).toEqual([]);
    expect(metaOf(caughtUp)).toMatchObject({ top: true, position });

    const cLead = await c.record("createLead", { lastName: "Gamma" });
    await c.record("updateLead", { id: idOf(a), firstName: "A3" });
    const newer = await c.action("getStream", {
      resource: "leads",
      position,
      limit: "1",
      readUntilCaughtUp: "true",
    });
    expect(eventsOf(newer).map((e) => [e.data.id, e.meta.event_type])).toEqual([
      [cLead.id, "created"],
      [a.id, "updated"],
    ]);
    expect(eventsOf(newer).map((e) => e.meta.event_id)).toEqual(
      e2e.sandbox
        .events("leads")
        .slice(-2)
        .map((e) => e.eventId),
    );
  });

  it("other resources: deals (stage moves with previous stage_id), notes, tasks", async () => {
    const c = e2e.client();
    const { org } = await contactPair(c);
    const deal = await c.record("createDeal", { name: "Streamed", contactId: idOf(org) });
    const stage = e2e.sandbox
      .records("stages")
      .find((s) => s.pipeline_id !== undefined && s.name === "Qualified") as Json;
    await c.record("updateDeal", { id: idOf(deal), stageId: idOf(stage) });
    const note = await c.record("createNote", {
      content: "n",
      resourceType: "deal",
      resourceId: idOf(deal),
    });
    const task = await c.record("createTask", { content: "t" });

    const deals = eventsOf(
      await c.action("getDealsStream", { position: "tail", readUntilCaughtUp: "true" }),
    );
    expect(deals.map((e) => e.meta.event_type)).toEqual(["created", "updated"]);
    expect(deals[1]?.meta.previous).toMatchObject({ stage_id: deal.stage_id });
    const notes = eventsOf(
      await c.action("getNotesStream", { position: "tail", readUntilCaughtUp: "true" }),
    );
    expect(notes.map((e) => e.data.id)).toEqual([note.id]);
    const tasks = eventsOf(
      await c.action("getTasksStream", { position: "tail", readUntilCaughtUp: "true" }),
    );
    expect(tasks.map((e) => e.data.id)).toEqual([task.id]);
    const contacts = eventsOf(
      await c.action("getContactsStream", { position: "tail", readUntilCaughtUp: "true" }),
    );
    expect(contacts.map((e) => e.meta.event_type)).toEqual(["created", "created"]);
  });
});
