/**
 * List actions: one page exactly as Sell returns it, or with Fetch All every page (100 per
 * request, following meta.links.next_page) up to Max Items. Filters are checked on the wire:
 * nock's `.query({...})` must match the whole query, and where the spelling matters the raw
 * request path is compared too.
 */
import { instantRetries, SELL, sellApi, sellError } from "../helpers/sell";
import { collection, range, run } from "./support";

const lead = (id: number) => ({ id, last_name: `Lead ${id}`, organization_name: null });
const leads = (ids: number[], next?: string) => collection(ids.map(lead), "lead", next);
const allLeads = (ids: number[]) => ids.map((id) => ({ data: lead(id), meta: { type: "lead" } }));

/** Paths (with query strings) a scope received, as sent on the wire. */
const pathsOf = (scope: ReturnType<typeof sellApi>) => {
  const paths: string[] = [];
  scope.on("request", (req: { path: string }) => paths.push(req.path));
  return paths;
};

describe("one page (Fetch All off)", () => {
  it("GET /v2/leads with no query returns Sell's body unchanged", async () => {
    const body = {
      items: [
        { data: { id: 2, last_name: "B", extra: { nested: [1, null] } }, meta: { type: "lead" } },
        { data: { id: 1, last_name: "A" }, meta: { type: "lead", version: 4 } },
      ],
      meta: {
        type: "collection",
        count: 2,
        links: {
          self: `${SELL}/v2/leads?page=1&per_page=25`,
          next_page: `${SELL}/v2/leads?page=2`,
        },
      },
    };
    const scope = sellApi().get("/v2/leads").query({}).reply(200, body);
    const result = (await run("listLeads")) as { data: unknown };
    expect(result).toEqual({ data: body });
    expect(JSON.stringify(result.data)).toBe(JSON.stringify(body));
    scope.done();
  });

  it("sends page and per_page as given", async () => {
    const scope = sellApi()
      .get("/v2/leads")
      .query({ page: "3", per_page: "10" })
      .reply(200, leads([21, 22]));
    await expect(run("listLeads", { pagination: { page: "3", perPage: "10" } })).resolves.toEqual({
      data: leads([21, 22]),
    });
    scope.done();
  });

  it("sends every kind of filter in Sell's spelling", async () => {
    const scope = sellApi()
      .get("/v2/leads")
      .query({
        organization_name: "Acme Inc",
        status: "New",
        ids: "1,2",
        owner_id: "7",
        email: "a@b.example",
        "address[city]": "Boston",
        "custom_fields[Known via]": "Tom",
        "custom_fields[Region]": "EU",
        sort_by: "last_name:desc",
        inclusive: "false",
      })
      .reply(200, leads([1]));
    const paths = pathsOf(scope);
    await run("listLeads", {
      organizationName: "Acme Inc",
      status: "New",
      ids: "1, 2",
      ownerId: "7",
      contactInfo: { email: "a@b.example" },
      address: { addressCity: "Boston" },
      customFields: [
        { key: "Known via", value: "Tom" },
        { key: "Region", value: "EU" },
      ],
      additionalFields: { sortBy: "last_name:desc", inclusive: "false" },
    });
    scope.done();
    // Brackets, commas and colons stay readable, as in Sell's own links.
    expect(paths).toEqual([
      "/v2/leads?organization_name=Acme%20Inc&status=New&ids=1,2&owner_id=7&email=a%40b.example&address[city]=Boston&custom_fields[Known%20via]=Tom&custom_fields[Region]=EU&sort_by=last_name:desc&inclusive=false",
    ]);
  });

  it("IDs given as a list are sent as ids=1,2", async () => {
    const scope = sellApi().get("/v2/deals").query({ ids: "1,2" }).reply(200, leads([]));
    const paths = pathsOf(scope);
    await run("listDeals", { ids: ["1", "2"] });
    scope.done();
    expect(paths).toEqual(["/v2/deals?ids=1,2"]);
  });

  it("listDeals sends Includes as includes=associated_contacts", async () => {
    const scope = sellApi()
      .get("/v2/deals")
      .query({ includes: "associated_contacts" })
      .reply(200, collection([{ id: 1, name: "D" }], "deal"));
    await run("listDeals", { additionalFields: { includes: "associated_contacts" } });
    scope.done();
  });

  it("listContacts sends a billing address given as JSON as billing_address[part]", async () => {
    const scope = sellApi()
      .get("/v2/contacts")
      .query({
        "billing_address[city]": "Boston",
        "billing_address[country]": "US",
        "shipping_address[postal_code]": "02601",
      })
      .reply(200, collection([], "contact"));
    await run("listContacts", {
      otherAddresses: {
        billingAddress: '{"city": "Boston", "country": "US"}',
        shippingAddress: '{"postal_code": "02601"}',
      },
    });
    scope.done();
  });

  it("listContacts takes a billing address given as plain text as the city", async () => {
    const scope = sellApi()
      .get("/v2/contacts")
      .query({ "billing_address[city]": "New York", "shipping_address[city]": "Hyannis" })
      .reply(200, collection([], "contact"));
    await run("listContacts", {
      otherAddresses: { billingAddress: " New York ", shippingAddress: "Hyannis" },
    });
    scope.done();
  });

  it("listContacts sends organization and status filters", async () => {
    const scope = sellApi()
      .get("/v2/contacts")
      .query({ is_organization: "true", customer_status: "current", contact_id: "4" })
      .reply(200, collection([], "contact"));
    await run("listContacts", {
      isOrganization: true,
      additionalFields: { customerStatus: "CURRENT", contactId: "4" },
    });
    scope.done();
  });

  it.each<[string, Record<string, unknown>]>([
    [
      "groups undefined",
      {
        contactInfo: undefined,
        address: undefined,
        otherAddresses: undefined,
        pagination: undefined,
        additionalFields: undefined,
      },
    ],
    [
      "groups empty strings",
      { contactInfo: "", address: "", otherAddresses: "", pagination: "", additionalFields: "" },
    ],
    [
      "groups null",
      {
        contactInfo: null,
        address: null,
        otherAddresses: null,
        pagination: null,
        additionalFields: null,
      },
    ],
    [
      "groups empty objects",
      { contactInfo: {}, address: {}, otherAddresses: {}, pagination: {}, additionalFields: {} },
    ],
    [
      "groups with empty fields",
      { contactInfo: { email: "" }, additionalFields: { ids: "", sortBy: "", inclusive: "" } },
    ],
    ["nothing passed at all", {}],
    ["lists undefined", { customFields: undefined }],
    ["lists empty strings", { customFields: "" }],
    ["lists empty", { customFields: [] }],
  ])("listContacts treats %s as empty and sends no filter", async (_, params) => {
    const scope = sellApi().get("/v2/contacts").query({}).reply(200, collection([], "contact"));
    const paths = pathsOf(scope);
    await expect(run("listContacts", params)).resolves.toEqual({
      data: collection([], "contact"),
    });
    scope.done();
    expect(paths).toEqual(["/v2/contacts"]);
  });

  it.each([
    "listLeads",
    "listDeals",
    "listNotes",
    "listTasks",
    "listOrder",
    "listPipelines",
    "listStages",
    "listUsers",
    "listProducts",
    "listTags",
    "listCalls",
    "listVisits",
    "listTextMessages",
    "listLeadSources",
    "listCallOutcomes",
  ])("%s with every input left at its default sends a bare GET", async (key) => {
    const paths = {
      listLeads: "/v2/leads",
      listDeals: "/v2/deals",
      listNotes: "/v2/notes",
      listTasks: "/v2/tasks",
      listOrder: "/v2/orders",
      listPipelines: "/v2/pipelines",
      listStages: "/v2/stages",
      listUsers: "/v2/users",
      listProducts: "/v2/products",
      listTags: "/v2/tags",
      listCalls: "/v2/calls",
      listVisits: "/v2/visits",
      listTextMessages: "/v2/text_messages",
      listLeadSources: "/v2/lead_sources",
      listCallOutcomes: "/v2/call_outcomes",
    } as Record<string, string>;
    const scope = sellApi()
      .get(paths[key] as string)
      .query({})
      .reply(200, collection([{ id: 1 }], "x"));
    await expect(run(key)).resolves.toEqual({ data: collection([{ id: 1 }], "x") });
    scope.done();
  });

  it("listLineItems puts the order in the path", async () => {
    const scope = sellApi()
      .get("/v2/orders/33/line_items")
      .query({ quantity: "2" })
      .reply(200, collection([{ id: 1 }], "line_item"));
    await run("listLineItems", { orderId: "33", quantity: "2" });
    scope.done();
  });
});

