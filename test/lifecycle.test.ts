/**
 * The lead-to-customer actions and the hand-written parts of the API, against nock: conversion,
 * find-or-create, stage moves, search, and custom field typing. Each test pins the exact requests
 * (and proves that bad input sends none).
 */
import contactFixture from "../src/resources/examples/contact.json";
import dealFixture from "../src/resources/examples/deal.json";
import leadFixture from "../src/resources/examples/lead.json";
import { harness, newToken, oauthConnection, sellApi, sellError } from "./helpers/sell";

const lead = (fields: Record<string, unknown> = {}) => ({
  data: { ...leadFixture, ...fields },
  meta: { type: "lead" },
});
const collection = (items: Array<Record<string, unknown>>, type: string, next?: string) => ({
  items: items.map((data) => ({ data, meta: { type } })),
  meta: { type: "collection", count: items.length, links: next ? { next_page: next } : {} },
});

describe("convertLead", () => {
  it("checks the lead, then POSTs the conversion once and returns the IDs created", async () => {
    const conversion = {
      id: 9,
      lead_id: 1,
      individual_id: 3,
      organization_id: 4,
      deal_id: 5,
      creator_id: 1,
      created_at: "2026-11-20T12:00:00Z",
    };
    const scope = sellApi()
      .get("/v2/leads/1")
      .reply(200, lead())
      .post("/v2/lead_conversions", { data: { lead_id: 1, owner_id: 7, create_deal: false } })
      .reply(200, { data: conversion, meta: { type: "lead_conversion" } });
    const result = await harness.action("convertLead", {
      connection: oauthConnection(),
      leadId: "1",
      ownerId: "7",
      createDeal: "false",
    });
    scope.done();
    expect(result).toEqual({ data: { data: conversion, meta: { type: "lead_conversion" } } });
  });

  it("creates a deal by default", async () => {
    const scope = sellApi()
      .get("/v2/leads/2")
      .reply(200, lead({ id: 2 }))
      .post("/v2/lead_conversions", { data: { lead_id: 2, create_deal: true } })
      .reply(200, { data: { id: 10, lead_id: 2, deal_id: 6 }, meta: { type: "lead_conversion" } });
    await harness.action("convertLead", { connection: oauthConnection(), leadId: "2" });
    scope.done();
  });

  it("a lead that does not exist or was already converted gets a clear error and no conversion is sent", async () => {
    sellApi()
      .get("/v2/leads/3")
      .reply(404, sellError("404 Not Found", [{ code: "not_found", message: "Not Found" }]));
    await expect(
      harness.action("convertLead", { connection: oauthConnection(), leadId: "3" }),
    ).rejects.toThrow(
      "Lead ID: lead 3 was not found: it does not exist, the connected user cannot see it, or it was already converted (a converted lead is no longer a lead)",
    );
  });

  it("Sell refusing the conversion (e.g. converted meanwhile) surfaces its reason", async () => {
    sellApi()
      .get("/v2/leads/4")
      .reply(200, lead({ id: 4 }))
      .post("/v2/lead_conversions")
      .reply(
        422,
        sellError(
          "422 Unprocessable Entity",
          [
            {
              code: "incorrect_value",
              message: "lead has already been converted",
              field: "/data/lead_id",
            },
          ],
          "lr-c",
        ),
      );
    await expect(
      harness.action("convertLead", { connection: oauthConnection(), leadId: "4" }),
    ).rejects.toThrow(
      "Zendesk Sell rejected POST /v2/lead_conversions (422 Unprocessable Entity): lead_id — lead has already been converted. (logref lr-c)",
    );
  });
});

