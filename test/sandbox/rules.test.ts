import type { Sandbox } from "../../sandbox";
import { call, create, type Data, idOf, recordId, sandbox } from "./helpers";

let sb: Sandbox;
let org: Data;
let person: Data;

const codes = (res: { error(): { errors: Array<{ error: { field?: string; code: string } }> } }) =>
  res.error().errors.map((e) => [e.error.field, e.error.code]);

beforeAll(async () => {
  sb = await sandbox();
  org = await create(sb, "/v2/contacts", { is_organization: true, name: "Acme" });
  person = await create(sb, "/v2/contacts", {
    first_name: "Mark",
    last_name: "Johnson",
    contact_id: idOf(org),
  });
});
afterAll(() => sb.close());

describe("leads", () => {
  test("need last_name or organization_name", async () => {
    const res = await call(sb, "POST", "/v2/leads", { body: { data: { first_name: "Only" } } });
    expect(res.status).toBe(422);
    expect(codes(res)).toEqual([["/data/last_name", "blank"]]);
    expect(
      (await call(sb, "POST", "/v2/leads", { body: { data: { organization_name: "Org" } } }))
        .status,
    ).toBe(200);
  });

  test("defaults: status New, owner = token user; status must be a lead status", async () => {
    const lead = await create(sb, "/v2/leads", { last_name: "D" });
    expect(lead).toMatchObject({
      status: "New",
      owner_id: sb.userIdFor(sb.token),
      tags: [],
      custom_fields: {},
    });
    const bad = await call(sb, "POST", "/v2/leads", {
      body: { data: { last_name: "D", status: "Bogus" } },
    });
    expect(codes(bad)).toEqual([["/data/status", "incorrect_value"]]);
  });

  test("source must be a lead source, owner must be a user", async () => {
    const dealSource = recordId(sb, "deal_sources", () => true);
    const leadSource = recordId(sb, "lead_sources", () => true);
    const bad = await call(sb, "POST", "/v2/leads", {
      body: { data: { last_name: "S", source_id: dealSource, owner_id: 1 } },
    });
    expect(codes(bad)).toEqual([
      ["/data/owner_id", "incorrect_value"],
      ["/data/source_id", "incorrect_value"],
    ]);
    const ok = await create(sb, "/v2/leads", { last_name: "S", source_id: leadSource });
    expect(ok.source_id).toBe(leadSource);
  });

  test("PUT is partial: unsent attributes keep their values", async () => {
    const lead = await create(sb, "/v2/leads", {
      last_name: "P",
      email: "p@example.com",
      title: "Dr",
    });
    const res = await call(sb, "PUT", `/v2/leads/${idOf(lead)}`, {
      body: { data: { title: "Prof" } },
    });
    expect(res.data).toMatchObject({ last_name: "P", email: "p@example.com", title: "Prof" });
  });

  test("address is validated and rendered with all keys", async () => {
    const lead = await create(sb, "/v2/leads", { last_name: "A", address: { city: "Paris" } });
    expect(lead.address).toEqual({
      line1: null,
      city: "Paris",
      postal_code: null,
      state: null,
      country: null,
    });
    const bad = await call(sb, "POST", "/v2/leads", {
      body: { data: { last_name: "A", address: { town: "X" } } },
    });
    expect(codes(bad)).toEqual([["/data/address/town", "unknown"]]);
  });
});

