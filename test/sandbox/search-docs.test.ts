/**
 * Pins the Search v3 index documents: the attributes each index knows (and the table attributes
 * it does not), and the value every attribute projects to for representative records.
 */
import type { Sandbox } from "../../sandbox";
import { call, create, type Data, idOf, recordId, sandbox } from "./helpers";

const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);
const AT = "2024-01-01T12:00:00Z";

/** Top-level attributes of each index (besides `id`, `version` and `custom_fields.<id>`). */
const ATTRIBUTES: Record<string, string[]> = {
  leads: [
    "first_name",
    "last_name",
    "name",
    "display_name",
    "company_name",
    "first_or_company_name",
    "last_or_company_name",
    "email",
    "title",
    "description",
    "industry",
    "website",
    "twitter",
    "facebook",
    "linkedin",
    "skype",
    "fax",
    "phone_numbers",
    "owner",
    "creator",
    "status",
    "source",
    "unqualified_reason",
    "tags",
    "address",
    "street",
    "city",
    "zip_code",
    "state",
    "region",
    "country",
    "created_at",
    "updated_at",
  ],
  contacts: [
    "is_organisation",
    "name",
    "display_name",
    "first_name",
    "last_name",
    "first_or_company_name",
    "last_or_company_name",
    "company",
    "company_id",
    "company_name",
    "parent_company",
    "parent_company_id",
    "parent_company_name",
    "email",
    "title",
    "description",
    "industry",
    "website",
    "twitter",
    "facebook",
    "linkedin",
    "skype",
    "fax",
    "phone_numbers",
    "owner",
    "creator",
    "customer_status",
    "prospect_status",
    "tags",
    "address",
    "billing_address",
    "shipping_address",
    "street",
    "city",
    "zip_code",
    "region",
    "country",
    "created_at",
    "updated_at",
  ],
  deals: [
    "name",
    "decimal_value",
    "currency",
    "hot",
    "owner",
    "creator",
    "stage",
    "pipeline_id",
    "is_won",
    "is_closed",
    "source",
    "loss_reason",
    "unqualified_reason",
    "contact",
    "company",
    "estimated_close_date",
    "added_at",
    "added_at_with_time",
    "last_stage_change_at",
    "tags",
    "created_at",
    "updated_at",
  ],
  notes: [
    "content",
    "type",
    "is_important",
    "creator",
    "owner",
    "resource",
    "tags",
    "created_at",
    "updated_at",
  ],
  tasks: [
    "content",
    "completed",
    "completed_at",
    "due_date",
    "overdue",
    "remind_at",
    "reminder_offset",
    "assignee",
    "owner",
    "creator",
    "resource",
    "created_at",
    "updated_at",
  ],
};

/** Sub-attributes of the object attributes (filterable as `<object>.<sub>`). */
const SUBS: Record<string, string[]> = {
  leads: [
    "owner.id",
    "owner.name",
    "creator.id",
    "creator.name",
    "status.id",
    "status.position",
    "source.id",
    "source.name",
    "unqualified_reason.id",
    "unqualified_reason.name",
    "phone_numbers.phone",
    "phone_numbers.mobile",
    "address.street",
    "address.city",
    "address.zip_code",
    "address.region",
    "address.country",
  ],
  contacts: [
    "owner.id",
    "company.name",
    "parent_company.id",
    "phone_numbers.mobile",
    "billing_address.city",
    "shipping_address.zip_code",
  ],
  deals: [
    "stage.id",
    "stage.position",
    "stage.is_active",
    "contact.last_name",
    "company.id",
    "loss_reason.name",
  ],
  notes: ["resource.id", "resource.type", "owner.name"],
  tasks: ["resource.type", "assignee.id", "assignee.name"],
};

/**
 * Table attributes (and `<x>` for each `<x>_id`) that are NOT search attributes: a derivation from
 * the tables must not let them in.
 */