describe("findOrCreateLead", () => {
  const form = {
    lastName: "Hopper",
    organizationName: "Compiler Works",
    contactInfo: { email: "grace@example.com" },
  };

  it("creates the lead when no lead has that email", async () => {
    const scope = sellApi()
      .get("/v2/leads")
      .query({ email: "grace@example.com", sort_by: "id:asc", per_page: "2" })
      .reply(200, collection([], "lead"))
      .post("/v2/leads", {
        data: {
          last_name: "Hopper",
          organization_name: "Compiler Works",
          email: "grace@example.com",
        },
      })
      .reply(200, lead({ id: 11 }));
    const result = (await harness.action("findOrCreateLead", {
      connection: oauthConnection(),
      ...form,
    })) as { data: { data: { id: number }; meta: unknown } };
    scope.done();
    expect(result.data.data.id).toBe(11);
    expect(result.data.meta).toEqual({ type: "lead", created: true, matches: 0 });
  });

  it("returns the existing lead, without creating or changing it, when the form comes again", async () => {
    const scope = sellApi()
      .get("/v2/leads")
      .query({ email: "grace@example.com", sort_by: "id:asc", per_page: "2" })
      .reply(200, collection([{ ...leadFixture, id: 11 }], "lead"));
    const result = (await harness.action("findOrCreateLead", {
      connection: oauthConnection(),
      ...form,
    })) as { data: { data: { id: number }; meta: unknown } };
    scope.done();
    expect(result.data.data.id).toBe(11);
    expect(result.data.meta).toEqual({ type: "lead", created: false, matches: 1 });
  });

  it("with Update When Found, updates the oldest match with the fields given", async () => {
    const scope = sellApi()
      .get("/v2/leads")
      .query({ email: "grace@example.com", sort_by: "id:asc", per_page: "2" })
      .reply(
        200,
        collection(
          [
            { ...leadFixture, id: 11 },
            { ...leadFixture, id: 12 },
          ],
          "lead",
        ),
      )
      .put("/v2/leads/11", {
        data: {
          last_name: "Hopper",
          organization_name: "Compiler Works",
          email: "grace@example.com",
        },
      })
      .reply(200, lead({ id: 11 }));
    const result = (await harness.action("findOrCreateLead", {
      connection: oauthConnection(),
      ...form,
      updateExisting: "true",
    })) as {
      data: { meta: unknown };
    };
    scope.done();
    expect(result.data.meta).toEqual({ type: "lead", created: false, matches: 2 });
  });

  it("matches on a filterable custom field, typing its value first", async () => {
    const scope = sellApi()
      .get("/v2/lead/custom_fields")
      .reply(200, collection([{ id: 1, name: "External ID", type: "string" }], "custom_field"))
      .get("/v2/leads")
      .query({ "custom_fields[External ID]": "crm-42", sort_by: "id:asc", per_page: "2" })
      .reply(200, collection([], "lead"))
      .post("/v2/leads", {
        data: { last_name: "Hopper", custom_fields: { "External ID": "crm-42" } },
      })
      .reply(200, lead({ id: 13 }));
    await harness.action("findOrCreateLead", {
      connection: oauthConnection(),
      lastName: "Hopper",
      customFields: [{ key: "External ID", value: "crm-42" }],
      matchOn: "custom_field",
      matchCustomField: "External ID",
    });
    scope.done();
  });

  it("needs something to match on, and valid creation data, before any request", async () => {
    await expect(
      harness.action("findOrCreateLead", { connection: oauthConnection(), lastName: "Hopper" }),
    ).rejects.toThrow("Match Value: or Email is required to look for an existing record by email");
    await expect(
      harness.action("findOrCreateLead", {
        connection: oauthConnection(),
        contactInfo: { email: "a@b.co" },
      }),
    ).rejects.toThrow("Last Name: or Organization Name is required");
    await expect(
      harness.action("findOrCreateLead", {
        connection: oauthConnection(),
        lastName: "H",
        matchOn: "custom_field",
      }),
    ).rejects.toThrow("Match Custom Field: is required when Match On is custom_field");
  });
});

describe("findOrCreateContact", () => {
  it("looks up by email and creates a person when none exists", async () => {
    const scope = sellApi()
      .get("/v2/contacts")
      .query({ email: "mark@example.com", sort_by: "id:asc", per_page: "2" })
      .reply(200, collection([], "contact"))
      .post("/v2/contacts", {
        data: { is_organization: false, last_name: "Johnson", email: "mark@example.com" },
      })
      .reply(200, { data: contactFixture, meta: { type: "contact" } });
    await harness.action("findOrCreateContact", {
      connection: oauthConnection(),
      isOrganization: "false",
      lastName: "Johnson",
      contactInfo: { email: "mark@example.com" },
    });
    scope.done();
  });
});

describe("qualifyLead / unqualifyLead", () => {
  it("qualify sets the status and owner", async () => {
    const scope = sellApi()
      .put("/v2/leads/5", { data: { status: "Working", owner_id: 9 } })
      .reply(200, lead({ id: 5, status: "Working" }));
    await harness.action("qualifyLead", {
      connection: oauthConnection(),
      id: "5",
      status: "Working",
      ownerId: "9",
    });
    scope.done();
  });

  it("unqualify sets Unqualified (by default) and the reason, which is required", async () => {
    const scope = sellApi()
      .put("/v2/leads/5", { data: { status: "Unqualified", unqualified_reason_id: 3 } })
      .reply(200, lead({ id: 5, status: "Unqualified" }));
    await harness.action("unqualifyLead", {
      connection: oauthConnection(),
      id: "5",
      unqualifiedReasonId: "3",
    });
    scope.done();
    await expect(
      harness.action("unqualifyLead", { connection: oauthConnection(), id: "5" }),
    ).rejects.toThrow("Unqualified Reason ID: is required");
  });
});