describe("contacts", () => {
  test("individual needs last_name; organization needs name; individual name is derived", async () => {
    expect(
      codes(await call(sb, "POST", "/v2/contacts", { body: { data: { first_name: "X" } } })),
    ).toEqual([["/data/last_name", "blank"]]);
    expect(
      codes(await call(sb, "POST", "/v2/contacts", { body: { data: { is_organization: true } } })),
    ).toEqual([["/data/name", "blank"]]);
    expect(person.name).toBe("Mark Johnson");
    expect(person).toMatchObject({
      is_organization: false,
      customer_status: "none",
      prospect_status: "none",
    });
  });

  test("is_organization cannot change on PUT (same value is fine)", async () => {
    const same = await call(sb, "PUT", `/v2/contacts/${idOf(person)}`, {
      body: { data: { is_organization: false } },
    });
    expect(same.status).toBe(200);
    const changed = await call(sb, "PUT", `/v2/contacts/${idOf(person)}`, {
      body: { data: { is_organization: true } },
    });
    expect(changed.status).toBe(422);
    expect(codes(changed)).toEqual([["/data/is_organization", "incorrect_value"]]);
  });

  test("contact_id must be an organization; parent_organization_id only for organizations", async () => {
    const bad = await call(sb, "POST", "/v2/contacts", {
      body: { data: { last_name: "Z", contact_id: idOf(person) } },
    });
    expect(codes(bad)).toEqual([["/data/contact_id", "incorrect_value"]]);
    const missing = await call(sb, "POST", "/v2/contacts", {
      body: { data: { last_name: "Z", contact_id: 42 } },
    });
    expect(codes(missing)).toEqual([["/data/contact_id", "incorrect_value"]]);
    const orgWithContact = await call(sb, "POST", "/v2/contacts", {
      body: { data: { is_organization: true, name: "Sub", contact_id: idOf(org) } },
    });
    expect(codes(orgWithContact)).toEqual([["/data/contact_id", "incorrect_value"]]);
    const sub = await create(sb, "/v2/contacts", {
      is_organization: true,
      name: "Sub",
      parent_organization_id: idOf(org),
    });
    expect(sub.parent_organization_id).toBe(idOf(org));
  });

  test("enum statuses; billing/shipping address only for customers or prospects", async () => {
    const bad = await call(sb, "POST", "/v2/contacts", {
      body: { data: { last_name: "E", customer_status: "gold" } },
    });
    expect(codes(bad)).toEqual([["/data/customer_status", "incorrect_value"]]);
    const address = { line1: "1 St", city: "X", postal_code: "1", state: "S", country: "US" };
    const plain = await create(sb, "/v2/contacts", { last_name: "B", billing_address: address });
    expect(plain.billing_address).toBeNull();
    const customer = await call(sb, "PUT", `/v2/contacts/${idOf(plain)}`, {
      body: { data: { customer_status: "current" } },
    });
    expect(customer.data.billing_address).toEqual(address);
    expect(customer.data.shipping_address).toBeNull();
  });
});

describe("tags", () => {
  test("tags are replaced on PUT and created implicitly per resource type", async () => {
    const lead = await create(sb, "/v2/leads", { last_name: "T", tags: ["a", "b"] });
    const res = await call(sb, "PUT", `/v2/leads/${idOf(lead)}`, {
      body: { data: { tags: ["c"] } },
    });
    expect(res.data.tags).toEqual(["c"]);
    const leadTags = sb
      .records("tags")
      .filter((t) => t.resource_type === "lead")
      .map((t) => t.name);
    expect(leadTags).toEqual(expect.arrayContaining(["a", "b", "c"]));
    expect(sb.records("tags").some((t) => t.resource_type === "contact" && t.name === "a")).toBe(
      false,
    );
  });

  test("tag names are unique per resource type", async () => {
    await create(sb, "/v2/tags", { name: "unique-tag", resource_type: "deal" });
    const dup = await call(sb, "POST", "/v2/tags", {
      body: { data: { name: "unique-tag", resource_type: "deal" } },
    });
    expect(dup.status).toBe(422);
    expect(dup.err).toMatchObject({
      field: "/data/name",
      code: "already_exists",
      message: "has already been taken",
    });
    expect(
      (
        await call(sb, "POST", "/v2/tags", {
          body: { data: { name: "unique-tag", resource_type: "lead" } },
        })
      ).status,
    ).toBe(200);
  });

  test("renaming or deleting a tag updates the records carrying it", async () => {
    const lead = await create(sb, "/v2/leads", { last_name: "R", tags: ["old-name", "keep"] });
    const tagId = recordId(sb, "tags", (t) => t.name === "old-name" && t.resource_type === "lead");
    await call(sb, "PUT", `/v2/tags/${tagId}`, { body: { data: { name: "new-name" } } });
    expect((await call(sb, "GET", `/v2/leads/${idOf(lead)}`)).data.tags).toEqual([
      "new-name",
      "keep",
    ]);
    await call(sb, "DELETE", `/v2/tags/${tagId}`);
    expect((await call(sb, "GET", `/v2/leads/${idOf(lead)}`)).data.tags).toEqual(["keep"]);
  });
});

