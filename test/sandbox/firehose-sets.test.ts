/**
 * Pins the Firehose attribute set of every stream: the exact keys each table's events carry and
 * the value forms (decimal strings, `custom_field_values`, `reminder_offset`, v2-rendered
 * addresses, hidden attributes…). The sets are derived from the resource tables; this test is
 * the independent statement of what they must come out as.
 */
import type { Sandbox, StoredEvent } from "../../sandbox";
import { ResourceRegistry } from "../../sandbox/resources";
import { call, create, type Data, idOf, recordId, sandbox } from "./helpers";

const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);
const AT = "2024-01-01T12:00:00Z";
const AT_1 = "2024-01-01T12:00:01Z";

/** Sorted attribute keys of every event of each stream. */
const KEYS: Record<string, string[]> = {
  leads: [
    "address",
    "created_at",
    "creator_id",
    "custom_field_values",
    "description",
    "email",
    "facebook",
    "fax",
    "first_name",
    "id",
    "industry",
    "last_name",
    "linkedin",
    "mobile",
    "organization_name",
    "owner_id",
    "phone",
    "skype",
    "source_id",
    "status",
    "tags",
    "title",
    "twitter",
    "website",
  ],
  contacts: [
    "address",
    "billing_address",
    "contact_id",
    "created_at",
    "creator_id",
    "custom_field_values",
    "customer_status",
    "description",
    "email",
    "facebook",
    "fax",
    "first_name",
    "id",
    "industry",
    "is_organization",
    "last_name",
    "linkedin",
    "mobile",
    "name",
    "owner_id",
    "parent_organization_id",
    "phone",
    "prospect_status",
    "shipping_address",
    "skype",
    "tags",
    "title",
    "twitter",
    "website",
  ],
  deals: [
    "contact_id",
    "created_at",
    "creator_id",
    "currency",
    "custom_field_values",
    "customized_win_likelihood",
    "dropbox_email",
    "estimated_close_date",
    "hot",
    "id",
    "last_stage_change_at",
    "last_stage_change_by_id",
    "loss_reason_id",
    "name",
    "organization_id",
    "owner_id",
    "source_id",
    "stage_id",
    "tags",
    "value",
  ],
  associated_contacts: ["contact_id", "created_at", "deal_id", "id"],
  lead_conversions: [
    "created_at",
    "creator_id",
    "deal_id",
    "id",
    "individual_id",
    "lead_id",
    "organization_id",
  ],
  notes: ["content", "created_at", "creator_id", "id", "resource_id", "resource_type", "type"],
  tasks: [
    "account_id",
    "completed",
    "completed_at",
    "content",
    "created_at",
    "creator_id",
    "due_date",
    "id",
    "owner_id",
    "reminder_offset",
    "resource_id",
    "resource_type",
  ],
  calls: [
    "associated_deal_ids",
    "created_at",
    "duration",
    "id",
    "incoming",
    "made_at",
    "missed",
    "outcome_id",
    "phone_number",
    "recording_url",
    "resource_id",
    "resource_type",
    "summary",
    "user_id",
  ],
  visits: [
    "created_at",
    "creator_id",
    "id",
    "outcome_id",
    "rep_location_verification_status",
    "resource_address",
    "resource_id",
    "resource_type",
    "summary",
    "updated_at",
    "visited_at",
  ],
  text_messages: [
    "associated_deal_ids",
    "content",
    "created_at",
    "id",
    "incoming",
    "resource_id",
    "resource_phone_number",
    "resource_type",
    "sent_at",
    "updated_at",
    "user_id",
    "user_phone_number",
  ],
  collaborations: [
    "collaborator_id",
    "created_at",
    "creator_id",
    "id",
    "resource_id",
    "resource_type",
    "updated_at",
  ],
  orders: ["created_at", "deal_id", "discount", "id"],
  line_items: [
    "created_at",
    "currency",
    "deal_id",
    "description",
    "id",
    "name",
    "order_id",
    "price",
    "product_id",
    "quantity",
    "sku",
    "value",
    "variation",
  ],
  products: [
    "active",
    "cost",
    "cost_currency",
    "created_at",
    "description",
    "id",
    "max_discount",
    "max_markup",
    "name",
    "prices",
    "sku",
    "updated_at",
  ],
  users: ["confirmed", "created_at", "email", "id", "name", "role", "status"],
  accounts: [
    "created_at",
    "currency",
    "id",
    "name",
    "phone",
    "subdomain",
    "time_format",
    "timezone",
    "updated_at",
  ],
  pipelines: ["created_at", "disabled", "id", "name", "updated_at"],
  stages: [
    "active",
    "category",
    "created_at",
    "id",
    "likelihood",
    "name",
    "pipeline_id",
    "position",
  ],
  sources: ["created_at", "creator_id", "id", "name", "resource_type"],
  loss_reasons: ["created_at", "creator_id", "id", "name", "updated_at"],
  deal_unqualified_reasons: ["created_at", "creator_id", "id", "name", "updated_at"],
  lead_unqualified_reasons: ["created_at", "creator_id", "id", "name", "updated_at"],
  tags: ["created_at", "creator_id", "id", "name", "resource_type", "updated_at"],
  custom_fields: ["id", "name", "resource_type", "type"],
  lead_statuses: ["created_at", "id", "name", "updated_at"],
  call_outcomes: ["created_at", "creator_id", "id", "name", "updated_at"],
  visit_outcomes: ["created_at", "id", "name", "updated_at"],
};