describe("moveDealToStage", () => {
  const stage = (id: number, pipelineId: number, category: string, name: string) => ({
    id,
    name,
    category,
    pipeline_id: pipelineId,
    position: 1,
  });

  it("reads the stage, checks its pipeline, then updates the deal's stage", async () => {
    const scope = sellApi()
      .get("/v2/stages")
      .query({ ids: "20" })
      .reply(200, collection([stage(20, 2, "won", "Won")], "stage"))
      .put("/v2/deals/7", { data: { stage_id: 20 } })
      .reply(200, { data: { ...dealFixture, id: 7, stage_id: 20 }, meta: { type: "deal" } });
    await harness.action("moveDealToStage", {
      connection: oauthConnection(),
      id: "7",
      pipelineId: "2",
      stageId: "20",
    });
    scope.done();
  });

  it("sets the loss reason on a lost stage", async () => {
    const scope = sellApi()
      .get("/v2/stages")
      .query({ ids: "21" })
      .reply(200, collection([stage(21, 2, "lost", "Lost")], "stage"))
      .put("/v2/deals/7", { data: { stage_id: 21, loss_reason_id: 4 } })
      .reply(200, { data: { ...dealFixture, id: 7, stage_id: 21 }, meta: { type: "deal" } });
    await harness.action("moveDealToStage", {
      connection: oauthConnection(),
      id: "7",
      pipelineId: "2",
      stageId: "21",
      lossReasonId: "4",
    });
    scope.done();
  });

  it("refuses a stage of another pipeline without touching the deal", async () => {
    sellApi()
      .get("/v2/stages")
      .query({ ids: "30" })
      .reply(200, collection([stage(30, 3, "in_progress", "Quote")], "stage"));
    await expect(
      harness.action("moveDealToStage", {
        connection: oauthConnection(),
        id: "7",
        pipelineId: "2",
        stageId: "30",
      }),
    ).rejects.toThrow(
      "Stage ID: stage 'Quote' (30) belongs to pipeline 3, not to the chosen pipeline 2: choose a stage of pipeline 2",
    );
  });

  it("refuses a loss reason for a stage that is not lost, and an unknown stage", async () => {
    sellApi()
      .get("/v2/stages")
      .query({ ids: "20" })
      .reply(200, collection([stage(20, 2, "won", "Won")], "stage"));
    await expect(
      harness.action("moveDealToStage", {
        connection: oauthConnection(),
        id: "7",
        pipelineId: "2",
        stageId: "20",
        lossReasonId: "4",
      }),
    ).rejects.toThrow("Loss Reason ID: only applies to a lost stage; 'Won' is won");
    sellApi().get("/v2/stages").query({ ids: "99" }).reply(200, collection([], "stage"));
    await expect(
      harness.action("moveDealToStage", {
        connection: oauthConnection(),
        id: "7",
        pipelineId: "2",
        stageId: "99",
      }),
    ).rejects.toThrow("Stage ID: stage 99 was not found in Sell");
  });
});

