/**
 * Create, update, upsert and delete: exact method, path, query and body on the wire, and the
 * output. Bodies are matched as whole objects, so a field sent that should not be (tags: [],
 * resource_id in legacy Update Note, inclusive in the body) fails the match.
 */
import { instantRetries, sellApi, sellError } from "../helpers/sell";
import {
  actionFailure,
  customFieldDefinitions,
  recordingLogger,
  run,
  unmatchedRequests,
} from "./support";

const sent = unmatchedRequests();

const single = (data: Record<string, unknown>, type: string) => ({ data, meta: { type } });

describe("deletes", () => {
  it.each<[string, Record<string, unknown>, string]>([
    ["deleteLead", { id: "5" }, "/v2/leads/5"],
    ["deleteContact", { id: "5" }, "/v2/contacts/5"],
    ["deleteDeal", { id: "5" }, "/v2/deals/5"],
    ["deleteNote", { id: "5" }, "/v2/notes/5"],
    ["deleteTask", { id: "5" }, "/v2/tasks/5"],
    ["deleteOrder", { id: "5" }, "/v2/orders/5"],
    ["deleteProduct", { id: "5" }, "/v2/products/5"],
    ["deleteTag", { id: "5" }, "/v2/tags/5"],
    ["deleteCall", { id: "5" }, "/v2/calls/5"],
    ["deleteLeadSource", { id: "5" }, "/v2/lead_sources/5"],
    ["deleteDealSource", { id: "5" }, "/v2/deal_sources/5"],
    ["deleteLossReason", { id: "5" }, "/v2/loss_reasons/5"],
    ["deleteDealUnqualifiedReason", { id: "5" }, "/v2/deal_unqualified_reasons/5"],
    ["deleteLineItem", { orderId: "3", id: "5" }, "/v2/orders/3/line_items/5"],
  ])("%s sends DELETE and returns { data: null } on Sell's 204", async (key, params, path) => {
    const scope = sellApi().delete(path).query({}).reply(204);
    await expect(run(key, params)).resolves.toStrictEqual({ data: null });
    scope.done();
  });

  it("a 404 on delete says to check the ID", async () => {
    const scope = sellApi()
      .delete("/v2/leads/404")
      .reply(
        404,
        sellError(
          "404 Not Found",
          [{ code: "not_found", message: "Resource not found" }],
          "lr-404",
        ),
      );
    const error = await actionFailure("deleteLead", { id: "404" });
    expect(error.message).toBe(
      "Zendesk Sell rejected DELETE /v2/leads/404 (404 Not Found): Resource not found. Check that the ID is right and that the connected user can see the record. (logref lr-404)",
    );
    scope.done();
  });
});

describe("tags", () => {
  it.each<[string, unknown]>([
    ["an empty list", []],
    ["a list of blanks", ["", "  "]],
    ["an empty string", ""],
    ["undefined", undefined],
  ])("createDeal never sends tags for %s", async (_, tags) => {
    const scope = sellApi()
      .post("/v2/deals", { data: { name: "Deal", contact_id: 1 } })
      .query({})
      .reply(200, single({ id: 1, name: "Deal", tags: ["old"] }, "deal"));
    await expect(run("createDeal", { name: "Deal", contactId: "1", tags })).resolves.toEqual({
      data: single({ id: 1, name: "Deal", tags: ["old"] }, "deal"),
    });
    scope.done();
  });

  it("updateDeal with an empty tag list leaves the tags alone", async () => {
    const scope = sellApi()
      .put("/v2/deals/8", { data: { name: "Renamed" } })
      .reply(200, single({ id: 8, name: "Renamed", tags: ["keep"] }, "deal"));
    await run("updateDeal", { id: "8", name: "Renamed", tags: [] });
    scope.done();
  });

  it("updateDeal with only an empty tag list is refused instead of sending nothing", async () => {
    const error = await actionFailure("updateDeal", { id: "8", tags: [] });
    expect(error.message).toBe("Update Deal: no field to change was given: set at least one field");
    expect(sent).toEqual([]);
  });

  it("createDeal and updateDeal send a non-empty tag list, trimmed", async () => {
    const scope = sellApi()
      .post("/v2/deals", { data: { name: "Deal", contact_id: 1, tags: ["vip", "hot lead"] } })
      .reply(200, single({ id: 1 }, "deal"))
      .put("/v2/deals/1", { data: { tags: ["vip"] } })
      .reply(200, single({ id: 1 }, "deal"));
    await run("createDeal", { name: "Deal", contactId: "1", tags: ["vip", " hot lead ", ""] });
    await run("updateDeal", { id: "1", tags: ["vip"] });
    scope.done();
  });
});

