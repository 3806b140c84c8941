/**
 * Seed data. `settings` (default): the account, users, pipelines/stages, sources, reasons,
 * outcomes, lead statuses, custom field definitions and two unattached text messages — no
 * leads, contacts or deals, so `records("leads")` starts empty. `demo` adds a small CRM data set
 * (organization + person, lead, deal with order and line item, note, task, call, visit, texts).
 */
import { createRecord } from "./resource";
import type { Ctx, World } from "./types";
import { isoSeconds, type Json, type Rec } from "./util";

export type SeedData = "settings" | "demo";

export interface SeedResult {
  rootUserId: number;
  /** Non-root users, in order; tokens not in rootTokens map to them round-robin. */
  otherUserIds: number[];
}

/** Inserts a record with every field of its table present (null/[] when not given). */
function put(world: World, table: string, values: Rec): Rec {
  const def = world.registry.primary(table);
  const record: Rec = {};
  for (const [key, spec] of Object.entries(def.fields)) {
    if (key === "id") continue;
    record[key] =
      key in values
        ? (values[key] ?? null)
        : spec.type === "tags" || spec.type === "int_array"
          ? []
          : spec.type === "custom_fields"
            ? {}
            : null;
  }
  for (const [key, value] of Object.entries(values)) if (!(key in record)) record[key] = value;
  return world.store.insert(table, record);
}

const STAGE_TEMPLATE: Array<[string, string, number]> = [
  ["Incoming", "incoming", 0],
  ["Qualified", "in_progress", 10],
  ["Quote", "in_progress", 20],
  ["Closure", "in_progress", 80],
  ["Won", "won", 100],
  ["Lost", "lost", 0],
  ["Unqualified", "unqualified", 0],
];

interface CustomFieldSeed {
  name: string;
  type: string;
  filterable?: boolean;
  choices?: string[];
}

export const CUSTOM_FIELD_SEEDS: Record<string, CustomFieldSeed[]> = {
  lead: [
    { name: "External ID", type: "string", filterable: true },
    { name: "Budget", type: "number", filterable: true },
    { name: "Priority", type: "list", filterable: true, choices: ["Low", "Medium", "High"] },
    {
      name: "Channels",
      type: "multi_select_list",
      filterable: true,
      choices: ["Email", "Phone", "SMS"],
    },
    { name: "Follow-up date", type: "date" },
    { name: "Newsletter", type: "bool" },
    { name: "Background", type: "text" },
  ],
  contact: [
    { name: "External ID", type: "string", filterable: true },
    { name: "Known via", type: "string" },
    { name: "Score", type: "number", filterable: true },
    { name: "Priority", type: "list", filterable: true, choices: ["Low", "Medium", "High"] },
    {
      name: "Channels",
      type: "multi_select_list",
      filterable: true,
      choices: ["Email", "Phone", "SMS"],
    },
    { name: "Birthday", type: "date" },
    { name: "VIP", type: "bool" },
  ],
  deal: [
    { name: "External ID", type: "string", filterable: true },
    { name: "Budget", type: "number", filterable: true },
    { name: "Priority", type: "list", filterable: true, choices: ["Low", "Medium", "High"] },
    {
      name: "Channels",
      type: "multi_select_list",
      filterable: true,
      choices: ["Email", "Phone", "SMS"],
    },
    { name: "Required delivery date", type: "date" },
    { name: "Kickoff", type: "datetime" },
    { name: "Urgent", type: "bool" },
  ],
  prospect_and_customer: [
    { name: "Contract ID", type: "string", filterable: true },
    { name: "Renewal date", type: "date" },
  ],
};

export function addCustomField(world: World, resourceType: string, seed: CustomFieldSeed): Rec {
  const contactLike = resourceType === "contact" || resourceType === "prospect_and_customer";
  return put(world, "custom_fields", {
    name: seed.name,
    type: seed.type,
    resource_type: resourceType,
    choices: seed.choices
      ? seed.choices.map((name) => ({ id: world.store.newId(), name }) as Json)
      : null,
    for_contact: contactLike ? true : null,
    for_company: contactLike ? true : null,
    filterable: seed.filterable === true,
  });
}

