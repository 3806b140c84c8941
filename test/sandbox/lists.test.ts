import type { Sandbox } from "../../sandbox";
import { call, create, type Data, idOf, sandbox } from "./helpers";

let sb: Sandbox;
let leads: Data[];

beforeAll(async () => {
  sb = await sandbox();
  leads = [];
  const specs: Data[] = [
    {
      last_name: "Adams",
      first_name: "Zoe",
      email: "a@x.io",
      address: { city: "Paris" },
      custom_fields: { "External ID": "E1", Budget: 10, Priority: "High", Channels: ["Email"] },
    },
    {
      last_name: "baker",
      first_name: "Yan",
      email: "b@x.io",
      address: { city: "Oslo" },
      custom_fields: {
        "External ID": "E2",
        Budget: 20,
        Priority: "Low",
        Channels: ["Phone", "SMS"],
      },
    },
    {
      last_name: "Clark",
      first_name: "Xi",
      email: "c@x.io",
      address: { city: "Paris" },
      custom_fields: { "External ID": "E3", Priority: "High" },
    },
    { last_name: "Davis", organization_name: "Org", email: "d@x.io", status: "Working" },
    { last_name: "Evans", email: "e@x.io" },
  ];
  for (const spec of specs) {
    leads.push(await create(sb, "/v2/leads", spec));
    sb.advanceClock(1000); // distinct updated_at
  }
});
afterAll(() => sb.close());

const ids = (rows: Data[]) => rows.map(idOf);

describe("pagination", () => {
  test("per_page, page, meta.count, links; next_page only when another page exists", async () => {
    const p1 = await call(sb, "GET", "/v2/leads?per_page=2&sort_by=id");
    const body = p1.list();
    expect(body.meta.type).toBe("collection");
    expect(body.meta.count).toBe(2);
    expect(ids(p1.rows)).toEqual(ids(leads.slice(0, 2)));
    expect(body.meta.links).toEqual({
      self: `${sb.url}/v2/leads?per_page=2&sort_by=id&page=1`,
      first_page: `${sb.url}/v2/leads?per_page=2&sort_by=id&page=1`,
      next_page: `${sb.url}/v2/leads?per_page=2&sort_by=id&page=2`,
    });
    const p3 = await call(sb, "GET", "/v2/leads?per_page=2&sort_by=id&page=3");
    expect(ids(p3.rows)).toEqual([idOf(leads[4] as Data)]);
    expect(p3.list().meta.links).toEqual({
      self: `${sb.url}/v2/leads?per_page=2&sort_by=id&page=3`,
      first_page: `${sb.url}/v2/leads?per_page=2&sort_by=id&page=1`,
      prev_page: `${sb.url}/v2/leads?per_page=2&sort_by=id&page=2`,
    });
  });

  test("following next_page visits every record once", async () => {
    let url: string | undefined = "/v2/leads?per_page=2";
    const seen: number[] = [];
    while (url) {
      const res = await call(sb, "GET", url);
      seen.push(...ids(res.rows));
      url = res.list().meta.links.next_page;
    }
    expect(seen.sort()).toEqual(ids(leads).sort());
  });

  test("default per_page 25; an empty page has count 0 and only a self link", async () => {
    const all = await call(sb, "GET", "/v2/leads");
    expect(all.list().meta.links.self).toBe(`${sb.url}/v2/leads?page=1&per_page=25`);
    const empty = await call(sb, "GET", "/v2/leads?email=nobody@x.io");
    expect(empty.list().meta).toEqual({
      type: "collection",
      count: 0,
      links: { self: `${sb.url}/v2/leads?email=nobody%40x.io&page=1&per_page=25` },
    });
  });

  test.each(["0", "101", "200", "abc"])(
    "per_page=%s → 400 with the verbatim details",
    async (value) => {
      const res = await call(sb, "GET", `/v2/leads?per_page=${value}`);
      expect(res.status).toBe(400);
      expect(res.err).toEqual({
        code: "invalid_param",
        message: "invalid request query parameter",
        details: `The request query parameter 'per_page' is malformed, missing, or has an invalid value (must be between 1 and 100, given: ${value})`,
      });
      expect(res.error().meta.http_status).toBe("400 Bad Request");
    },
  );

  test("page=0 → 400", async () => {
    expect((await call(sb, "GET", "/v2/leads?page=0")).status).toBe(400);
  });
});

