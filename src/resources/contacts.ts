import { z } from "zod";
import { ids, inclusive, pagination, recordId } from "../inputs/common";
import { InputError } from "../inputs/errors";
import {
  type Address,
  address,
  choice,
  type FieldSpec,
  id,
  sortBy,
  text as textInput,
  triBool,
  variant,
} from "../inputs/fields";
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
import example from "./examples/contact.json";
import {
  AddressRecord,
  contactDetailAttributes,
  contactDetails,
  crmRecordBase,
  flag,
  idRef,
  text,
} from "./records";

/** Contacts: people and organizations. A person may belong to an organization (`contact_id`). */

export const ContactRecord = z.looseObject({
  ...crmRecordBase,
  ...contactDetails,
  is_organization: flag,
  contact_id: idRef,
  parent_organization_id: idRef,
  name: text,
  first_name: text,
  last_name: text,
  customer_status: text,
  prospect_status: text,
  billing_address: AddressRecord.nullish(),
  shipping_address: AddressRecord.nullish(),
});
export type ContactRecord = z.infer<typeof ContactRecord>;

/** Picklist label: organizations by name, people by full name, with the email to tell namesakes apart. */
export const contactLabel = (contact: ContactRecord): string => {
  const person = [contact.first_name, contact.last_name].filter(Boolean).join(" ").trim();
  const name =
    (contact.is_organization ? contact.name : person || contact.name) || `Contact ${contact.id}`;
  const detail = contact.is_organization ? "organization" : contact.email;
  return detail ? `${name} (${detail})` : name;
};

export const selectContact = definePicklist<ContactRecord>({
  key: "selectContact",
  description: "Select a contact (person or organization) from your Zendesk Sell account.",
  toLabel: contactLabel,
});

export const selectOrganization = definePicklist<ContactRecord>({
  key: "selectOrganization",
  label: "Select Organization",
  description:
    "Select an organization (a contact with Is Organization True) from your Zendesk Sell account.",
  query: { is_organization: true },
  noun: "Organization",
  toLabel: (contact) => contact.name?.trim() || `Organization ${contact.id}`,
});

// ---- fields --------------------------------------------------------------------------------

const CUSTOMER_STATUSES = ["none", "current", "past"];
const PROSPECT_STATUSES = ["none", "current", "lost"];

export const contactFields = {
  isOrganization: triBool("is_organization", "Is Organization", {
    comments:
      "True for an organization (company), false or empty for a person. Can only be set when the contact is created.",
    placeholder: "Select organization type",
  }),
  name: textInput("name", "Organization Name", {
    comments: "Name of the organization. Required when Is Organization is True.",
    example: "Design Services Company",
    placeholder: "Enter organization name",
  }),
  firstName: textInput("first_name", "First Name", {
    comments: "First name of a person.",
    example: "Mark",
    placeholder: "Enter first name",
  }),
  lastName: textInput("last_name", "Last Name", {
    comments: "Last name of a person. Required for a person.",
    example: "Johnson",
    placeholder: "Enter last name",
  }),
  ...contactDetailInputs,
  address: address("address", "Address", {
    comments: "Primary address as JSON: line1, city, postal_code, state, country.",
  }),
  billingAddress: address("billing_address", "Billing Address", {
    comments:
      "Billing address as JSON. Sell keeps it only for customers and prospects (Customer or Prospect Status other than none).",
  }),
  shippingAddress: address("shipping_address", "Shipping Address", {
    comments:
      "Shipping address as JSON. Sell keeps it only for customers and prospects (Customer or Prospect Status other than none).",
  }),
  customFields: customFieldValues,
  tags: tagNames("contact"),
  customerStatus: choice("customer_status", "Customer Status", CUSTOMER_STATUSES, {
    comments: "none, current or past.",
    placeholder: "Select customer status",
  }),
  prospectStatus: choice("prospect_status", "Prospect Status", PROSPECT_STATUSES, {
    comments: "none, current or lost.",
    placeholder: "Select prospect status",
  }),
  ...profile,
  ownerId: ownerId("contact", "Defaults to the connected user."),
  contactId: id("contact_id", "Contact ID", {
    comments:
      "For a person: the organization (a contact with Is Organization True) the person belongs to.",
    placeholder: "Enter Contact ID",
    dataSource: selectContact,
  }),
  parentOrganizationId: id("parent_organization_id", "Parent Organization ID", {
    comments: "For an organization: its parent organization.",
    placeholder: "Enter Parent Organization ID",
    dataSource: selectContact,
  }),
};
const f = contactFields;
const filters = crmFilters("Contacts");

