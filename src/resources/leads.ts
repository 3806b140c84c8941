import { z } from "zod";
import example from "../../test/fixtures/records/lead.json";
import conversionExample from "../../test/fixtures/records/lead_conversion.json";
import { InputError } from "../client/errors";
import { ids, pagination } from "./common";
import { defineResource, group, inputValue, inQuery, type Layout, type Rule } from "./define";
import {
  address,
  customFields,
  email,
  id,
  longText,
  pairs,
  refine,
  sortBy,
  tags,
  text,
  triBool,
} from "./fields";
import { AddressRecord, crmRecordBase, recordBase, sellId } from "./records";

/** Leads: unqualified prospects — a person, an organization, or both. Converted one way into contacts and a deal. */

export const LeadRecord = z.looseObject({
  ...crmRecordBase,
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  organization_name: z.string().nullish(),
  status: z.string().nullish(),
  source_id: sellId.nullish(),
  unqualified_reason_id: z.union([sellId, z.string()]).nullish(),
  email: z.string().nullish(),
  address: AddressRecord.nullish(),
});
export type LeadRecord = z.infer<typeof LeadRecord>;

export const leads = defineResource({
  key: "leads",
  name: { one: "Lead", many: "Leads" },
  type: "lead",
  path: "/leads",
  docs: "https://developer.zendesk.com/api-reference/sales-crm/resources/leads/",
  record: LeadRecord,
  example: example as LeadRecord,
  stream: true,
  customFieldTypes: ["lead"],
});

/** Picklist label: the person and/or organization, so organization-only leads are recognisable. */
export const leadLabel = (lead: LeadRecord): string => {
  const person = [lead.first_name, lead.last_name].filter(Boolean).join(" ").trim();
  const organization = lead.organization_name?.trim();
  if (person && organization) return `${person} (${organization})`;
  return person || organization || `Lead ${lead.id}`;
};

// ---- fields --------------------------------------------------------------------------------

export const leadFields = {
  organizationName: text("organization_name", "Organization Name", {
    comments: "The lead's organization. A lead needs a Last Name, an Organization Name, or both.",
    example: "Design Services Company",
  }),
  firstName: text("first_name", "First Name", { example: "Mark" }),
  lastName: text("last_name", "Last Name", {
    comments: "The lead's last name. A lead needs a Last Name, an Organization Name, or both.",
    example: "Johnson",
  }),
  address: address("address", "Address", {
    comments: "Address as JSON: line1, city, postal_code, state, country.",
  }),
  email: email("email", "Email"),
  phone: text("phone", "Phone", { example: "508-778-6516" }),
  mobile: text("mobile", "Mobile", { example: "508-778-6516" }),
  fax: text("fax", "Fax"),
  twitter: text("twitter", "Twitter"),
  facebook: text("facebook", "Facebook"),
  linkedin: text("linkedin", "LinkedIn"),
  skype: text("skype", "Skype"),
  website: text("website", "Website", { example: "www.designservices.com" }),
  customFields: customFields("custom_fields", "Custom Fields", {
    comments: "Custom field values, keyed by the custom field's name as shown in Sell.",
  }),
  tags: tags("tags", "Tags", {
    comments:
      "Tag names. Sell replaces the lead's whole tag set with this list; leave empty to keep the current tags.",
  }),
  status: text("status", "Status", {
    comments: "The lead status name as configured in Sell, e.g. New, Working, Unqualified.",
    example: "New",
  }),
  title: text("title", "Title", { example: "CEO" }),
  description: longText("description", "Description"),
  industry: text("industry", "Industry"),
  ownerId: id("owner_id", "Owner ID", {
    comments: "The user the lead is assigned to.",
    dataSource: "selectUser",
  }),
  sourceId: id("source_id", "Source ID", {
    comments: "Where the lead came from (a lead source).",
    dataSource: "selectLeadSource",
  }),
  unqualifiedReasonId: id("unqualified_reason_id", "Unqualified Reason ID", {
    comments: "Why the lead was unqualified.",
    dataSource: "selectLeadUnqualifiedReason",
  }),
};
const f = leadFields;

const filters = {
  organizationName: refine(f.organizationName, {
    comments: "Leads with exactly this organization name.",
  }),
  firstName: refine(f.firstName, { comments: "Leads with exactly this first name." }),
  lastName: refine(f.lastName, { comments: "Leads with exactly this last name." }),
  status: refine(f.status, { comments: "Leads with this status name." }),
  ids: ids(),
  creatorId: id("creator_id", "Creator ID", {
    comments: "Leads created by this user.",
    dataSource: "selectUser",
  }),
  ownerId: refine(f.ownerId, { comments: "Leads owned by this user." }),
  sourceId: refine(f.sourceId, { comments: "Leads from this source." }),
  email: text("email", "Email", { comments: "Leads with exactly this email address." }),
  phone: refine(f.phone, { comments: "Leads with exactly this phone number." }),
  mobile: refine(f.mobile, { comments: "Leads with exactly this mobile number." }),
  addressCity: text(["address", "city"], "City"),
  addressPostalCode: text(["address", "postal_code"], "Zip/Postal Code"),
  addressState: text(["address", "state"], "State/Province"),
  addressCountry: text(["address", "country"], "Country"),
  customFields: refine(f.customFields, {
    comments:
      "Filter by custom field values (exact match). Sell only filters on custom fields marked Filterable.",
  }),
  sortBy: sortBy(
    ["id", "first_name", "last_name", "organization_name", "created_at", "updated_at"],
    {
      comments: "Order of the results (Sell's default: updated_at ascending).",
    },
  ),
  inclusive: triBool("inclusive", "Inclusive", {
    comments:
      "How several filters combine: True (default) = all must match, False = any may match.",
  }),
};