describe("sorting", () => {
  test("default sort of leads is updated_at:asc", async () => {
    await call(sb, "PUT", `/v2/leads/${idOf(leads[0] as Data)}`, {
      body: { data: { title: "touched" } },
    });
    const rows = (await call(sb, "GET", "/v2/leads")).rows;
    expect(idOf(rows[rows.length - 1] as Data)).toBe(idOf(leads[0] as Data));
  });

  test("sort_by=field:desc, case-insensitive strings, multiple keys", async () => {
    const asc = (await call(sb, "GET", "/v2/leads?sort_by=last_name")).rows.map((r) => r.last_name);
    expect(asc).toEqual(["Adams", "baker", "Clark", "Davis", "Evans"]);
    const desc = (await call(sb, "GET", "/v2/leads?sort_by=last_name:desc")).rows.map(
      (r) => r.last_name,
    );
    expect(desc).toEqual(["Evans", "Davis", "Clark", "baker", "Adams"]);
    const multi = (await call(sb, "GET", "/v2/leads?sort_by=address:asc")).status;
    expect(multi).toBe(400);
    const byCity = (await call(sb, "GET", "/v2/leads?sort_by=status:desc,last_name:asc")).rows.map(
      (r) => r.last_name,
    );
    expect(byCity[0]).toBe("Davis");
  });

  test("contacts default to last_name:asc; sort by filterable custom field", async () => {
    const local = await sandbox();
    try {
      await create(local, "/v2/contacts", { last_name: "Zed", custom_fields: { Score: 1 } });
      await create(local, "/v2/contacts", { last_name: "Amy", custom_fields: { Score: 3 } });
      const rows = (await call(local, "GET", "/v2/contacts")).rows.map((r) => r.last_name);
      expect(rows).toEqual(["Amy", "Zed"]);
      const byScore = (
        await call(local, "GET", "/v2/contacts?sort_by=custom_fields:Score:desc")
      ).rows.map((r) => r.last_name);
      expect(byScore).toEqual(["Amy", "Zed"]);
      expect(
        (await call(local, "GET", "/v2/contacts?sort_by=custom_fields:Known via")).status,
      ).toBe(400);
    } finally {
      await local.close();
    }
  });

  test("unknown sort field → 400", async () => {
    const res = await call(sb, "GET", "/v2/leads?sort_by=shoe_size");
    expect(res.status).toBe(400);
    expect(res.err.details).toContain("'sort_by'");
  });
});