describe("custom fields", () => {
  test("values are validated against the definition's type", async () => {
    const res = await call(sb, "POST", "/v2/leads", {
      body: {
        data: {
          last_name: "C",
          custom_fields: {
            Budget: "lots",
            "Follow-up date": "2024-02-30",
            Priority: "Urgent",
            Channels: ["Email", "Fax"],
            Newsletter: "yes",
            Nope: "x",
          },
        },
      },
    });
    expect(res.status).toBe(422);
    expect(codes(res)).toEqual([
      ["/data/custom_fields/Budget", "incorrect_value"],
      ["/data/custom_fields/Follow-up date", "incorrect_value"],
      ["/data/custom_fields/Priority", "incorrect_value"],
      ["/data/custom_fields/Channels", "incorrect_value"],
      ["/data/custom_fields/Newsletter", "incorrect_value"],
      ["/data/custom_fields/Nope", "unknown"],
    ]);
  });

  test("valid values; PUT changes only the keys sent, arrays replaced, null clears", async () => {
    const lead = await create(sb, "/v2/leads", {
      last_name: "C",
      custom_fields: {
        Budget: "12.5",
        "Follow-up date": "2024-02-29",
        Priority: "High",
        Channels: ["Email", "SMS"],
        Newsletter: true,
      },
    });
    expect(lead.custom_fields).toEqual({
      Budget: 12.5,
      "Follow-up date": "2024-02-29",
      Priority: "High",
      Channels: ["Email", "SMS"],
      Newsletter: true,
    });
    const res = await call(sb, "PUT", `/v2/leads/${idOf(lead)}`, {
      body: { data: { custom_fields: { Channels: ["Phone"], Newsletter: null } } },
    });
    expect(res.data.custom_fields).toEqual({
      Budget: 12.5,
      "Follow-up date": "2024-02-29",
      Priority: "High",
      Channels: ["Phone"],
    });
  });

  test("contacts accept contact and prospect_and_customer fields; deals their own", async () => {
    const c = await create(sb, "/v2/contacts", {
      last_name: "K",
      custom_fields: { "Known via": "Tom", "Contract ID": "C1" },
    });
    expect(c.custom_fields).toEqual({ "Known via": "Tom", "Contract ID": "C1" });
    const bad = await call(sb, "POST", "/v2/deals", {
      body: { data: { name: "x", contact_id: idOf(org), custom_fields: { "Known via": "Tom" } } },
    });
    expect(codes(bad)).toEqual([["/data/custom_fields/Known via", "unknown"]]);
  });
});

