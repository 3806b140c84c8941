/**
 * Bad input is refused before anything is sent: the error names the input by its label (a group
 * input as "Group › Label") and says what is expected. No nock interceptor is declared in this
 * file's refusal tests, and every request that reaches nock is recorded, so "nothing was sent"
 * is asserted, not assumed.
 */
import { sellApi } from "../helpers/sell";
import { actionFailure, run, unmatchedRequests } from "./support";

const sent = unmatchedRequests();

/** Asserts the action fails with exactly `message` and that no request left. */
async function refuses(key: string, params: Record<string, unknown>, message: string) {
  const error = await actionFailure(key, params);
  expect(error).toBeInstanceOf(Error);
  expect(error.message).toBe(message);
  expect(sent).toEqual([]);
}

const ID_PROBLEM = "must be a Sell ID (a positive whole number)";

describe("IDs", () => {
  it.each(["12/../users", "abc", "-3", "1.5", "0", "12 13", "1e3"])(
    "getLead refuses the ID %j",
    async (id) => {
      await refuses("getLead", { id }, `Lead ID: ${ID_PROBLEM}, got '${id}'`);
    },
  );

  it("an ID inside a group is named 'Group › Label'", async () => {
    await refuses(
      "createLead",
      { lastName: "Johnson", additionalFields: { ownerId: "x" } },
      `Additional Fields › Owner ID: ${ID_PROBLEM}, got 'x'`,
    );
  });

  it("an ID list with a bad entry is refused", async () => {
    await refuses("listLeads", { ids: "1, two" }, `IDs: ${ID_PROBLEM}, got 'two'`);
  });

  it("a missing record ID is refused (no PUT /v2/leads/ is sent)", async () => {
    await refuses("updateLead", { lastName: "Johnson" }, "Lead ID: is required");
  });
});

describe("numbers", () => {
  it.each(["101", "abc", "-1", "40.5"])(
    "createDeal refuses Customized Win Likelihood %j",
    async (value) => {
      await refuses(
        "createDeal",
        { name: "Deal", contactId: "1", customizedWinLikelihood: value },
        `Customized Win Likelihood: must be a whole number between 0 and 100, got '${value}'`,
      );
    },
  );

  it("createOrder refuses a negative discount", async () => {
    await refuses(
      "createOrder",
      { dealId: "1", discount: "-1" },
      "Discount: must be a whole number between 0 and 100, got '-1'",
    );
  });

  it.each(["0", "101"])("listLeads refuses Pagination › Per Page %j", async (perPage) => {
    await refuses(
      "listLeads",
      { pagination: { perPage } },
      `Pagination › Per Page: must be a whole number between 1 and 100, got '${perPage}'`,
    );
  });

  it("listLeads refuses Pagination › Page 0", async () => {
    await refuses(
      "listLeads",
      { pagination: { page: "0" } },
      "Pagination › Page: must be a whole number of at least 1, got '0'",
    );
  });

  it("listLeads refuses Max Items 0", async () => {
    await refuses(
      "listLeads",
      { fetchAll: true, maxItems: "0" },
      "Max Items: must be a whole number of at least 1, got '0'",
    );
  });

  it("getLeadsStream refuses a limit of 500", async () => {
    await refuses(
      "getLeadsStream",
      { position: "tail", limit: "500" },
      "Limit: must be a whole number between 1 and 100, got '500'",
    );
  });

  it.each(["12,5", "1.000,50", "$100", "1e3", "12."])(
    "createDeal refuses the decimal value %j",
    async (value) => {
      await refuses(
        "createDeal",
        { name: "Deal", contactId: "1", value },
        `Value: must be a number like 1000 or 1000.50, got '${value}'`,
      );
    },
  );
});

describe("booleans", () => {
  it("a tri-state refuses 'maybe'", async () => {
    await refuses(
      "createDeal",
      { name: "Deal", contactId: "1", hot: "maybe" },
      "Hot: must be true or false, got 'maybe'",
    );
  });

  it.each<[unknown, boolean]>([
    [true, true],
    ["true", true],
    ["yes", true],
    ["1", true],
    ["TRUE", true],
    [false, false],
    ["false", false],
    ["no", false],
    ["0", false],
  ])("accepts %j and sends hot: %j", async (hot, expected) => {
    const scope = sellApi()
      .post("/v2/deals", { data: { name: "Deal", contact_id: 1, hot: expected } })
      .query({})
      .reply(200, { data: { id: 9, name: "Deal", hot: expected }, meta: { type: "deal" } });
    await expect(run("createDeal", { name: "Deal", contactId: "1", hot })).resolves.toEqual({
      data: { data: { id: 9, name: "Deal", hot: expected }, meta: { type: "deal" } },
    });
    scope.done();
  });

  it("a tri-state left at '(not set)' sends nothing", async () => {
    const scope = sellApi()
      .post("/v2/deals", { data: { name: "Deal", contact_id: 1 } })
      .reply(200, { data: { id: 9 }, meta: { type: "deal" } });
    await run("createDeal", { name: "Deal", contactId: "1", hot: "" });
    scope.done();
  });
});