export function seed(world: World, mode: SeedData, rootCtx: (userId: number) => Ctx): SeedResult {
  const now = world.now();
  put(world, "accounts", {
    name: "Sandbox Inc.",
    currency: "USD",
    time_format: "24H",
    timezone: "UTC+00:00",
    phone: "+1-555-0100",
    subdomain: "sandbox",
  });

  const userBase = {
    status: "active",
    invited: true,
    confirmed: true,
    phone_number: null,
    roles: [],
    group: null,
    timezone: "UTC+00:00",
    deleted_at: null,
    identity_type: "person",
    system_tags: [],
    detached: false,
    sell_login_disabled: false,
  };
  const root = put(world, "users", {
    ...userBase,
    name: "Ada Admin",
    email: "ada.admin@sandbox.example",
    role: "admin",
    roles: [{ id: 1, name: "Admin" }],
    team_name: "Sandbox team",
    reports_to: null,
    zendesk_user_id: "90000001",
  });
  const bob = put(world, "users", {
    ...userBase,
    name: "Bob Seller",
    email: "bob.seller@sandbox.example",
    role: "user",
    team_name: "Sandbox team",
    group: { id: 11, name: "Sales" },
    reports_to: root.id ?? null,
    zendesk_user_id: "90000002",
  });
  const cara = put(world, "users", {
    ...userBase,
    name: "Cara Closer",
    email: "cara.closer@sandbox.example",
    role: "user",
    team_name: "Sandbox team",
    group: { id: 11, name: "Sales" },
    reports_to: root.id ?? null,
    zendesk_user_id: "90000003",
  });
  const rootId = root.id as number;

  for (const name of ["New", "Working", "Unqualified"]) put(world, "lead_statuses", { name });

  const pipelines: Array<[string, boolean, Array<[string, string, number]>]> = [
    ["Sales pipeline", false, STAGE_TEMPLATE],
    [
      "Partner pipeline",
      false,
      [
        ["Incoming", "incoming", 0],
        ["Negotiation", "in_progress", 50],
        ["Won", "won", 100],
        ["Lost", "lost", 0],
        ["Unqualified", "unqualified", 0],
      ],
    ],
    [
      "Legacy pipeline",
      true,
      [
        ["Incoming", "incoming", 0],
        ["Won", "won", 100],
        ["Lost", "lost", 0],
      ],
    ],
  ];
  for (const [name, disabled, stages] of pipelines) {
    const pipeline = put(world, "pipelines", { name, disabled });
    stages.forEach(([stageName, category, likelihood], i) => {
      put(world, "stages", {
        name: stageName,
        category,
        active: !["won", "lost", "unqualified"].includes(category),
        position: i + 1,
        likelihood,
        pipeline_id: pipeline.id ?? null,
        position_hash: String.fromCharCode(97 + i),
        has_original_name: true,
        locale_key: category,
      });
    });
  }

  for (const name of ["Our website", "Referral"])
    put(world, "sources", { name, resource_type: "deal", creator_id: rootId });
  for (const name of ["Web form", "Trade show"])
    put(world, "sources", { name, resource_type: "lead", creator_id: rootId });
  for (const name of ["Too expensive", "Chose a competitor"])
    put(world, "loss_reasons", { name, creator_id: rootId });
  for (const name of ["No budget", "Not a fit"])
    put(world, "deal_unqualified_reasons", { name, creator_id: rootId });
  for (const name of ["Duplicate", "Not interested"])
    put(world, "lead_unqualified_reasons", { name, creator_id: rootId });
  for (const name of ["Interested", "Not interested", "Left voicemail", "No answer"])
    put(world, "call_outcomes", { name, creator_id: rootId });
  for (const name of ["Met decision maker", "Nobody there"]) put(world, "visit_outcomes", { name });

  for (const [resourceType, fields] of Object.entries(CUSTOM_FIELD_SEEDS))
    for (const field of fields) addCustomField(world, resourceType, field);

  const sent = isoSeconds(now - 3_600_000);
  const text = (values: Rec) =>
    put(world, "text_messages", {
      user_id: bob.id ?? null,
      user_phone_number: "+15550101",
      incoming: false,
      resource_phone_number: "+15550199",
      resource_type: null,
      resource_id: null,
      associated_deal_ids: [],
      sent_at: sent,
      ...values,
    });
  text({ content: "Hi, following up on our call." });
  text({ content: "Thanks, talk soon!", incoming: true });

  if (mode === "demo") seedDemo(world, rootCtx(rootId), bob.id as number, text);

  return { rootUserId: rootId, otherUserIds: [bob.id as number, cara.id as number] };
}