describe("deals", () => {
  test("name and contact_id are required; the contact must exist", async () => {
    const res = await call(sb, "POST", "/v2/deals", { body: { data: {} } });
    expect(codes(res)).toEqual([
      ["/data/name", "blank"],
      ["/data/contact_id", "blank"],
    ]);
    const ghost = await call(sb, "POST", "/v2/deals", {
      body: { data: { name: "x", contact_id: 1 } },
    });
    expect(codes(ghost)).toEqual([["/data/contact_id", "incorrect_value"]]);
  });

  test("default stage is the first stage of the default pipeline; stage change is tracked", async () => {
    const pipeline = sb.records("pipelines").find((p) => p.disabled === false) as Data;
    const stages = sb.records("stages").filter((s) => s.pipeline_id === pipeline.id);
    const first = stages.find((s) => s.position === 1) as Data;
    expect(first.category).toBe("incoming");
    const deal = await create(sb, "/v2/deals", { name: "Stage", contact_id: idOf(org) });
    expect(deal.stage_id).toBe(first.id);
    expect(deal.last_stage_change_at).toEqual(expect.any(String));
    sb.advanceClock(60_000);
    const next = stages.find((s) => s.position === 2) as Data;
    const moved = await call(sb, "PUT", `/v2/deals/${idOf(deal)}`, {
      body: { data: { stage_id: next.id } },
    });
    expect(moved.data.stage_id).toBe(next.id);
    expect(moved.data.last_stage_change_by_id).toBe(sb.userIdFor(sb.token));
    expect(Date.parse(moved.data.last_stage_change_at as string)).toBeGreaterThan(
      Date.parse(deal.last_stage_change_at as string),
    );
    const untouched = await call(sb, "PUT", `/v2/deals/${idOf(deal)}`, {
      body: { data: { hot: true } },
    });
    expect(untouched.data.last_stage_change_at).toBe(moved.data.last_stage_change_at);
  });

  test("seeded pipelines and stages follow the reference layout", () => {
    const pipelines = sb.records("pipelines");
    expect(pipelines.filter((p) => p.disabled === false).length).toBeGreaterThanOrEqual(2);
    expect(pipelines.filter((p) => p.disabled === true).length).toBe(1);
    for (const s of sb.records("stages")) {
      expect(["incoming", "in_progress", "won", "lost", "unqualified"]).toContain(s.category);
      expect(s.active).toBe(!["won", "lost", "unqualified"].includes(s.category as string));
    }
  });

  test("a disabled pipeline refuses deals", async () => {
    const disabled = sb.records("pipelines").find((p) => p.disabled === true) as Data;
    const stage = sb.records("stages").find((s) => s.pipeline_id === disabled.id) as Data;
    const res = await call(sb, "POST", "/v2/deals", {
      body: { data: { name: "x", contact_id: idOf(org), stage_id: stage.id } },
    });
    expect(res.status).toBe(422);
    expect(codes(res)).toEqual([["/data/stage_id", "incorrect_value"]]);
    expect(res.err.details).toContain("disabled");
  });

  test("value: integer when whole, string with two decimals otherwise (§8.2)", async () => {
    const whole = await create(sb, "/v2/deals", {
      name: "v",
      contact_id: idOf(org),
      value: "1000.00",
    });
    expect(whole.value).toBe(1000);
    const fractional = await create(sb, "/v2/deals", {
      name: "v",
      contact_id: idOf(org),
      value: 1000.5,
    });
    expect(fractional.value).toBe("1000.50");
    const none = await create(sb, "/v2/deals", { name: "v", contact_id: idOf(org) });
    expect(none.value).toBeNull();
    const bad = await call(sb, "POST", "/v2/deals", {
      body: { data: { name: "v", contact_id: idOf(org), value: "abc" } },
    });
    expect(codes(bad)).toEqual([["/data/value", "incorrect_value"]]);
    const wrongType = await call(sb, "POST", "/v2/deals", {
      body: { data: { name: "v", contact_id: idOf(org), value: true } },
    });
    expect(codes(wrongType)).toEqual([["/data/value", "invalid_type"]]);
  });

  test("estimated_close_date accepts a date or a date-time and keeps the date part", async () => {
    const deal = await create(sb, "/v2/deals", {
      name: "Close",
      contact_id: idOf(org),
      estimated_close_date: "2014-09-27T16:32:56Z",
    });
    expect(deal.estimated_close_date).toBe("2014-09-27");
    expect((await call(sb, "GET", `/v2/deals/${idOf(deal)}`)).data.estimated_close_date).toBe(
      "2014-09-27",
    );
    expect(sb.events("deals").at(-1)?.data.estimated_close_date).toBe("2014-09-27");
    const listed = await call(sb, "GET", "/v2/deals?estimated_close_date=2014-09-27");
    expect(listed.rows.map(idOf)).toEqual([idOf(deal)]);
    // The date as written, not converted to UTC (23:30 at -05:00 is the 29th in UTC).
    const up = await call(sb, "PUT", `/v2/deals/${idOf(deal)}`, {
      body: { data: { estimated_close_date: "2014-09-28T23:30:00-05:00" } },
    });
    expect(up.data.estimated_close_date).toBe("2014-09-28");
    const plain = await call(sb, "PUT", `/v2/deals/${idOf(deal)}`, {
      body: { data: { estimated_close_date: "2015-06-19" } },
    });
    expect(plain.data.estimated_close_date).toBe("2015-06-19");
    for (const bad of ["2014-02-30T10:00:00Z", "2014-09-27T25:00:00Z", "soon", "27/09/2014"]) {
      const res = await call(sb, "PUT", `/v2/deals/${idOf(deal)}`, {
        body: { data: { estimated_close_date: bad } },
      });
      expect([bad, res.status]).toEqual([bad, 422]);
      expect(res.err).toMatchObject({
        field: "/data/estimated_close_date",
        code: "incorrect_value",
        details:
          "The attribute '/data/estimated_close_date' value is not a valid date (YYYY-MM-DD).",
      });
    }
  });

  test("organization_id derives from the primary contact", async () => {
    const viaOrg = await create(sb, "/v2/deals", { name: "o", contact_id: idOf(org) });
    expect(viaOrg.organization_id).toBe(idOf(org));
    const viaPerson = await create(sb, "/v2/deals", { name: "p", contact_id: idOf(person) });
    expect(viaPerson.organization_id).toBe(idOf(org));
    const loner = await create(sb, "/v2/contacts", { last_name: "Loner" });
    const viaLoner = await create(sb, "/v2/deals", { name: "l", contact_id: idOf(loner) });
    expect(viaLoner.organization_id).toBeNull();
    const ro = await call(sb, "PUT", `/v2/deals/${idOf(viaLoner)}`, {
      body: { data: { organization_id: idOf(org) } },
    });
    expect(codes(ro)).toEqual([["/data/organization_id", "unknown"]]);
  });

  test("added_on is accepted as an alias of added_at; likelihood bounded 0..100", async () => {
    const deal = await create(sb, "/v2/deals", {
      name: "a",
      contact_id: idOf(org),
      added_on: "2020-01-02T03:04:05Z",
    });
    expect(deal.added_at).toBe("2020-01-02T03:04:05Z");
    const bad = await call(sb, "POST", "/v2/deals", {
      body: { data: { name: "a", contact_id: idOf(org), customized_win_likelihood: 101 } },
    });
    expect(codes(bad)).toEqual([["/data/customized_win_likelihood", "incorrect_value"]]);
  });

  test("includes=associated_contacts on get and list; other includes → 400", async () => {
    const deal = await create(sb, "/v2/deals", { name: "inc", contact_id: idOf(org) });
    await create(sb, `/v2/deals/${idOf(deal)}/associated_contacts`, { contact_id: idOf(person) });
    const got = await call(sb, "GET", `/v2/deals/${idOf(deal)}?includes=associated_contacts`);
    expect(got.data.associated_contacts).toEqual({
      items: [
        {
          data: {
            contact_id: idOf(person),
            role: "involved",
            created_at: expect.any(String),
            updated_at: expect.any(String),
          },
          meta: { type: "associated_contact" },
        },
      ],
      meta: { type: "collection", count: 1 },
    });
    const list = await call(sb, "GET", `/v2/deals?ids=${idOf(deal)}&includes=associated_contacts`);
    expect(list.rows[0]?.associated_contacts).toEqual(got.data.associated_contacts);
    expect((await call(sb, "GET", `/v2/deals/${idOf(deal)}`)).data).not.toHaveProperty(
      "associated_contacts",
    );
    expect((await call(sb, "GET", `/v2/deals/${idOf(deal)}?includes=notes`)).status).toBe(400);
  });

  test("deleting a deal removes its associated contacts, order and line items", async () => {
    const deal = await create(sb, "/v2/deals", { name: "del", contact_id: idOf(org) });
    await create(sb, `/v2/deals/${idOf(deal)}/associated_contacts`, { contact_id: idOf(person) });
    const product = await create(sb, "/v2/products", {
      name: "P",
      prices: [{ amount: 5, currency: "USD" }],
    });
    const order = await create(sb, "/v2/orders", { deal_id: idOf(deal) });
    await create(sb, `/v2/orders/${idOf(order)}/line_items`, {
      product_id: idOf(product),
      currency: "USD",
    });
    const before = sb.records("associated_contacts").length;
    expect((await call(sb, "DELETE", `/v2/deals/${idOf(deal)}`)).status).toBe(204);
    expect(sb.records("associated_contacts").length).toBe(before - 1);
    expect((await call(sb, "GET", `/v2/deals/${idOf(deal)}/associated_contacts`)).status).toBe(404);
    expect(sb.records("orders").some((o) => o.id === idOf(order))).toBe(false);
    expect(sb.records("line_items").some((l) => l.order_id === idOf(order))).toBe(false);
  });
});

