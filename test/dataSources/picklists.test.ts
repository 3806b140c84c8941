/**
 * Picklists: every record (100 per request, following next_page) up to Max Records, labelled so
 * a person can choose, sorted by label (natural order, case-insensitive, ties by key).
 */
import { collection, failureOf, type RecordData, range } from "../actions/support";
import { harness, oauthConnection, sellApi } from "../helpers/sell";
import { picklist, servePage } from "./support";

interface PicklistCase {
  key: string;
  path: string;
  type: string;
  fixed?: Record<string, string>;
  record: (id: number) => RecordData;
  label: (id: number) => string;
  /** Other requests the labels need. */
  extra?: () => void;
}

const cases: PicklistCase[] = [
  {
    key: "selectContact",
    path: "/contacts",
    type: "contact",
    record: (id) => ({ id, first_name: "Person", last_name: `${id}`, email: `p${id}@example.com` }),
    label: (id) => `Person ${id} (p${id}@example.com)`,
  },
  {
    key: "selectOrganization",
    path: "/contacts",
    type: "contact",
    fixed: { is_organization: "true" },
    record: (id) => ({ id, is_organization: true, name: `Org ${id}` }),
    label: (id) => `Org ${id}`,
  },
  {
    key: "selectDeal",
    path: "/deals",
    type: "deal",
    record: (id) => ({ id, name: `Deal ${id}` }),
    label: (id) => `Deal ${id}`,
  },
  {
    key: "selectLead",
    path: "/leads",
    type: "lead",
    record: (id) => ({ id, first_name: "Lead", last_name: `${id}`, organization_name: null }),
    label: (id) => `Lead ${id}`,
  },
  {
    key: "selectNote",
    path: "/notes",
    type: "note",
    record: (id) => ({ id, content: `Note text ${id}` }),
    label: (id) => `Note text ${id}`,
  },
  {
    key: "selectOrder",
    path: "/orders",
    type: "order",
    record: (id) => ({ id, deal_id: null, discount: 0 }),
    label: (id) => `Order ${id}`,
  },
  {
    key: "selectPipeline",
    path: "/pipelines",
    type: "pipeline",
    record: (id) => ({ id, name: `Pipeline ${id}`, disabled: false }),
    label: (id) => `Pipeline ${id}`,
  },
  {
    key: "selectProduct",
    path: "/products",
    type: "product",
    record: (id) => ({ id, name: `Product ${id}`, sku: null, active: true }),
    label: (id) => `Product ${id}`,
  },
  {
    key: "selectStage",
    path: "/stages",
    type: "stage",
    record: (id) => ({ id, name: `Stage ${id}`, position: id, pipeline_id: 1 }),
    label: (id) => `Sales › ${id}. Stage ${id}`,
    extra: () => {
      servePage("/pipelines", 1, [{ id: 1, name: "Sales" }], "pipeline", false);
    },
  },
  {
    key: "selectTask",
    path: "/tasks",
    type: "task",
    record: (id) => ({ id, content: `Task ${id}` }),
    label: (id) => `Task ${id}`,
  },
  {
    key: "selectUser",
    path: "/users",
    type: "user",
    record: (id) => ({ id, name: `User ${id}`, email: `u${id}@example.com`, status: "active" }),
    label: (id) => `User ${id} (u${id}@example.com)`,
  },
  ...(
    [
      ["selectLeadSource", "/lead_sources", "source"],
      ["selectDealSource", "/deal_sources", "source"],
      ["selectLossReason", "/loss_reasons", "loss_reason"],
      ["selectLeadUnqualifiedReason", "/lead_unqualified_reasons", "lead_unqualified_reason"],
      ["selectDealUnqualifiedReason", "/deal_unqualified_reasons", "deal_unqualified_reason"],
      ["selectCallOutcome", "/call_outcomes", "call_outcome"],
      ["selectVisitOutcome", "/visit_outcomes", "visit_outcome"],
    ] as const
  ).map(
    ([key, path, type]): PicklistCase => ({
      key,
      path,
      type,
      record: (id) => ({ id, name: `Name ${id}` }),
      label: (id) => `Name ${id}`,
    }),
  ),
  {
    key: "selectTag",
    path: "/tags",
    type: "tag",
    record: (id) => ({ id, name: `tag ${id}`, resource_type: "lead" }),
    label: (id) => `tag ${id} (lead)`,
  },
];

describe.each(cases)("$key", ({ key, path, type, fixed, record, label, extra }) => {
  it(`reads every page of GET /v2${path} (per_page=100, following next_page) and labels each record`, async () => {
    const first = servePage(path, 1, range(1, 100).map(record), type, true, fixed);
    const second = servePage(path, 2, range(101, 102).map(record), type, false, fixed);
    extra?.();
    const result = await picklist(key);
    first.done();
    second.done();
    // Labels carry the ID as a number, so natural label order is ID order.
    expect(result).toEqual(range(1, 102).map((id) => ({ key: String(id), label: label(id) })));
  });
});

