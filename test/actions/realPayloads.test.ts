/**
 * Real payloads pass through unchanged. For each v2 resource schema of an independent source
 * (test/fixtures/sell-schemas/singer-tap-leag, see its README), a record with EVERY declared property, an unknown
 * property and a null is served by the resource's get and list actions; the output must be
 * Sell's body exactly (same values, same key order), and the component's record schema must
 * accept the record (a real payload is never rejected).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { account } from "../../src/resources/account";
import { textMessages, visits } from "../../src/resources/activities";
import { contacts } from "../../src/resources/contacts";
import { associatedContacts, deals } from "../../src/resources/deals";
import { leads } from "../../src/resources/leads";
import { notes } from "../../src/resources/notes";
import { lineItems, orders } from "../../src/resources/orders";
import { visitOutcomes } from "../../src/resources/outcomes";
import { pipelines, stages } from "../../src/resources/pipelines";
import { products } from "../../src/resources/products";
import {
  dealUnqualifiedReasons,
  leadUnqualifiedReasons,
  lossReasons,
} from "../../src/resources/reasons";
import { dealSources, leadSources } from "../../src/resources/sources";
import { tags } from "../../src/resources/tags";
import { tasks } from "../../src/resources/tasks";
import { users } from "../../src/resources/users";
import { SELL, sellApi } from "../helpers/sell";
import { run } from "./support";

interface JsonSchema {
  type?: string | string[];
  format?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
}

const schemaOf = (name: string): JsonSchema =>
  JSON.parse(
    readFileSync(
      join(__dirname, "..", "fixtures", "sell-schemas", "singer-tap-leag", `${name}.json`),
      "utf8",
    ),
  );

const typesOf = (schema: JsonSchema): string[] =>
  Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];

/** A plausible value of the property's (first non-null) JSON type. */
function valueFor(key: string, schema: JsonSchema, counter: { n: number }): unknown {
  const type = typesOf(schema).find((t) => t !== "null") ?? "string";
  counter.n += 1;
  switch (type) {
    case "integer":
      return 9_000_000_000 + counter.n; // beyond 32 bits, still exact in JSON
    case "number":
      return 1234.5 + counter.n;
    case "boolean":
      return counter.n % 2 === 0;
    case "object":
      return schema.properties
        ? objectFor(schema, counter)
        : { opaque: `value of ${key}`, nested: { list: [1, "two"] } };
    case "array":
      return [schema.items ? valueFor(`${key}[]`, schema.items, counter) : `item of ${key}`];
    default:
      if (schema.format === "date-time") return `2026-0${(counter.n % 9) + 1}-15T10:20:30Z`;
      if (key.endsWith("email")) return `person${counter.n}@example.com`;
      if (key.endsWith("currency")) return "USD";
      if (key === "resource_type") return "deal";
      return `${key} ${counter.n} — ünïcödé`;
  }
}

function objectFor(schema: JsonSchema, counter: { n: number }): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties ?? {}))
    record[key] = valueFor(key, property, counter);
  return record;
}

/** A record with every declared property, one declared property set to null, and an unknown one. */
function recordFrom(name: string, id: number, nulled: string): Record<string, unknown> {
  const schema = schemaOf(name);
  const record = objectFor(schema, { n: 0 });
  if (!(nulled in record)) throw new Error(`${name}: '${nulled}' is not a declared property`);
  record[nulled] = null;
  record.id = id;
  record.x_field_sell_added_later = { deep: [{ a: 1 }, null, "b"], flag: false, big: 2 ** 53 - 1 };
  return record;
}

interface PayloadCase {
  name: string;
  type: string;
  nulled: string;
  schema: z.ZodType;
  list: { key: string; params?: Record<string, unknown>; path: string };
  get?: { key: string; params?: Record<string, unknown>; path: string };
  /** Adjusts the generated record where the source schema differs from Sell (see README). */
  fix?: (record: Record<string, unknown>) => void;
}

const ID = 77_123_456;