describe("associated contacts", () => {
  test("contact must exist, no duplicates, role from the list, deal must exist", async () => {
    const deal = await create(sb, "/v2/deals", { name: "ac", contact_id: idOf(org) });
    const base = `/v2/deals/${idOf(deal)}/associated_contacts`;
    expect(codes(await call(sb, "POST", base, { body: { data: { contact_id: 1 } } }))).toEqual([
      ["/data/contact_id", "incorrect_value"],
    ]);
    await create(sb, base, { contact_id: idOf(person) });
    const dup = await call(sb, "POST", base, { body: { data: { contact_id: idOf(person) } } });
    expect(codes(dup)).toEqual([["/data/contact_id", "already_exists"]]);
    expect(
      codes(
        await call(sb, "POST", base, { body: { data: { contact_id: idOf(org), role: "boss" } } }),
      ),
    ).toEqual([["/data/role", "incorrect_value"]]);
    expect(
      (
        await call(sb, "POST", "/v2/deals/1/associated_contacts", {
          body: { data: { contact_id: idOf(person) } },
        })
      ).status,
    ).toBe(404);
  });
});

describe("notes", () => {
  test("resource_type, resource_id and content are required and the resource must exist", async () => {
    expect(codes(await call(sb, "POST", "/v2/notes", { body: { data: {} } }))).toEqual([
      ["/data/resource_type", "blank"],
      ["/data/resource_id", "blank"],
      ["/data/content", "blank"],
    ]);
    const ghost = await call(sb, "POST", "/v2/notes", {
      body: { data: { resource_type: "lead", resource_id: 1, content: "x" } },
    });
    expect(codes(ghost)).toEqual([["/data/resource_id", "incorrect_value"]]);
    const note = await create(sb, "/v2/notes", {
      resource_type: "contact",
      resource_id: idOf(person),
      content: "x",
    });
    expect(note).toMatchObject({ type: "regular", is_important: false, tags: [] });
  });
});

