import { z } from "zod";
import { ids, inclusive, pagination, recordId } from "../inputs/common";
import { InputError } from "../inputs/errors";
import { address, id, sortBy, text as textInput, toggle, variant } from "../inputs/fields";
import { group, inQuery, layout, type Rule } from "../inputs/layout";
import { SELL_DOCS } from "../util/values";
import {
  addressParts,
  contactDetailInputs,
  contactInfo,
  crmFilters,
  customFieldValues,
  ownerId,
  profile,
  shortContactInfo,
  tagNames,
  upsertCreatorId,
  upsertFilters,
  upsertFiltersComment,
} from "./crmInputs";
import { definePicklist, defineResource, op } from "./define";
import example from "./examples/lead.json";
import conversionExample from "./examples/lead_conversion.json";
import { selectLeadUnqualifiedReason } from "./reasons";
import {
  contactDetailAttributes,
  contactDetails,
  crmRecordBase,
  idRef,
  recordBase,
  text,
} from "./records";
import { selectLeadSource } from "./sources";
import { selectUser } from "./users";

/** Leads: unqualified prospects — a person, an organization, or both. Converted one way into contacts and a deal. */

export const LeadRecord = z.looseObject({
  ...crmRecordBase,
  ...contactDetails,
  first_name: text,
  last_name: text,
  organization_name: text,
  status: text,
  source_id: idRef,
  unqualified_reason_id: z.union([z.number().int(), z.string()]).nullish(),
});
export type LeadRecord = z.infer<typeof LeadRecord>;

/** Picklist label: the person and/or organization, so organization-only leads are recognisable. */
export const leadLabel = (lead: LeadRecord): string => {
  const person = [lead.first_name, lead.last_name].filter(Boolean).join(" ").trim();
  const organization = lead.organization_name?.trim();
  if (person && organization) return `${person} (${organization})`;
  return person || organization || `Lead ${lead.id}`;
};

export const selectLead = definePicklist<LeadRecord>({
  key: "selectLead",
  description:
    "Select a lead from your Zendesk Sell account (people by name, organization-only leads by organization).",
  toLabel: leadLabel,
});

// ---- fields --------------------------------------------------------------------------------

export const leadFields = {
  organizationName: textInput("organization_name", "Organization Name", {
    comments: "The lead's organization. A lead needs a Last Name, an Organization Name, or both.",
    example: "Design Services Company",
    placeholder: "Enter organization name",
  }),
  firstName: textInput("first_name", "First Name", {
    example: "Mark",
    placeholder: "Enter first name",
  }),
  lastName: textInput("last_name", "Last Name", {
    comments: "The lead's last name. A lead needs a Last Name, an Organization Name, or both.",
    example: "Johnson",
    placeholder: "Enter last name",
  }),
  address: address("address", "Address", {
    comments: "Address as JSON: line1, city, postal_code, state, country.",
  }),
  ...contactDetailInputs,
  customFields: customFieldValues,
  tags: tagNames("lead"),
  status: textInput("status", "Status", {
    comments: "The lead status name as configured in Sell, e.g. New, Working, Unqualified.",
    example: "New",
    placeholder: "Enter status",
  }),
  ...profile,
  title: variant(profile.title, { placeholder: "Enter title" }),
  ownerId: ownerId("lead"),
  sourceId: id("source_id", "Source ID", {
    comments: "Where the lead came from (a lead source).",
    placeholder: "Enter Source ID",
    dataSource: selectLeadSource,
  }),
  unqualifiedReasonId: id("unqualified_reason_id", "Unqualified Reason ID", {
    comments: "Why the lead was unqualified.",
    placeholder: "Enter Unqualified Reason ID",
    dataSource: selectLeadUnqualifiedReason,
  }),
};
const f = leadFields;
const filters = crmFilters("Leads");

// ---- layouts (input keys as in Prismatic's component) ---------------------------------------

const leadId = variant(recordId("Lead", selectLead), { placeholder: "Enter lead ID" });

const listLayout = layout({
  organizationName: variant(f.organizationName, {
    comments: "Leads with exactly this organization name.",
  }),
  firstName: variant(f.firstName, { comments: "Leads with exactly this first name." }),
  lastName: variant(f.lastName, { comments: "Leads with exactly this last name." }),
  status: variant(f.status, { comments: "Leads with this status name." }),
  ids: variant(ids(), { placeholder: "Enter comma-separated IDs" }),
  creatorId: filters.creatorId,
  ownerId: filters.ownerId,
  sourceId: variant(f.sourceId, { comments: "Leads from this source." }),
  contactInfo: group("Contact Information", {
    email: filters.email,
    phone: filters.phone,
    mobile: filters.mobile,
  }),
  address: group("Address", addressParts),
  customFields: filters.customFields,
  pagination,
  additionalFields: group("Additional Fields", {
    sortBy: sortBy(
      ["id", "first_name", "last_name", "organization_name", "created_at", "updated_at"],
      { comments: "Order of the results (Sell's default: updated_at ascending)." },
    ),
    inclusive,
  }),
});

const createLayout = layout({
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
});

const upsertLayout = layout({
  organizationName: f.organizationName,
  firstName: f.firstName,
  lastName: f.lastName,
  contactInfo: shortContactInfo,
  addresses: group("Addresses", {
    addressCity: addressParts.addressCity,
    addressPostalCode: addressParts.addressPostalCode,
    addressCountry: addressParts.addressCountry,
  }),
  customFields: f.customFields,
  filterableCustomFields: inQuery(
    upsertFilters(upsertFiltersComment("lead", "email = mark@example.com")),
  ),
  additionalFields: group("Additional Fields", {
    status: f.status,
    inclusive: inQuery(inclusive),
    creatorId: inQuery(upsertCreatorId("lead")),
    ownerId: f.ownerId,
    sourceId: f.sourceId,
  }),
});