describe("dates and date-times", () => {
  it.each(["2026-02-30", "tomorrow", "2026-13-01", "31/12/2026", "2026-1-5"])(
    "createDeal refuses the estimated close date %j",
    async (estimatedCloseDate) => {
      await refuses(
        "createDeal",
        { name: "Deal", contactId: "1", estimatedCloseDate },
        `Estimated Close Date: must be a date like 2026-12-31, got '${estimatedCloseDate}'`,
      );
    },
  );

  it.each(["31/12/2026", "2026-02-30T10:00:00Z", "noon", "2026-12-31T25:00:00Z"])(
    "createTask refuses the due date %j",
    async (dueDate) => {
      await refuses(
        "createTask",
        { content: "Call back", dueDate },
        `Due Date: must be an ISO 8601 date and time like 2026-12-31T17:00:00Z, got '${dueDate}'`,
      );
    },
  );

  it.each([
    ["2026-12-31T17:00:00+02:00", "2026-12-31T15:00:00Z"],
    ["2026-12-31", "2026-12-31T00:00:00Z"],
    ["2026-12-31T17:00:00", "2026-12-31T17:00:00Z"],
    ["2026-12-31T17:00:00.750-0500", "2026-12-31T22:00:00Z"],
    ["2026-12-31 23:30Z", "2026-12-31T23:30:00Z"],
  ])("createTask sends the due date %j as %j (UTC, second precision)", async (dueDate, utc) => {
    const scope = sellApi()
      .post("/v2/tasks", { data: { content: "Call back", due_date: utc } })
      .reply(200, { data: { id: 3, due_date: utc }, meta: { type: "task" } });
    await expect(run("createTask", { content: "Call back", dueDate })).resolves.toEqual({
      data: { data: { id: 3, due_date: utc }, meta: { type: "task" } },
    });
    scope.done();
  });

  it("a date keeps the date part of a full ISO timestamp as written", async () => {
    const scope = sellApi()
      .post("/v2/deals", {
        data: { name: "Deal", contact_id: 1, estimated_close_date: "2026-12-31" },
      })
      .reply(200, { data: { id: 1 }, meta: { type: "deal" } });
    await run("createDeal", {
      name: "Deal",
      contactId: "1",
      estimatedCloseDate: "2026-12-31T23:30:00-05:00",
    });
    scope.done();
  });
});

describe("choices", () => {
  it("createNote refuses an unknown resource type", async () => {
    await refuses(
      "createNote",
      { content: "Hi", resourceType: "company", resourceId: "1" },
      "Resource Type: must be one of lead, contact, deal, got 'company'",
    );
  });

  it("listContacts refuses an unknown customer status (in a group)", async () => {
    await refuses(
      "listContacts",
      { additionalFields: { customerStatus: "gold" } },
      "Additional Fields › Customer Status: must be one of none, current, past, got 'gold'",
    );
  });

  it("listLeads refuses an unknown sort field", async () => {
    await refuses(
      "listLeads",
      { additionalFields: { sortBy: "banana" } },
      "Additional Fields › Sort By: must be one of id, first_name, last_name, organization_name, created_at, updated_at (optionally followed by :asc or :desc), or custom_fields:<name>; got 'banana'",
    );
  });

  it("listOrder refuses a sort direction other than asc/desc", async () => {
    await refuses(
      "listOrder",
      { sortBy: "id:sideways" },
      "Sort By: must be one of id, created_at, updated_at (optionally followed by :asc or :desc), or custom_fields:<name>; got 'id:sideways'",
    );
  });

  it("listCustomFields refuses a resource type without custom fields", async () => {
    await refuses(
      "listCustomFields",
      { resourceType: "orders" },
      "Resource Type: must be one of lead, contact, deal, prospect_and_customer, got 'orders'",
    );
  });

  it("getStream refuses a resource that would climb out of /v3", async () => {
    await refuses(
      "getStream",
      { resource: "../users", position: "tail" },
      "Resource: must be one of leads, contacts, deals, associated_contacts, notes, tasks, orders, line_items, products, stages, users, custom_fields, sources, tags, calls, visits, appointments, collaborations, documents, got '../users'",
    );
  });

  it("getStream requires a resource", async () => {
    await refuses("getStream", { position: "tail" }, "Resource: is required");
  });

  it("a stream requires a position", async () => {
    await refuses("getDealsStream", {}, "Position: is required");
  });
});