const cases: PayloadCase[] = [
  {
    name: "contacts",
    type: "contact",
    nulled: "fax",
    schema: contacts.record,
    list: { key: "listContacts", path: "/v2/contacts" },
    get: { key: "getContact", path: `/v2/contacts/${ID}` },
  },
  {
    name: "leads",
    type: "lead",
    nulled: "twitter",
    schema: leads.record,
    list: { key: "listLeads", path: "/v2/leads" },
    get: { key: "getLead", path: `/v2/leads/${ID}` },
  },
  {
    name: "deals",
    type: "deal",
    nulled: "dropbox_email",
    schema: deals.record,
    list: { key: "listDeals", path: "/v2/deals" },
    get: { key: "getDeal", path: `/v2/deals/${ID}` },
  },
  {
    name: "notes",
    type: "note",
    nulled: "tags",
    schema: notes.record,
    list: { key: "listNotes", path: "/v2/notes" },
    get: { key: "getNote", path: `/v2/notes/${ID}` },
  },
  {
    name: "tasks",
    type: "task",
    nulled: "completed_at",
    schema: tasks.record,
    list: { key: "listTasks", path: "/v2/tasks" },
    get: { key: "getTask", path: `/v2/tasks/${ID}` },
  },
  {
    name: "orders",
    type: "order",
    nulled: "discount",
    schema: orders.record,
    list: { key: "listOrder", path: "/v2/orders" },
    get: { key: "getOrder", path: `/v2/orders/${ID}` },
  },
  {
    name: "line_items",
    type: "line_item",
    nulled: "description",
    schema: lineItems.record,
    list: { key: "listLineItems", params: { orderId: "33" }, path: "/v2/orders/33/line_items" },
    get: { key: "getLineItem", params: { orderId: "33" }, path: `/v2/orders/33/line_items/${ID}` },
  },
  {
    name: "products",
    type: "product",
    nulled: "description",
    schema: products.record,
    list: { key: "listProducts", path: "/v2/products" },
    get: { key: "getProduct", path: `/v2/products/${ID}` },
    fix: (record) => {
      // The source schema spells it `ammount`; Sell sends `amount` (as a decimal string).
      (record.prices as Array<Record<string, unknown>>)[0] = {
        ...(record.prices as Array<Record<string, unknown>>)[0],
        amount: "1599.99",
      };
    },
  },
  {
    name: "pipelines",
    type: "pipeline",
    nulled: "disabled",
    schema: pipelines.record,
    list: { key: "listPipelines", path: "/v2/pipelines" },
  },
  {
    name: "stages",
    type: "stage",
    nulled: "likelihood",
    schema: stages.record,
    list: { key: "listStages", path: "/v2/stages" },
  },
  {
    name: "users",
    type: "user",
    nulled: "deleted_at",
    schema: users.record,
    list: { key: "listUsers", path: "/v2/users" },
    get: { key: "getUser", path: `/v2/users/${ID}` },
  },
  {
    name: "lead_sources",
    type: "source",
    nulled: "creator_id",
    schema: leadSources.record,
    list: { key: "listLeadSources", path: "/v2/lead_sources" },
    get: { key: "getLeadSource", path: `/v2/lead_sources/${ID}` },
  },
  {
    name: "deal_sources",
    type: "source",
    nulled: "creator_id",
    schema: dealSources.record,
    list: { key: "listDealSources", path: "/v2/deal_sources" },
    get: { key: "getDealSource", path: `/v2/deal_sources/${ID}` },
  },
  {
    name: "loss_reasons",
    type: "loss_reason",
    nulled: "updated_at",
    schema: lossReasons.record,
    list: { key: "listLossReasons", path: "/v2/loss_reasons" },
    get: { key: "getLossReason", path: `/v2/loss_reasons/${ID}` },
  },
  {
    name: "deal_unqualified_reasons",
    type: "deal_unqualified_reason",
    nulled: "creator_id",
    schema: dealUnqualifiedReasons.record,
    list: { key: "listDealUnqualifiedReasons", path: "/v2/deal_unqualified_reasons" },
    get: { key: "getDealUnqualifiedReason", path: `/v2/deal_unqualified_reasons/${ID}` },
  },
  {
    name: "lead_unqualified_reasons",
    type: "lead_unqualified_reason",
    nulled: "name",
    schema: leadUnqualifiedReasons.record,
    list: { key: "listLeadUnqualifiedReasons", path: "/v2/lead_unqualified_reasons" },
  },
  {
    name: "tags",
    type: "tag",
    nulled: "creator_id",
    schema: tags.record,
    list: { key: "listTags", path: "/v2/tags" },
    get: { key: "getTag", path: `/v2/tags/${ID}` },
  },
  {
    name: "visit_outcomes",
    type: "visit_outcome",
    nulled: "updated_at",
    schema: visitOutcomes.record,
    list: { key: "listVisitOutcomes", path: "/v2/visit_outcomes" },
  },
  {
    name: "visits",
    type: "visit",
    nulled: "resource_address",
    schema: visits.record,
    list: { key: "listVisits", path: "/v2/visits" },
  },
  {
    name: "text_messages",
    type: "text_message",
    nulled: "user_phone_number",
    schema: textMessages.record,
    list: { key: "listTextMessages", path: "/v2/text_messages" },
    get: { key: "getTextMessage", path: `/v2/text_messages/${ID}` },
  },
  {
    name: "accounts",
    type: "account",
    nulled: "phone",
    schema: account.record,
    list: { key: "listAccountDetails", path: "/v2/accounts/self" },
  },
  {
    name: "associated_contacts",
    type: "associated_contact",
    nulled: "role",
    schema: associatedContacts.record,
    list: {
      key: "listAssociatedContacts",
      params: { dealId: "5" },
      path: "/v2/deals/5/associated_contacts",
    },
  },
];