/**
 * A billing/shipping address filter: a JSON object of address parts (`{"city": "Boston"}`), or
 * plain text taken as the city. Sent as `billing_address[city]=…`.
 */
function addressFilter(api: string, label: string): FieldSpec<Address> {
  const json = address(api, label);
  return {
    ...json,
    inputType: "string",
    comments: `Contacts whose ${label.toLowerCase()} matches: JSON of address parts (e.g. {"city": "Boston"}), or plain text for the city.`,
    example: '{"city": "Hyannis"}',
    parse: (value, errorLabel) =>
      typeof value === "string" && value.trim() !== "" && !value.trim().startsWith("{")
        ? { city: value.trim() }
        : json.parse(value, errorLabel),
  };
}

// ---- layouts (input keys as in Prismatic's component) ---------------------------------------

const contactId = variant(recordId("Contact", selectContact), {
  placeholder: "Enter contact ID",
});

const additionalFields = group("Additional Fields", {
  customerStatus: f.customerStatus,
  prospectStatus: f.prospectStatus,
  title: f.title,
  description: f.description,
  industry: f.industry,
  ownerId: f.ownerId,
  contactId: f.contactId,
  parentOrganizationId: f.parentOrganizationId,
});

const listLayout = layout({
  isOrganization: variant(f.isOrganization, {
    comments: "True: only organizations. False: only people.",
  }),
  name: variant(f.name, {
    comments: "Contacts whose name is exactly this (organization name, or a person's full name).",
    placeholder: "Enter name",
  }),
  firstName: variant(f.firstName, { comments: "People with exactly this first name." }),
  lastName: variant(f.lastName, { comments: "People with exactly this last name." }),
  contactInfo: group("Contact Information", {
    email: filters.email,
    phone: filters.phone,
    mobile: filters.mobile,
  }),
  address: group("Primary Address", {
    addressCity: variant(addressParts.addressCity, {
      comments: "Contacts whose primary address is in this city.",
    }),
    addressPostalCode: addressParts.addressPostalCode,
    addressCountry: addressParts.addressCountry,
    addressState: addressParts.addressState,
  }),
  otherAddresses: group("Other Addresses", {
    billingAddress: addressFilter("billing_address", "Billing Address"),
    shippingAddress: addressFilter("shipping_address", "Shipping Address"),
  }),
  customFields: filters.customFields,
  pagination,
  additionalFields: group("Additional Fields", {
    customerStatus: f.customerStatus,
    prospectStatus: f.prospectStatus,
    ids: ids("Contact IDs"),
    creatorId: filters.creatorId,
    ownerId: filters.ownerId,
    contactId: variant(f.contactId, { comments: "People who belong to this organization." }),
    sortBy: sortBy(["id", "first_name", "last_name", "name", "created_at", "updated_at"], {
      comments: "Order of the results (Sell's default: last_name ascending).",
    }),
    inclusive,
  }),
});

const addresses = group("Addresses", {
  address: f.address,
  billingAddress: f.billingAddress,
  shippingAddress: f.shippingAddress,
});

const createLayout = layout({
  isOrganization: f.isOrganization,
  name: f.name,
  firstName: f.firstName,
  lastName: f.lastName,
  contactInfo,
  addresses,
  customFields: f.customFields,
  tags: f.tags,
  additionalFields,
});

const updateLayout = layout({
  id: variant(contactId, { placeholder: "Enter Contact ID" }),
  name: variant(f.name, { comments: "Name of the organization (organizations only)." }),
  firstName: f.firstName,
  lastName: variant(f.lastName, { comments: "Last name of a person." }),
  contactInfo,
  addresses,
  customFields: f.customFields,
  tags: f.tags,
  additionalFields,
});