describe("JSON inputs", () => {
  it("createLead refuses an address that is not JSON", async () => {
    await refuses(
      "createLead",
      { lastName: "Johnson", address: "{not json" },
      'Address: must be an address written as JSON, e.g. {"city": "Boston"}; it could not be read as JSON',
    );
  });

  it("createLead refuses an address with an unknown part", async () => {
    await refuses(
      "createLead",
      { lastName: "Johnson", address: '{"street": "x"}' },
      "Address: has unknown address part street; use line1, city, postal_code, state, country",
    );
  });

  it("createContact refuses a billing address that is a JSON array", async () => {
    await refuses(
      "createContact",
      { lastName: "Johnson", addresses: { billingAddress: "[1]" } },
      "Addresses › Billing Address: must be an address (a JSON object), got '[1]'",
    );
  });

  it("createLead refuses custom fields that name the same field twice", async () => {
    await refuses(
      "createLead",
      {
        lastName: "Johnson",
        customFields: [
          { key: "Known via", value: "Tom" },
          { key: "Known via", value: "Ann" },
        ],
      },
      "Custom Fields: names custom field 'Known via' twice",
    );
  });
});

describe("other formats", () => {
  it("createDeal refuses a currency that is not an ISO 4217 code", async () => {
    await refuses(
      "createDeal",
      { name: "Deal", contactId: "1", currency: "dollars" },
      "Currency: must be a 3-letter ISO 4217 currency code such as USD, got 'dollars'",
    );
  });

  it("createContact refuses an email address without a domain", async () => {
    await refuses(
      "createContact",
      { lastName: "Johnson", contactInfo: { email: "mark@" } },
      "Contact Information › Email: must be an email address like mark@example.com, got 'mark@'",
    );
  });
});

describe("rules across inputs", () => {
  it("a person needs a last name", async () => {
    await refuses(
      "createContact",
      { firstName: "Mark" },
      "Last Name: is required for a person (set Is Organization to True to create an organization)",
    );
  });

  it("an organization needs a name", async () => {
    await refuses(
      "createContact",
      { isOrganization: "true", lastName: "Johnson" },
      "Organization Name: is required when Is Organization is True",
    );
  });

  it("an organization cannot belong to an organization (Contact ID)", async () => {
    await refuses(
      "createContact",
      { isOrganization: "true", name: "Acme", additionalFields: { contactId: "5" } },
      "Additional Fields › Contact ID: applies to people only; for an organization use Parent Organization ID",
    );
  });

  it("a person cannot have a parent organization", async () => {
    await refuses(
      "createContact",
      { lastName: "Johnson", additionalFields: { parentOrganizationId: "5" } },
      "Additional Fields › Parent Organization ID: applies to organizations only; for a person use Contact ID",
    );
  });

  it("a lead needs a last name or an organization name", async () => {
    await refuses(
      "createLead",
      { firstName: "Mark", contactInfo: { email: "mark@example.com" } },
      "Last Name: or Organization Name is required: a lead is a person (Last Name), an organization (Organization Name), or both",
    );
  });

  describe.each(["upsertContact", "upsertLead"])("%s", (key) => {
    it("refuses an empty filter list", async () => {
      await refuses(
        key,
        { lastName: "Johnson", filterableCustomFields: [] },
        "Filters: is required",
      );
    });

    it("refuses when only Inclusive is set", async () => {
      await refuses(
        key,
        {
          lastName: "Johnson",
          filterableCustomFields: [],
          additionalFields: { inclusive: "true" },
        },
        "Filters: is required",
      );
    });

    it("refuses a filter list whose only pair is inclusive", async () => {
      await refuses(
        key,
        { lastName: "Johnson", filterableCustomFields: [{ key: "inclusive", value: "false" }] },
        "Filters: needs at least one filter on the record's own attributes (for example email = mark@example.com, or a filterable custom field) so Sell can find the record to update; no request was sent",
      );
    });
  });

  it("updateLead refuses an update without any field", async () => {
    await refuses(
      "updateLead",
      {
        id: "5",
        firstName: "",
        tags: [],
        customFields: [],
        contactInfo: {},
        additionalFields: undefined,
      },
      "Update Lead: no field to change was given: set at least one field",
    );
  });

  it("updateNote refuses a call with neither Note ID nor a legacy Resource ID", async () => {
    await refuses(
      "updateNote",
      { content: "New text" },
      "Note ID: is required: choose the note to update",
    );
  });

  it("updateNote does not take Resource ID as the note's ID when Resource Type is set", async () => {
    await refuses(
      "updateNote",
      { content: "New text", resourceType: "deal", resourceId: "55" },
      "Note ID: is required: choose the note to update",
    );
  });

  it("updateNote with Note ID and Resource Type needs Resource ID", async () => {
    await refuses(
      "updateNote",
      { id: "7", content: "New text", resourceType: "deal" },
      "Resource ID: is required when the other of Resource Type / Resource ID is set",
    );
  });

  it("createTask with a Resource ID needs a Resource Type", async () => {
    await refuses(
      "createTask",
      { content: "Call back", resourceId: "12" },
      "Resource Type: is required when the other of Resource Type / Resource ID is set",
    );
  });

  it("listTasks with a Resource Type needs a Resource ID", async () => {
    await refuses(
      "listTasks",
      { additionalFields: { resourceType: "lead" } },
      "Resource ID: is required when the other of Resource Type / Resource ID is set",
    );
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["createNote", { resourceType: "lead", resourceId: "1" }, "Content: is required"],
    ["createDeal", { name: "Deal" }, "Contact ID: is required"],
    ["createDeal", { contactId: "1" }, "Name: is required"],
    ["createOrder", { discount: "10" }, "Deal ID: is required"],
    ["updateOrder", { id: "3" }, "Discount: is required"],
    ["listCustomFields", {}, "Resource Type: is required"],
    ["createLineItem", { productId: "1", currency: "USD" }, "Order ID: is required"],
  ])("%s without a required input: %j", async (key, params, message) => {
    await refuses(key, params, message);
  });
});