describe("tasks", () => {
  test("floating tasks are allowed; a related task's resource must exist", async () => {
    const floating = await create(sb, "/v2/tasks", { content: "float" });
    expect(floating).toMatchObject({
      resource_type: null,
      resource_id: null,
      completed: false,
      overdue: false,
    });
    const ghost = await call(sb, "POST", "/v2/tasks", {
      body: { data: { content: "x", resource_type: "deal", resource_id: 1 } },
    });
    expect(codes(ghost)).toEqual([["/data/resource_id", "incorrect_value"]]);
    const half = await call(sb, "POST", "/v2/tasks", {
      body: { data: { content: "x", resource_id: idOf(person) } },
    });
    expect(codes(half)).toEqual([["/data/resource_type", "blank"]]);
  });

  test("overdue is derived from due_date and the clock; completing sets completed_at", async () => {
    const due = new Date(sb.now() + 3_600_000).toISOString();
    const task = await create(sb, "/v2/tasks", {
      content: "due",
      due_date: due,
      resource_type: "contact",
      resource_id: idOf(person),
    });
    expect(task.overdue).toBe(false);
    sb.advanceClock(2 * 3_600_000);
    const later = await call(sb, "GET", `/v2/tasks/${idOf(task)}`);
    expect(later.data.overdue).toBe(true);
    expect((await call(sb, "GET", `/v2/tasks?overdue=true&ids=${idOf(task)}`)).rows.length).toBe(1);
    const done = await call(sb, "PUT", `/v2/tasks/${idOf(task)}`, {
      body: { data: { completed: true } },
    });
    expect(done.data).toMatchObject({
      completed: true,
      overdue: false,
      completed_at: expect.any(String),
    });
    const reopened = await call(sb, "PUT", `/v2/tasks/${idOf(task)}`, {
      body: { data: { completed: false } },
    });
    expect(reopened.data.completed_at).toBeNull();
  });

  test("type=floating|related filter", async () => {
    const related = await call(sb, "GET", "/v2/tasks?type=related&per_page=100");
    expect(related.rows.every((t) => t.resource_type !== null)).toBe(true);
    const floating = await call(sb, "GET", "/v2/tasks?type=floating&per_page=100");
    expect(floating.rows.every((t) => t.resource_type === null)).toBe(true);
    expect((await call(sb, "GET", "/v2/tasks?type=other")).status).toBe(400);
  });
});

