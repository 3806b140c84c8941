import { z } from "zod";
import { choice } from "../inputs/fields";
import { SELL_DOCS } from "../util/values";
import { definePicklist, defineResource, op } from "./define";
import customFieldExample from "./examples/custom_field.json";
import { flag, recordBase, text } from "./records";

/** Custom field definitions, per resource type: `/v2/<resource type>/custom_fields`. */

const Choice = z.looseObject({
  id: z.union([z.number().int(), z.string()]).nullish(),
  name: z.string(),
});

export const CustomFieldRecord = z.looseObject({
  ...recordBase,
  id: z.union([z.number().int(), z.string()]),
  name: text,
  type: text,
  choices: z.array(Choice).nullish(),
  options: z.array(Choice).nullish(),
  for_contact: flag,
  for_organisation: flag,
  for_company: flag,
  resource_type: text,
});
export type CustomFieldRecord = z.infer<typeof CustomFieldRecord>;

/** Whose custom fields: the path segment of `/v2/<resource type>/custom_fields`. */
export const CUSTOM_FIELD_RESOURCE_TYPES = ["lead", "contact", "deal", "prospect_and_customer"];

export const customFieldResourceType = choice(
  "resource_type",
  "Resource Type",
  CUSTOM_FIELD_RESOURCE_TYPES,
  {
    required: true,
    comments:
      "Whose custom fields: lead, contact, deal, or prospect_and_customer (contacts that are customers or prospects).",
  },
);

/** Custom fields are chosen by name: that is how Sell's v2 API addresses their values and filters. */
export const selectCustomField = definePicklist<CustomFieldRecord>({
  key: "selectCustomField",
  description:
    "Select a custom field of leads, contacts, deals or customers/prospects (the key is the field's name).",
  toLabel: (field) =>
    `${field.name ?? `Custom Field ${field.id}`}${field.type ? ` (${field.type})` : ""}`,
  keyOf: (field) => field.name ?? String(field.id),
  // A definition without a name cannot be addressed (v2 uses names).
  accepts: (field) => typeof field.name === "string" && field.name !== "",
  filters: { resourceType: customFieldResourceType },
  // Sell answers every definition at once; the path takes the chosen resource type.
  source: { kind: "list", path: "/{resourceType}/custom_fields", paged: false },
});

export const customFieldDefinitions = defineResource({
  key: "custom_fields",
  name: { one: "Custom Field", many: "Custom Fields" },
  type: "custom_field",
  path: "/{resourceType}/custom_fields",
  docs: `${SELL_DOCS}/resources/custom-fields/`,
  record: CustomFieldRecord,
  example: customFieldExample as CustomFieldRecord,
  picklists: [selectCustomField],
  operations: {
    getCustomFieldsStream: op.stream({ events: "custom field definition" }),
  },
  stream: { attributes: ["id", "name", "type", "resource_type"] },
});
