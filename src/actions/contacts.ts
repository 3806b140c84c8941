import { contacts } from "../resources/contacts";
import { resourceAction } from "./operations";

export const listContacts = resourceAction(contacts, "listContacts");
export const getContact = resourceAction(contacts, "getContact");
export const createContact = resourceAction(contacts, "createContact");
export const updateContact = resourceAction(contacts, "updateContact");
export const upsertContact = resourceAction(contacts, "upsertContact");
export const deleteContact = resourceAction(contacts, "deleteContact");
export const getContactsStream = resourceAction(contacts, "getContactsStream");
export const findOrCreateContact = resourceAction(contacts, "findOrCreateContact");