it("every picklist of the component is covered above, plus those with their own tests", () => {
  expect(Object.keys(harness.component.dataSources).sort()).toEqual(
    [
      ...cases.map((c) => c.key),
      "selectAccount",
      "selectCustomField",
      // test/dataSources/activities.test.ts and fieldMapping.test.ts
      "selectLineItem",
      "selectCall",
      "selectTextMessage",
      "selectFieldMapping",
    ].sort(),
  );
});

describe("Max Records", () => {
  it("defaults to 1000: with 11 pages available, exactly 10 requests", async () => {
    const deal = (id: number) => ({ id, name: `Deal ${id}` });
    for (const page of range(1, 10))
      servePage("/deals", page, range(page * 100 - 99, page * 100).map(deal), "deal", true);
    // Page 11 exists in Sell but has no interceptor: requesting it would fail the test.
    const result = await picklist("selectDeal");
    expect(result).toHaveLength(1000);
    expect(result.at(-1)).toEqual({ key: "1000", label: "Deal 1000" });
  });

  it("a smaller cap stops early (150: two requests, 150 records)", async () => {
    const deal = (id: number) => ({ id, name: `Deal ${id}` });
    servePage("/deals", 1, range(1, 100).map(deal), "deal", true);
    servePage("/deals", 2, range(101, 200).map(deal), "deal", true);
    const result = await picklist("selectDeal", { maxRecords: "150" });
    expect(result.map((e) => e.key)).toEqual(range(1, 150).map(String));
  });

  it("refuses a cap outside 1–10000", async () => {
    const error = await failureOf(
      harness.dataSource("selectDeal", { connection: oauthConnection(), maxRecords: "0" }),
    );
    expect(error.message).toBe("Max Records: must be a whole number between 1 and 10000, got '0'");
  });
});

describe("sorting", () => {
  it("sorts by label: natural, case-insensitive, ties by key (numerically)", async () => {
    servePage(
      "/deals",
      1,
      [
        { id: 1, name: "Stage 10" },
        { id: 2, name: "stage 2" },
        { id: 5, name: "Alpha" },
        { id: 3, name: "alpha" },
        { id: 10, name: "Same" },
        { id: 9, name: "same" },
        { id: 4, name: "Beta" },
      ],
      "deal",
      false,
    );
    await expect(picklist("selectDeal")).resolves.toEqual([
      { key: "3", label: "alpha" },
      { key: "5", label: "Alpha" },
      { key: "4", label: "Beta" },
      { key: "9", label: "same" },
      { key: "10", label: "Same" },
      { key: "2", label: "stage 2" },
      { key: "1", label: "Stage 10" },
    ]);
  });
});