describe("bodies", () => {
  it("createLead sends custom fields as an object keyed by name, and groups flattened", async () => {
    // Writes read the custom field definitions first, to type the values.
    customFieldDefinitions(sellApi(), "lead", { "Known via": "string", Budget: "string" });
    const body = {
      data: {
        last_name: "Johnson",
        organization_name: "Design Services",
        address: { line1: "2726 Smith Street", city: "Hyannis", postal_code: "02601" },
        email: "mark@example.com",
        custom_fields: { "Known via": "Tom", Budget: "1000.50" },
        tags: ["important"],
        owner_id: 12,
        source_id: 3,
        status: "New",
      },
    };
    const scope = sellApi()
      .post("/v2/leads", body)
      .query({})
      .reply(200, single({ id: 1, ...body.data }, "lead"));
    const result = await run("createLead", {
      lastName: "Johnson",
      organizationName: "Design Services",
      address: '{"line1": "2726 Smith Street", "city": "Hyannis", "postal_code": "02601"}',
      contactInfo: { email: " mark@example.com " },
      customFields: [
        { key: "Known via", value: "Tom" },
        { key: "Budget", value: "1000.50" },
      ],
      tags: ["important"],
      additionalFields: { ownerId: "12", sourceId: "3", status: "New" },
    });
    scope.done();
    expect(result).toEqual({ data: single({ id: 1, ...body.data }, "lead") });
  });

  it("createDeal sends value as a decimal string, currency upper-case and IDs as numbers", async () => {
    const scope = sellApi()
      .post("/v2/deals", {
        data: {
          name: "Deal",
          value: "1000.50",
          currency: "EUR",
          customized_win_likelihood: 40,
          contact_id: 1,
          stage_id: 22,
          added_at: "2026-01-02T03:04:05Z",
        },
      })
      .reply(200, single({ id: 1 }, "deal"));
    await run("createDeal", {
      name: "Deal",
      value: " 1000.50 ",
      currency: "eur",
      customizedWinLikelihood: "40",
      contactId: "1",
      stageId: 22,
      addedAt: "2026-01-02T03:04:05Z",
    });
    scope.done();
  });

  it("createContact as an organization sends is_organization and parent_organization_id", async () => {
    const scope = sellApi()
      .post("/v2/contacts", {
        data: { is_organization: true, name: "Acme", parent_organization_id: 9 },
      })
      .reply(200, single({ id: 10, is_organization: true, name: "Acme" }, "contact"));
    await expect(
      run("createContact", {
        isOrganization: "true",
        name: "Acme",
        additionalFields: { parentOrganizationId: "9" },
      }),
    ).resolves.toEqual({
      data: single({ id: 10, is_organization: true, name: "Acme" }, "contact"),
    });
    scope.done();
  });

  it("createContact as a person in an organization sends contact_id", async () => {
    const scope = sellApi()
      .post("/v2/contacts", {
        data: {
          first_name: "Mark",
          last_name: "Johnson",
          billing_address: { city: "Boston" },
          contact_id: 10,
          customer_status: "current",
        },
      })
      .reply(200, single({ id: 11 }, "contact"));
    await run("createContact", {
      firstName: "Mark",
      lastName: "Johnson",
      addresses: { billingAddress: { city: "Boston" } },
      additionalFields: { contactId: "10", customerStatus: "current" },
    });
    scope.done();
  });

  it("createLineItem puts the order in the path, not in the body", async () => {
    const scope = sellApi()
      .post("/v2/orders/33/line_items", {
        data: { product_id: 5, currency: "USD", quantity: 2, variation: "-10" },
      })
      .reply(200, single({ id: 1, product_id: 5 }, "line_item"));
    await run("createLineItem", {
      orderId: "33",
      productId: "5",
      currency: "usd",
      quantity: "2",
      variation: "-10",
    });
    scope.done();
  });

  it("updateOrder sends only the discount", async () => {
    const scope = sellApi()
      .put("/v2/orders/3", { data: { discount: 0 } })
      .reply(200, single({ id: 3, discount: 0 }, "order"));
    await expect(run("updateOrder", { id: "3", discount: "0" })).resolves.toEqual({
      data: single({ id: 3, discount: 0 }, "order"),
    });
    scope.done();
  });
});