/** Streams whose snapshot is the v2 rendering (no documented Firehose set, §6.1). */
const V2_FORM = [
  "lead_conversions",
  "visits",
  "text_messages",
  "collaborations",
  "products",
  "accounts",
  "pipelines",
  "loss_reasons",
  "deal_unqualified_reasons",
  "lead_unqualified_reasons",
  "tags",
  "lead_statuses",
  "call_outcomes",
  "visit_outcomes",
];

let sb: Sandbox;
let clock: number;
const ids: Record<string, number> = {};

/** Custom field definition id and choice ids by resource type and name. */
function cf(resourceType: string, name: string): { id: number; choice: (c: string) => number } {
  const def = sb.records(`${resourceType}/custom_fields`).find((d) => d.name === name) as Data;
  const choices = (def.choices ?? []) as Array<{ id: number; name: string }>;
  return {
    id: def.id as number,
    choice: (c) => (choices.find((x) => x.name === c) as { id: number }).id,
  };
}

const lastEvent = (table: string, id: number): StoredEvent => {
  const event = sb
    .events(table)
    .filter((e) => e.recordId === id)
    .at(-1);
  if (!event) throw new Error(`no ${table} event for ${id}`);
  return event;
};
const snapshot = (table: string, id: number): Data => lastEvent(table, id).data;

