/**
 * The README's promises, tried as an attacker and an unlucky network would: no credential in any
 * thrown error, no duplicate from a write that is repeated, no endless paging, and every input
 * fault named before anything is sent. One `describe` per class of defect; each test failed
 * before its fix.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { isConnectionError } from "@prismatic-io/spectral";
import { createConnection } from "@prismatic-io/spectral/dist/testing";
import { redact, SellApiError, SellTransport } from "../src/client";
import { apiToken, LOOPBACK_SWITCH, oauth } from "../src/connections";
import {
  collection,
  customFieldDefinitions,
  failureOf,
  item,
  run,
  unmatchedRequests,
} from "./actions/support";
import {
  clientOf,
  harness,
  instantRetries,
  newToken,
  SELL,
  sellApi,
  sellError,
  socketError,
} from "./helpers/sell";

const sent = unmatchedRequests();

const CLIENT_SECRET = "oauth-client-secret-0123456789";
const REFRESH_TOKEN = "refresh-token-abcdefghijklmnop";

/** An OAuth connection whose every secret is known, so tests can look for each. */
const secretConnection = (token: string) =>
  createConnection(
    oauth,
    { clientId: "client-id", clientSecret: CLIENT_SECRET },
    { access_token: token, refresh_token: REFRESH_TOKEN, token_type: "bearer" },
  );

/** Every way something may print an error, concatenated: JSON, inspect with hidden properties, String, the stack, and every property reachable from it. */
function everyRendering(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  const walk = (value: unknown, depth: number) => {
    if (depth > 12 || value === null || value === undefined) return;
    if (typeof value === "string") {
      parts.push(value);
      return;
    }
    if (typeof value !== "object" && typeof value !== "function") {
      parts.push(String(value));
      return;
    }
    if (seen.has(value)) return;
    seen.add(value);
    if (Buffer.isBuffer(value)) {
      parts.push(value.toString("utf8"));
      return;
    }
    for (const key of Reflect.ownKeys(value)) {
      let child: unknown;
      try {
        child = (value as Record<string | symbol, unknown>)[key];
      } catch {
        continue;
      }
      parts.push(String(key));
      walk(child, depth + 1);
    }
  };
  walk(error, 0);
  try {
    parts.push(JSON.stringify(error));
  } catch {
    parts.push("(not JSON)");
  }
  parts.push(inspect(error, { showHidden: true, depth: Number.POSITIVE_INFINITY }));
  parts.push(String(error));
  if (error instanceof Error) parts.push(String(error.stack));
  return parts.join("\n");
}

const expectNoSecret = (error: unknown, token: string) => {
  const text = everyRendering(error);
  expect(text).not.toContain(token);
  expect(text).not.toContain(CLIENT_SECRET);
  expect(text).not.toContain(REFRESH_TOKEN);
};

// ---- 1. thrown errors hold no credential ----------------------------------------------------

describe("1. no thrown error holds a credential anywhere in its object graph", () => {
  let retry: ReturnType<typeof instantRetries>;
  beforeEach(() => {
    retry = instantRetries();
  });
  afterEach(() => retry.restore());

  it.each([
    ["a reset", "ECONNRESET"],
    ["a refused connection", "ECONNREFUSED"],
    ["an unknown host", "ENOTFOUND"],
  ])("%s on a read, after its retries", async (_, code) => {
    const token = newToken();
    sellApi().get("/v2/leads/1").times(7).replyWithError(socketError(code));
    const error = await failureOf(
      harness.action("getLead", { connection: secretConnection(token), id: "1" }),
    );
    expect(error).toBeInstanceOf(SellApiError);
    expect(error.cause).toBeInstanceOf(Error);
    expectNoSecret(error, token);
  });

  it("a reset on a create (not retried)", async () => {
    const token = newToken();
    sellApi().post("/v2/leads").replyWithError(socketError("ECONNRESET"));
    const error = await failureOf(
      harness.action("createLead", { connection: secretConnection(token), lastName: "X" }),
    );
    expect((error as SellApiError).outcome).toBe("unknown");
    expectNoSecret(error, token);
  });

  it("a timeout", async () => {
    const token = newToken();
    sellApi().get("/v2/leads/1").delay(200).reply(200, {});
    const transport = new SellTransport({ token, timeoutMs: 20, retryPolicy: { ...noRetries } });
    const error = await failureOf(transport.send("v2", { method: "GET", path: "/leads/1" }));
    expect((error as SellApiError).kind).toBe("timeout");
    expectNoSecret(error, token);
  });

  it("an answer that cannot be read, and a refusal", async () => {
    const token = newToken();
    sellApi()
      .post("/v2/leads")
      .reply(200, '{"data":{"id":5,')
      .get("/v2/leads/2")
      .reply(404, sellError("404 Not Found", [{ code: "not_found" }]));
    const sell = clientOf(secretConnection(token));
    expectNoSecret(await failureOf(sell.v2.create("/leads", { last_name: "X" })), token);
    expectNoSecret(await failureOf(sell.v2.get("/leads/2")), token);
  });
});

const noRetries = { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxTotalWaitMs: 1 };

// ---- 2. ConnectionError -------------------------------------------------------------------------