describe("omitted groups and lists", () => {
  const empties: Array<[string, unknown]> = [
    ["undefined", undefined],
    ["an empty string", ""],
    ["null", null],
  ];

  it.each(empties)(
    "createContact with every group and list %s sends only what was given",
    async (_, empty) => {
      const scope = sellApi()
        .post("/v2/contacts", { data: { last_name: "Johnson" } })
        .reply(200, single({ id: 1 }, "contact"));
      await run("createContact", {
        lastName: "Johnson",
        contactInfo: empty,
        addresses: empty,
        additionalFields: empty,
        customFields: empty,
        tags: empty,
      });
      scope.done();
    },
  );

  it.each(empties)(
    "createLead, updateDeal, upsertLead and createNote with groups and lists %s",
    async (_, empty) => {
      const scope = sellApi()
        .post("/v2/leads", { data: { organization_name: "Acme" } })
        .reply(200, single({ id: 1 }, "lead"))
        .put("/v2/deals/2", { data: { name: "D" } })
        .reply(200, single({ id: 2 }, "deal"))
        .post("/v2/leads/upsert", { data: { last_name: "J", email: "j@example.com" } })
        .query({ email: "j@example.com" })
        .reply(200, single({ id: 3 }, "lead"))
        .post("/v2/notes", { data: { content: "Hi", resource_type: "lead", resource_id: 1 } })
        .reply(200, single({ id: 4 }, "note"));
      await run("createLead", {
        organizationName: "Acme",
        contactInfo: empty,
        additionalFields: empty,
        customFields: empty,
        tags: empty,
      });
      await run("updateDeal", { id: "2", name: "D", customFields: empty, tags: empty });
      await run("upsertLead", {
        lastName: "J",
        contactInfo: empty,
        addresses: empty,
        customFields: empty,
        additionalFields: empty,
        filterableCustomFields: [{ key: "email", value: "j@example.com" }],
      });
      await run("createNote", {
        content: "Hi",
        resourceType: "lead",
        resourceId: "1",
        tags: empty,
      });
      scope.done();
    },
  );
});