describe("searchRecords", () => {
  const result = (ids: number[], next?: string, total = 3) => ({
    items: [
      {
        successful: true,
        items: ids.map((id) => ({ data: { id, version: 1 }, meta: { type: "lead" } })),
        meta: {
          count: ids.length,
          total_count: total,
          http_status: "200 OK",
          type: "collection",
          links: next ? { next_page: next } : {},
        },
      },
    ],
  });

  it("builds the query (equals, ranges, all/any, projection, sort) and returns the page with its cursor", async () => {
    const expectedQuery = {
      projection: [{ name: "display_name" }, { name: "owner" }],
      filter: {
        or: [
          { filter: { attribute: { name: "owner.id" }, parameter: { eq: 12 } } },
          { filter: { attribute: { name: "hot" }, parameter: { eq: true } } },
          {
            filter: {
              attribute: { name: "added_at" },
              parameter: { range: { gte: "2026-01-01", lte: "2026-03-31" } },
            },
          },
        ],
      },
      sort: [{ attribute: { name: "added_at" }, order: "descending" }],
    };
    const scope = sellApi()
      .post("/v3/deals/search", { items: [{ data: { query: expectedQuery, per_page: 100 } }] })
      .reply(200, result([1, 2], "cursor-2"));
    const output = await harness.action("searchRecords", {
      connection: oauthConnection(),
      resource: "deals",
      equals: [
        { key: "owner.id", value: "12" },
        { key: "hot", value: "true" },
      ],
      ranges: [{ key: "added_at", value: "2026-01-01..2026-03-31" }],
      match: "any",
      fields: ["display_name", "owner"],
      sort: ["added_at:desc"],
    });
    scope.done();
    expect(output).toEqual({
      data: {
        items: [
          { data: { id: 1, version: 1 }, meta: { type: "lead" } },
          { data: { id: 2, version: 1 }, meta: { type: "lead" } },
        ],
        meta: {
          count: 2,
          total_count: 3,
          http_status: "200 OK",
          type: "collection",
          links: { next_page: "cursor-2" },
        },
      },
    });
  });

  it("combines a JSON filter with the simple conditions, and continues from a cursor", async () => {
    const json = { filter: { attribute: { name: "email" }, parameter: { starts_with: "grace" } } };
    const scope = sellApi()
      .post("/v3/leads/search", {
        items: [
          {
            data: {
              query: {
                filter: {
                  and: [
                    { filter: { attribute: { name: "status" }, parameter: { eq: "New" } } },
                    json,
                  ],
                },
              },
              per_page: 50,
              cursor: "abc",
            },
          },
        ],
      })
      .reply(200, result([3]));
    await harness.action("searchRecords", {
      connection: oauthConnection(),
      resource: "leads",
      equals: [{ key: "status", value: "New" }],
      filter: JSON.stringify(json),
      perPage: "50",
      cursor: "abc",
    });
    scope.done();
  });

  it("Fetch All follows the cursor up to Max Items and reports truncation and the total", async () => {
    const scope = sellApi()
      .post("/v3/leads/search", { items: [{ data: { query: {}, per_page: 2 } }] })
      .reply(200, result([1, 2], "c2", 5))
      .post("/v3/leads/search", { items: [{ data: { query: {}, per_page: 2, cursor: "c2" } }] })
      .reply(200, result([3, 4], "c3", 5));
    const output = (await harness.action("searchRecords", {
      connection: oauthConnection(),
      resource: "leads",
      perPage: "2",
      fetchAll: "true",
      maxItems: "3",
    })) as { data: { items: Array<{ data: { id: number } }>; meta: unknown } };
    scope.done();
    expect(output.data.items.map((i) => i.data.id)).toEqual([1, 2, 3]);
    expect(output.data.meta).toEqual({ count: 3, total_count: 5, truncated: true, links: {} });
  });

  it("a refused query is a readable error; a search is retried on 503 (it changes nothing)", async () => {
    const scope = sellApi()
      .post("/v3/leads/search")
      .reply(503)
      .post("/v3/leads/search")
      .reply(200, {
        items: [
          {
            successful: false,
            errors: [
              {
                error: {
                  code: "invalid_attribute",
                  message: "unknown attribute",
                  details: "nope is not a searchable attribute",
                },
              },
            ],
          },
        ],
      });
    await expect(
      harness.action("searchRecords", {
        connection: oauthConnection(),
        resource: "leads",
        fields: ["nope"],
      }),
    ).rejects.toThrow(
      "Zendesk Sell rejected POST /v3/leads/search (200 OK): unknown attribute (nope is not a searchable attribute).",
    );
    scope.done();
  });

  it("bad ranges and sorts fail before any request", async () => {
    await expect(
      harness.action("searchRecords", {
        connection: oauthConnection(),
        resource: "leads",
        ranges: [{ key: "value", value: "100" }],
      }),
    ).rejects.toThrow("Ranges: value must be written from..to");
    await expect(
      harness.action("searchRecords", {
        connection: oauthConnection(),
        resource: "leads",
        sort: ["added_at:sideways"],
      }),
    ).rejects.toThrow(
      "Sort: 'added_at:sideways' must be an attribute name, optionally followed by :asc or :desc",
    );
  });
});