describe("labels", () => {
  it("contacts: a person's full name with email, organizations marked as such", async () => {
    servePage(
      "/contacts",
      1,
      [
        { id: 1, first_name: "Mark", last_name: "Johnson", email: "mark@example.com" },
        { id: 2, first_name: "Jane", last_name: "Doe", email: null },
        { id: 3, is_organization: true, name: "Acme", email: "info@acme.example" },
        { id: 4, is_organization: false, last_name: "Smith" },
        { id: 5, is_organization: true, name: null },
        { id: 6 },
      ],
      "contact",
      false,
    );
    await expect(picklist("selectContact")).resolves.toEqual([
      { key: "3", label: "Acme (organization)" },
      { key: "5", label: "Contact 5 (organization)" },
      { key: "6", label: "Contact 6" },
      { key: "2", label: "Jane Doe" },
      { key: "1", label: "Mark Johnson (mark@example.com)" },
      { key: "4", label: "Smith" },
    ]);
  });

  it("organizations: only organizations are requested (is_organization=true), labelled by name", async () => {
    servePage(
      "/contacts",
      1,
      [
        { id: 1, is_organization: true, name: "Zeta Corp" },
        { id: 2, is_organization: true, name: " Acme " },
        { id: 3, is_organization: true },
      ],
      "contact",
      false,
      { is_organization: "true" },
    );
    await expect(picklist("selectOrganization")).resolves.toEqual([
      { key: "2", label: "Acme" },
      { key: "3", label: "Organization 3" },
      { key: "1", label: "Zeta Corp" },
    ]);
  });

  it("leads: organization only, person only, both, neither", async () => {
    servePage(
      "/leads",
      1,
      [
        { id: 1, organization_name: "Acme Inc" },
        { id: 2, first_name: "Mark", last_name: "Johnson", organization_name: null },
        { id: 3, first_name: "Jane", last_name: "Doe", organization_name: "Design Co" },
        { id: 4, last_name: "Solo" },
        { id: 5, first_name: null, last_name: null, organization_name: "  " },
      ],
      "lead",
      false,
    );
    await expect(picklist("selectLead")).resolves.toEqual([
      { key: "1", label: "Acme Inc" },
      { key: "3", label: "Jane Doe (Design Co)" },
      { key: "5", label: "Lead 5" },
      { key: "2", label: "Mark Johnson" },
      { key: "4", label: "Solo" },
    ]);
  });

  it("stages: 'Pipeline › position. Stage', from the pipelines list, in Sell's order (more in stages.test.ts)", async () => {
    servePage(
      "/stages",
      1,
      [
        { id: 11, name: "Incoming", position: 1, pipeline_id: 1 },
        { id: 12, name: "Qualified", position: 2, pipeline_id: 1 },
        { id: 21, name: "Won", position: 1, pipeline_id: 2 },
        { id: 31, name: "Lost", pipeline_id: 99 },
        { id: 41, name: "Floating", position: 3, pipeline_id: null },
      ],
      "stage",
      false,
    );
    servePage(
      "/pipelines",
      1,
      [
        { id: 1, name: "Sales" },
        { id: 2, name: "Renewals", disabled: true },
      ],
      "pipeline",
      false,
    );
    // Stages of the disabled pipeline are left out unless asked for.
    await expect(picklist("selectStage")).resolves.toEqual([
      { key: "11", label: "Sales › 1. Incoming" },
      { key: "12", label: "Sales › 2. Qualified" },
      { key: "31", label: "Pipeline 99 › Lost" },
      { key: "41", label: "No pipeline › 3. Floating" },
    ]);
  });

  it("stages of one pipeline: pipeline_id is sent", async () => {
    servePage(
      "/stages",
      1,
      [{ id: 11, name: "Incoming", position: 1, pipeline_id: 7 }],
      "stage",
      false,
      {
        pipeline_id: "7",
      },
    );
    servePage("/pipelines", 1, [{ id: 7, name: "Sales" }], "pipeline", false);
    await expect(picklist("selectStage", { pipelineId: "7" })).resolves.toEqual([
      { key: "11", label: "Sales › 1. Incoming" },
    ]);
  });

  it("orders: 'Order 12 — Deal name', the deals read in one deals?ids= request", async () => {
    servePage(
      "/orders",
      1,
      [
        { id: 12, deal_id: 5 },
        { id: 3, deal_id: 6 },
        { id: 4, deal_id: null },
        { id: 7, deal_id: 5 },
        { id: 8, deal_id: 99 },
      ],
      "order",
      false,
    );
    sellApi()
      .get("/v2/deals")
      .query({ ids: "5,6,99", page: "1", per_page: "100" })
      .reply(
        200,
        collection(
          [
            { id: 5, name: "Website Redesign" },
            { id: 6, name: "Support Plan" },
          ],
          "deal",
        ),
      );
    await expect(picklist("selectOrder")).resolves.toEqual([
      { key: "3", label: "Order 3 — Support Plan" },
      { key: "4", label: "Order 4" },
      { key: "7", label: "Order 7 — Website Redesign" },
      { key: "8", label: "Order 8 — Deal 99" },
      { key: "12", label: "Order 12 — Website Redesign" },
    ]);
  });

  it("users: name with email, inactive marked", async () => {
    servePage(
      "/users",
      1,
      [
        { id: 1, name: "Uzi", email: "uzi@getbase.com", status: "active" },
        { id: 2, name: "Old Timer", email: "old@example.com", status: "inactive" },
        { id: 3, name: "Ghost", email: null, status: "inactive" },
        { id: 4, name: null, email: "nameless@example.com" },
      ],
      "user",
      false,
    );
    await expect(picklist("selectUser")).resolves.toEqual([
      { key: "3", label: "Ghost (inactive)" },
      { key: "2", label: "Old Timer (old@example.com, inactive)" },
      { key: "4", label: "User 4 (nameless@example.com)" },
      { key: "1", label: "Uzi (uzi@getbase.com)" },
    ]);
  });

  it("products: name with SKU, inactive marked", async () => {
    servePage(
      "/products",
      1,
      [
        { id: 1, name: "Enterprise Plan", sku: "ent-1", active: true },
        { id: 2, name: "Legacy Plan", sku: "leg-2", active: false },
        { id: 3, name: "Gone", sku: null, active: false },
        { id: 4, name: "Plain" },
      ],
      "product",
      false,
    );
    await expect(picklist("selectProduct")).resolves.toEqual([
      { key: "1", label: "Enterprise Plan (ent-1)" },
      { key: "3", label: "Gone (inactive)" },
      { key: "2", label: "Legacy Plan (leg-2, inactive)" },
      { key: "4", label: "Plain" },
    ]);
  });

  it("pipelines: disabled ones marked", async () => {
    servePage(
      "/pipelines",
      1,
      [
        { id: 1, name: "Sales", disabled: false },
        { id: 2, name: "Old", disabled: true },
        { id: 3, name: null },
      ],
      "pipeline",
      false,
    );
    await expect(picklist("selectPipeline")).resolves.toEqual([
      { key: "2", label: "Old (disabled)" },
      { key: "3", label: "Pipeline 3" },
      { key: "1", label: "Sales" },
    ]);
  });

  it.each([
    ["selectNote", "/notes", "note", "Note"],
    ["selectTask", "/tasks", "task", "Task"],
  ])("%s: the first 50 characters on one line, with … when cut", async (key, path, type, noun) => {
    const long = "Call Mark about the renewal of the enterprise plan before Friday";
    const exactly50 = "x".repeat(50);
    servePage(
      path,
      1,
      [
        { id: 1, content: long },
        { id: 2, content: "  Two\n  lines\tof text  " },
        { id: 3, content: "" },
        { id: 4, content: exactly50 },
        { id: 5, content: null },
      ],
      type,
      false,
    );
    await expect(picklist(key)).resolves.toEqual([
      { key: "1", label: "Call Mark about the renewal of the enterprise plan…" },
      { key: "3", label: `${noun} 3` },
      { key: "5", label: `${noun} 5` },
      { key: "2", label: "Two lines of text" },
      { key: "4", label: exactly50 },
    ]);
    expect("Call Mark about the renewal of the enterprise plan").toHaveLength(50);
  });

  it("a record that does not fit its schema falls back to '<noun> <id>'", async () => {
    servePage(
      "/deals",
      1,
      [
        { id: 1, name: 12345 },
        { id: 2, name: "Fine" },
      ],
      "deal",
      false,
    );
    await expect(picklist("selectDeal")).resolves.toEqual([
      { key: "1", label: "Deal 1" },
      { key: "2", label: "Fine" },
    ]);
  });
});