// ---- rules ---------------------------------------------------------------------------------

/** Sell needs a last name or an organization name to create a lead. */
export const nameOrOrganization: Rule<{ lastName?: string; organizationName?: string }> = (
  values,
) => {
  if (values.lastName === undefined && values.organizationName === undefined) {
    throw new InputError(
      "Last Name",
      "or Organization Name is required: a lead is a person (Last Name), an organization (Organization Name), or both",
    );
  }
};

export const leads = defineResource({
  key: "leads",
  name: { one: "Lead", many: "Leads" },
  type: "lead",
  path: "/leads",
  docs: `${SELL_DOCS}/resources/leads/`,
  record: LeadRecord,
  example: example as LeadRecord,
  fields: leadFields,
  picklists: [selectLead],
  customFieldTypes: ["lead"],
  search: true,
  poll: true,
  operations: {
    listLeads: op.list({
      description:
        "Returns the leads visible to the connected user that match the filters: one page, or every page with Fetch All.",
      layout: listLayout,
    }),
    getLead: op.get({
      description: "Returns a single lead available to the user.",
      layout: layout({ id: leadId }),
    }),
    createLead: op.create({
      description:
        "Creates a lead: a person (Last Name), an organization (Organization Name), or both. One of the two is required.",
      layout: createLayout,
      rules: [nameOrOrganization],
    }),
    updateLead: op.update({
      description:
        "Updates a lead. Only the fields given are changed; Tags, when given, replace the lead's tags.",
      layout: layout({
        id: variant(leadId, { placeholder: "Enter Lead ID" }),
        ...createLayout,
      }),
    }),
    upsertLead: op.upsert({
      description:
        "Creates a lead or updates the one that matches the Filters (sent as query parameters). No match: created, with the filters' values; one match: updated; several: fails with a clear error. At least one filter is required.",
      layout: upsertLayout,
      filtersKey: "filterableCustomFields",
    }),
    deleteLead: op.delete({
      description: "Deletes a lead. This cannot be undone. Returns { data: null }.",
      layout: layout({ id: leadId }),
    }),
    getLeadsStream: op.stream(),
    findOrCreateLead: op.findOrCreate({
      description:
        "Looks for a lead by email (or by a filterable custom field such as an external ID) and creates it only if none exists, so a form posted twice makes one lead. The output's meta.created says which happened.",
      layout: createLayout,
      rules: [nameOrOrganization],
      emailKey: "contactInfo.email",
      customFieldsKey: "customFields",
    }),
    qualifyLead: op.update({
      label: "Qualify Lead",
      description:
        "Moves a lead forward: sets its status (as named in Sell) and optionally its owner.",
      layout: layout({
        id: leadId,
        status: textInput("status", "Status", {
          required: true,
          comments: "The lead status to set, as named in Sell (e.g. Working, Qualified).",
          example: "Working",
        }),
        ownerId: f.ownerId,
      }),
    }),
    unqualifyLead: op.update({
      label: "Unqualify Lead",
      description:
        "Marks a lead as unqualified: sets its status and the reason, chosen from the account's lead unqualified reasons.",
      layout: layout({
        id: leadId,
        status: textInput("status", "Status", {
          required: true,
          default: "Unqualified",
          comments:
            "The lead status meaning unqualified in your Sell account (default: Unqualified).",
        }),
        unqualifiedReasonId: variant(f.unqualifiedReasonId, { required: true }),
        ownerId: f.ownerId,
      }),
    }),
  },
  stream: {
    attributes: [
      "id",
      "creator_id",
      "owner_id",
      "first_name",
      "last_name",
      "organization_name",
      "status",
      "source_id",
      ...contactDetailAttributes,
      "tags",
      "custom_field_values",
      "created_at",
    ],
  },
});

// ---- conversions ---------------------------------------------------------------------------

export const LeadConversionRecord = z.looseObject({
  ...recordBase,
  lead_id: idRef,
  individual_id: idRef,
  organization_id: idRef,
  deal_id: idRef,
  creator_id: idRef,
});
export type LeadConversionRecord = z.infer<typeof LeadConversionRecord>;

/** The inputs of a conversion. */
export const conversionLayout = layout({
  leadId: variant(leadId, { comments: "The lead to convert. Conversion cannot be undone." }),
  ownerId: id("owner_id", "Owner ID", {
    comments: "Owner of the contacts and deal created. Defaults to the lead's owner.",
    dataSource: selectUser,
  }),
  createDeal: toggle("Create Deal", {
    default: "true",
    comments: "When true (the default), a deal is created for the new contact too.",
  }),
});

/** A lead's one-way conversion into a person and/or organization contact, and optionally a deal. */
export const leadConversions = defineResource({
  key: "lead_conversions",
  name: { one: "Lead Conversion", many: "Lead Conversions" },
  type: "lead_conversion",
  path: "/lead_conversions",
  docs: `${SELL_DOCS}/resources/lead-conversions/`,
  record: LeadConversionRecord,
  example: conversionExample as LeadConversionRecord,
  operations: {
    listLeadConversions: op.list({
      description:
        "Returns past lead conversions with the IDs of the lead and of the records it became.",
      layout: layout({ pagination }),
    }),
  },
});