describe("upsert", () => {
  it("upsertContact sends filters and inclusive as query parameters, and the body carries every filter", async () => {
    customFieldDefinitions(sellApi(), "contact", { "External ID": "string", Region: "string" });
    customFieldDefinitions(sellApi(), "prospect_and_customer", { Tier: "list" });
    // A creator_id filter must be the connected user: a record the upsert creates is theirs.
    sellApi()
      .get("/v2/users/self")
      .reply(200, single({ id: 7, name: "Ada" }, "user"));
    const scope = sellApi()
      .post("/v2/contacts/upsert", {
        data: {
          last_name: "Johnson",
          email: "mark@example.com",
          custom_fields: { "External ID": "ext-1", Region: "EU" },
          owner_id: 8,
          address: { city: "Boston" },
        },
      })
      .query({
        email: "mark@example.com",
        "custom_fields[External ID]": "ext-1",
        "custom_fields[Region]": "EU",
        "address[city]": "Boston",
        inclusive: "false",
        creator_id: "7",
      })
      .reply(200, single({ id: 1, last_name: "Johnson" }, "contact"));
    const result = await run("upsertContact", {
      lastName: "Johnson",
      contactInfo: { email: "mark@example.com" },
      customFields: [{ key: "External ID", value: "ext-1" }],
      filterableCustomFields: [
        { key: "email", value: "mark@example.com" },
        { key: "External ID", value: "ext-1" },
        { key: "custom_fields[Region]", value: "EU" },
        { key: "address[city]", value: "Boston" },
      ],
      additionalFields: { inclusive: "false", creatorId: "7", ownerId: "8" },
    });
    scope.done();
    expect(result).toEqual({ data: single({ id: 1, last_name: "Johnson" }, "contact") });
  });

  it("upsertLead maps a bare name to custom_fields[Name] and keeps known filters", async () => {
    customFieldDefinitions(sellApi(), "lead", { "Lead Score": "number" });
    const scope = sellApi()
      .post("/v2/leads/upsert", {
        data: { organization_name: "Acme", status: "New", custom_fields: { "Lead Score": 7 } },
      })
      .query({ organization_name: "Acme", "custom_fields[Lead Score]": "7" })
      .reply(200, single({ id: 2 }, "lead"));
    await run("upsertLead", {
      organizationName: "Acme",
      filterableCustomFields: [
        { key: "organization_name", value: "Acme" },
        { key: "Lead Score", value: "7" },
      ],
      additionalFields: { status: "New" },
    });
    scope.done();
  });

  it("a 409 says the filters matched more than one record", async () => {
    const scope = sellApi()
      .post("/v2/contacts/upsert", { data: { last_name: "Johnson" } })
      .query({ last_name: "Johnson" })
      .reply(
        409,
        sellError(
          "409 Conflict",
          [{ code: "conflict", message: "More than one contact matches the filters" }],
          "lr-409",
        ),
      );
    const error = await actionFailure("upsertContact", {
      lastName: "Johnson",
      filterableCustomFields: [{ key: "last_name", value: "Johnson" }],
    });
    scope.done();
    expect(error.message).toBe(
      "Zendesk Sell rejected POST /v2/contacts/upsert (409 Conflict): More than one contact matches the filters. The upsert filters matched more than one record: add filters until they identify a single record. (logref lr-409)",
    );
  });

  it("an upsert is safe to repeat: a 503 is retried", async () => {
    const retry = instantRetries();
    try {
      const scope = sellApi()
        .post("/v2/leads/upsert", { data: { last_name: "Johnson", email: "a@b.example" } })
        .query({ email: "a@b.example" })
        .reply(503)
        .post("/v2/leads/upsert", { data: { last_name: "Johnson", email: "a@b.example" } })
        .query({ email: "a@b.example" })
        .reply(200, single({ id: 2 }, "lead"));
      await expect(
        run("upsertLead", {
          lastName: "Johnson",
          filterableCustomFields: [{ key: "email", value: "a@b.example" }],
        }),
      ).resolves.toEqual({ data: single({ id: 2 }, "lead") });
      scope.done();
      expect(retry.delays).toHaveLength(1);
    } finally {
      retry.restore();
    }
  });

  // A filter whose value is empty (a reference that resolved to "") would be dropped from the
  // query, so the upsert would match nothing and create a record on every run.
  it("refuses a filter whose value is empty (nothing sent)", async () => {
    const error = await actionFailure("upsertContact", {
      lastName: "Johnson",
      filterableCustomFields: [{ key: "email", value: "" }],
    });
    expect(sent).toEqual([]);
    expect(error.message).toBe(
      "Filters: filter 'email' has no value: every filter needs one, or Sell could update or create the wrong record; no request was sent",
    );
  });
});