describe("Fetch All", () => {
  it("keeps the filters, ignores page/per_page, sends per_page=100 and follows next_page", async () => {
    const query = { status: "New", sort_by: "id:asc", "custom_fields[Region]": "EU" };
    const link = (page: number) =>
      `${SELL}/v2/leads?status=New&sort_by=id:asc&custom_fields[Region]=EU&page=${page}&per_page=100`;
    const scope = sellApi()
      .get("/v2/leads")
      .query({ ...query, page: "1", per_page: "100" })
      .reply(200, leads(range(1, 100), link(2)))
      .get("/v2/leads")
      .query({ ...query, page: "2", per_page: "100" })
      .reply(200, leads(range(101, 200), link(3)))
      .get("/v2/leads")
      .query({ ...query, page: "3", per_page: "100" })
      .reply(200, leads(range(201, 230)));
    const result = await run("listLeads", {
      fetchAll: true,
      status: "New",
      customFields: [{ key: "Region", value: "EU" }],
      pagination: { page: "4", perPage: "10" },
      additionalFields: { sortBy: "id:asc" },
    });
    scope.done();
    expect(result).toEqual({
      data: {
        items: allLeads(range(1, 230)),
        meta: { type: "collection", count: 230, links: {}, truncated: false },
      },
    });
  });

  it("accepts Fetch All given as the text 'true'", async () => {
    const scope = sellApi()
      .get("/v2/deals")
      .query({ page: "1", per_page: "100" })
      .reply(200, collection([{ id: 1 }], "deal"));
    await expect(run("listDeals", { fetchAll: "true" })).resolves.toEqual({
      data: {
        items: [{ data: { id: 1 }, meta: { type: "deal" } }],
        meta: { type: "collection", count: 1, links: {}, truncated: false },
      },
    });
    scope.done();
  });

  it("stops at Max Items: with 150, the third page is never requested and truncated is true", async () => {
    // No interceptor for page 3: requesting it would fail the test.
    const scope = sellApi()
      .get("/v2/leads")
      .query({ page: "1", per_page: "100" })
      .reply(200, leads(range(1, 100), `${SELL}/v2/leads?page=2&per_page=100`))
      .get("/v2/leads")
      .query({ page: "2", per_page: "100" })
      .reply(200, leads(range(101, 200), `${SELL}/v2/leads?page=3&per_page=100`));
    const result = await run("listLeads", { fetchAll: true, maxItems: "150" });
    scope.done();
    expect(result).toEqual({
      data: {
        items: allLeads(range(1, 150)),
        meta: { type: "collection", count: 150, links: {}, truncated: true },
      },
    });
  });

  it("is not truncated when Max Items equals what Sell has", async () => {
    const scope = sellApi()
      .get("/v2/leads")
      .query({ page: "1", per_page: "100" })
      .reply(200, leads(range(1, 100), `${SELL}/v2/leads?page=2&per_page=100`))
      .get("/v2/leads")
      .query({ page: "2", per_page: "100" })
      .reply(200, leads(range(101, 150)));
    const result = await run("listLeads", { fetchAll: true, maxItems: "150" });
    scope.done();
    expect(result).toEqual({
      data: {
        items: allLeads(range(1, 150)),
        meta: { type: "collection", count: 150, links: {}, truncated: false },
      },
    });
  });

  it("stops at an empty page even when Sell still sends a next_page link", async () => {
    const scope = sellApi()
      .get("/v2/leads")
      .query({ page: "1", per_page: "100" })
      .reply(200, leads(range(1, 100), `${SELL}/v2/leads?page=2&per_page=100`))
      .get("/v2/leads")
      .query({ page: "2", per_page: "100" })
      .reply(200, leads([], `${SELL}/v2/leads?page=3&per_page=100`));
    const result = await run("listLeads", { fetchAll: true });
    scope.done();
    expect(result).toEqual({
      data: {
        items: allLeads(range(1, 100)),
        meta: { type: "collection", count: 100, links: {}, truncated: false },
      },
    });
  });

  it.each<[string, Record<string, unknown>]>([
    ["left at its default", {}],
    ["empty", { maxItems: "" }],
    ["undefined", { maxItems: undefined }],
  ])("Max Items %s means 10000", async (_, params) => {
    // Two oversized pages of 6000 keep this to two requests; the cap cuts the second.
    const scope = sellApi()
      .get("/v2/leads")
      .query({ page: "1", per_page: "100" })
      .reply(200, leads(range(1, 6000), `${SELL}/v2/leads?page=2&per_page=100`))
      .get("/v2/leads")
      .query({ page: "2", per_page: "100" })
      .reply(200, leads(range(6001, 12000), `${SELL}/v2/leads?page=3&per_page=100`));
    const result = (await run("listLeads", { fetchAll: true, ...params })) as {
      data: { items: Array<{ data: { id: number } }>; meta: unknown };
    };
    scope.done();
    expect(result.data.meta).toEqual({
      type: "collection",
      count: 10_000,
      links: {},
      truncated: true,
    });
    expect(result.data.items.map((i) => i.data.id)).toEqual(range(1, 10_000));
  });

  it("retries a page Sell answers with 429 and keeps no duplicate", async () => {
    const retry = instantRetries();
    try {
      const scope = sellApi()
        .get("/v2/leads")
        .query({ page: "1", per_page: "100" })
        .reply(200, leads(range(1, 100), `${SELL}/v2/leads?page=2&per_page=100`))
        .get("/v2/leads")
        .query({ page: "2", per_page: "100" })
        .reply(429, sellError("429 Too Many Requests", [{ code: "rate_limit_exceeded" }]), {
          "Retry-After": "1",
        })
        .get("/v2/leads")
        .query({ page: "2", per_page: "100" })
        .reply(200, leads(range(101, 120)));
      const result = await run("listLeads", { fetchAll: true });
      scope.done();
      expect(result).toEqual({
        data: {
          items: allLeads(range(1, 120)),
          meta: { type: "collection", count: 120, links: {}, truncated: false },
        },
      });
      expect(retry.delays).toEqual([1000]);
    } finally {
      retry.restore();
    }
  });

  it("refuses a next_page link that points outside the list", async () => {
    const scope = sellApi()
      .get("/v2/leads")
      .query({ page: "1", per_page: "100" })
      .reply(200, leads(range(1, 100), `${SELL}/v2/users?page=2&per_page=100`));
    await expect(run("listLeads", { fetchAll: true })).rejects.toThrow(
      "Zendesk Sell answered GET /v2/leads with an unexpected body: next_page link points outside /v2/leads.",
    );
    scope.done();
  });

  it("follows next_page under a parent record (line items of an order)", async () => {
    const scope = sellApi()
      .get("/v2/orders/33/line_items")
      .query({ page: "1", per_page: "100" })
      .reply(
        200,
        collection(
          range(1, 100).map((id) => ({ id })),
          "line_item",
          `${SELL}/v2/orders/33/line_items?page=2&per_page=100`,
        ),
      )
      .get("/v2/orders/33/line_items")
      .query({ page: "2", per_page: "100" })
      .reply(200, collection([{ id: 101 }], "line_item"));
    const result = (await run("listLineItems", { orderId: "33", fetchAll: true })) as {
      data: { meta: unknown };
    };
    scope.done();
    expect(result.data.meta).toEqual({
      type: "collection",
      count: 101,
      links: {},
      truncated: false,
    });
  });
});