const upsertLayout = layout({
  isOrganization: variant(f.isOrganization, {
    comments: "True for an organization. Used when the upsert creates the contact.",
  }),
  name: variant(f.name, { placeholder: "Enter name" }),
  firstName: f.firstName,
  lastName: f.lastName,
  contactInfo: shortContactInfo,
  addresses: group("Addresses", {
    addressCity: addressParts.addressCity,
    addressPostalCode: addressParts.addressPostalCode,
    addressCountry: addressParts.addressCountry,
    billingAddress: f.billingAddress,
    shippingAddress: f.shippingAddress,
  }),
  customFields: f.customFields,
  filterableCustomFields: inQuery(
    upsertFilters(upsertFiltersComment("contact", "email = mark@example.com")),
  ),
  additionalFields: group("Additional Fields", {
    customerStatus: f.customerStatus,
    prospectStatus: f.prospectStatus,
    inclusive: inQuery(inclusive),
    creatorId: inQuery(upsertCreatorId("contact")),
    ownerId: f.ownerId,
    contactId: f.contactId,
    parentOrganizationId: f.parentOrganizationId,
  }),
});

// ---- rules ---------------------------------------------------------------------------------

/** Organizations need a name; people need a last name; each link field belongs to one kind. */
export const personOrOrganization: Rule<{
  isOrganization?: boolean;
  name?: string;
  lastName?: string;
  additionalFields: { contactId?: number; parentOrganizationId?: number };
}> = (values) => {
  if (values.isOrganization === true) {
    if (values.name === undefined)
      throw new InputError("Organization Name", "is required when Is Organization is True");
    if (values.additionalFields.contactId !== undefined) {
      throw new InputError(
        "Additional Fields › Contact ID",
        "applies to people only; for an organization use Parent Organization ID",
      );
    }
  } else {
    if (values.lastName === undefined) {
      throw new InputError(
        "Last Name",
        "is required for a person (set Is Organization to True to create an organization)",
      );
    }
    if (values.additionalFields.parentOrganizationId !== undefined) {
      throw new InputError(
        "Additional Fields › Parent Organization ID",
        "applies to organizations only; for a person use Contact ID",
      );
    }
  }
};

export const contacts = defineResource({
  key: "contacts",
  name: { one: "Contact", many: "Contacts" },
  type: "contact",
  path: "/contacts",
  docs: `${SELL_DOCS}/resources/contacts/`,
  record: ContactRecord,
  example: example as ContactRecord,
  fields: contactFields,
  picklists: [selectContact, selectOrganization],
  customFieldTypes: ["contact", "prospect_and_customer"],
  search: true,
  poll: true,
  operations: {
    listContacts: op.list({
      description:
        "Returns the contacts (people and organizations) visible to the connected user that match the filters: one page, or every page with Fetch All.",
      layout: listLayout,
    }),
    getContact: op.get({
      description:
        "Returns a single contact available to the user, according to the unique contact ID provided.",
      layout: layout({ id: contactId }),
    }),
    createContact: op.create({
      description:
        "Creates a contact: a person (Last Name required) or, with Is Organization True, an organization (Organization Name required).",
      layout: createLayout,
      rules: [personOrOrganization],
    }),
    updateContact: op.update({
      description:
        "Updates a contact. Only the fields given are changed; Tags, when given, replace the contact's tags. Whether it is an organization cannot be changed.",
      layout: updateLayout,
    }),
    upsertContact: op.upsert({
      description:
        "Creates a contact or updates the one that matches the Filters (sent as query parameters). No match: created, with the filters' values; one match: updated; several: fails with a clear error. At least one filter is required.",
      layout: upsertLayout,
      filtersKey: "filterableCustomFields",
    }),
    deleteContact: op.delete({
      description: "Deletes a contact. This cannot be undone. Returns { data: null }.",
      layout: layout({ id: contactId }),
    }),
    getContactsStream: op.stream(),
    findOrCreateContact: op.findOrCreate({
      description:
        "Looks for a contact by email (or by a filterable custom field such as an external ID) and creates it only if none exists, so the same submission never makes two contacts. The output's meta.created says which happened.",
      layout: createLayout,
      rules: [personOrOrganization],
      emailKey: "contactInfo.email",
      customFieldsKey: "customFields",
    }),
  },
  stream: {
    attributes: [
      "id",
      "creator_id",
      "owner_id",
      "is_organization",
      "contact_id",
      "parent_organization_id",
      "name",
      "first_name",
      "last_name",
      "customer_status",
      "prospect_status",
      ...contactDetailAttributes,
      "billing_address",
      "shipping_address",
      "tags",
      "custom_field_values",
      "created_at",
    ],
  },
});