beforeAll(async () => {
  clock = T0;
  sb = await sandbox({ seedData: "demo", now: () => clock });
  const root = sb.userIdFor(sb.token);
  ids.root = root;
  ids.acme = recordId(sb, "contacts", (c) => c.name === "Acme Corp");
  ids.mark = recordId(sb, "contacts", (c) => c.name === "Mark Johnson");
  ids.demoDeal = recordId(sb, "deals", (d) => d.name === "Website Redesign");
  ids.webForm = recordId(sb, "lead_sources", (s) => s.name === "Web form");
  ids.referral = recordId(sb, "deal_sources", (s) => s.name === "Referral");
  ids.duplicate = recordId(sb, "lead_unqualified_reasons", (r) => r.name === "Duplicate");
  ids.tooExpensive = recordId(sb, "loss_reasons", (r) => r.name === "Too expensive");
  ids.noBudget = recordId(sb, "deal_unqualified_reasons", (r) => r.name === "No budget");

  const lead = await create(sb, "/v2/leads", {
    first_name: "Pia",
    last_name: "Pin",
    organization_name: "PinCo",
    source_id: ids.webForm,
    unqualified_reason_id: ids.duplicate,
    title: "T",
    description: "D",
    industry: "I",
    website: "w.example",
    email: "pia@pin.example",
    phone: "1",
    mobile: "2",
    fax: "3",
    twitter: "tw",
    facebook: "fb",
    linkedin: "li",
    skype: "sk",
    address: { line1: "1 Way", city: "Pinville" },
    tags: ["pin"],
    custom_fields: {
      "External ID": "X-1",
      Budget: 12.5,
      Priority: "Low",
      Channels: ["SMS", "Email"],
      "Follow-up date": "2024-02-01",
      Newsletter: true,
      Background: "long",
    },
  });
  ids.lead = idOf(lead);
  clock += 1000;
  await call(sb, "PUT", `/v2/leads/${ids.lead}`, { body: { data: { status: "Working" } } });

  ids.ivy = idOf(
    await create(sb, "/v2/contacts", {
      first_name: "Ivy",
      last_name: "Ind",
      contact_id: ids.acme,
      billing_address: { city: "Hidden" },
    }),
  );
  ids.deal = idOf(
    await create(sb, "/v2/deals", {
      name: "Whole",
      contact_id: ids.acme,
      value: 1000,
      source_id: ids.referral,
      loss_reason_id: ids.tooExpensive,
      unqualified_reason_id: ids.noBudget,
      estimated_close_date: "2030-01-01",
      added_at: "2023-12-01T08:00:00Z",
    }),
  );
  ids.note = idOf(
    await create(sb, "/v2/notes", {
      resource_type: "lead",
      resource_id: ids.lead,
      content: "Pinned",
      is_important: true,
      tags: ["n"],
    }),
  );
  ids.remind = idOf(
    await create(sb, "/v2/tasks", {
      content: "Remind",
      resource_type: "lead",
      resource_id: ids.lead,
      due_date: "2024-01-02T10:00:00Z",
      remind_at: "2024-01-02T09:30:00Z",
    }),
  );
  await call(sb, "PUT", `/v2/tasks/${ids.remind}`, { body: { data: { completed: true } } });
  ids.floating = idOf(await create(sb, "/v2/tasks", { content: "Float" }));
  await call(sb, "PUT", `/v2/tasks/${ids.floating}`, { body: { data: { completed: null } } });
  ids.call = idOf(
    await create(sb, "/v2/calls", {
      phone_number: "555",
      resource_type: "lead",
      resource_id: ids.lead,
      external_id: "ext-9",
      made_at: "2023-12-31T09:00:00Z",
    }),
  );
  const convertible = await create(sb, "/v2/leads", { last_name: "Convert" });
  await call(sb, "POST", "/v2/lead_conversions", {
    body: { data: { lead_id: idOf(convertible) } },
  });
  await create(sb, "/v2/products", {
    name: "One price",
    prices: [{ amount: "5", currency: "USD" }],
  });
  await create(sb, "/v2/tags", { name: "extra", resource_type: "lead" });
});
afterAll(() => sb.close());