describe("orders, line items, products", () => {
  test("one order per deal", async () => {
    const deal = await create(sb, "/v2/deals", { name: "ord", contact_id: idOf(org) });
    await create(sb, "/v2/orders", { deal_id: idOf(deal) });
    const second = await call(sb, "POST", "/v2/orders", {
      body: { data: { deal_id: idOf(deal) } },
    });
    expect(second.status).toBe(422);
    expect(codes(second)).toEqual([["/data/deal_id", "already_exists"]]);
    expect(codes(await call(sb, "POST", "/v2/orders", { body: { data: { deal_id: 1 } } }))).toEqual(
      [["/data/deal_id", "incorrect_value"]],
    );
  });

  test("deleting an order removes its line items", async () => {
    const deal = await create(sb, "/v2/deals", { name: "ord2", contact_id: idOf(org) });
    const order = await create(sb, "/v2/orders", { deal_id: idOf(deal) });
    const product = await create(sb, "/v2/products", {
      name: "P",
      prices: [{ amount: "1", currency: "USD" }],
    });
    const li = await create(sb, `/v2/orders/${idOf(order)}/line_items`, {
      product_id: idOf(product),
      currency: "USD",
    });
    await call(sb, "DELETE", `/v2/orders/${idOf(order)}`);
    expect(sb.records("line_items").some((l) => l.id === idOf(li))).toBe(false);
  });

  test("line items: product must exist and be active, currency required and priced, values copied", async () => {
    const deal = await create(sb, "/v2/deals", { name: "li", contact_id: idOf(org) });
    const order = await create(sb, "/v2/orders", { deal_id: idOf(deal) });
    const base = `/v2/orders/${idOf(order)}/line_items`;
    const product = await create(sb, "/v2/products", {
      name: "Seat",
      sku: "S-1",
      description: "A seat",
      max_discount: 10,
      max_markup: 20,
      prices: [{ amount: "52.74", currency: "EUR" }],
    });
    expect(codes(await call(sb, "POST", base, { body: { data: {} } }))).toEqual([
      ["/data/product_id", "blank"],
      ["/data/currency", "blank"],
    ]);
    expect(
      codes(await call(sb, "POST", base, { body: { data: { product_id: 1, currency: "EUR" } } })),
    ).toEqual([["/data/product_id", "incorrect_value"]]);
    expect(
      codes(
        await call(sb, "POST", base, {
          body: { data: { product_id: idOf(product), currency: "USD" } },
        }),
      ),
    ).toEqual([["/data/currency", "incorrect_value"]]);
    expect(
      codes(
        await call(sb, "POST", base, {
          body: { data: { product_id: idOf(product), currency: "EUR", variation: -15 } },
        }),
      ),
    ).toEqual([["/data/variation", "incorrect_value"]]);
    const li = await create(sb, base, {
      product_id: idOf(product),
      currency: "EUR",
      variation: "10",
      quantity: 4,
    });
    expect(li).toMatchObject({
      name: "Seat",
      sku: "S-1",
      description: "A seat",
      price: "52.74",
      value: "58.01",
      variation: "10.00",
      currency: "EUR",
      quantity: 4,
    });
    await call(sb, "PUT", `/v2/products/${idOf(product)}`, { body: { data: { active: false } } });
    const inactive = await call(sb, "POST", base, {
      body: { data: { product_id: idOf(product), currency: "EUR" } },
    });
    expect(inactive.status).toBe(422);
    expect(inactive.err.details).toBe("Line items cannot be created from inactive products.");
  });

  test("products: max_discount ≤ 100, max_markup any non-negative integer", async () => {
    const bad = await call(sb, "POST", "/v2/products", {
      body: { data: { name: "X", max_discount: 101 } },
    });
    expect(bad.err).toEqual({
      resource: "product",
      field: "/data/max_discount",
      code: "incorrect_value",
      message: "attribute value is incorrect",
      details: "Ensure this value is less than or equal to 100.",
    });
    const markup = await call(sb, "POST", "/v2/products", {
      body: { data: { name: "X", max_markup: 150, prices: [{ amount: 100, currency: "USD" }] } },
    });
    expect(markup.status).toBe(200);
    expect(markup.data.max_markup).toBe(150);
    const up = await call(sb, "PUT", `/v2/products/${idOf(markup.data)}`, {
      body: { data: { max_markup: 1000 } },
    });
    expect(up.data.max_markup).toBe(1000);
    const negative = await call(sb, "PUT", `/v2/products/${idOf(markup.data)}`, {
      body: { data: { max_markup: -1 } },
    });
    expect(negative.err).toMatchObject({
      field: "/data/max_markup",
      code: "incorrect_value",
      details: "Ensure this value is greater than or equal to 0.",
    });
    // The markup bound of line items follows: +120 % is within a 1000 % max_markup.
    const deal = await create(sb, "/v2/deals", {
      name: "Markup",
      contact_id: idOf(await create(sb, "/v2/contacts", { last_name: "Markup" })),
    });
    const order = await create(sb, "/v2/orders", { deal_id: idOf(deal) });
    const item = await create(sb, `/v2/orders/${idOf(order)}/line_items`, {
      product_id: idOf(markup.data),
      currency: "USD",
      variation: 120,
    });
    expect(item.value).toBe("220.00");
  });

  test("products: prices are replaced and returned ordered by currency code", async () => {
    const p = await create(sb, "/v2/products", {
      name: "X",
      prices: [
        { amount: "1599.99", currency: "USD" },
        { amount: "3599.99", currency: "PLN" },
      ],
    });
    expect(p.prices).toEqual([
      { amount: "3599.99", currency: "PLN" },
      { amount: "1599.99", currency: "USD" },
    ]);
    const got = await call(sb, "GET", `/v2/products/${idOf(p)}`);
    expect(got.data.prices).toEqual(p.prices);
    const up = await call(sb, "PUT", `/v2/products/${idOf(p)}`, {
      body: {
        data: {
          prices: [
            { amount: "3", currency: "GBP" },
            { amount: 1, currency: "USD" },
            { amount: "2.5", currency: "EUR" },
          ],
        },
      },
    });
    expect(up.data.prices).toEqual([
      { amount: "2.50", currency: "EUR" },
      { amount: "3.00", currency: "GBP" },
      { amount: "1.00", currency: "USD" },
    ]);
    const event = sb.events("products").at(-1);
    expect(event?.data.prices).toEqual(up.data.prices);
  });

  test("only admins may delete products", async () => {
    const multi = await sandbox({
      tokens: ["a".repeat(64), "b".repeat(64)],
      rootTokens: ["a".repeat(64)],
    });
    try {
      const p = await create(multi, "/v2/products", { name: "Admin only" });
      const denied = await call(multi, "DELETE", `/v2/products/${idOf(p)}`, {
        token: "b".repeat(64),
      });
      expect(denied.status).toBe(403);
      expect(denied.error().meta.http_status).toBe("403 Forbidden");
      expect((await call(multi, "DELETE", `/v2/products/${idOf(p)}`)).status).toBe(204);
    } finally {
      await multi.close();
    }
  });
});

