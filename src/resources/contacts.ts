import { z } from "zod";
import example from "../../test/fixtures/records/contact.json";
import { InputError } from "../client/errors";
import { ids, pagination } from "./common";
import {
  defineResource,
  type FieldValue,
  group,
  inputValue,
  inQuery,
  type Layout,
  type Rule,
} from "./define";
import {
  type Address,
  address,
  choice,
  customFields,
  email,
  type FieldSpec,
  id,
  longText,
  pairs,
  refine,
  sortBy,
  tags,
  text,
  triBool,
} from "./fields";
import { AddressRecord, crmRecordBase, sellId } from "./records";

/** Contacts: people and organizations. A person may belong to an organization (`contact_id`). */

export const ContactRecord = z.looseObject({
  ...crmRecordBase,
  is_organization: z.boolean().nullish(),
  contact_id: sellId.nullish(),
  parent_organization_id: sellId.nullish(),
  name: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  customer_status: z.string().nullish(),
  prospect_status: z.string().nullish(),
  email: z.string().nullish(),
  address: AddressRecord.nullish(),
  billing_address: AddressRecord.nullish(),
  shipping_address: AddressRecord.nullish(),
});
export type ContactRecord = z.infer<typeof ContactRecord>;

export const contacts = defineResource({
  key: "contacts",
  name: { one: "Contact", many: "Contacts" },
  type: "contact",
  path: "/contacts",
  docs: "https://developer.zendesk.com/api-reference/sales-crm/resources/contacts/",
  record: ContactRecord,
  example: example as ContactRecord,
  stream: true,
  customFieldTypes: ["contact", "prospect_and_customer"],
});

/** Picklist label: organizations by name, people by full name, with the email to tell namesakes apart. */
export const contactLabel = (contact: ContactRecord): string => {
  const person = [contact.first_name, contact.last_name].filter(Boolean).join(" ").trim();
  const name =
    (contact.is_organization ? contact.name : person || contact.name) || `Contact ${contact.id}`;
  const detail = contact.is_organization ? "organization" : contact.email;
  return detail ? `${name} (${detail})` : name;
};

// ---- fields --------------------------------------------------------------------------------

const CUSTOMER_STATUSES = ["none", "current", "past"];
const PROSPECT_STATUSES = ["none", "current", "lost"];

const f = {
  isOrganization: triBool("is_organization", "Is Organization", {
    comments:
      "True for an organization (company), false or empty for a person. Can only be set when the contact is created.",
  }),
  name: text("name", "Organization Name", {
    comments: "Name of the organization. Required when Is Organization is True.",
    example: "Design Services Company",
  }),
  firstName: text("first_name", "First Name", {
    comments: "First name of a person.",
    example: "Mark",
  }),
  lastName: text("last_name", "Last Name", {
    comments: "Last name of a person. Required for a person.",
    example: "Johnson",
  }),
  email: email("email", "Email"),
  phone: text("phone", "Phone", { example: "508-778-6516" }),
  mobile: text("mobile", "Mobile", { example: "508-778-6516" }),
  fax: text("fax", "Fax", { example: "+44-208-1234567" }),
  twitter: text("twitter", "Twitter", { example: "mjohnson" }),
  facebook: text("facebook", "Facebook", { example: "mjohnson" }),
  linkedin: text("linkedin", "LinkedIn", { example: "mjohnson" }),
  skype: text("skype", "Skype", { example: "mjohnson" }),
  website: text("website", "Website", { example: "www.designservices.com" }),
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
  customFields: customFields("custom_fields", "Custom Fields", {
    comments: "Custom field values, keyed by the custom field's name as shown in Sell.",
  }),
  tags: tags("tags", "Tags", {
    comments:
      "Tag names. Sell replaces the contact's whole tag set with this list; leave empty to keep the current tags.",
  }),
  customerStatus: choice("customer_status", "Customer Status", CUSTOMER_STATUSES, {
    comments: "none, current or past.",
  }),
  prospectStatus: choice("prospect_status", "Prospect Status", PROSPECT_STATUSES, {
    comments: "none, current or lost.",
  }),
  title: text("title", "Title", { example: "CEO" }),
  description: longText("description", "Description"),
  industry: text("industry", "Industry", { example: "Design Services" }),
  ownerId: id("owner_id", "Owner ID", {
    comments: "The user the contact is assigned to. Defaults to the connected user.",
    dataSource: "selectUser",
  }),
  contactId: id("contact_id", "Contact ID", {
    comments:
      "For a person: the organization (a contact with Is Organization True) the person belongs to.",
    dataSource: "selectContact",
  }),
  parentOrganizationId: id("parent_organization_id", "Parent Organization ID", {
    comments: "For an organization: its parent organization.",
    dataSource: "selectContact",
  }),
};

