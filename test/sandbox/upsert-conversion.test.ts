import type { Sandbox } from "../../sandbox";
import { call, create, type Data, idOf, sandbox } from "./helpers";

let sb: Sandbox;
beforeEach(async () => {
  sb = await sandbox();
});
afterEach(() => sb.close());

describe("upsert", () => {
  test.each(["leads", "contacts", "deals"])(
    "/v2/%s/upsert without a filter → 400 invalid_param",
    async (r) => {
      const res = await call(sb, "POST", `/v2/${r}/upsert`, { body: { data: { last_name: "X" } } });
      expect(res.status).toBe(400);
      expect(res.err.code).toBe("invalid_param");
      expect(res.err.details).toContain("At least a single filter");
      const onlyInclusive = await call(sb, "POST", `/v2/${r}/upsert?inclusive=false`, {
        body: { data: {} },
      });
      expect(onlyInclusive.status).toBe(400);
    },
  );

  test("0 matches → create, 1 → partial update, >1 → 409 and nothing changes", async () => {
    const first = await call(sb, "POST", "/v2/leads/upsert?email=u@x.io", {
      body: { data: { last_name: "Upsert", email: "u@x.io", title: "A" } },
    });
    expect(first.status).toBe(200);
    expect(first.single().meta.type).toBe("lead");
    expect(sb.records("leads")).toHaveLength(1);

    sb.advanceClock(5000);
    const second = await call(sb, "POST", "/v2/leads/upsert?email=u@x.io", {
      body: { data: { title: "B" } },
    });
    expect(second.status).toBe(200);
    expect(second.data).toMatchObject({ id: first.data.id, last_name: "Upsert", title: "B" });
    expect(second.data.updated_at).not.toBe(second.data.created_at);
    expect(sb.records("leads")).toHaveLength(1);

    await create(sb, "/v2/leads", { last_name: "Twin", email: "u@x.io" });
    const before = JSON.stringify(sb.records("leads"));
    const conflict = await call(sb, "POST", "/v2/leads/upsert?email=u@x.io", {
      body: { data: { title: "C" } },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.error().meta.http_status).toBe("409 Conflict");
    expect(conflict.err.code).toBe("conflict");
    expect(JSON.stringify(sb.records("leads"))).toBe(before);
  });

  test("custom field filters and inclusive work as in lists", async () => {
    const org = await create(sb, "/v2/contacts", { is_organization: true, name: "Org" });
    const up = () =>
      call(sb, "POST", `/v2/deals/upsert?contact_id=${idOf(org)}&custom_fields[External ID]=X-1`, {
        body: {
          data: { name: "Deal X", contact_id: idOf(org), custom_fields: { "External ID": "X-1" } },
        },
      });
    const a = await up();
    const b = await up();
    expect(a.status).toBe(200);
    expect(b.data.id).toBe(a.data.id);
    expect(sb.records("deals")).toHaveLength(1);
    const bad = await call(sb, "POST", "/v2/contacts/upsert?custom_fields[Known via]=x", {
      body: { data: { last_name: "K" } },
    });
    expect(bad.status).toBe(400);
    const paging = await call(sb, "POST", "/v2/contacts/upsert?email=a@b.c&page=1", {
      body: { data: { last_name: "K" } },
    });
    expect(paging.status).toBe(400);
  });

  test("validation errors on the create path are 422 and create nothing", async () => {
    const res = await call(sb, "POST", "/v2/contacts/upsert?email=v@x.io", {
      body: { data: { email: "v@x.io" } },
    });
    expect(res.status).toBe(422);
    expect(sb.records("contacts")).toHaveLength(0);
  });
});

describe("lead conversion", () => {
  test("person + organization: individual inside the new organization, deal named after it", async () => {
    const bob = sb.userIdFor(sb.token);
    const lead = await create(sb, "/v2/leads", {
      first_name: "Jane",
      last_name: "Doe",
      organization_name: "Globex",
      email: "jane@globex.io",
      phone: "555",
      industry: "Energy",
      address: { city: "Cypress Creek" },
      tags: ["vip"],
      custom_fields: { "External ID": "L-1", Budget: 7 },
    });
    const res = await call(sb, "POST", "/v2/lead_conversions", {
      body: { data: { lead_id: idOf(lead) } },
    });
    expect(res.status).toBe(200);
    expect(res.single()).toEqual({
      data: {
        id: expect.any(Number),
        lead_id: idOf(lead),
        individual_id: expect.any(Number),
        organization_id: expect.any(Number),
        deal_id: expect.any(Number),
        creator_id: bob,
        created_at: expect.any(String),
      },
      meta: { type: "lead_conversion" },
    });
    const { individual_id, organization_id, deal_id } = res.data;
    const individual = (await call(sb, "GET", `/v2/contacts/${individual_id}`)).data;
    expect(individual).toMatchObject({
      is_organization: false,
      first_name: "Jane",
      last_name: "Doe",
      contact_id: organization_id,
      email: "jane@globex.io",
      phone: "555",
      owner_id: lead.owner_id,
      tags: ["vip"],
      custom_fields: { "External ID": "L-1" },
    });
    const organization = (await call(sb, "GET", `/v2/contacts/${organization_id}`)).data;
    expect(organization).toMatchObject({
      is_organization: true,
      name: "Globex",
      industry: "Energy",
    });
    const deal = (await call(sb, "GET", `/v2/deals/${deal_id}`)).data;
    expect(deal).toMatchObject({ name: "Globex", contact_id: organization_id, organization_id });

    expect((await call(sb, "GET", `/v2/leads/${idOf(lead)}`)).status).toBe(404);
    expect((await call(sb, "GET", "/v2/leads")).rows).toEqual([]);
    const again = await call(sb, "POST", "/v2/lead_conversions", {
      body: { data: { lead_id: idOf(lead) } },
    });
    expect(again.status).toBe(422);
    expect(again.err).toMatchObject({ field: "/data/lead_id", code: "incorrect_value" });
    expect(again.err.details).toContain("already been converted");

    const list = await call(sb, "GET", `/v2/lead_conversions?lead_id=${idOf(lead)}`);
    expect(list.rows).toEqual([res.data]);
  });

  test("person only, create_deal false, owner_id override", async () => {
    const cara = sb.records("users")[2] as Data;
    const lead = await create(sb, "/v2/leads", { first_name: "Solo", last_name: "Person" });
    const res = await call(sb, "POST", "/v2/lead_conversions", {
      body: { data: { lead_id: idOf(lead), create_deal: false, owner_id: idOf(cara) } },
    });
    expect(res.data).toMatchObject({
      organization_id: null,
      deal_id: null,
      individual_id: expect.any(Number),
    });
    const person = (await call(sb, "GET", `/v2/contacts/${res.data.individual_id}`)).data;
    expect(person).toMatchObject({ contact_id: null, owner_id: idOf(cara), name: "Solo Person" });
    expect(sb.records("deals")).toHaveLength(0);
  });

  test("organization only: deal on the organization", async () => {
    const lead = await create(sb, "/v2/leads", {
      organization_name: "Initech",
      email: "info@initech.io",
    });
    const res = await call(sb, "POST", "/v2/lead_conversions", {
      body: { data: { lead_id: idOf(lead) } },
    });
    expect(res.data.individual_id).toBeNull();
    const org = (await call(sb, "GET", `/v2/contacts/${res.data.organization_id}`)).data;
    expect(org).toMatchObject({ name: "Initech", email: "info@initech.io" });
    expect((await call(sb, "GET", `/v2/deals/${res.data.deal_id}`)).data).toMatchObject({
      name: "Initech",
      contact_id: org.id,
    });
  });

  test("unknown lead, missing lead_id, bad attributes → 422; nothing created", async () => {
    const ghost = await call(sb, "POST", "/v2/lead_conversions", {
      body: { data: { lead_id: 12345 } },
    });
    expect(ghost.status).toBe(422);
    expect(ghost.err).toMatchObject({ field: "/data/lead_id", code: "incorrect_value" });
    expect(ghost.err.details).toContain("not found");
    expect(
      (await call(sb, "POST", "/v2/lead_conversions", { body: { data: {} } })).err,
    ).toMatchObject({
      field: "/data/lead_id",
      code: "blank",
    });
    const lead = await create(sb, "/v2/leads", { last_name: "Keep" });
    const bad = await call(sb, "POST", "/v2/lead_conversions", {
      body: { data: { lead_id: idOf(lead), create_deal: "yes" } },
    });
    expect(bad.err).toMatchObject({ field: "/data/create_deal", code: "invalid_type" });
    expect(sb.records("contacts")).toHaveLength(0);
    expect(sb.records("leads")).toHaveLength(1);
  });
});