function seedDemo(world: World, ctx: Ctx, bobId: number, text: (values: Rec) => Rec): void {
  const def = (table: string) => world.registry.primary(table);
  const acme = createRecord(ctx, def("contacts"), {
    is_organization: true,
    name: "Acme Corp",
    customer_status: "current",
    industry: "Manufacturing",
    website: "https://acme.example",
    address: {
      line1: "1 Acme Way",
      city: "Springfield",
      postal_code: "01101",
      state: "MA",
      country: "US",
    },
    billing_address: {
      line1: "1 Acme Way",
      city: "Springfield",
      postal_code: "01101",
      state: "MA",
      country: "US",
    },
    tags: ["customer"],
    custom_fields: { "External ID": "ACME-1", "Contract ID": "C-100" },
  });
  const mark = createRecord(ctx, def("contacts"), {
    first_name: "Mark",
    last_name: "Johnson",
    contact_id: acme.id ?? null,
    email: "mark@acme.example",
    phone: "508-778-6516",
    title: "CEO",
    prospect_status: "current",
    owner_id: bobId,
    tags: ["important"],
    custom_fields: { "Known via": "Tom", Priority: "High" },
  });
  const lead = createRecord(ctx, def("leads"), {
    first_name: "Jane",
    last_name: "Doe",
    organization_name: "Globex",
    email: "jane@globex.example",
    status: "Working",
    address: {
      line1: "2 Globex Rd",
      city: "Cypress Creek",
      postal_code: "12345",
      state: "OR",
      country: "US",
    },
    tags: ["trade-show"],
    custom_fields: { "External ID": "LEAD-1", Budget: 5000, Channels: ["Email"] },
  });
  const deal = createRecord(ctx, def("deals"), {
    name: "Website Redesign",
    contact_id: acme.id ?? null,
    value: "1000.50",
    hot: true,
    estimated_close_date: "2030-06-19",
    customized_win_likelihood: 15,
    tags: ["important"],
    custom_fields: { "External ID": "DEAL-1", Priority: "Medium" },
  });
  ctx.params = { deal_id: deal.id as number };
  createRecord(ctx, def("associated_contacts"), { contact_id: mark.id ?? null, role: "involved" });
  const product = createRecord(ctx, def("products"), {
    name: "Consulting hour",
    sku: "CONS-1",
    description: "One hour of consulting",
    max_discount: 20,
    max_markup: 30,
    cost: "40.00",
    cost_currency: "USD",
    prices: [
      { amount: "100.00", currency: "USD" },
      { amount: "90.00", currency: "EUR" },
    ],
  });
  const order = createRecord(ctx, def("orders"), { deal_id: deal.id ?? null, discount: 5 });
  ctx.params = { order_id: order.id as number };
  createRecord(ctx, def("line_items"), {
    product_id: product.id ?? null,
    currency: "USD",
    quantity: 3,
    variation: "5",
  });
  ctx.params = {};
  createRecord(ctx, def("notes"), {
    resource_type: "deal",
    resource_id: deal.id ?? null,
    content: "Kick-off meeting went well.",
  });
  createRecord(ctx, def("tasks"), {
    resource_type: "lead",
    resource_id: lead.id ?? null,
    content: "Call Jane back",
    due_date: isoSeconds(world.now() + 86_400_000),
  });
  const outcome = world.store.all("call_outcomes")[0];
  createRecord(ctx, def("calls"), {
    resource_type: "contact",
    resource_id: mark.id ?? null,
    phone_number: "508-778-6516",
    summary: "Discussed the proposal",
    duration: 300,
    outcome_id: outcome?.id ?? null,
    associated_deal_ids: [deal.id as number],
    external_id: "ext-call-1",
  });
  createRecord(ctx, def("collaborations"), {
    resource_type: "deal",
    resource_id: deal.id ?? null,
    collaborator_id: bobId,
  });
  const visitOutcome = world.store.all("visit_outcomes")[0];
  put(world, "visits", {
    creator_id: bobId,
    outcome_id: visitOutcome?.id ?? null,
    resource_type: "contact",
    resource_id: mark.id ?? null,
    visited_at: isoSeconds(world.now() - 86_400_000),
    resource_address: "1 Acme Way, Springfield",
    rep_location_verification_status: "VERIFIED",
    summary: "On-site demo",
  });
  text({
    content: "See you at the demo",
    resource_type: "contact",
    resource_id: mark.id ?? null,
    associated_deal_ids: [deal.id as number],
  });
  text({
    content: "Got your brochure",
    incoming: true,
    resource_type: "lead",
    resource_id: lead.id ?? null,
  });
}
