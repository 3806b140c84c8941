import {
  contacts,
  createLayout,
  listLayout,
  personOrOrganization,
  updateLayout,
  upsertLayout,
} from "../resources/contacts";
import {
  createAction,
  deleteAction,
  filterNames,
  findOrCreateAction,
  getAction,
  listAction,
  recordId,
  streamAction,
  updateAction,
  upsertAction,
} from "./factories";

const contactId = recordId(contacts, { dataSource: "selectContact" });

export const listContacts = listAction(contacts, {
  description:
    "Returns the contacts (people and organizations) visible to the connected user that match the filters: one page, or every page with Fetch All.",
  layout: listLayout,
});

export const getContact = getAction(contacts, {
  idField: contactId,
  description:
    "Returns a single contact available to the user, according to the unique contact ID provided.",
});

export const createContact = createAction(contacts, {
  description:
    "Creates a contact: a person (Last Name required) or, with Is Organization True, an organization (Organization Name required).",
  layout: createLayout,
  rules: [personOrOrganization],
});

export const updateContact = updateAction(contacts, {
  idField: contactId,
  description:
    "Updates a contact. Only the fields given are changed; Tags, when given, replace the contact's tags. Whether it is an organization cannot be changed.",
  layout: updateLayout,
});

export const upsertContact = upsertAction(contacts, {
  description:
    "Creates a contact or updates the one that matches the Filters (sent as query parameters). No match: created; one match: updated; several: fails with a clear error. At least one filter is required.",
  layout: upsertLayout,
  filtersKey: "filterableCustomFields",
  knownFilters: filterNames(listLayout),
  writable: createLayout,
});

export const deleteContact = deleteAction(contacts, {
  idField: contactId,
  description: "Deletes a contact. This cannot be undone. Returns { data: null }.",
});

export const getContactsStream = streamAction(contacts);

export const findOrCreateContact = findOrCreateAction(contacts, {
  description:
    "Looks for a contact by email (or by a filterable custom field such as an external ID) and creates it only if none exists, so the same submission never makes two contacts. The output's meta.created says which happened.",
  layout: createLayout,
  rules: [personOrOrganization],
  emailKey: "contactInfo.email",
  customFieldsKey: "customFields",
});