describe("filters", () => {
  test("ids=1,2,3", async () => {
    const want = [idOf(leads[1] as Data), idOf(leads[3] as Data)];
    expect(ids((await call(sb, "GET", `/v2/leads?ids=${want.join(",")}`)).rows).sort()).toEqual(
      want.sort(),
    );
    expect((await call(sb, "GET", "/v2/leads?ids=a,b")).status).toBe(400);
  });

  test("exact-match attribute filters, nested address filters", async () => {
    expect(ids((await call(sb, "GET", "/v2/leads?email=c@x.io")).rows)).toEqual([
      idOf(leads[2] as Data),
    ]);
    expect((await call(sb, "GET", "/v2/leads?email=C@x.io")).rows).toEqual([]);
    const paris = (await call(sb, "GET", "/v2/leads?address[city]=Paris&sort_by=id")).rows;
    expect(ids(paris)).toEqual([idOf(leads[0] as Data), idOf(leads[2] as Data)]);
    const encoded = (await call(sb, "GET", "/v2/leads?address%5Bcity%5D=Oslo")).rows;
    expect(ids(encoded)).toEqual([idOf(leads[1] as Data)]);
    expect(ids((await call(sb, "GET", "/v2/leads?status=Working")).rows)).toEqual([
      idOf(leads[3] as Data),
    ]);
  });

  test("typed filters are validated", async () => {
    expect((await call(sb, "GET", "/v2/leads?owner_id=me")).status).toBe(400);
    expect((await call(sb, "GET", "/v2/contacts?is_organization=yes")).status).toBe(400);
  });

  test("inclusive=false combines filters with OR", async () => {
    const and = await call(sb, "GET", "/v2/leads?email=a@x.io&last_name=Evans");
    expect(and.rows).toEqual([]);
    const or = await call(
      sb,
      "GET",
      "/v2/leads?email=a@x.io&last_name=Evans&inclusive=false&sort_by=id",
    );
    expect(ids(or.rows)).toEqual([idOf(leads[0] as Data), idOf(leads[4] as Data)]);
  });

  test("custom_fields[Name] on filterable fields: string, number, list, multi-select", async () => {
    const q = async (qs: string) => ids((await call(sb, "GET", `/v2/leads?${qs}&sort_by=id`)).rows);
    expect(await q("custom_fields[External ID]=E2")).toEqual([idOf(leads[1] as Data)]);
    expect(await q("custom_fields[Budget]=10")).toEqual([idOf(leads[0] as Data)]);
    expect(await q("custom_fields[Priority]=High")).toEqual([
      idOf(leads[0] as Data),
      idOf(leads[2] as Data),
    ]);
    expect(await q("custom_fields[Channels]=SMS")).toEqual([idOf(leads[1] as Data)]);
    expect(await q(`custom_fields%5BExternal%20ID%5D=E3`)).toEqual([idOf(leads[2] as Data)]);
  });

  test("custom_fields[Name] on a non-filterable or unknown field → 400 'unexpected parameter'", async () => {
    const res = await call(sb, "GET", "/v2/leads?custom_fields[Newsletter]=true");
    expect(res.status).toBe(400);
    expect(res.err.details).toBe(
      "The request query parameter 'custom_fields/Newsletter' is malformed, missing, or has an invalid value (is an unexpected parameter)",
    );
    const contacts = await call(sb, "GET", "/v2/contacts?custom_fields[Known via]=Tom");
    expect(contacts.status).toBe(400);
    expect(contacts.err.details).toContain("'custom_fields/Known via'");
    expect((await call(sb, "GET", "/v2/leads?custom_fields[Ghost]=1")).status).toBe(400);
  });

  test("unknown query parameter → 400 invalid_param 'is an unexpected parameter'", async () => {
    const res = await call(sb, "GET", "/v2/leads?colour=red");
    expect(res.status).toBe(400);
    expect(res.err).toEqual({
      code: "invalid_param",
      message: "invalid request query parameter",
      details:
        "The request query parameter 'colour' is malformed, missing, or has an invalid value (is an unexpected parameter)",
    });
    expect((await call(sb, "GET", "/v2/call_outcomes?name=x")).status).toBe(400);
    expect((await call(sb, "GET", `/v2/leads/${idOf(leads[0] as Data)}?x=1`)).status).toBe(400);
  });

  test("per-endpoint filters: deals, contacts, users, stages, products, notes q", async () => {
    const org = await create(sb, "/v2/contacts", { is_organization: true, name: "Filter Org" });
    const person = await create(sb, "/v2/contacts", { last_name: "Filter", contact_id: idOf(org) });
    const d1 = await create(sb, "/v2/deals", {
      name: "F1",
      contact_id: idOf(person),
      hot: true,
      value: "5.50",
      estimated_close_date: "2030-01-01",
    });
    const d2 = await create(sb, "/v2/deals", { name: "F2", contact_id: idOf(org) });
    expect(ids((await call(sb, "GET", `/v2/deals?organization_id=${idOf(org)}`)).rows)).toEqual([
      idOf(d1),
      idOf(d2),
    ]);
    expect(ids((await call(sb, "GET", "/v2/deals?hot=true")).rows)).toEqual([idOf(d1)]);
    expect(ids((await call(sb, "GET", "/v2/deals?value=5.5")).rows)).toEqual([idOf(d1)]);
    expect(ids((await call(sb, "GET", "/v2/deals?estimated_close_date=2030-01-01")).rows)).toEqual([
      idOf(d1),
    ]);
    expect(ids((await call(sb, "GET", `/v2/contacts?contact_id=${idOf(org)}`)).rows)).toEqual([
      idOf(person),
    ]);
    expect(
      ids((await call(sb, "GET", "/v2/contacts?is_organization=true&name=Filter Org")).rows),
    ).toEqual([idOf(org)]);
    expect((await call(sb, "GET", "/v2/users?role=admin")).rows.map((u) => u.name)).toEqual([
      "Ada Admin",
    ]);
    expect(
      (await call(sb, "GET", "/v2/users?zendesk_user_ids=90000002,90000003")).rows.length,
    ).toBe(2);
    const pipeline = sb.records("pipelines")[0] as Data;
    const stages = (await call(sb, "GET", `/v2/stages?pipeline_id=${idOf(pipeline)}&active=false`))
      .rows;
    expect(stages.map((s) => s.category)).toEqual(["won", "lost", "unqualified"]);
    await create(sb, "/v2/notes", {
      resource_type: "deal",
      resource_id: idOf(d1),
      content: "Budget approved by CFO",
    });
    expect((await call(sb, "GET", "/v2/notes?q=cfo")).rows.length).toBe(1);
    expect(
      (await call(sb, "GET", `/v2/notes?resource_type=deal&resource_id=${idOf(d1)}`)).rows.length,
    ).toBe(1);
  });
});
