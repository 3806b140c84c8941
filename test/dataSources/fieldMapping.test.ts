/**
 * selectFieldMapping: an objectFieldMap for config wizards. The fields to map (the rows) are
 * offered the chosen Sell object's writable standard fields (from the registry, an address by
 * its parts) and the account's custom fields of that object (read from Sell), keyed as Sell
 * names them.
 */
import { collection, failureOf } from "../actions/support";
import { harness, oauthConnection, sellApi } from "../helpers/sell";
import { dataSourceResult } from "./support";

/** What the wizard asks to map: rows with and without defaults. */
const MAPPING = {
  fields: [
    { field: { key: "email", label: "Email" } },
    {
      field: { key: "company", label: "Company" },
      defaultObject: { key: "leads", label: "Lead" },
      defaultField: { key: "organization_name", label: "Organization Name" },
    },
  ],
};

const LEAD_STANDARD_FIELDS = [
  { key: "address[city]", label: "Address › City" },
  { key: "address[country]", label: "Address › Country" },
  { key: "address[line1]", label: "Address › Line 1" },
  { key: "address[postal_code]", label: "Address › Postal Code" },
  { key: "address[state]", label: "Address › State" },
  { key: "description", label: "Description" },
  { key: "email", label: "Email" },
  { key: "facebook", label: "Facebook" },
  { key: "fax", label: "Fax" },
  { key: "first_name", label: "First Name" },
  { key: "industry", label: "Industry" },
  { key: "last_name", label: "Last Name" },
  { key: "linkedin", label: "LinkedIn" },
  { key: "mobile", label: "Mobile" },
  { key: "organization_name", label: "Organization Name" },
  { key: "owner_id", label: "Owner ID" },
  { key: "phone", label: "Phone" },
  { key: "skype", label: "Skype" },
  { key: "source_id", label: "Source ID" },
  { key: "status", label: "Status" },
  { key: "tags", label: "Tags" },
  { key: "title", label: "Title" },
  { key: "twitter", label: "Twitter" },
  { key: "unqualified_reason_id", label: "Unqualified Reason ID" },
  { key: "website", label: "Website" },
];

const DEAL_STANDARD_FIELDS = [
  { key: "added_at", label: "Added At" },
  { key: "contact_id", label: "Contact ID" },
  { key: "currency", label: "Currency" },
  { key: "customized_win_likelihood", label: "Customized Win Likelihood" },
  { key: "estimated_close_date", label: "Estimated Close Date" },
  { key: "hot", label: "Hot" },
  { key: "last_stage_change_at", label: "Last Stage Change At" },
  { key: "loss_reason_id", label: "Loss Reason ID" },
  { key: "name", label: "Name" },
  { key: "owner_id", label: "Owner ID" },
  { key: "source_id", label: "Source ID" },
  { key: "stage_id", label: "Stage ID" },
  { key: "tags", label: "Tags" },
  { key: "unqualified_reason_id", label: "Unqualified Reason ID" },
  { key: "value", label: "Value" },
];

/** Serves `GET /v2/<type>/custom_fields` (Sell answers every definition at once). */
const serveCustomFields = (resourceType: string, definitions: Array<Record<string, unknown>>) =>
  sellApi()
    .get(`/v2/${resourceType}/custom_fields`)
    .query({})
    .reply(200, collection(definitions, "custom_field"));