const recordOf = (c: PayloadCase): Record<string, unknown> => {
  const record = recordFrom(c.name, ID, c.nulled);
  c.fix?.(record);
  return record;
};

/** Asserts equality including key order at every level (JSON text equality). */
const expectVerbatim = (actual: unknown, expected: unknown) => {
  expect(actual).toEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
};

it("covers every copied schema", () => {
  const copied = readFileSync(
    join(__dirname, "..", "fixtures", "sell-schemas", "README.md"),
    "utf8",
  );
  expect(copied).toContain("leag/tap-zendesk-sell");
  expect(cases.map((c) => c.name).sort()).toEqual(
    [
      "accounts",
      "associated_contacts",
      "contacts",
      "deal_sources",
      "deal_unqualified_reasons",
      "deals",
      "lead_sources",
      "lead_unqualified_reasons",
      "leads",
      "line_items",
      "loss_reasons",
      "notes",
      "orders",
      "pipelines",
      "products",
      "stages",
      "tags",
      "tasks",
      "text_messages",
      "users",
      "visit_outcomes",
      "visits",
    ].sort(),
  );
});

describe.each(cases)("$name", (c) => {
  const record = recordOf(c);

  it("the generated record has every declared property, a null and an unknown field", () => {
    const declared = Object.keys(schemaOf(c.name).properties ?? {});
    expect(Object.keys(record)).toEqual(expect.arrayContaining([...declared, "id"]));
    expect(record[c.nulled]).toBeNull();
    expect(record).toHaveProperty("x_field_sell_added_later");
  });

  it("the component's record schema accepts it", () => {
    const parsed = c.schema.safeParse(record);
    expect(parsed.error?.issues ?? []).toEqual([]);
    // Loose schemas keep unknown fields.
    expect(parsed.data).toMatchObject({
      x_field_sell_added_later: record.x_field_sell_added_later,
    });
  });

  it(`${c.list.key} returns it unchanged`, async () => {
    const single = c.list.path.endsWith("/self");
    const body = single
      ? { data: record, meta: { type: c.type, extra_meta: [1, 2] } }
      : {
          items: [
            { data: record, meta: { type: c.type, version: 3 } },
            { data: { ...record, id: ID + 1 }, meta: { type: c.type } },
          ],
          meta: {
            type: "collection",
            count: 2,
            links: { self: `${SELL}${c.list.path}?page=1&per_page=25` },
          },
        };
    const scope = sellApi().get(c.list.path).query({}).reply(200, body);
    const result = (await run(c.list.key, c.list.params)) as { data: unknown };
    scope.done();
    expectVerbatim(result, { data: body });
  });

  if (c.get) {
    const get = c.get;
    it(`${get.key} returns it unchanged`, async () => {
      const body = { data: record, meta: { type: c.type } };
      const scope = sellApi().get(get.path).query({}).reply(200, body);
      const result = (await run(get.key, { ...get.params, id: String(ID) })) as { data: unknown };
      scope.done();
      expectVerbatim(result, { data: body });
    });
  }

  if (!c.list.path.endsWith("/self"))
    it(`${c.list.key} with Fetch All returns the records unchanged`, async () => {
      const items = [{ data: record, meta: { type: c.type } }];
      const scope = sellApi()
        .get(c.list.path)
        .query({ page: "1", per_page: "100" })
        .reply(200, { items, meta: { type: "collection", count: 1, links: {} } });
      const result = (await run(c.list.key, { ...c.list.params, fetchAll: true })) as {
        data: { items: unknown };
      };
      scope.done();
      expectVerbatim(result.data.items, items);
    });
});