describe("updateNote", () => {
  it("legacy mode: no Note ID, Resource ID and no Resource Type PUTs /v2/notes/{resourceId}", async () => {
    const { lines, logger } = recordingLogger();
    const scope = sellApi()
      .put("/v2/notes/55", { data: { content: "New text", is_important: true } })
      .query({})
      .reply(200, single({ id: 55, content: "New text" }, "note"));
    const result = await run(
      "updateNote",
      { resourceId: "55", content: "New text", isImportant: "true" },
      { logger },
    );
    scope.done();
    expect(result).toEqual({ data: single({ id: 55, content: "New text" }, "note") });
    expect(lines.warn).toEqual([
      "Update Note: no Note ID given; using Resource ID 55 as the note's ID (older behaviour). Set Note ID instead.",
    ]);
  });

  it("with Note ID, Resource Type and Resource ID move the note (sent in the body)", async () => {
    const { lines, logger } = recordingLogger();
    const scope = sellApi()
      .put("/v2/notes/7", {
        data: { content: "Moved", resource_type: "deal", resource_id: 55 },
      })
      .reply(200, single({ id: 7, resource_type: "deal", resource_id: 55 }, "note"));
    await run(
      "updateNote",
      { id: "7", content: "Moved", resourceType: "deal", resourceId: "55" },
      { logger },
    );
    scope.done();
    expect(lines.warn).toEqual([]);
  });

  it("with Note ID only the given fields are sent", async () => {
    const scope = sellApi()
      .put("/v2/notes/7", { data: { tags: ["a"], type: "restricted" } })
      .reply(200, single({ id: 7 }, "note"));
    await run("updateNote", { id: "7", tags: ["a"], type: "Restricted" });
    scope.done();
  });
});

describe("Sell's errors", () => {
  it("a 422 names the field and the logref", async () => {
    const scope = sellApi()
      .post("/v2/leads", { data: { organization_name: "Acme" } })
      .reply(
        422,
        sellError(
          "422 Unprocessable Entity",
          [
            {
              code: "blank",
              message: "can't be blank",
              field: "/data/last_name",
              resource: "lead",
            },
          ],
          "6f2a1c",
        ),
      );
    const error = await actionFailure("createLead", { organizationName: "Acme" });
    scope.done();
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe(
      "Zendesk Sell rejected POST /v2/leads (422 Unprocessable Entity): last_name — can't be blank. (logref 6f2a1c)",
    );
  });

  it("a 422 with several errors lists them all", async () => {
    const scope = sellApi()
      .post("/v2/deals")
      .reply(
        422,
        sellError(
          "422 Unprocessable Entity",
          [
            { code: "invalid", message: "is invalid", field: "/data/stage_id" },
            { code: "invalid", message: "is not a valid currency", field: "/data/currency" },
          ],
          "lr-2",
        ),
      );
    const error = await actionFailure("createDeal", {
      name: "D",
      contactId: "1",
      stageId: "99",
      currency: "XYZ",
    });
    scope.done();
    expect(error.message).toBe(
      "Zendesk Sell rejected POST /v2/deals (422 Unprocessable Entity): stage_id — is invalid; currency — is not a valid currency. (logref lr-2)",
    );
  });

  it("a create is not retried after a 503 (it may have reached Sell)", async () => {
    const scope = sellApi()
      .post("/v2/leads", { data: { last_name: "Johnson" } })
      .reply(503);
    const error = await actionFailure("createLead", { lastName: "Johnson" });
    scope.done();
    expect(error.message).toBe(
      "Zendesk Sell failed on POST /v2/leads (503 Service Unavailable): empty body. The request may still have been carried out: check Sell before repeating it.",
    );
  });

  it("an update is retried after a 503", async () => {
    const retry = instantRetries();
    try {
      const scope = sellApi()
        .put("/v2/leads/4", { data: { last_name: "Johnson" } })
        .reply(503)
        .put("/v2/leads/4", { data: { last_name: "Johnson" } })
        .reply(200, single({ id: 4 }, "lead"));
      await expect(run("updateLead", { id: "4", lastName: "Johnson" })).resolves.toEqual({
        data: single({ id: 4 }, "lead"),
      });
      scope.done();
    } finally {
      retry.restore();
    }
  });
});
