import type { Sandbox } from "../../sandbox";
import { ResourceRegistry } from "../../sandbox/resources";
import { call, create, type Data, idOf, sandbox } from "./helpers";

let sb: Sandbox;
beforeAll(async () => {
  sb = await sandbox();
});
afterAll(() => sb.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("headers and envelopes", () => {
  test("every response carries X-Request-Id, JSON content type and Content-Language", async () => {
    const ok = await call(sb, "GET", "/v2/users/self");
    expect(ok.status).toBe(200);
    expect(ok.headers["x-request-id"]).toMatch(UUID);
    expect(ok.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(ok.headers["content-language"]).toBe("en");
    const bad = await call(sb, "GET", "/v2/nope");
    expect(bad.headers["x-request-id"]).toMatch(UUID);
    expect(bad.headers["content-type"]).toBe("application/json; charset=utf-8");
  });

  test("error envelope: logref = X-Request-Id, http_status string, links", async () => {
    const res = await call(sb, "GET", "/v2/leads/1");
    expect(res.status).toBe(404);
    const body = res.error();
    expect(body.meta).toEqual({
      type: "errors",
      http_status: "404 Not Found",
      logref: res.headers["x-request-id"],
      links: { more_info: expect.any(String) },
    });
    expect(body.errors[0]?.meta).toEqual({
      type: "error",
      links: { more_info: expect.any(String) },
    });
    expect(res.err).toMatchObject({ code: "not_found", message: "Not Found" });
  });

  test("single envelope {data, meta:{type}}; user self is the token's user", async () => {
    const res = await call(sb, "GET", "/v2/users/self");
    expect(res.single().meta).toEqual({ type: "user" });
    expect(res.data).toMatchObject({
      name: "Ada Admin",
      role: "admin",
      id: sb.userIdFor(sb.token),
    });
  });

  test("account self", async () => {
    const res = await call(sb, "GET", "/v2/accounts/self");
    expect(res.single().meta.type).toBe("account");
    expect(res.data).toMatchObject({ currency: "USD", time_format: "24H", timezone: "UTC+00:00" });
  });

  test("unknown path and unsupported method → 404 incorrect_path", async () => {
    const res = await call(sb, "GET", "/v2/unicorns");
    expect(res.status).toBe(404);
    expect(res.err).toMatchObject({
      code: "incorrect_path",
      details: "Requested path at '/v2/unicorns' was not found using the HTTP method 'GET'.",
    });
    const patch = await call(sb, "PATCH", "/v2/leads", { body: { data: {} } });
    expect(patch.status).toBe(404);
    expect(patch.err.details).toContain("using the HTTP method 'PATCH'");
  });

  test("every DELETE answers 204 with no content type and an empty body", async () => {
    const org = await create(sb, "/v2/contacts", { is_organization: true, name: "Del Org" });
    const person = await create(sb, "/v2/contacts", { last_name: "Del", contact_id: idOf(org) });
    const deal = await create(sb, "/v2/deals", { name: "Del deal", contact_id: idOf(org) });
    const product = await create(sb, "/v2/products", {
      name: "Del product",
      prices: [{ amount: "1", currency: "USD" }],
    });
    const order = await create(sb, "/v2/orders", { deal_id: idOf(deal) });
    const orderless = await create(sb, "/v2/deals", { name: "No order", contact_id: idOf(org) });
    const bob = sb.records("users").find((u) => u.name === "Bob Seller") as Data;
    const attached = { resource_type: "deal", resource_id: idOf(deal) };
    // Path of each deletable collection → [collection URL, create body, id used in the path].
    const cases: Record<string, [string, Data, (d: Data) => number]> = {
      leads: ["/v2/leads", { last_name: "Del" }, idOf],
      contacts: ["/v2/contacts", { last_name: "Gone" }, idOf],
      deals: ["/v2/deals", { name: "Gone", contact_id: idOf(org) }, idOf],
      "deals/:deal_id/associated_contacts": [
        `/v2/deals/${idOf(deal)}/associated_contacts`,
        { contact_id: idOf(person) },
        (d) => d.contact_id as number,
      ],
      notes: ["/v2/notes", { ...attached, content: "x" }, idOf],
      tasks: ["/v2/tasks", { content: "x" }, idOf],
      calls: ["/v2/calls", { phone_number: "1" }, idOf],
      collaborations: ["/v2/collaborations", { ...attached, collaborator_id: bob.id }, idOf],
      orders: ["/v2/orders", { deal_id: idOf(orderless) }, idOf],
      "orders/:order_id/line_items": [
        `/v2/orders/${idOf(order)}/line_items`,
        { product_id: idOf(product), currency: "USD" },
        idOf,
      ],
      products: ["/v2/products", { name: "Gone" }, idOf],
      sources: ["/v2/sources", { name: "Del source" }, idOf],
      deal_sources: ["/v2/deal_sources", { name: "Del deal source" }, idOf],
      lead_sources: ["/v2/lead_sources", { name: "Del lead source" }, idOf],
      loss_reasons: ["/v2/loss_reasons", { name: "Del reason" }, idOf],
      deal_unqualified_reasons: ["/v2/deal_unqualified_reasons", { name: "Del reason" }, idOf],
      tags: ["/v2/tags", { name: "del", resource_type: "lead" }, idOf],
    };
    const deletable = new ResourceRegistry()
      .all()
      .filter((d) => d.path && d.ops.includes("delete"))
      .map((d) => d.path);
    expect(Object.keys(cases).sort()).toEqual([...deletable].sort());
    for (const [path, [url, body, idFor]] of Object.entries(cases)) {
      const id = idFor(await create(sb, url, body));
      const res = await call(sb, "DELETE", `${url}/${id}`);
      expect([path, res.status, res.text]).toEqual([path, 204, ""]);
      expect([path, res.headers["content-type"]]).toEqual([path, undefined]);
      expect(res.headers["x-request-id"]).toMatch(UUID);
    }
  });

  test("users/self and accounts/self reject unexpected query parameters", async () => {
    for (const path of ["/v2/users/self", "/v2/accounts/self"]) {
      const res = await call(sb, "GET", `${path}?foo=1`);
      expect(res.status).toBe(400);
      expect(res.error().errors).toEqual([
        {
          error: {
            code: "invalid_param",
            message: "invalid request query parameter",
            details:
              "The request query parameter 'foo' is malformed, missing, or has an invalid value (is an unexpected parameter)",
          },
          meta: { type: "error", links: { more_info: expect.any(String) } },
        },
      ]);
      expect(res.error().meta.http_status).toBe("400 Bad Request");
      expect((await call(sb, "GET", `${path}?page=1`)).status).toBe(400);
      expect((await call(sb, "GET", path)).status).toBe(200);
    }
  });

  test("HEAD answers like GET without a body", async () => {
    const res = await call(sb, "HEAD", "/v2/users/self");
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    expect(Number(res.headers["content-length"])).toBeGreaterThan(0);
  });
});

describe("authentication and request headers", () => {
  test("missing token → 401 unauthorized", async () => {
    const res = await call(sb, "GET", "/v2/leads", { token: null });
    expect(res.status).toBe(401);
    expect(res.err).toMatchObject({
      code: "unauthorized",
      details: "Required access token is missing, malformed, expired, or invalid.",
    });
    expect(res.error().meta.http_status).toBe("401 Unauthorized");
  });

  test("wrong token and non-Bearer scheme → 401", async () => {
    expect((await call(sb, "GET", "/v2/leads", { token: "0".repeat(64) })).status).toBe(401);
    const basic = await call(sb, "GET", "/v2/leads", {
      token: null,
      headers: { Authorization: `Basic ${sb.token}` },
    });
    expect(basic.status).toBe(401);
  });

  test("missing or empty User-Agent → 400 invalid_user_agent", async () => {
    const missing = await call(sb, "GET", "/v2/leads", { headers: { "User-Agent": undefined } });
    expect(missing.status).toBe(400);
    expect(missing.err.code).toBe("invalid_user_agent");
    const empty = await call(sb, "GET", "/v2/leads", { headers: { "User-Agent": " " } });
    expect(empty.status).toBe(400);
  });

  test("explicit non-JSON Accept → 406; */* and no Accept are fine", async () => {
    const xml = await call(sb, "GET", "/v2/leads", { headers: { Accept: "application/xml" } });
    expect(xml.status).toBe(406);
    expect(xml.error().meta.http_status).toBe("406 Not Acceptable");
    expect((await call(sb, "GET", "/v2/leads", { headers: { Accept: "*/*" } })).status).toBe(200);
    expect((await call(sb, "GET", "/v2/leads", { headers: { Accept: undefined } })).status).toBe(
      200,
    );
    const mixed = await call(sb, "GET", "/v2/leads", {
      headers: { Accept: "text/html, application/json;q=0.9" },
    });
    expect(mixed.status).toBe(200);
  });

  test("tokens of non-root users act as those users", async () => {
    const other = await sandbox({
      tokens: ["a".repeat(64), "b".repeat(64)],
      rootTokens: ["a".repeat(64)],
    });
    try {
      const me = await call(other, "GET", "/v2/users/self", { token: "b".repeat(64) });
      expect(me.data).toMatchObject({ name: "Bob Seller", role: "user" });
      const lead = await call(other, "POST", "/v2/leads", {
        token: "b".repeat(64),
        body: { data: { last_name: "Owned" } },
      });
      expect(lead.data.owner_id).toBe(me.data.id);
      expect(lead.data.creator_id).toBe(me.data.id);
    } finally {
      await other.close();
    }
  });
});

describe("write bodies", () => {
  test("unparsable JSON → 400 invalid_payload", async () => {
    const res = await call(sb, "POST", "/v2/leads", { raw: "{not json" });
    expect(res.status).toBe(400);
    expect(res.err.code).toBe("invalid_payload");
  });

  test("body without a data object → 400 invalid_payload", async () => {
    for (const body of [{ last_name: "X" }, { data: [] }, [], { data: {}, extra: 1 }]) {
      const res = await call(sb, "POST", "/v2/leads", { body });
      expect(res.status).toBe(400);
      expect(res.err.code).toBe("invalid_payload");
    }
  });

  test("meta next to data is accepted", async () => {
    const res = await call(sb, "POST", "/v2/leads", {
      body: { data: { last_name: "Meta" }, meta: { type: "lead" } },
    });
    expect(res.status).toBe(200);
  });

  test("unknown attribute → 422 unknown with /data pointer", async () => {
    const res = await call(sb, "POST", "/v2/contacts", {
      body: { data: { last_name: "X", invalid_field: 1 } },
    });
    expect(res.status).toBe(422);
    expect(res.err).toEqual({
      resource: "contact",
      field: "/data/invalid_field",
      code: "unknown",
      message: "unknown attribute",
      details:
        "The attribute '/data/invalid_field' is not a known attribute for the 'contact' resource.",
    });
    expect(res.error().meta.http_status).toBe("422 Unprocessable Entity");
  });

  test("read-only attributes are rejected by default, ignored when configured", async () => {
    const res = await call(sb, "POST", "/v2/leads", {
      body: { data: { last_name: "X", id: 5, created_at: "2020-01-01T00:00:00Z" } },
    });
    expect(res.status).toBe(422);
    expect(res.error().errors.map((e) => [e.error.field, e.error.code])).toEqual([
      ["/data/id", "unknown"],
      ["/data/created_at", "unknown"],
    ]);
    const lenient = await sandbox({ readOnlyAttributes: "ignore" });
    try {
      const ok = await call(lenient, "POST", "/v2/leads", {
        body: { data: { last_name: "X", id: 5 } },
      });
      expect(ok.status).toBe(200);
      expect(ok.data.id).not.toBe(5);
    } finally {
      await lenient.close();
    }
  });

  test("wrong JSON types → 422 invalid_type; several errors at once", async () => {
    const res = await call(sb, "POST", "/v2/leads", {
      body: { data: { last_name: 5, owner_id: "1", tags: "vip" } },
    });
    expect(res.status).toBe(422);
    const errors = res.error().errors.map((e) => [e.error.field, e.error.code]);
    expect(errors).toEqual(
      expect.arrayContaining([
        ["/data/last_name", "invalid_type"],
        ["/data/owner_id", "invalid_type"],
        ["/data/tags", "invalid_type"],
      ]),
    );
  });

  test("enum violation → 422 incorrect_value 'not included in the list'", async () => {
    const res = await call(sb, "POST", "/v2/tasks", {
      body: { data: { content: "x", resource_type: "invoice", resource_id: 1 } },
    });
    expect(res.status).toBe(422);
    expect(res.err).toMatchObject({
      resource: "task",
      field: "/data/resource_type",
      code: "incorrect_value",
      message: "attribute value is incorrect",
      details: "The attribute '/data/resource_type' value is not included in the list",
    });
  });

  test("required attribute missing → 422 blank 'can't be blank'", async () => {
    const res = await call(sb, "POST", "/v2/contacts", { body: { data: { first_name: "Only" } } });
    expect(res.status).toBe(422);
    expect(res.err).toMatchObject({
      field: "/data/last_name",
      code: "blank",
      message: "can't be blank",
    });
  });

  test("query parameters on writes are unexpected", async () => {
    const res = await call(sb, "POST", "/v2/leads?foo=1", { body: { data: { last_name: "Q" } } });
    expect(res.status).toBe(400);
    expect(res.err.details).toContain("(is an unexpected parameter)");
  });
});