const NOT_INDEXED: Record<string, string[]> = {
  leads: [
    "creator_id",
    "owner_id",
    "organization_name",
    "source_id",
    "unqualified_reason_id",
    "phone",
    "mobile",
    "custom_fields",
    "custom_field_values",
  ],
  contacts: [
    "creator_id",
    "owner_id",
    "is_organization",
    "contact_id",
    "contact",
    "parent_organization_id",
    "parent_organization",
    "phone",
    "mobile",
    "state",
    "custom_fields",
  ],
  deals: [
    "creator_id",
    "owner_id",
    "value",
    "stage_id",
    "last_stage_change_by_id",
    "last_stage_change_by",
    "last_activity_at",
    "source_id",
    "loss_reason_id",
    "unqualified_reason_id",
    "dropbox_email",
    "contact_id",
    "organization_id",
    "organization",
    "customized_win_likelihood",
    "custom_fields",
  ],
  notes: ["creator_id", "resource_type", "resource_id"],
  tasks: ["creator_id", "owner_id", "resource_type", "resource_id"],
};

let sb: Sandbox;
const ids: Record<string, number> = {};
const cfIds: Record<string, number[]> = {};
const cfNames: Record<string, string[]> = {};

/** `custom_fields` of a document: every definition of the index, null unless given by name. */
const customFields = (table: string, values: Record<string, unknown>) =>
  Object.fromEntries(
    (cfIds[table] as number[]).map((id, i) => [
      String(id),
      values[(cfNames[table] as string[])[i] as string] ?? null,
    ]),
  );

beforeAll(async () => {
  sb = await sandbox({ seedData: "demo", now: () => T0 });
  ids.root = sb.userIdFor(sb.token);
  ids.acme = recordId(sb, "contacts", (c) => c.name === "Acme Corp");
  ids.mark = recordId(sb, "contacts", (c) => c.name === "Mark Johnson");
  ids.demoLead = recordId(sb, "leads", (l) => l.last_name === "Doe");
  ids.demoDeal = recordId(sb, "deals", (d) => d.name === "Website Redesign");
  ids.webForm = recordId(sb, "lead_sources", (s) => s.name === "Web form");
  ids.duplicate = recordId(sb, "lead_unqualified_reasons", (r) => r.name === "Duplicate");
  ids.tooExpensive = recordId(sb, "loss_reasons", (r) => r.name === "Too expensive");
  ids.working = recordId(sb, "lead_statuses", (s) => s.name === "Working");
  ids.won = recordId(
    sb,
    "stages",
    (s) => s.name === "Won" && s.pipeline_id === sb.records("pipelines")[0]?.id,
  );
  for (const table of ["leads", "contacts", "deals"]) {
    const res = await call(sb, "GET", `/v3/${table}/custom_fields`);
    cfIds[table] = res.rows.map((r) => Number(r.id));
    cfNames[table] = res.rows.map((r) => String(r.name));
  }
  ids.orgLead = idOf(
    await create(sb, "/v2/leads", {
      organization_name: "OnlyOrg",
      source_id: ids.webForm,
      unqualified_reason_id: ids.duplicate,
      phone: "11",
      mobile: "22",
    }),
  );
  ids.parent = idOf(
    await create(sb, "/v2/contacts", {
      is_organization: true,
      name: "Parent Org",
      parent_organization_id: ids.acme,
      customer_status: "current",
      shipping_address: { city: "Shipton", postal_code: "999" },
    }),
  );
  ids.wonDeal = idOf(
    await create(sb, "/v2/deals", {
      name: "Won deal",
      contact_id: ids.mark,
      value: "12.30",
      stage_id: ids.won,
      loss_reason_id: ids.tooExpensive,
    }),
  );
  ids.note = idOf(
    await create(sb, "/v2/notes", {
      resource_type: "contact",
      resource_id: ids.mark,
      content: "Imp",
      is_important: true,
      tags: ["x"],
    }),
  );
  ids.task = idOf(
    await create(sb, "/v2/tasks", {
      content: "Overdue",
      due_date: "2023-12-31T10:00:00Z",
      remind_at: "2023-12-31T09:00:00Z",
    }),
  );
});
afterAll(() => sb.close());

/** The full document of one record, every attribute projected. */
async function doc(table: string, id: number): Promise<Data> {
  const projection = [
    ...(ATTRIBUTES[table] as string[]),
    ...(cfIds[table] ?? []).map((c) => `custom_fields.${c}`),
  ].map((name) => ({ name }));
  const res = await call(sb, "POST", `/v3/${table}/search`, {
    body: {
      items: [
        {
          data: {
            query: {
              projection,
              filter: { filter: { attribute: { name: "id" }, parameter: { eq: id } } },
            },
          },
        },
      ],
    },
  });
  expect(res.status).toBe(200);
  const item = res.search().items[0]?.items[0];
  if (!item) throw new Error(res.text);
  return item.data;
}