describe("rawRequest", () => {
  const raw = (params: Record<string, unknown>) => ({ method: "GET", ...params });

  it.each([
    ["https://evil.example.com/v2/leads", "https://evil.example.com"],
    ["http://api.getbase.com/v2/leads", "http://api.getbase.com"],
    ["https://api.getbase.com@evil.example.com/v2/leads", "https://evil.example.com"],
    [
      "https://api.getbase.com.evil.example.com/v2/leads",
      "https://api.getbase.com.evil.example.com",
    ],
  ])("refuses the absolute URL %j on another origin", async (url, origin) => {
    await refuses(
      "rawRequest",
      raw({ url }),
      `URL: must be a path on https://api.getbase.com (such as /leads); requests to ${origin} are refused so the token never leaves Sell`,
    );
  });

  it("refuses a protocol-relative URL", async () => {
    await refuses(
      "rawRequest",
      raw({ url: "//evil.example.com/x" }),
      "URL: must be a path on https://api.getbase.com (such as /leads); requests to https://evil.example.com are refused so the token never leaves Sell",
    );
  });

  it.each([
    "/../oauth2/token",
    "leads/../../oauth2/token",
    "/%2e%2e/oauth2/token",
    "https://api.getbase.com/oauth2/token",
  ])("refuses %j, which climbs out of /v2", async (url) => {
    await refuses(
      "rawRequest",
      raw({ url }),
      "URL: must stay under /v2/ (API Version v2); got /oauth2/token",
    );
  });

  it("refuses a v3 path that climbs into /v2", async () => {
    await refuses(
      "rawRequest",
      raw({ url: "/leads/../../v2/leads", version: "v3" }),
      "URL: must stay under /v3/ (API Version v3); got /v2/leads",
    );
  });

  it("refuses Data that is not JSON", async () => {
    await refuses(
      "rawRequest",
      raw({ url: "/leads", method: "POST", data: "{last_name: Johnson}" }),
      'Data: must be JSON (Sell only accepts JSON bodies), e.g. {"data": {"last_name": "Johnson"}}',
    );
  });

  it("refuses Data combined with Form Data", async () => {
    await refuses(
      "rawRequest",
      raw({
        url: "/leads",
        method: "POST",
        data: '{"data": {"last_name": "Johnson"}}',
        formData: [{ key: "name", value: "x" }],
      }),
      "Data: cannot be combined with Form Data or File Data: send either a JSON body or a multipart form",
    );
  });

  it("refuses an unknown method", async () => {
    await refuses(
      "rawRequest",
      raw({ url: "/leads", method: "FETCH" }),
      "Method: must be one of DELETE, GET, HEAD, LINK, OPTIONS, PATCH, POST, PURGE, PUT, UNLINK, got 'FETCH'",
    );
  });

  it("refuses a Max Retry Count above 10", async () => {
    await refuses(
      "rawRequest",
      raw({ url: "/leads", maxRetries: "11" }),
      "Max Retry Count: must be a whole number between 0 and 10, got '11'",
    );
  });
});
