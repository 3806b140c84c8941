import {
  customFields,
  email,
  type FieldSpec,
  id,
  longText,
  pairs,
  tags,
  text,
  variant,
} from "../inputs/fields";
import { group } from "../inputs/layout";
import { selectUser } from "./users";

/**
 * Inputs leads, contacts and deals share, declared once: contact details, owner, tags, custom
 * fields, and their list filters. `noun` is the singular ("lead"), `many` the plural ("Leads").
 */

/** A person's or organization's contact details. */
export const contactDetailInputs = {
  email: email("email", "Email", { placeholder: "Enter email address" }),
  phone: text("phone", "Phone", { example: "508-778-6516", placeholder: "Enter phone number" }),
  mobile: text("mobile", "Mobile", {
    example: "508-778-6516",
    placeholder: "Enter mobile phone number",
  }),
  fax: text("fax", "Fax", { example: "+44-208-1234567", placeholder: "Enter fax number" }),
  twitter: text("twitter", "Twitter", {
    example: "mjohnson",
    placeholder: "Enter Twitter username",
  }),
  facebook: text("facebook", "Facebook", {
    example: "mjohnson",
    placeholder: "Enter Facebook username",
  }),
  linkedin: text("linkedin", "LinkedIn", {
    example: "mjohnson",
    placeholder: "Enter LinkedIn username",
  }),
  skype: text("skype", "Skype", { example: "mjohnson", placeholder: "Enter Skype username" }),
  website: text("website", "Website", {
    example: "www.designservices.com",
    placeholder: "Enter website URL",
  }),
};

export const contactInfo = group("Contact Information", contactDetailInputs);

/** The short contact information of upserts: email, phone and mobile. */
export const shortContactInfo = group("Contact Information", {
  email: contactDetailInputs.email,
  phone: contactDetailInputs.phone,
  mobile: contactDetailInputs.mobile,
});

export const profile = {
  title: text("title", "Title", { example: "CEO", placeholder: "Enter job title" }),
  description: longText("description", "Description", { placeholder: "Enter description" }),
  industry: text("industry", "Industry", {
    example: "Design Services",
    placeholder: "Enter industry",
  }),
};

export const ownerId = (noun: string, defaults = ""): FieldSpec<number> =>
  id("owner_id", "Owner ID", {
    comments: `The user the ${noun} is assigned to.${defaults ? ` ${defaults}` : ""}`,
    placeholder: "Enter Owner ID",
    dataSource: selectUser,
  });

export const customFieldValues = customFields("custom_fields", "Custom Fields", {
  comments: "Custom field values, keyed by the custom field's name as shown in Sell.",
  placeholder: "Enter custom field key-value pairs",
  keyLabel: "Field Name",
});

export const tagNames = (noun: string) =>
  tags("tags", "Tags", {
    comments: `Tag names. Sell replaces the ${noun}'s whole tag set with this list; leave empty to keep the current tags.`,
    placeholder: "Enter tags",
  });

/** Address parts sent one by one (`address[city]`): list filters, and the upserts' Addresses. */
export const addressParts = {
  addressCity: text(["address", "city"], "City"),
  addressPostalCode: text(["address", "postal_code"], "Zip/Postal Code"),
  addressState: text(["address", "state"], "State/Province"),
  addressCountry: text(["address", "country"], "Country"),
};

/** List filters of leads, contacts and deals. */
export const crmFilters = (many: string) => ({
  email: text("email", "Email", { comments: `${many} with exactly this email address.` }),
  phone: variant(contactDetailInputs.phone, {
    comments: `${many} with exactly this phone number.`,
  }),
  mobile: variant(contactDetailInputs.mobile, {
    comments: `${many} with exactly this mobile number.`,
  }),
  customFields: variant(customFieldValues, {
    comments:
      "Filter by custom field values (exact match). Sell only filters on custom fields marked Filterable.",
  }),
  creatorId: id("creator_id", "Creator ID", {
    comments: `${many} created by this user.`,
    placeholder: "Enter Creator ID",
    dataSource: selectUser,
  }),
  ownerId: id("owner_id", "Owner ID", {
    comments: `${many} owned by this user.`,
    placeholder: "Enter Owner ID",
    dataSource: selectUser,
  }),
});

/** The creator filter of an upsert: it must be the connected user. */
export const upsertCreatorId = (noun: string) =>
  id("creator_id", "Creator ID", {
    comments: `Also match on the user who created the ${noun} (a filter; it must be the connected user, who creates the ${noun} when none matches).`,
    placeholder: "Enter Creator ID",
    dataSource: selectUser,
  });

/** The Filters pairs of an upsert. */
export const upsertFiltersComment = (noun: string, example: string, onCreate = "") =>
  `How Sell finds the ${noun} to update: pairs of list filter and value, e.g. ${example}, or a custom field name (marked Filterable in Sell) and its value. At least one is required. No match: a ${noun} is created${onCreate}, carrying every filter's value; one match: it is updated; several: the upsert fails.`;

/** The Filters pairs of an upsert: list filter (or custom field name) and value. */
export const upsertFilters = (comments: string) =>
  pairs([], "Filters", { required: true, comments, keyLabel: "Filter" });