describe("custom field values are typed against the account's definitions", () => {
  const definitions = collection(
    [
      { id: 1, name: "Budget", type: "number" },
      {
        id: 2,
        name: "Priority",
        type: "list",
        choices: [
          { id: 1, name: "Low" },
          { id: 2, name: "High" },
        ],
      },
      {
        id: 3,
        name: "Channels",
        type: "multi_select_list",
        choices: [
          { id: 1, name: "Email" },
          { id: 2, name: "SMS" },
        ],
      },
      { id: 4, name: "Kickoff", type: "date" },
      { id: 5, name: "Newsletter", type: "bool" },
    ],
    "custom_field",
  );

  it("converts numbers, list choices, multi-selects, dates and booleans to what Sell expects", async () => {
    const scope = sellApi()
      .get("/v2/deal/custom_fields")
      .reply(200, definitions)
      .post("/v2/deals", {
        data: {
          name: "X",
          contact_id: 1,
          custom_fields: {
            Budget: 1200.5,
            Priority: "High",
            Channels: ["Email", "SMS"],
            Kickoff: "2026-12-31",
            Newsletter: true,
          },
        },
      })
      .reply(200, { data: dealFixture, meta: { type: "deal" } });
    await harness.action("createDeal", {
      connection: oauthConnection(),
      name: "X",
      contactId: "1",
      customFields: [
        { key: "budget", value: "1200.5" },
        { key: "Priority", value: "high" },
        { key: "Channels", value: "email, SMS" },
        { key: "Kickoff", value: "2026-12-31T10:00:00Z" },
        { key: "Newsletter", value: "yes" },
      ],
    });
    scope.done();
  });

  it("an unknown field or a value that does not fit fails naming the field, and nothing is written", async () => {
    // An unknown name makes the definitions be read again once (the field may be new in Sell).
    sellApi().get("/v2/deal/custom_fields").times(2).reply(200, definitions);
    const token = newToken();
    await expect(
      harness.action("createDeal", {
        connection: oauthConnection(token),
        name: "X",
        contactId: "1",
        customFields: [{ key: "Budgit", value: "1" }],
      }),
    ).rejects.toThrow(
      "Custom Fields › Budgit: is not a custom field of this record type; the custom fields are: Budget, Channels, Kickoff, Newsletter, Priority",
    );
    // The definitions are kept for a few minutes per token: no third read for known names.
    await expect(
      harness.action("updateDeal", {
        connection: oauthConnection(token),
        id: "1",
        customFields: [{ key: "Priority", value: "Urgent" }],
      }),
    ).rejects.toThrow("Custom Fields › Priority: must be one of Low, High, got 'Urgent'");
    await expect(
      harness.action("updateDeal", {
        connection: oauthConnection(token),
        id: "1",
        customFields: [{ key: "Budget", value: "a lot" }],
      }),
    ).rejects.toThrow("Custom Fields › Budget: must be a number, got 'a lot'");
  });

  it("contacts accept contact and customer/prospect fields", async () => {
    const scope = sellApi()
      .get("/v2/contact/custom_fields")
      .reply(200, collection([{ id: 1, name: "Score", type: "number" }], "custom_field"))
      .get("/v2/prospect_and_customer/custom_fields")
      .reply(200, collection([{ id: 2, name: "Contract ID", type: "string" }], "custom_field"))
      .put("/v2/contacts/2", { data: { custom_fields: { Score: 7, "Contract ID": "C-9" } } })
      .reply(200, { data: contactFixture, meta: { type: "contact" } });
    await harness.action("updateContact", {
      connection: oauthConnection(),
      id: "2",
      customFields: [
        { key: "Score", value: "7" },
        { key: "Contract ID", value: "C-9" },
      ],
    });
    scope.done();
  });
});

describe("other hand-written actions", () => {
  it("getCurrentUser reads /v2/users/self", async () => {
    const scope = sellApi()
      .get("/v2/users/self")
      .reply(200, { data: { id: 1, name: "Ada" }, meta: { type: "user" } });
    await expect(
      harness.action("getCurrentUser", { connection: oauthConnection() }),
    ).resolves.toEqual({
      data: { data: { id: 1, name: "Ada" }, meta: { type: "user" } },
    });
    scope.done();
  });

  it("removeAssociatedContact deletes /v2/deals/:deal/associated_contacts/:contact", async () => {
    const scope = sellApi().delete("/v2/deals/7/associated_contacts/8").reply(204);
    await expect(
      harness.action("removeAssociatedContact", {
        connection: oauthConnection(),
        dealId: "7",
        id: "8",
      }),
    ).resolves.toEqual({ data: null });
    scope.done();
  });
});