describe("filters and single-request picklists", () => {
  it("selectTag sends the resource type and shows it", async () => {
    servePage(
      "/tags",
      1,
      [
        { id: 1, name: "vip", resource_type: "contact" },
        { id: 2, name: "Partner", resource_type: "contact" },
      ],
      "tag",
      false,
      { resource_type: "contact" },
    );
    await expect(picklist("selectTag", { resourceType: "contact" })).resolves.toEqual([
      { key: "2", label: "Partner (contact)" },
      { key: "1", label: "vip (contact)" },
    ]);
  });

  it("selectTag refuses an unknown resource type before any request", async () => {
    const error = await failureOf(
      harness.dataSource("selectTag", { connection: oauthConnection(), resourceType: "order" }),
    );
    expect(error.message).toBe("Resource Type: must be one of lead, contact, deal, got 'order'");
  });

  it("selectCustomField is keyed by the field's name (how v2 addresses custom fields)", async () => {
    // Sell documents this endpoint as returning all custom fields at once (no pagination).
    sellApi()
      .get("/v2/contact/custom_fields")
      .query({})
      .reply(
        200,
        collection(
          [
            { id: 3, name: "Referral website", type: "url", for_contact: true },
            { id: 1, name: "Budget", type: "number" },
            { id: "7", name: "Known via" },
            { id: 9, type: "string" },
          ],
          "custom_field",
        ),
      );
    await expect(picklist("selectCustomField", { resourceType: "contact" })).resolves.toEqual([
      { key: "Budget", label: "Budget (number)" },
      { key: "Known via", label: "Known via" },
      { key: "Referral website", label: "Referral website (url)" },
    ]);
  });

  it.each(["lead", "deal", "prospect_and_customer"])(
    "selectCustomField reads /v2/%s/custom_fields",
    async (resourceType) => {
      sellApi()
        .get(`/v2/${resourceType}/custom_fields`)
        .query({})
        .reply(200, collection([{ id: 1, name: "X", type: "string" }], "custom_field"));
      await expect(picklist("selectCustomField", { resourceType })).resolves.toEqual([
        { key: "X", label: "X (string)" },
      ]);
    },
  );

  it("selectAccount is the connection's one account", async () => {
    sellApi()
      .get("/v2/accounts/self")
      .query({})
      .reply(200, {
        data: { id: 7, name: "Design Company", currency: "USD" },
        meta: { type: "account" },
      });
    await expect(picklist("selectAccount")).resolves.toEqual([
      { key: "7", label: "Design Company" },
    ]);
  });

  it("selectAccount without a name shows 'Account <id>'", async () => {
    sellApi()
      .get("/v2/accounts/self")
      .reply(200, { data: { id: 7, name: "" }, meta: { type: "account" } });
    await expect(picklist("selectAccount")).resolves.toEqual([{ key: "7", label: "Account 7" }]);
  });
});