describe("sources and reasons", () => {
  test.each([
    "/v2/sources",
    "/v2/lead_sources",
    "/v2/deal_sources",
    "/v2/loss_reasons",
    "/v2/deal_unqualified_reasons",
  ])("%s names are unique", async (path) => {
    await create(sb, path, { name: `Dup ${path}` });
    const dup = await call(sb, "POST", path, { body: { data: { name: `Dup ${path}` } } });
    expect(dup.status).toBe(422);
    expect(dup.err).toMatchObject({ field: "/data/name", code: "already_exists" });
  });

  test("lead and deal sources are views by resource_type; the legacy endpoint lists deal sources", async () => {
    const lead = await create(sb, "/v2/lead_sources", { name: "Fair" });
    expect(lead.resource_type).toBe("lead");
    const deal = await create(sb, "/v2/deal_sources", { name: "Fair" });
    expect(deal.resource_type).toBe("deal");
    expect((await call(sb, "GET", `/v2/sources/${idOf(deal)}`)).status).toBe(200);
    expect((await call(sb, "GET", `/v2/sources/${idOf(lead)}`)).status).toBe(404);
    const wrong = await call(sb, "POST", "/v2/lead_sources", {
      body: { data: { name: "W", resource_type: "deal" } },
    });
    expect(codes(wrong)).toEqual([["/data/resource_type", "incorrect_value"]]);
  });
});

describe("calls", () => {
  test("attached resource and deals must exist; list is made_at desc", async () => {
    const ghost = await call(sb, "POST", "/v2/calls", {
      body: { data: { resource_type: "lead", resource_id: 1, associated_deal_ids: [1] } },
    });
    expect(codes(ghost)).toEqual([
      ["/data/associated_deal_ids", "incorrect_value"],
      ["/data/resource_id", "incorrect_value"],
    ]);
    const a = await create(sb, "/v2/calls", { made_at: "2024-01-01T10:00:00Z", phone_number: "1" });
    const b = await create(sb, "/v2/calls", { made_at: "2024-01-02T10:00:00Z", phone_number: "2" });
    const list = await call(sb, "GET", `/v2/calls?ids=${idOf(a)},${idOf(b)}`);
    expect(list.rows.map(idOf)).toEqual([idOf(b), idOf(a)]);
    expect((await call(sb, "GET", "/v2/calls?sort_by=id")).status).toBe(400);
  });
});