describe("2. a connection error carries the connection without its secrets", () => {
  it("for an OAuth connection without an access token", async () => {
    const connection = createConnection(
      oauth,
      { clientId: "client-id", clientSecret: CLIENT_SECRET },
      { refresh_token: REFRESH_TOKEN },
    );
    const error = await failureOf(harness.action("getLead", { connection, id: "1" }));
    expect(isConnectionError(error)).toBe(true);
    expect(error.name).toBe("ConnectionError");
    expect(error.message).toBe(
      "The Zendesk Sell OAuth 2.0 connection has no access token: authorize (or reconnect) the connection.",
    );
    expect((error as unknown as { connection: unknown }).connection).toEqual({
      key: "oauth",
      configVarKey: "",
      fields: { clientId: "client-id" },
    });
    expectNoSecret(error, "no-token-here");
  });

  it("for a personal access token with spaces, and a base URL with a password in it", async () => {
    const token = `${newToken()} x`;
    const spaced = await failureOf(
      harness.action("getLead", {
        connection: createConnection(apiToken, { accessToken: token }),
        id: "1",
      }),
    );
    expect(isConnectionError(spaced)).toBe(true);
    expectNoSecret(spaced, token);
    const userInfo = await failureOf(
      harness.action("getLead", {
        connection: createConnection(apiToken, {
          accessToken: newToken(),
          baseUrl: "https://user:hunter2hunter2@api.getbase.com",
        }),
        id: "1",
      }),
    );
    expect(everyRendering(userInfo)).not.toContain("hunter2hunter2");
    expect(userInfo.message).toMatch(
      /^API Base URL 'https:\/\/\[REDACTED\]@api\.getbase\.com' is not allowed/,
    );
  });
});

// ---- 3. messages built from responses -----------------------------------------------------------

describe("3. the token never reaches a message built from Sell's answer", () => {
  it("an error page that echoes the request headers", async () => {
    const token = newToken();
    sellApi()
      .post("/v2/notes")
      .reply(
        400,
        `<html><pre>POST /v2/notes\nAuthorization: Bearer ${token}\nUser-Agent: x</pre></html>`,
      );
    const error = await failureOf(clientOf(secretConnection(token)).v2.create("/notes", {}));
    expect(error.message).toContain("Authorization: Bearer [REDACTED]");
    expectNoSecret(error, token);
  });

  it("an error envelope whose details quote the token, URL-encoded or as a query parameter", async () => {
    const token = newToken();
    const other = "c3VwZXJzZWNyZXRvdGhlcnRva2Vu";
    sellApi()
      .get("/v2/leads/1")
      .reply(
        401,
        sellError("401 Unauthorized", [
          {
            code: "unauthorized",
            details: `Token ${encodeURIComponent(token)} is invalid; see ?access_token=${other} or "bearer ${other}"`,
          },
        ]),
      );
    const error = await failureOf(
      new SellTransport({ token, retryPolicy: noRetries }).send("v2", {
        method: "GET",
        path: "/leads/1",
      }),
    );
    expect(error.message).not.toContain(other);
    expect(error.message).toContain("access_token=[REDACTED]");
    expectNoSecret(error, token);
  });
});

describe("3b. redaction removes credentials, not the prose around the words token and bearer", () => {
  it.each([
    "Too many requests for this access token: the limit is 10 requests per 1000 ms.",
    "Send a bearer token in the Authorization header.",
    "token=expired, sign in again",
  ])("keeps %j as it is", (text) => {
    expect(redact(text)).toBe(text);
  });

  it.each([
    ["token: 0123456789abcdef", "token: [REDACTED]"],
    ["Bearer abcdefghijklmnopqrstuvwxyz", "Bearer [REDACTED]"],
    ['"access_token":"a1b2c3d4e5"', '"access_token":"[REDACTED]"'],
  ])("redacts %j", (text, expected) => {
    expect(redact(text)).toBe(expected);
  });
});

// ---- 4. loopback base URLs ----------------------------------------------------------------------

