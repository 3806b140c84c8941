import type { Sandbox } from "../../sandbox";
import { call, create, type Data, idOf, sandbox } from "./helpers";

let sb: Sandbox;
let org: Data;
let deals: Data[];
let bobToken: string;

beforeAll(async () => {
  bobToken = "b".repeat(64);
  sb = await sandbox({ tokens: ["a".repeat(64), bobToken], rootTokens: ["a".repeat(64)] });
  org = await create(sb, "/v2/contacts", {
    is_organization: true,
    name: "Search Org",
    email: "org@x.io",
  });
  deals = [];
  const values = ["100", "250.50", "1000", "75", "500"];
  for (const [i, value] of values.entries()) {
    deals.push(
      await create(sb, "/v2/deals", {
        name: `Deal ${i}`,
        contact_id: idOf(org),
        value,
        added_at: `${["2016-09-15", "2016-10-15", "2016-11-15", "2016-12-15", "2017-01-15"][i]}T10:00:00Z`,
        custom_fields: { "External ID": `S-${i}` },
      }),
    );
  }
  const bobDeal = await call(sb, "POST", "/v2/deals", {
    token: bobToken,
    body: { data: { name: "Bob's deal", contact_id: idOf(org), value: 1 } },
  });
  deals.push(bobDeal.data);
});
afterAll(() => sb.close());

const search = (resource: string, data: Data) =>
  call(sb, "POST", `/v3/${resource}/search`, { body: { items: [{ data }] } });

const hits = async (resource: string, data: Data) => {
  const res = await search(resource, data);
  expect(res.status).toBe(200);
  const first = res.search().items[0];
  if (!first) throw new Error(res.text);
  return first;
};