// List filters: same attributes, filter wording.
const filters = {
  isOrganization: refine(f.isOrganization, {
    comments: "True: only organizations. False: only people.",
  }),
  name: refine(f.name, {
    comments: "Contacts whose name is exactly this (organization name, or a person's full name).",
  }),
  firstName: refine(f.firstName, { comments: "People with exactly this first name." }),
  lastName: refine(f.lastName, { comments: "People with exactly this last name." }),
  email: refine(text("email", "Email"), { comments: "Contacts with exactly this email address." }),
  phone: refine(f.phone, { comments: "Contacts with exactly this phone number." }),
  mobile: refine(f.mobile, { comments: "Contacts with exactly this mobile number." }),
  addressCity: text(["address", "city"], "City", {
    comments: "Contacts whose primary address is in this city.",
  }),
  addressPostalCode: text(["address", "postal_code"], "Zip/Postal Code"),
  addressCountry: text(["address", "country"], "Country"),
  addressState: text(["address", "state"], "State/Province"),
  billingAddress: addressFilter("billing_address", "Billing Address"),
  shippingAddress: addressFilter("shipping_address", "Shipping Address"),
  customFields: refine(f.customFields, {
    comments:
      "Filter by custom field values (exact match). Sell only filters on custom fields marked Filterable.",
  }),
  customerStatus: f.customerStatus,
  prospectStatus: f.prospectStatus,
  ids: ids("Contact IDs"),
  creatorId: id("creator_id", "Creator ID", {
    comments: "Contacts created by this user.",
    dataSource: "selectUser",
  }),
  ownerId: refine(f.ownerId, { comments: "Contacts owned by this user." }),
  contactId: refine(f.contactId, { comments: "People who belong to this organization." }),
  sortBy: sortBy(["id", "first_name", "last_name", "name", "created_at", "updated_at"], {
    comments: "Order of the results (Sell's default: last_name ascending).",
  }),
  inclusive: triBool("inclusive", "Inclusive", {
    comments:
      "How several filters combine: True (default) = all must match, False = any may match.",
  }),
};

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

export const listLayout: Layout = {
  isOrganization: filters.isOrganization,
  name: filters.name,
  firstName: filters.firstName,
  lastName: filters.lastName,
  contactInfo: group("Contact Information", {
    email: filters.email,
    phone: filters.phone,
    mobile: filters.mobile,
  }),
  address: group("Primary Address", {
    addressCity: filters.addressCity,
    addressPostalCode: filters.addressPostalCode,
    addressCountry: filters.addressCountry,
    addressState: filters.addressState,
  }),
  otherAddresses: group("Other Addresses", {
    billingAddress: filters.billingAddress,
    shippingAddress: filters.shippingAddress,
  }),
  customFields: filters.customFields,
  pagination,
  additionalFields: group("Additional Fields", {
    customerStatus: filters.customerStatus,
    prospectStatus: filters.prospectStatus,
    ids: filters.ids,
    creatorId: filters.creatorId,
    ownerId: filters.ownerId,
    contactId: filters.contactId,
    sortBy: filters.sortBy,
    inclusive: filters.inclusive,
  }),
};

const addresses = group("Addresses", {
  address: f.address,
  billingAddress: f.billingAddress,
  shippingAddress: f.shippingAddress,
});

export const createLayout: Layout = {
  isOrganization: f.isOrganization,
  name: f.name,
  firstName: f.firstName,
  lastName: f.lastName,
  contactInfo,
  addresses,
  customFields: f.customFields,
  tags: f.tags,
  additionalFields,
};

export const updateLayout: Layout = {
  name: refine(f.name, { comments: "Name of the organization (organizations only)." }),
  firstName: f.firstName,
  lastName: refine(f.lastName, { comments: "Last name of a person." }),
  contactInfo,
  addresses,
  customFields: f.customFields,
  tags: f.tags,
  additionalFields,
};

export const upsertLayout: Layout = {
  isOrganization: refine(f.isOrganization, {
    comments: "True for an organization. Used when the upsert creates the contact.",
  }),
  name: f.name,
  firstName: f.firstName,
  lastName: f.lastName,
  contactInfo: group("Contact Information", { email: f.email, phone: f.phone, mobile: f.mobile }),
  addresses: group("Addresses", {
    addressCity: text(["address", "city"], "City"),
    addressPostalCode: text(["address", "postal_code"], "Zip/Postal Code"),
    addressCountry: text(["address", "country"], "Country"),
    billingAddress: f.billingAddress,
    shippingAddress: f.shippingAddress,
  }),
  customFields: f.customFields,
  filterableCustomFields: inQuery(
    pairs([], "Filters", {
      required: true,
      comments:
        "How Sell finds the contact to update: pairs of list filter and value, e.g. email = mark@example.com, or a custom field name (marked Filterable in Sell) and its value. At least one is required. No match: a contact is created; one match: it is updated; several: the upsert fails.",
    }),
  ),
  additionalFields: group("Additional Fields", {
    customerStatus: f.customerStatus,
    prospectStatus: f.prospectStatus,
    inclusive: inQuery(filters.inclusive),
    creatorId: inQuery(
      refine(filters.creatorId, {
        comments: "Also match on the user who created the contact (a filter).",
      }),
    ),
    ownerId: f.ownerId,
    contactId: f.contactId,
    parentOrganizationId: f.parentOrganizationId,
  }),
};

// ---- rules ---------------------------------------------------------------------------------

const has = (values: readonly FieldValue[], key: string) => inputValue(values, key) !== undefined;

/** Organizations need a name; people need a last name; each link field belongs to one kind. */
export const personOrOrganization: Rule = (values) => {
  const isOrganization = inputValue(values, "isOrganization") === true;
  if (isOrganization) {
    if (!has(values, "name"))
      throw new InputError("Organization Name", "is required when Is Organization is True");
    if (has(values, "additionalFields.contactId")) {
      throw new InputError(
        "Additional Fields › Contact ID",
        "applies to people only; for an organization use Parent Organization ID",
      );
    }
  } else {
    if (!has(values, "lastName")) {
      throw new InputError(
        "Last Name",
        "is required for a person (set Is Organization to True to create an organization)",
      );
    }
    if (has(values, "additionalFields.parentOrganizationId")) {
      throw new InputError(
        "Additional Fields › Parent Organization ID",
        "applies to organizations only; for a person use Contact ID",
      );
    }
  }
};