describe("selectFieldMapping", () => {
  it("leads: the rows as given, offered the lead's standard fields then its custom fields", async () => {
    const definitions = serveCustomFields("lead", [
      { id: 3, name: "Referral website", type: "url" },
      { id: 1, name: "Budget", type: "number" },
      { id: 2, name: "Known via" },
      { id: 4, type: "string" },
    ]);
    const result = await dataSourceResult("selectFieldMapping", {
      object: "leads",
      mappingFields: MAPPING,
    });
    definitions.done();
    expect(result).toEqual({
      fields: MAPPING.fields,
      options: [
        {
          object: { key: "leads", label: "Lead" },
          fields: [
            ...LEAD_STANDARD_FIELDS,
            { key: "custom_fields[Budget]", label: "Budget (custom field, number)" },
            { key: "custom_fields[Known via]", label: "Known via (custom field)" },
            {
              key: "custom_fields[Referral website]",
              label: "Referral website (custom field, url)",
            },
          ],
        },
      ],
    });
  });

  it("deals: the deal's standard fields and GET /v2/deal/custom_fields; the map may be JSON text", async () => {
    serveCustomFields("deal", [{ id: 1, name: "External ID", type: "string" }]);
    const result = await dataSourceResult("selectFieldMapping", {
      object: "deals",
      mappingFields: JSON.stringify({ fields: [{ field: { key: "amount", label: "Amount" } }] }),
    });
    expect(result).toEqual({
      fields: [{ field: { key: "amount", label: "Amount" } }],
      options: [
        {
          object: { key: "deals", label: "Deal" },
          fields: [
            ...DEAL_STANDARD_FIELDS,
            { key: "custom_fields[External ID]", label: "External ID (custom field, string)" },
          ],
        },
      ],
    });
  });

  it("contacts: custom fields of contacts and of customers/prospects, each name once; addresses by their parts", async () => {
    serveCustomFields("contact", [
      { id: 1, name: "Known via", type: "string" },
      { id: 2, name: "Tier", type: "list" },
    ]);
    serveCustomFields("prospect_and_customer", [
      { id: 9, name: "Tier", type: "list" },
      { id: 8, name: "Account number", type: "number" },
    ]);
    const result = (await dataSourceResult("selectFieldMapping", {
      object: "contacts",
      mappingFields: MAPPING,
    })) as { options: Array<{ object: unknown; fields: Array<{ key: string; label: string }> }> };
    expect(result.options).toHaveLength(1);
    const [option] = result.options;
    expect(option?.object).toEqual({ key: "contacts", label: "Contact" });
    expect(option?.fields.filter((f) => f.key.startsWith("custom_fields["))).toEqual([
      { key: "custom_fields[Account number]", label: "Account number (custom field, number)" },
      { key: "custom_fields[Known via]", label: "Known via (custom field, string)" },
      { key: "custom_fields[Tier]", label: "Tier (custom field, list)" },
    ]);
    expect(option?.fields.map((f) => f.key)).toEqual([
      "address[city]",
      "address[country]",
      "address[line1]",
      "address[postal_code]",
      "address[state]",
      "billing_address[city]",
      "billing_address[country]",
      "billing_address[line1]",
      "billing_address[postal_code]",
      "billing_address[state]",
      "contact_id",
      "customer_status",
      "description",
      "email",
      "facebook",
      "fax",
      "first_name",
      "industry",
      "is_organization",
      "last_name",
      "linkedin",
      "mobile",
      "name",
      "owner_id",
      "parent_organization_id",
      "phone",
      "prospect_status",
      "shipping_address[city]",
      "shipping_address[country]",
      "shipping_address[line1]",
      "shipping_address[postal_code]",
      "shipping_address[state]",
      "skype",
      "tags",
      "title",
      "twitter",
      "website",
      "custom_fields[Account number]",
      "custom_fields[Known via]",
      "custom_fields[Tier]",
    ]);
  });

  it("a Sell error reading the custom fields fails the data source, naming the request", async () => {
    sellApi()
      .get("/v2/lead/custom_fields")
      .query({})
      .reply(403, { errors: [], meta: { type: "errors", http_status: "403 Forbidden" } });
    const error = await failureOf(
      harness.dataSource("selectFieldMapping", {
        connection: oauthConnection(),
        object: "leads",
        mappingFields: MAPPING,
      }),
    );
    expect(error.message).toContain(
      "Zendesk Sell rejected GET /v2/lead/custom_fields (403 Forbidden)",
    );
  });

  it.each([
    [
      "an object that has no field mapping",
      { object: "orders", mappingFields: MAPPING },
      "Sell Object: must be one of leads, contacts, deals, got 'orders'",
    ],
    ["no object", { object: "", mappingFields: MAPPING }, "Sell Object: is required"],
    [
      "no fields to map",
      { object: "leads" },
      "Fields To Map: is required: the fields to map, as an ObjectFieldMap",
    ],
    [
      "rows without a field element",
      { object: "leads", mappingFields: { fields: [{ key: "email" }] } },
      'Fields To Map: must be an ObjectFieldMap, e.g. {"fields": [{"field": {"key": "email", "label": "Email"}}]}',
    ],
    [
      "text that is not JSON",
      { object: "leads", mappingFields: "not json" },
      'Fields To Map: must be an ObjectFieldMap, e.g. {"fields": [{"field": {"key": "email", "label": "Email"}}]}',
    ],
  ])("refuses %s before any request", async (_what, params, message) => {
    const error = await failureOf(
      harness.dataSource("selectFieldMapping", { connection: oauthConnection(), ...params }),
    );
    expect(error.message).toBe(message);
  });

  it("offers the registry's objects with custom fields (leads, contacts, deals) and takes an ObjectFieldMap", () => {
    const definition = (
      harness.component.dataSources as unknown as Record<
        string,
        {
          dataSourceType: string;
          inputs: Array<{
            key: string;
            type: string;
            label: string;
            required?: boolean;
            model?: Array<{ label: string; value: string }>;
          }>;
        }
      >
    ).selectFieldMapping;
    expect(definition?.dataSourceType).toBe("objectFieldMap");
    expect(
      definition?.inputs.map(({ key, type, label, required }) => ({ key, type, label, required })),
    ).toEqual([
      { key: "connection", type: "connection", label: "Connection", required: true },
      { key: "object", type: "string", label: "Sell Object", required: true },
      { key: "mappingFields", type: "objectFieldMap", label: "Fields To Map", required: true },
    ]);
    expect(definition?.inputs.find((input) => input.key === "object")?.model).toEqual([
      { label: "Leads", value: "leads" },
      { label: "Contacts", value: "contacts" },
      { label: "Deals", value: "deals" },
    ]);
  });
});