describe("Firehose attribute sets (pinned)", () => {
  test("every table has a stream and every event carries exactly its attribute set", async () => {
    for (const [table, keys] of Object.entries(KEYS)) {
      const res = await call(sb, "GET", `/v3/${table}/stream?position=tail&limit=100`);
      expect(res.status).toBe(200);
      const items = res.stream().items;
      expect(items.length).toBeGreaterThan(0);
      for (const item of items)
        expect([table, Object.keys(item.data).sort()]).toEqual([table, keys]);
      // The stream serves what sandbox.events() mirrors.
      expect(items.map((i) => i.data)).toStrictEqual(
        sb
          .events(table)
          .slice(0, 100)
          .map((e) => e.data),
      );
    }
    // No table left out of the pin.
    expect(Object.keys(KEYS).sort()).toEqual(new ResourceRegistry().tables().sort());
  });

  test("streams without a documented set carry the v2 rendering of the record", () => {
    for (const table of V2_FORM) {
      const live = sb.records(table);
      expect(live.length).toBeGreaterThan(0);
      for (const record of live)
        expect([table, snapshot(table, record.id as number)]).toStrictEqual([table, record]);
    }
  });

  test("leads: custom_field_values form, no unqualified_reason_id / custom_fields / updated_at", () => {
    const lead = (name: string) => cf("lead", name);
    expect(snapshot("leads", ids.lead as number)).toStrictEqual({
      id: ids.lead,
      creator_id: ids.root,
      owner_id: ids.root,
      first_name: "Pia",
      last_name: "Pin",
      organization_name: "PinCo",
      status: "Working",
      source_id: ids.webForm,
      title: "T",
      description: "D",
      industry: "I",
      website: "w.example",
      email: "pia@pin.example",
      phone: "1",
      mobile: "2",
      fax: "3",
      twitter: "tw",
      facebook: "fb",
      linkedin: "li",
      skype: "sk",
      address: { line1: "1 Way", city: "Pinville", postal_code: null, state: null, country: null },
      tags: ["pin"],
      custom_field_values: [
        { id: lead("External ID").id, name: "External ID", value: "X-1" },
        { id: lead("Budget").id, name: "Budget", value: "12.5" },
        {
          id: lead("Priority").id,
          name: "Priority",
          value: { id: lead("Priority").choice("Low"), name: "Low" },
        },
        {
          id: lead("Channels").id,
          name: "Channels",
          value: [
            { id: lead("Channels").choice("SMS"), name: "SMS" },
            { id: lead("Channels").choice("Email"), name: "Email" },
          ],
        },
        { id: lead("Follow-up date").id, name: "Follow-up date", value: "2024-02-01" },
        { id: lead("Newsletter").id, name: "Newsletter", value: true },
        { id: lead("Background").id, name: "Background", value: "long" },
      ],
      created_at: AT,
    });
    expect(lastEvent("leads", ids.lead as number).previous).toStrictEqual({ status: "New" });
  });

  test("contacts: addresses as v2 renders them (billing/shipping null unless customer/prospect)", () => {
    expect(snapshot("contacts", ids.ivy as number)).toStrictEqual({
      id: ids.ivy,
      creator_id: ids.root,
      owner_id: ids.root,
      is_organization: false,
      contact_id: ids.acme,
      parent_organization_id: null,
      name: "Ivy Ind",
      first_name: "Ivy",
      last_name: "Ind",
      customer_status: "none",
      prospect_status: "none",
      title: null,
      description: null,
      industry: null,
      website: null,
      email: null,
      phone: null,
      mobile: null,
      fax: null,
      twitter: null,
      facebook: null,
      linkedin: null,
      skype: null,
      address: null,
      billing_address: null,
      shipping_address: null,
      tags: [],
      custom_field_values: [],
      created_at: AT_1,
    });
    const acme = snapshot("contacts", ids.acme as number);
    const address = {
      line1: "1 Acme Way",
      city: "Springfield",
      postal_code: "01101",
      state: "MA",
      country: "US",
    };
    expect(acme).toMatchObject({ address, billing_address: address, shipping_address: null });
    expect(acme.custom_field_values).toStrictEqual([
      { id: cf("contact", "External ID").id, name: "External ID", value: "ACME-1" },
      { id: cf("prospect_and_customer", "Contract ID").id, name: "Contract ID", value: "C-100" },
    ]);
  });

  test("deals: value as a decimal string, no added_at / last_activity_at / unqualified_reason_id", () => {
    const stageId = snapshot("deals", ids.deal as number).stage_id;
    const v2 = sb.records("deals").find((d) => d.id === ids.deal) as Data;
    expect(v2.value).toBe(1000);
    expect(snapshot("deals", ids.deal as number)).toStrictEqual({
      id: ids.deal,
      creator_id: ids.root,
      owner_id: ids.root,
      name: "Whole",
      value: "1000.00",
      currency: "USD",
      hot: false,
      stage_id: stageId,
      source_id: ids.referral,
      loss_reason_id: ids.tooExpensive,
      last_stage_change_at: AT_1,
      last_stage_change_by_id: ids.root,
      dropbox_email: v2.dropbox_email,
      contact_id: ids.acme,
      organization_id: ids.acme,
      estimated_close_date: "2030-01-01",
      customized_win_likelihood: null,
      tags: [],
      custom_field_values: [],
      created_at: AT_1,
    });
    expect(stageId).toBe(v2.stage_id);
    expect(snapshot("deals", ids.demoDeal as number)).toMatchObject({
      value: "1000.50",
      hot: true,
      customized_win_likelihood: 15,
      custom_field_values: [
        { id: cf("deal", "External ID").id, name: "External ID", value: "DEAL-1" },
        {
          id: cf("deal", "Priority").id,
          name: "Priority",
          value: { id: cf("deal", "Priority").choice("Medium"), name: "Medium" },
        },
      ],
    });
  });

  test("associated contacts carry their hidden id and deal_id", () => {
    const event = sb.events("associated_contacts")[0] as StoredEvent;
    expect(event.data).toStrictEqual({
      id: event.recordId,
      contact_id: ids.mark,
      deal_id: ids.demoDeal,
      created_at: AT,
    });
  });

  test("notes: regular type, no is_important / tags / updated_at", () => {
    expect(snapshot("notes", ids.note as number)).toStrictEqual({
      id: ids.note,
      creator_id: ids.root,
      content: "Pinned",
      resource_id: ids.lead,
      resource_type: "lead",
      type: "regular",
      created_at: AT_1,
    });
  });

  test("tasks: account_id and reminder_offset instead of remind_at; completed never null", () => {
    const account = sb.records("accounts")[0] as Data;
    expect(snapshot("tasks", ids.remind as number)).toStrictEqual({
      id: ids.remind,
      account_id: account.id,
      creator_id: ids.root,
      owner_id: ids.root,
      completed: true,
      completed_at: AT_1,
      content: "Remind",
      resource_type: "lead",
      resource_id: ids.lead,
      reminder_offset: 30,
      due_date: "2024-01-02T10:00:00Z",
      created_at: AT_1,
    });
    expect(lastEvent("tasks", ids.remind as number).previous).toStrictEqual({
      completed: false,
      completed_at: null,
    });
    const floating = sb.records("tasks").find((t) => t.id === ids.floating) as Data;
    expect(floating.completed).toBeNull();
    expect(snapshot("tasks", ids.floating as number)).toStrictEqual({
      id: ids.floating,
      account_id: account.id,
      creator_id: ids.root,
      owner_id: ids.root,
      completed: false,
      completed_at: null,
      content: "Float",
      resource_type: null,
      resource_id: null,
      reminder_offset: null,
      due_date: null,
      created_at: AT_1,
    });
  });

  test("calls: no external_id / updated_at", () => {
    expect(snapshot("calls", ids.call as number)).toStrictEqual({
      id: ids.call,
      user_id: ids.root,
      summary: null,
      recording_url: null,
      outcome_id: null,
      duration: null,
      phone_number: "555",
      incoming: false,
      missed: false,
      resource_type: "lead",
      resource_id: ids.lead,
      associated_deal_ids: [],
      made_at: "2023-12-31T09:00:00Z",
      created_at: AT_1,
    });
  });

  test("orders and line items: decimals as strings, hidden product_id / deal_id", () => {
    const order = sb.records("orders")[0] as Data;
    const lineItem = sb.records("line_items")[0] as Data;
    const product = recordId(sb, "products", (p) => p.name === "Consulting hour");
    expect(snapshot("orders", order.id as number)).toStrictEqual({
      id: order.id,
      deal_id: ids.demoDeal,
      discount: 5,
      created_at: AT,
    });
    expect(snapshot("line_items", lineItem.id as number)).toStrictEqual({
      id: lineItem.id,
      product_id: product,
      deal_id: ids.demoDeal,
      order_id: order.id,
      value: "105.00",
      variation: "5.00",
      currency: "USD",
      quantity: 3,
      price: "100.00",
      name: "Consulting hour",
      sku: "CONS-1",
      description: "One hour of consulting",
      created_at: AT,
    });
  });

  test("users, stages, sources, custom field definitions", () => {
    const ada = sb.records("users").find((u) => u.id === ids.root) as Data;
    expect(snapshot("users", ids.root as number)).toStrictEqual({
      id: ids.root,
      name: "Ada Admin",
      email: "ada.admin@sandbox.example",
      status: "active",
      role: "admin",
      confirmed: true,
      created_at: ada.created_at,
    });
    const stage = sb.records("stages")[0] as Data;
    expect(snapshot("stages", stage.id as number)).toStrictEqual({
      id: stage.id,
      name: "Incoming",
      category: "incoming",
      active: true,
      position: 1,
      likelihood: 0,
      pipeline_id: stage.pipeline_id,
      created_at: AT,
    });
    expect(snapshot("sources", ids.webForm as number)).toStrictEqual({
      id: ids.webForm,
      name: "Web form",
      creator_id: ids.root,
      resource_type: "lead",
      created_at: AT,
    });
    expect(snapshot("custom_fields", cf("deal", "Kickoff").id)).toStrictEqual({
      id: cf("deal", "Kickoff").id,
      name: "Kickoff",
      type: "datetime",
      resource_type: "deal",
    });
  });
});