// ---- layouts (input keys as in Prismatic's component) ---------------------------------------

export const listLayout: Layout = {
  organizationName: filters.organizationName,
  firstName: filters.firstName,
  lastName: filters.lastName,
  status: filters.status,
  ids: filters.ids,
  creatorId: filters.creatorId,
  ownerId: filters.ownerId,
  sourceId: filters.sourceId,
  contactInfo: group("Contact Information", {
    email: filters.email,
    phone: filters.phone,
    mobile: filters.mobile,
  }),
  address: group("Address", {
    addressCity: filters.addressCity,
    addressPostalCode: filters.addressPostalCode,
    addressState: filters.addressState,
    addressCountry: filters.addressCountry,
  }),
  customFields: filters.customFields,
  pagination,
  additionalFields: group("Additional Fields", {
    sortBy: filters.sortBy,
    inclusive: filters.inclusive,
  }),
};

const contactInfo = group("Contact Information", {
  email: f.email,
  phone: f.phone,
  mobile: f.mobile,
  fax: f.fax,
  twitter: f.twitter,
  facebook: f.facebook,
  linkedin: f.linkedin,
  skype: f.skype,
  website: f.website,
});

export const createLayout: Layout = {
  organizationName: f.organizationName,
  firstName: f.firstName,
  lastName: f.lastName,
  address: f.address,
  contactInfo,
  customFields: f.customFields,
  tags: f.tags,
  additionalFields: group("Additional Fields", {
    status: f.status,
    title: f.title,
    description: f.description,
    industry: f.industry,
    ownerId: f.ownerId,
    sourceId: f.sourceId,
    unqualifiedReasonId: f.unqualifiedReasonId,
  }),
};

export const updateLayout: Layout = createLayout;

export const upsertLayout: Layout = {
  organizationName: f.organizationName,
  firstName: f.firstName,
  lastName: f.lastName,
  contactInfo: group("Contact Information", { email: f.email, phone: f.phone, mobile: f.mobile }),
  addresses: group("Addresses", {
    addressCity: text(["address", "city"], "City"),
    addressPostalCode: text(["address", "postal_code"], "Zip/Postal Code"),
    addressCountry: text(["address", "country"], "Country"),
  }),
  customFields: f.customFields,
  filterableCustomFields: inQuery(
    pairs([], "Filters", {
      required: true,
      comments:
        "How Sell finds the lead to update: pairs of list filter and value, e.g. email = mark@example.com, or a custom field name (marked Filterable in Sell) and its value. At least one is required. No match: a lead is created; one match: it is updated; several: the upsert fails.",
    }),
  ),
  additionalFields: group("Additional Fields", {
    status: f.status,
    inclusive: inQuery(filters.inclusive),
    creatorId: inQuery(
      refine(filters.creatorId, {
        comments: "Also match on the user who created the lead (a filter).",
      }),
    ),
    ownerId: f.ownerId,
    sourceId: f.sourceId,
  }),
};

// ---- rules ---------------------------------------------------------------------------------

/** Sell needs a last name or an organization name to create a lead. */
export const nameOrOrganization: Rule = (values) => {
  if (
    inputValue(values, "lastName") === undefined &&
    inputValue(values, "organizationName") === undefined
  ) {
    throw new InputError(
      "Last Name",
      "or Organization Name is required: a lead is a person (Last Name), an organization (Organization Name), or both",
    );
  }
};

// ---- conversions ---------------------------------------------------------------------------

export const LeadConversionRecord = z.looseObject({
  ...recordBase,
  lead_id: sellId.nullish(),
  individual_id: sellId.nullish(),
  organization_id: sellId.nullish(),
  deal_id: sellId.nullish(),
  creator_id: sellId.nullish(),
});
export type LeadConversionRecord = z.infer<typeof LeadConversionRecord>;

/** A lead's one-way conversion into a person and/or organization contact, and optionally a deal. */
export const leadConversions = defineResource({
  key: "lead_conversions",
  name: { one: "Lead Conversion", many: "Lead Conversions" },
  type: "lead_conversion",
  path: "/lead_conversions",
  docs: "https://developer.zendesk.com/api-reference/sales-crm/resources/lead-conversions/",
  record: LeadConversionRecord,
  example: conversionExample as LeadConversionRecord,
});