const user = (id: number | undefined, name: string) => ({ id, name });
const ada = () => user(ids.root, "Ada Admin");
const noAddress = { street: null, city: null, zip_code: null, region: null, country: null };

describe("Search index documents (pinned)", () => {
  test("the attributes each index knows, and table attributes it does not", async () => {
    expect(cfNames).toEqual({
      leads: [
        "External ID",
        "Budget",
        "Priority",
        "Channels",
        "Follow-up date",
        "Newsletter",
        "Background",
      ],
      contacts: [
        "External ID",
        "Known via",
        "Score",
        "Priority",
        "Channels",
        "Birthday",
        "VIP",
        "Contract ID",
        "Renewal date",
      ],
      deals: [
        "External ID",
        "Budget",
        "Priority",
        "Channels",
        "Required delivery date",
        "Kickoff",
        "Urgent",
      ],
    });
    for (const [table, attributes] of Object.entries(ATTRIBUTES)) {
      for (const name of [...attributes, ...(SUBS[table] as string[]), "id", "version"]) {
        const res = await call(sb, "POST", `/v3/${table}/search`, {
          body: { items: [{ data: { query: { projection: [{ name }] } } }] },
        });
        expect([table, name, res.status]).toEqual([table, name, 200]);
      }
      for (const name of NOT_INDEXED[table] as string[]) {
        const res = await call(sb, "POST", `/v3/${table}/search`, {
          body: { items: [{ data: { query: { projection: [{ name }] } } }] },
        });
        expect([table, name, res.status]).toEqual([table, name, 400]);
        expect(res.err.details).toBe(
          `Unknown projection attribute '${name}' for this search index.`,
        );
      }
    }
  });

  test("leads", async () => {
    expect(await doc("leads", ids.demoLead as number)).toStrictEqual({
      id: ids.demoLead,
      version: 1,
      first_name: "Jane",
      last_name: "Doe",
      name: "Jane Doe",
      display_name: "Jane Doe",
      company_name: "Globex",
      first_or_company_name: "Jane",
      last_or_company_name: "Doe",
      email: "jane@globex.example",
      title: null,
      description: null,
      industry: null,
      website: null,
      twitter: null,
      facebook: null,
      linkedin: null,
      skype: null,
      fax: null,
      phone_numbers: { phone: null, mobile: null },
      owner: ada(),
      creator: ada(),
      status: { id: ids.working, position: ids.working },
      source: null,
      unqualified_reason: null,
      tags: ["trade-show"],
      address: {
        street: "2 Globex Rd",
        city: "Cypress Creek",
        zip_code: "12345",
        region: "OR",
        country: "US",
      },
      street: "2 Globex Rd",
      city: "Cypress Creek",
      zip_code: "12345",
      state: "OR",
      region: "OR",
      country: "US",
      created_at: AT,
      updated_at: AT,
      custom_fields: customFields("leads", {
        "External ID": "LEAD-1",
        Budget: 5000,
        Channels: ["Email"],
      }),
    });
    const orgLead = await doc("leads", ids.orgLead as number);
    expect(orgLead).toMatchObject({
      name: "OnlyOrg",
      display_name: "OnlyOrg",
      company_name: "OnlyOrg",
      first_or_company_name: "OnlyOrg",
      last_or_company_name: "OnlyOrg",
      phone_numbers: { phone: "11", mobile: "22" },
      status: { id: expect.any(Number), position: expect.any(Number) },
      source: { id: ids.webForm, name: "Web form" },
      unqualified_reason: { id: ids.duplicate, name: "Duplicate" },
      tags: [],
      address: noAddress,
      street: null,
      state: null,
    });
  });

  test("contacts", async () => {
    const markDoc = await doc("contacts", ids.mark as number);
    expect(markDoc).toStrictEqual({
      id: ids.mark,
      version: 1,
      is_organisation: false,
      name: "Mark Johnson",
      display_name: "Mark Johnson",
      first_name: "Mark",
      last_name: "Johnson",
      first_or_company_name: "Mark",
      last_or_company_name: "Johnson",
      company: { id: ids.acme, name: "Acme Corp" },
      company_id: ids.acme,
      company_name: "Acme Corp",
      parent_company: null,
      parent_company_id: null,
      parent_company_name: null,
      email: "mark@acme.example",
      title: "CEO",
      description: null,
      industry: null,
      website: null,
      twitter: null,
      facebook: null,
      linkedin: null,
      skype: null,
      fax: null,
      phone_numbers: { phone: "508-778-6516", mobile: null },
      owner: user(sb.records("users")[1]?.id as number, "Bob Seller"),
      creator: ada(),
      customer_status: "none",
      prospect_status: "current",
      tags: ["important"],
      address: noAddress,
      billing_address: noAddress,
      shipping_address: noAddress,
      street: null,
      city: null,
      zip_code: null,
      region: null,
      country: null,
      created_at: AT,
      updated_at: AT,
      custom_fields: customFields("contacts", { "Known via": "Tom", Priority: "High" }),
    });
    expect(await doc("contacts", ids.parent as number)).toMatchObject({
      is_organisation: true,
      name: "Parent Org",
      first_or_company_name: "Parent Org",
      last_or_company_name: "Parent Org",
      first_name: null,
      company: null,
      company_id: null,
      company_name: null,
      parent_company: { id: ids.acme, name: "Acme Corp" },
      parent_company_id: ids.acme,
      parent_company_name: "Acme Corp",
      customer_status: "current",
      shipping_address: {
        street: null,
        city: "Shipton",
        zip_code: "999",
        region: null,
        country: null,
      },
    });
  });

  test("deals", async () => {
    const demo = sb.records("deals").find((d) => d.id === ids.demoDeal) as Data;
    const stage = sb.records("stages").find((s) => s.id === demo.stage_id) as Data;
    expect(await doc("deals", ids.demoDeal as number)).toStrictEqual({
      id: ids.demoDeal,
      version: 1,
      name: "Website Redesign",
      decimal_value: 1000.5,
      currency: "USD",
      hot: true,
      owner: ada(),
      creator: ada(),
      stage: { id: stage.id, position: 1, is_active: true },
      pipeline_id: stage.pipeline_id,
      is_won: false,
      is_closed: false,
      source: null,
      loss_reason: null,
      unqualified_reason: null,
      contact: { id: ids.acme, name: "Acme Corp", last_name: null },
      company: { id: ids.acme, name: "Acme Corp" },
      estimated_close_date: "2030-06-19",
      added_at: "2024-01-01",
      added_at_with_time: AT,
      last_stage_change_at: AT,
      tags: ["important"],
      created_at: AT,
      updated_at: AT,
      custom_fields: customFields("deals", { "External ID": "DEAL-1", Priority: "Medium" }),
    });
    expect(await doc("deals", ids.wonDeal as number)).toMatchObject({
      decimal_value: 12.3,
      hot: false,
      stage: { id: ids.won, position: 5, is_active: false },
      is_won: true,
      is_closed: true,
      loss_reason: { id: ids.tooExpensive, name: "Too expensive" },
      contact: { id: ids.mark, name: "Mark Johnson", last_name: "Johnson" },
      company: { id: ids.acme, name: "Acme Corp" },
      estimated_close_date: null,
      tags: [],
    });
  });

  test("notes", async () => {
    expect(await doc("notes", ids.note as number)).toStrictEqual({
      id: ids.note,
      version: 1,
      content: "Imp",
      type: "regular",
      is_important: true,
      creator: ada(),
      owner: ada(),
      resource: { id: ids.mark, type: "contact" },
      tags: ["x"],
      created_at: AT,
      updated_at: AT,
    });
  });

  test("tasks", async () => {
    expect(await doc("tasks", ids.task as number)).toStrictEqual({
      id: ids.task,
      version: 1,
      content: "Overdue",
      completed: false,
      completed_at: null,
      due_date: "2023-12-31T10:00:00Z",
      overdue: true,
      remind_at: "2023-12-31T09:00:00Z",
      reminder_offset: 60,
      assignee: ada(),
      owner: ada(),
      creator: ada(),
      resource: null,
      created_at: AT,
      updated_at: AT,
    });
    const demoTask = recordId(sb, "tasks", (t) => t.content === "Call Jane back");
    expect(await doc("tasks", demoTask)).toMatchObject({
      overdue: false,
      remind_at: null,
      reminder_offset: null,
      resource: { id: ids.demoLead, type: "lead" },
    });
  });
});