describe("search v3", () => {
  test("default projection is id + version; default page size 50; total_count", async () => {
    const r = await hits("deals", { query: {} });
    expect(r.successful).toBe(true);
    expect(r.items[0]).toEqual({
      data: { id: idOf(deals[0] as Data), version: 1 },
      meta: { type: "deal" },
    });
    expect(r.meta).toEqual({
      type: "collection",
      count: 6,
      total_count: 6,
      http_status: "200 OK",
      links: {},
    });
  });

  test("eq on scalar and object attributes (owner.id / owner)", async () => {
    const byName = await hits("deals", {
      query: { filter: { filter: { attribute: { name: "name" }, parameter: { eq: "Deal 3" } } } },
    });
    expect(byName.items.map((i) => i.data.id)).toEqual([idOf(deals[3] as Data)]);
    const bob = sb.userIdFor(bobToken);
    for (const name of ["owner.id", "owner"]) {
      const byOwner = await hits("deals", {
        query: { filter: { filter: { attribute: { name }, parameter: { eq: bob } } } },
      });
      expect(byOwner.items.map((i) => i.data.id)).toEqual([idOf(deals[5] as Data)]);
    }
  });

  test("range on dates and numbers", async () => {
    const r = await hits("deals", {
      query: {
        filter: {
          filter: {
            attribute: { name: "added_at" },
            parameter: { range: { gte: "2016-10-01", lt: "2017-01-01" } },
          },
        },
        projection: [{ name: "added_at" }],
      },
    });
    expect(r.items.map((i) => i.data.added_at)).toEqual(["2016-10-15", "2016-11-15", "2016-12-15"]);
    const big = await hits("deals", {
      query: {
        filter: {
          filter: { attribute: { name: "decimal_value" }, parameter: { range: { gt: 250 } } },
        },
      },
    });
    expect(big.meta.total_count).toBe(3);
  });

  test("and / or combinators", async () => {
    const and = await hits("deals", {
      query: {
        filter: {
          and: [
            {
              filter: { attribute: { name: "decimal_value" }, parameter: { range: { gte: 100 } } },
            },
            {
              filter: { attribute: { name: "decimal_value" }, parameter: { range: { lte: 500 } } },
            },
          ],
        },
      },
    });
    expect(and.meta.total_count).toBe(3);
    const or = await hits("deals", {
      query: {
        filter: {
          or: [
            { filter: { attribute: { name: "name" }, parameter: { eq: "Deal 0" } } },
            { filter: { attribute: { name: "name" }, parameter: { eq: "Deal 4" } } },
          ],
        },
      },
    });
    expect(or.items.map((i) => i.data.id)).toEqual([
      idOf(deals[0] as Data),
      idOf(deals[4] as Data),
    ]);
  });

  test("projection returns requested attributes (objects as objects), unknown attribute fails", async () => {
    const r = await hits("deals", {
      query: {
        projection: [
          { name: "name" },
          { name: "decimal_value" },
          { name: "owner" },
          { name: "stage" },
        ],
        filter: {
          filter: { attribute: { name: "id" }, parameter: { eq: idOf(deals[1] as Data) } },
        },
      },
    });
    expect(r.items[0]?.data).toEqual({
      id: idOf(deals[1] as Data),
      version: 1,
      name: "Deal 1",
      decimal_value: 250.5,
      owner: { id: sb.userIdFor(sb.token), name: "Ada Admin" },
      stage: { id: deals[1]?.stage_id, position: 1, is_active: true },
    });
    const bad = await search("deals", { query: { projection: [{ name: "shoe_size" }] } });
    expect(bad.status).toBe(400);
    expect(bad.err.code).toBe("invalid_payload");
  });

  test("sort ascending/descending", async () => {
    const r = await hits("deals", {
      query: {
        sort: [{ attribute: { name: "decimal_value" }, order: "descending" }],
        projection: [{ name: "decimal_value" }],
      },
    });
    expect(r.items.map((i) => i.data.decimal_value)).toEqual([1000, 500, 250.5, 100, 75, 1]);
  });

  test("cursor pagination via meta.links.next_page", async () => {
    const seen: unknown[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r: Awaited<ReturnType<typeof hits>> = await hits("deals", {
        query: {},
        per_page: 4,
        ...(cursor ? { cursor } : {}),
      });
      expect(r.meta.total_count).toBe(6);
      seen.push(...r.items.map((i) => i.data.id));
      cursor = r.meta.links.next_page;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(deals.map(idOf));
  });

  test("per_page bounds and exclusive paging modes", async () => {
    expect((await search("deals", { query: {}, per_page: 201 })).status).toBe(400);
    const zero = await hits("deals", { query: {}, per_page: 0 });
    expect(zero.items).toEqual([]);
    expect(zero.meta.total_count).toBe(6);
    expect((await search("deals", { query: {}, cursor: "x", page: 2 })).status).toBe(400);
    const sibling = await call(sb, "POST", "/v3/deals/search", {
      body: { items: [{ data: { query: {} }, per_page: 2 }] },
    });
    expect(sibling.search().items[0]?.items).toHaveLength(2);
  });

  test("custom fields mapping and search by custom_fields.<id>", async () => {
    const mapping = await call(sb, "GET", "/v3/deals/custom_fields");
    expect(mapping.list().meta).toMatchObject({ type: "collection" });
    const ext = mapping.list().items.find((i) => i.data.name === "External ID");
    expect(ext).toEqual({
      data: {
        id: expect.stringMatching(/^\d+$/),
        name: "External ID",
        type: "string",
        resource_type: "deal",
        search_api_id: `custom_fields.${ext?.data.id}`,
      },
      meta: { type: "custom_field" },
    });
    const r = await hits("deals", {
      query: {
        filter: {
          filter: { attribute: { name: ext?.data.search_api_id }, parameter: { eq: "S-2" } },
        },
        projection: [{ name: ext?.data.search_api_id }],
      },
    });
    expect(r.items.map((i) => i.data.id)).toEqual([idOf(deals[2] as Data)]);
    expect(r.items[0]?.data.custom_fields).toEqual({ [String(ext?.data.id)]: "S-2" });
    const contacts = await call(sb, "GET", "/v3/contacts/custom_fields");
    expect(contacts.list().items.map((i) => i.data.resource_type)).toContain(
      "prospect_and_customer",
    );
  });

  test("leads, contacts, notes and tasks indexes", async () => {
    await create(sb, "/v2/leads", {
      first_name: "Sel",
      last_name: "Lead",
      email: "sell@zendesk.com",
      organization_name: "Z",
    });
    const lead = await hits("leads", {
      query: {
        filter: { filter: { attribute: { name: "email" }, parameter: { eq: "sell@zendesk.com" } } },
        projection: [{ name: "display_name" }, { name: "company_name" }],
      },
    });
    expect(lead.items[0]?.data).toMatchObject({ display_name: "Sel Lead", company_name: "Z" });
    const contact = await hits("contacts", {
      query: {
        filter: { filter: { attribute: { name: "is_organisation" }, parameter: { eq: true } } },
        projection: [{ name: "name" }],
      },
    });
    expect(contact.items.map((i) => i.data.name)).toEqual(["Search Org"]);
    await create(sb, "/v2/notes", {
      resource_type: "contact",
      resource_id: idOf(org),
      content: "findable note",
    });
    const note = await hits("notes", {
      query: {
        filter: { filter: { attribute: { name: "resource.id" }, parameter: { eq: idOf(org) } } },
        projection: [{ name: "content" }],
      },
    });
    expect(note.items[0]?.data.content).toBe("findable note");
    await create(sb, "/v2/tasks", { content: "a task", completed: true });
    const task = await hits("tasks", {
      query: {
        filter: { filter: { attribute: { name: "completed" }, parameter: { eq: true } } },
        projection: [{ name: "assignee" }],
      },
    });
    expect(task.items[0]?.data.assignee).toEqual({ id: sb.userIdFor(sb.token), name: "Ada Admin" });
  });

  test("batch: failing sub-queries are successful:false; malformed bodies → 400", async () => {
    const res = await call(sb, "POST", "/v3/deals/search", {
      body: {
        items: [{ data: { query: {} } }, { data: { query: { projection: [{ name: "nope" }] } } }],
      },
    });
    expect(res.status).toBe(200);
    const [ok, failed] = res.search().items;
    expect(ok?.successful).toBe(true);
    expect(failed?.successful).toBe(false);
    expect((await call(sb, "POST", "/v3/deals/search", { body: { query: {} } })).status).toBe(400);
    expect((await call(sb, "POST", "/v3/deals/search", { raw: "nope" })).status).toBe(400);
    expect(
      (await call(sb, "POST", "/v3/pipelines/search", { body: { items: [{ data: {} }] } })).status,
    ).toBe(404);
  });

  test("version increases with updates", async () => {
    await call(sb, "PUT", `/v2/deals/${idOf(deals[0] as Data)}`, { body: { data: { hot: true } } });
    const r = await hits("deals", {
      query: {
        filter: {
          filter: { attribute: { name: "id" }, parameter: { eq: idOf(deals[0] as Data) } },
        },
      },
    });
    expect(r.items[0]?.data.version).toBe(2);
  });
});