describe("4. a loopback API Base URL works only where the sandbox tooling allows it", () => {
  let server: Server;
  let origin: string;
  let hits = 0;
  const previous = process.env[LOOPBACK_SWITCH];
  beforeAll(async () => {
    server = createServer((_, response) => {
      hits += 1;
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ data: { id: 1, name: "Local" }, meta: { type: "account" } }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  afterEach(() => {
    if (previous === undefined) delete process.env[LOOPBACK_SWITCH];
    else process.env[LOOPBACK_SWITCH] = previous;
  });

  it("on the platform (no switch): refused before any request, for every action and Raw Request", async () => {
    delete process.env[LOOPBACK_SWITCH];
    hits = 0;
    const connection = createConnection(apiToken, { accessToken: newToken(), baseUrl: origin });
    for (const [key, params] of [
      ["listAccountDetails", {}],
      ["rawRequest", { url: "/accounts/self", method: "GET" }],
    ] as const) {
      const error = await failureOf(harness.action(key, { connection, ...params }));
      expect(isConnectionError(error)).toBe(true);
      expect(error.message).toBe(
        `API Base URL '${origin}' is not allowed: use https://api.getbase.com (local addresses are accepted only by the project's sandbox tooling).`,
      );
    }
    expect(hits).toBe(0);
  });

  it("where the sandbox tooling set the switch: requests go to the local address", async () => {
    process.env[LOOPBACK_SWITCH] = "true";
    hits = 0;
    const connection = createConnection(apiToken, { accessToken: newToken(), baseUrl: origin });
    await expect(harness.action("listAccountDetails", { connection })).resolves.toEqual({
      data: { data: { id: 1, name: "Local" }, meta: { type: "account" } },
    });
    expect(hits).toBe(1);
  });

  it("any other value of the switch is off", async () => {
    process.env[LOOPBACK_SWITCH] = "1";
    const connection = createConnection(apiToken, { accessToken: newToken(), baseUrl: origin });
    expect(
      isConnectionError(await failureOf(harness.action("listAccountDetails", { connection }))),
    ).toBe(true);
  });
});

// ---- 5. upserts create records that match their filters -------------------------------------------

const single = (data: Record<string, unknown>, type: string) => ({ data, meta: { type } });

describe("5. the record an upsert creates matches its own filters", () => {
  it("upsertLead with only an email filter sends the email in the body too", async () => {
    const scope = sellApi()
      .post("/v2/leads/upsert", { data: { last_name: "Hopper", email: "grace@example.com" } })
      .query({ email: "grace@example.com" })
      .reply(200, single({ id: 1 }, "lead"));
    await run("upsertLead", {
      lastName: "Hopper",
      filterableCustomFields: [{ key: "email", value: "grace@example.com" }],
    });
    scope.done();
  });

  it("upsertLead with only a custom field filter sends the custom field, typed, in the body", async () => {
    customFieldDefinitions(sellApi(), "lead", { "External ID": "number", Region: "list" });
    const scope = sellApi()
      .post("/v2/leads/upsert", {
        data: { last_name: "Hopper", custom_fields: { "External ID": 42 } },
      })
      .query({ "custom_fields[External ID]": "42" })
      .reply(200, single({ id: 1 }, "lead"));
    await run("upsertLead", {
      lastName: "Hopper",
      filterableCustomFields: [{ key: "External ID", value: "42" }],
    });
    scope.done();
  });

  it("a body value equal to the filter is kept; address parts are filled in", async () => {
    const scope = sellApi()
      .post("/v2/contacts/upsert", {
        data: {
          last_name: "Lovelace",
          email: "ada@example.com",
          address: { city: "London", country: "UK" },
        },
      })
      .query({ email: "ada@example.com", "address[city]": "London" })
      .reply(200, single({ id: 2 }, "contact"));
    await run("upsertContact", {
      lastName: "Lovelace",
      contactInfo: { email: "ada@example.com" },
      addresses: { addressCountry: "UK" },
      filterableCustomFields: [
        { key: "email", value: "ada@example.com" },
        { key: "address[city]", value: "London" },
      ],
    });
    scope.done();
  });

  it("upsertDeal copies contact_id (a number) and refuses a body that contradicts a filter", async () => {
    const scope = sellApi()
      .post("/v2/deals/upsert", { data: { name: "Renewal", contact_id: 12, hot: true } })
      .query({ contact_id: "12", hot: "true" })
      .reply(200, single({ id: 3 }, "deal"));
    await run("upsertDeal", {
      name: "Renewal",
      filters: [
        { key: "contact_id", value: "12" },
        { key: "hot", value: "true" },
      ],
    });
    scope.done();
    const error = await failureOf(
      run("upsertDeal", {
        name: "Renewal",
        contactId: "13",
        filters: [{ key: "contact_id", value: "12" }],
      }),
    );
    expect(error.message).toBe(
      "Filters: filter 'contact_id' = '12' contradicts the Contact ID input (13): a record created with that value would not match the filter, so the next run would create another. Make them the same, or leave one empty; no request was sent",
    );
    expect(sent).toEqual([]);
  });

  it("a custom field given in Custom Fields that contradicts a filter is refused (after typing both)", async () => {
    customFieldDefinitions(sellApi(), "lead", { Region: "list" });
    const error = await failureOf(
      run("upsertLead", {
        lastName: "Hopper",
        customFields: [{ key: "Region", value: "APAC" }],
        filterableCustomFields: [{ key: "Region", value: "EMEA" }],
      }),
    );
    expect(error.message).toMatch(
      /^Filters: filter 'custom_fields\[Region\]' = 'EMEA' contradicts Custom Fields › Region/,
    );
    expect(sent).toEqual([]);
  });

  it("a filter on an attribute no created record can have is refused", async () => {
    const error = await failureOf(
      run("upsertDeal", {
        name: "X",
        filters: [
          { key: "contact_id", value: "1" },
          { key: "organization_id", value: "5" },
        ],
      }),
    );
    expect(error.message).toBe(
      "Filters: 'organization_id' is derived by Sell from the primary contact, so a created record may not match it: filter on contact_id instead; no request was sent",
    );
    expect(sent).toEqual([]);
  });

  it("a creator_id filter must be the connected user (who creates what the upsert creates)", async () => {
    sellApi()
      .get("/v2/users/self")
      .reply(200, single({ id: 7 }, "user"));
    const error = await failureOf(
      run("upsertLead", {
        lastName: "X",
        filterableCustomFields: [{ key: "email", value: "x@example.com" }],
        additionalFields: { creatorId: "8" },
      }),
    );
    expect(error.message).toBe(
      "Additional Fields › Creator ID: filter 'creator_id' = 8 is not the connected user (7): a record the upsert creates is created by the connected user, so it would not match and every run would create another; remove the filter or use a connection of user 8",
    );
  });
});

// ---- 6. find or create by Match Value -----------------------------------------------------------------

describe("6. Find or Create creates the record with the value it looked it up by", () => {
  it("Match Value (trimmed) becomes the new lead's email", async () => {
    const scope = sellApi()
      .get("/v2/leads")
      .query({ email: "form@example.com", sort_by: "id:asc", per_page: "2" })
      .reply(200, collection([], "lead"))
      .post("/v2/leads", { data: { last_name: "Form", email: "form@example.com" } })
      .reply(200, single({ id: 9, email: "form@example.com" }, "lead"));
    const result = await run("findOrCreateLead", {
      matchValue: "  form@example.com ",
      lastName: "Form",
    });
    scope.done();
    expect(result).toEqual({
      data: {
        data: { id: 9, email: "form@example.com" },
        meta: { type: "lead", created: true, matches: 0 },
      },
    });
  });

  it("a Match Value that differs from Email is refused before anything is sent", async () => {
    const error = await failureOf(
      run("findOrCreateContact", {
        matchValue: "a@example.com",
        lastName: "A",
        contactInfo: { email: "b@example.com" },
      }),
    );
    expect(error.message).toBe(
      "Match Value: filter 'email' = 'a@example.com' contradicts the Email input ('b@example.com'): a record created with that value would not match the filter, so the next run would create another. Make them the same, or leave one empty; no request was sent",
    );
    expect(sent).toEqual([]);
  });

  it("a Match Value that is not an email address is refused in email mode", async () => {
    const error = await failureOf(run("findOrCreateLead", { matchValue: "nobody", lastName: "A" }));
    expect(error.message).toBe(
      "Match Value: must be an email address like mark@example.com, got 'nobody'",
    );
  });

  it("by a custom field: the value is put into Custom Fields, typed", async () => {
    customFieldDefinitions(sellApi(), "contact", { "External ID": "string" });
    customFieldDefinitions(sellApi(), "prospect_and_customer", {});
    const scope = sellApi()
      .get("/v2/contacts")
      .query({ "custom_fields[External ID]": "ext-5", sort_by: "id:asc", per_page: "2" })
      .reply(200, collection([], "contact"))
      .post("/v2/contacts", {
        data: { last_name: "Ext", custom_fields: { "External ID": "ext-5" } },
      })
      .reply(200, single({ id: 4 }, "contact"));
    await run("findOrCreateContact", {
      matchOn: "custom_field",
      matchCustomField: " External ID ",
      matchValue: " ext-5",
      lastName: "Ext",
    });
    scope.done();
  });

  it("by a custom field: a different value in Custom Fields is refused", async () => {
    customFieldDefinitions(sellApi(), "lead", { "External ID": "string" });
    const error = await failureOf(
      run("findOrCreateLead", {
        matchOn: "custom_field",
        matchCustomField: "External ID",
        matchValue: "ext-5",
        lastName: "Ext",
        customFields: [{ key: "External ID", value: "ext-6" }],
      }),
    );
    expect(error.message).toMatch(
      /^Match Value: filter 'custom_fields\[External ID\]' = 'ext-5' contradicts Custom Fields › External ID \('ext-6'\)/,
    );
    expect(sent).toEqual([]);
  });
});

// ---- 7. what counts as a filter ---------------------------------------------------------------------

describe("7. only real match filters count, and each is given once", () => {
  it.each([
    ["page", "is a paging control, not a filter"],
    ["per_page", "is a paging control, not a filter"],
    ["sort_by", "is a sort order, not a filter"],
    [
      "ids",
      "matches record IDs, which a created record cannot have: to change a record whose ID you know, use the Update action",
    ],
  ])("'%s' is refused, alone or beside a real filter", async (key, why) => {
    for (const filters of [
      [{ key, value: "1" }],
      [
        { key: "email", value: "a@example.com" },
        { key, value: "1" },
      ],
    ]) {
      const error = await failureOf(
        run("upsertLead", { lastName: "A", filterableCustomFields: filters }),
      );
      expect(error.message).toBe(`Filters: '${key}' ${why}; no request was sent`);
    }
    expect(sent).toEqual([]);
  });

  it("a key given twice is an input error, also when spelt differently or given by another input", async () => {
    for (const [params, message] of [
      [
        {
          filterableCustomFields: [
            { key: "email", value: "a@example.com" },
            { key: "email", value: "b@example.com" },
          ],
        },
        "Filters: filter 'email' is given twice: give each filter once, with the one value to match; no request was sent",
      ],
      [
        {
          filterableCustomFields: [
            { key: "Region", value: "EU" },
            { key: "custom_fields[Region]", value: "US" },
          ],
        },
        "Filters: filter 'custom_fields[Region]' is given twice: give each filter once, with the one value to match; no request was sent",
      ],
      [
        {
          filterableCustomFields: [
            { key: "email", value: "a@example.com" },
            { key: "creator_id", value: "7" },
          ],
          additionalFields: { creatorId: "7" },
        },
        "Additional Fields › Creator ID: filter 'creator_id' is given twice (also in Filters): give each filter once, with the one value to match; no request was sent",
      ],
    ] as const) {
      const error = await failureOf(run("upsertLead", { lastName: "A", ...params }));
      expect(error.message).toBe(message);
    }
    expect(sent).toEqual([]);
  });

  it("Inclusive alone, or creator_id alone, is not a match filter", async () => {
    const error = await failureOf(
      run("upsertContact", {
        lastName: "A",
        filterableCustomFields: [
          { key: "inclusive", value: "false" },
          { key: "creator_id", value: "1" },
        ],
      }),
    );
    expect(error.message).toBe(
      "Filters: needs at least one filter on the record's own attributes (for example email = mark@example.com, or a filterable custom field) so Sell can find the record to update; no request was sent",
    );
  });
});

// ---- 8. writes whose answer is not what was expected ----------------------------------------------------

describe("8. a write's error says what is known of its effect", () => {
  it.each([
    ["an empty 200", "", "the body is empty", undefined],
    [
      "a 200 that is not an envelope",
      JSON.stringify({ id: 71, ok: true }),
      "the response does not have the expected shape (data: expected a JSON object, received undefined)",
      "71",
    ],
    [
      "a truncated 201",
      '{"data":{"id":72,"last_name":"Cut',
      'not valid JSON: "{"data":{"id":72,"last_name":"Cut"',
      "72",
    ],
  ])("createLead answered with %s: 'was created', and no retry", async (_, body, reason, id) => {
    sellApi()
      .post("/v2/leads")
      .reply(body.startsWith('{"data":{"id":72') ? 201 : 200, body);
    const error = (await failureOf(run("createLead", { lastName: "Cut" }))) as SellApiError;
    const status = body.startsWith('{"data":{"id":72') ? "201 Created" : "200 OK";
    const record = id === undefined ? "the record" : `the record (ID ${id})`;
    expect(error.message).toBe(
      `Zendesk Sell answered POST /v2/leads with ${status}, so ${record} was created, but its answer could not be read: ${reason}. Do not repeat the request: check the record in Sell.`,
    );
    expect(error).toMatchObject({ outcome: "applied", recordId: id });
  });

  it("an update answered with an empty 200 says it was updated", async () => {
    sellApi().put("/v2/deals/4").reply(200, "");
    const error = await failureOf(run("updateDeal", { id: "4", name: "New" }));
    expect(error.message).toBe(
      "Zendesk Sell answered PUT /v2/deals/4 with 200 OK, so the record was updated, but its answer could not be read: the body is empty. Do not repeat the request: check the record in Sell.",
    );
  });

  it.each([500, 502, 503, 504])(
    "a create answered %i may have been carried out",
    async (status) => {
      sellApi().post("/v2/leads").reply(status, "");
      const error = (await failureOf(run("createLead", { lastName: "X" }))) as SellApiError;
      expect(error.message).toMatch(
        new RegExp(
          `^Zendesk Sell failed on POST /v2/leads \\(${status} .+\\): empty body\\. The request may still have been carried out: check Sell before repeating it\\.$`,
        ),
      );
      expect(error.outcome).toBe("unknown");
    },
  );

  it("convertLead answered 502 may have been carried out", async () => {
    sellApi()
      .get("/v2/leads/3")
      .reply(200, single({ id: 3, last_name: "L" }, "lead"))
      .post("/v2/lead_conversions")
      .reply(502, "<html>Bad Gateway</html>");
    const error = await failureOf(run("convertLead", { leadId: "3" }));
    expect(error.message).toMatch(
      /The request may still have been carried out: check Sell before repeating it\.$/,
    );
  });

  it("a read answered 200 with a bad body has no such caution", async () => {
    sellApi().get("/v2/leads/1").times(7).reply(200, "nope");
    const retry = instantRetries();
    try {
      const error = (await failureOf(run("getLead", { id: "1" }))) as SellApiError;
      expect(error.outcome).toBeUndefined();
      expect(error.message).toBe(
        'Zendesk Sell answered GET /v2/leads/1 (200 OK) after 6 retries with an unexpected body: not valid JSON: "nope".',
      );
    } finally {
      retry.restore();
    }
  });
});

// ---- 9. a retried delete that finds nothing ------------------------------------------------------------

describe("9. a delete is reported done only when Sell confirmed it", () => {
  it("deleteLead of an ID that never existed, whose first attempt got no answer, is not a success", async () => {
    const retry = instantRetries();
    try {
      sellApi()
        .delete("/v2/leads/404404")
        .replyWithError(socketError("ECONNRESET"))
        .delete("/v2/leads/404404")
        .reply(404, sellError("404 Not Found", [{ code: "not_found" }]));
      const error = (await failureOf(run("deleteLead", { id: "404404" }))) as SellApiError;
      expect(error.outcome).toBe("absent");
      expect(error.message).toMatch(/either that attempt deleted it, or it never existed\./);
    } finally {
      retry.restore();
    }
  });

  it("the same delete through Raw Request says the same", async () => {
    const retry = instantRetries();
    try {
      sellApi()
        .delete("/v2/leads/5")
        .replyWithError(socketError("ECONNRESET"))
        .delete("/v2/leads/5")
        .reply(404, sellError("404 Not Found", [{ code: "not_found" }]));
      const error = (await failureOf(
        run("rawRequest", { url: "/leads/5", method: "DELETE" }),
      )) as SellApiError;
      expect(error.outcome).toBe("absent");
    } finally {
      retry.restore();
    }
  });
});

// ---- 10. paging that does not advance ------------------------------------------------------------------

const page = (ids: number[], next?: string) =>
  collection(
    ids.map((id) => ({ id, name: `Deal ${id}` })),
    "deal",
    next,
  );
const hundred = (from: number) => Array.from({ length: 100 }, (_, i) => from + i);

describe("10. paging stops with a clear error when it does not advance", () => {
  it("Fetch All whose next_page points at the same page", async () => {
    sellApi()
      .get("/v2/deals")
      .query({ page: "1", per_page: "100" })
      .reply(200, page(hundred(1), `${SELL}/v2/deals?page=1&per_page=100`));
    const error = (await failureOf(run("listDeals", { fetchAll: true }))) as SellApiError;
    expect(error.kind).toBe("invalid_response");
    expect(error.message).toBe(
      "Zendesk Sell answered GET /v2/deals with an unexpected body: its next_page link does not move past page 1 (https://api.getbase.com/v2/deals?page=1&per_page=100), so paging stopped instead of reading the same records again.",
    );
  });

  it("a picklist whose next_page goes back", async () => {
    sellApi()
      .get("/v2/deals")
      .query({ page: "1", per_page: "100" })
      .reply(200, page(hundred(1), `${SELL}/v2/deals?page=2&per_page=100`))
      .get("/v2/deals")
      .query({ page: "2", per_page: "100" })
      .reply(200, page(hundred(101), `${SELL}/v2/deals?page=1&per_page=100`));
    const error = await failureOf(
      harness.dataSource("selectDeal", { connection: secretConnection(newToken()) }),
    );
    expect(error.message).toMatch(/next_page link does not move past page 2/);
  });

  it("an unbounded listing stops at its request cap", async () => {
    const client = clientOf(secretConnection(newToken()));
    for (let n = 1; n <= 3; n += 1)
      sellApi()
        .get("/v2/deals")
        .query({ page: String(n), per_page: "100" })
        .reply(200, page(hundred(n * 100), `${SELL}/v2/deals?page=${n + 1}&per_page=100`));
    const error = await failureOf(
      (async () => {
        for await (const _ of client.v2.pages("/deals", {}, { maxPages: 3 })) {
          // read every page
        }
      })(),
    );
    expect(error.message).toMatch(
      /the list did not end after 3 pages \(300 records\), the most one listing reads; narrow it with filters\.$/,
    );
  });

  it("search Fetch All whose cursor repeats", async () => {
    const result = (cursor: string) => ({
      items: [
        {
          successful: true,
          items: [item({ id: 1 }, "lead")],
          meta: { count: 1, total_count: 9, links: { next_page: cursor } },
        },
      ],
    });
    sellApi()
      .post("/v3/leads/search")
      .reply(200, result("c1"))
      .post("/v3/leads/search")
      .reply(200, result("c2"))
      .post("/v3/leads/search")
      .reply(200, result("c1"));
    const error = await failureOf(run("searchRecords", { resource: "leads", fetchAll: true }));
    expect(error.message).toBe(
      "Zendesk Sell answered POST /v3/leads/search with an unexpected body: its next_page cursor repeats an earlier one, so paging stopped instead of reading the same results again.",
    );
  });

  it("a stream read whose position does not move while not caught up", async () => {
    sellApi()
      .get("/v3/leads/stream")
      .query({ position: "p1", limit: "100" })
      .reply(200, { items: [], meta: { position: "p2", top: false } })
      .get("/v3/leads/stream")
      .query({ position: "p2", limit: "100" })
      .reply(200, { items: [], meta: { position: "p2", top: false } });
    const error = await failureOf(
      run("getLeadsStream", { position: "p1", readUntilCaughtUp: true }),
    );
    expect(error.message).toMatch(
      /the stream is not caught up \(top: false\) but its position did not move past p2, so reading stopped instead of repeating the same events\.$/,
    );
  });

  it("the polling trigger's page loop stops too", async () => {
    const state = { cursor: { updatedAt: "2020-01-01T00:00:00Z", seen: {} } };
    const records = hundred(1).map((id) => ({
      id,
      created_at: "2026-01-01T00:00:00Z",
      updated_at: "2026-06-01T00:00:00Z",
    }));
    sellApi()
      .get("/v2/deals")
      .query({ sort_by: "updated_at:desc", page: "1", per_page: "100" })
      .reply(
        200,
        collection(records, "deal", `${SELL}/v2/deals?sort_by=updated_at:desc&page=1&per_page=100`),
      );
    const error = await failureOf(
      harness.trigger(
        "pollChangesTrigger",
        undefined,
        { connection: secretConnection(newToken()), pollResourceType: "deals" },
        { instanceState: { __prismaticInternal: { polling: state } } } as never,
      ),
    );
    expect(error.message).toMatch(/next_page link does not move past page 1/);
  });
});

// ---- 11. text that cannot be encoded ------------------------------------------------------------------

describe("11. a lone UTF-16 surrogate is an input error naming the input", () => {
  it.each([
    ["listLeads", { firstName: "Jo\uD800" }, "First Name"],
    [
      "listContacts",
      { contactInfo: { email: "a\uDC00@example.com" } },
      "Contact Information › Email",
    ],
    [
      "upsertLead",
      { lastName: "A", filterableCustomFields: [{ key: "email", value: "\uD83D" }] },
      "Filters",
    ],
    [
      "rawRequest",
      { url: "/leads", method: "GET", queryParams: [{ key: "q", value: "\uDFFF" }] },
      "Query Parameter",
    ],
    ["rawRequest", { url: "/leads?q=\uD800", method: "GET" }, "URL"],
    [
      "createLead",
      { lastName: "A", customFields: [{ key: "Note\uD800", value: "x" }] },
      "Custom Fields",
    ],
  ])("%s %j", async (key, params, label) => {
    const error = await failureOf(run(key, params));
    expect(error.message).toBe(
      `${label}: contains a broken character (half of a UTF-16 surrogate pair, often left by cutting text in the middle of an emoji): remove or retype it`,
    );
    expect(sent).toEqual([]);
  });

  it("a whole emoji is fine", async () => {
    const scope = sellApi()
      .get("/v2/leads")
      .query({ first_name: "Jo😀" })
      .reply(200, collection([], "lead"));
    await run("listLeads", { firstName: "Jo😀" });
    scope.done();
  });
});

// ---- 12. custom field values -------------------------------------------------------------------------

describe("12. custom field values are sent exactly, or refused", () => {
  it.each([
    ["99999999999999999999.5", "100000000000000000000"],
    ["12345678901234567", "12345678901234568"],
    ["0.30000000000000000001", "0.3"],
  ])("a number %s that a number cannot carry is refused", async (value, becomes) => {
    customFieldDefinitions(sellApi(), "deal", { Budget: "number" });
    const error = await failureOf(
      run("updateDeal", { id: "1", customFields: [{ key: "Budget", value }] }),
    );
    expect(error.message).toBe(
      `Custom Fields › Budget: '${value}' has more digits than a number can hold exactly (about 15 significant digits); it would reach Sell as ${becomes}: round it, or use a text custom field`,
    );
  });

  it("numbers a number carries exactly are sent as numbers", async () => {
    customFieldDefinitions(sellApi(), "deal", { Budget: "number", Ratio: "number" });
    const scope = sellApi()
      .put("/v2/deals/1", { data: { custom_fields: { Budget: 123456789012345, Ratio: -0.125 } } })
      .reply(200, single({ id: 1 }, "deal"));
    await run("updateDeal", {
      id: "1",
      customFields: [
        { key: "Budget", value: "123456789012345.000" },
        { key: "Ratio", value: "-0.1250" },
      ],
    });
    scope.done();
  });

  it.each([
    ["an object", { nested: true }, "an object"],
    ["a list", ["a", "b"], "a list"],
  ])("%s for a text custom field is refused", async (_, value, what) => {
    customFieldDefinitions(sellApi(), "deal", { Notes: "string" });
    const error = await failureOf(
      run("updateDeal", { id: "1", customFields: JSON.stringify({ Notes: value }) }),
    );
    expect(error.message).toBe(`Custom Fields › Notes: must be text, got ${what}`);
  });

  it("booleans read the same words as boolean inputs (y, t, n, f)", async () => {
    customFieldDefinitions(sellApi(), "deal", { A: "boolean", B: "bool", C: "boolean" });
    const scope = sellApi()
      .put("/v2/deals/1", { data: { custom_fields: { A: true, B: false, C: true } } })
      .reply(200, single({ id: 1 }, "deal"));
    await run("updateDeal", {
      id: "1",
      customFields: [
        { key: "A", value: "y" },
        { key: "B", value: "f" },
        { key: "C", value: "T" },
      ],
    });
    scope.done();
  });
});

// ---- 13. custom fields added a minute ago ---------------------------------------------------------------

describe("13. a custom field new in Sell is found without waiting for the cache", () => {
  it("an unknown name re-reads the definitions once, then the write goes through", async () => {
    const token = newToken();
    const connection = secretConnection(token);
    customFieldDefinitions(sellApi(), "deal", { Budget: "number" });
    sellApi()
      .put("/v2/deals/1")
      .reply(200, single({ id: 1 }, "deal"));
    await harness.action("updateDeal", {
      connection,
      id: "1",
      customFields: [{ key: "Budget", value: "5" }],
    });
    // "Launch Date" was just created in Sell: the cached definitions do not have it.
    customFieldDefinitions(sellApi(), "deal", { Budget: "number", "Launch Date": "date" });
    const scope = sellApi()
      .put("/v2/deals/1", { data: { custom_fields: { "Launch Date": "2026-12-31" } } })
      .reply(200, single({ id: 1 }, "deal"));
    await harness.action("updateDeal", {
      connection,
      id: "1",
      customFields: [{ key: "Launch Date", value: "2026-12-31" }],
    });
    scope.done();
    // A name still unknown after the re-read is refused (one more read, nothing written).
    customFieldDefinitions(sellApi(), "deal", { Budget: "number", "Launch Date": "date" });
    const error = await failureOf(
      harness.action("updateDeal", {
        connection,
        id: "1",
        customFields: [{ key: "Nope", value: "1" }],
      }),
    );
    expect(error.message).toBe(
      "Custom Fields › Nope: is not a custom field of this record type; the custom fields are: Budget, Launch Date",
    );
  });
});

// ---- 14. raw request inputs ---------------------------------------------------------------------------

describe("14. Raw Request: bad headers are input errors; files are sent as bytes", () => {
  it.each([
    [
      [{ key: "Bad Name", value: "x" }],
      "Header: 'Bad Name' is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only, no spaces or colons); no request was sent",
    ],
    [
      [{ key: "X-Ok:", value: "x" }],
      "Header: 'X-Ok:' is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only, no spaces or colons); no request was sent",
    ],
    [
      [{ key: "X-Line", value: "a\r\nInjected: 1" }],
      "Header: the value of 'X-Line' has a character a header cannot carry (a line break or a control character); no request was sent",
    ],
  ])("headers %j", async (headers, message) => {
    for (const method of ["GET", "POST"]) {
      const error = await failureOf(run("rawRequest", { url: "/leads", method, headers }));
      expect(error.message).toBe(message);
    }
    expect(sent).toEqual([]);
  });

  it("a request Node cannot build is never retried nor flagged as carried out", async () => {
    const transport = new SellTransport({ token: newToken() });
    const error = (await failureOf(
      transport.send("v2", {
        method: "POST",
        path: "/leads",
        headers: { "Bad Name": "x" },
        body: {},
      }),
    )) as SellApiError;
    expect(error.kind).toBe("not_sent");
    expect(error.outcome).toBeUndefined();
    expect(error.retries).toBe(0);
    expect(error.message).toMatch(
      /^POST \/v2\/leads was not sent to Zendesk Sell: the request could not be built \(.*Header name must be a valid HTTP token \["Bad Name"\]\)\.$/,
    );
    expect(sent).toEqual([]);
  });

  const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10]);
  it.each([
    ["a Buffer", bytes],
    ["a Uint8Array", new Uint8Array(bytes)],
    ["a Buffer serialised to JSON", JSON.parse(JSON.stringify(bytes))],
    ["a file payload with a Buffer", { data: bytes, contentType: "application/pdf" }],
    [
      "a file payload with base64 data",
      { data: bytes.toString("base64"), contentType: "application/pdf" },
    ],
    ["a file payload with a serialised Buffer", { data: JSON.parse(JSON.stringify(bytes)) }],
  ])("File Data given as %s is uploaded as its bytes", async (_, value) => {
    let received: Buffer | undefined;
    const scope = sellApi()
      .post("/v2/documents", (body: unknown) => {
        received = Buffer.from(String(body), "hex");
        return true;
      })
      .reply(200, { data: { id: 1 } });
    await run("rawRequest", {
      url: "/documents",
      method: "POST",
      fileData: [{ key: "file", value }],
      fileDataFileNames: [{ key: "file", value: "quote.pdf" }],
    });
    scope.done();
    expect(received?.includes(bytes)).toBe(true);
    expect(received?.toString("latin1")).toContain('filename="quote.pdf"');
    expect(received?.toString("latin1")).not.toContain("[object Object]");
  });

  it("a file payload whose data is text but not base64 is refused", async () => {
    const error = await failureOf(
      run("rawRequest", {
        url: "/documents",
        method: "POST",
        fileData: [{ key: "file", value: { data: "not base64!" } }],
      }),
    );
    expect(error.message).toBe(
      "File Data › file: is a file payload whose data is text but not base64: give the file as text directly, or its data as base64 or bytes",
    );
    expect(sent).toEqual([]);
  });
});

// ---- 15. rate-limit hints say which limit stopped the retries -----------------------------------------

describe("15. a rate-limited request says which limit stopped it", () => {
  let retry: ReturnType<typeof instantRetries>;
  beforeEach(() => {
    retry = instantRetries();
  });
  afterEach(() => retry.restore());

  it("Retry-After longer than the wait limit: not retried, and said so", async () => {
    sellApi().get("/v2/leads/1").reply(429, "", { "Retry-After": "3600" });
    const error = await failureOf(run("getLead", { id: "1" }));
    expect(error.message).toBe(
      "Zendesk Sell rejected GET /v2/leads/1 (429 Too Many Requests): rate limit exceeded. Sell allows 10 requests per second per token; Sell asked to wait 3600 s (Retry-After), more than the component's limit of 60 s of waiting in all, so it was not retried.",
    );
    expect(retry.delays).toEqual([]);
  });

  it("still limited after the most retries (more for a 429 than for other failures: Sell did nothing)", async () => {
    retry.restore();
    retry = instantRetries(() => 0); // the shortest waits: the count stops it, not the wait cap
    sellApi().get("/v2/leads/1").times(21).reply(429, "");
    const error = await failureOf(run("getLead", { id: "1" }));
    expect(error.message).toBe(
      "Zendesk Sell rejected GET /v2/leads/1 (429 Too Many Requests) after 20 retries: rate limit exceeded. Sell allows 10 requests per second per token; it was still rate limited after 20 retries, the most the component makes (20).",
    );
  });

  it("stopped by the total wait", async () => {
    sellApi().get("/v2/leads/1").times(3).reply(429, "", { "Retry-After": "25" });
    const error = await failureOf(run("getLead", { id: "1" }));
    expect(error.message).toBe(
      "Zendesk Sell rejected GET /v2/leads/1 (429 Too Many Requests) after 2 retries: rate limit exceeded. Sell allows 10 requests per second per token; it was retried (2 retries) until the next wait would have passed the component's limit of 60 s of waiting in all.",
    );
    expect(retry.delays).toEqual([25_000, 25_000]);
  });
});

describe("10. a picklist lists each record once", () => {
  it("a record that moves to the next page while the pages are read is listed once", async () => {
    // Page 2 repeats deal 100: a deal created meanwhile pushed it down one place.
    sellApi()
      .get("/v2/deals")
      .query({ page: "1", per_page: "100" })
      .reply(200, page(hundred(1), `${SELL}/v2/deals?page=2&per_page=100`))
      .get("/v2/deals")
      .query({ page: "2", per_page: "100" })
      .reply(200, page([100, 101, 102]));
    const { result } = (await harness.dataSource("selectDeal", {
      connection: secretConnection(newToken()),
    })) as { result: Array<{ key: string }> };
    expect(result.map((e) => e.key).sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 102 }, (_, i) => String(i + 1)),
    );
  });
});
