import { z } from "zod";

/**
 * Building blocks of the record schemas. Schemas are loose on purpose: fields Sell adds later
 * pass through untouched and nullable fields may be null, so a real payload is never rejected
 * or trimmed. They give typed access where code needs it (labels, rules, flows) and describe
 * every documented field in the actions' output schemas.
 */

/** Sell IDs are 64-bit-ish integers; JSON numbers are exact up to 2^53. */
export const sellId = z.number().int();

/** Sell writes `2014-08-27T16:32:56Z`; kept as a string, not parsed. */
export const timestamp = z.string();

/** Nullable building blocks, named for what they hold. */
export const text = z.string().nullish();
export const flag = z.boolean().nullish();
export const count = z.number().nullish();
export const idRef = sellId.nullish();
export const when = timestamp.nullish();
export const idList = z.array(sellId).nullish();
export const names = z.array(z.string()).nullish();

/** What every stored record has: its ID and when it was created and last updated. */
export const recordBase = {
  id: sellId,
  created_at: when,
  updated_at: when,
};

export const AddressRecord = z.looseObject({
  line1: text,
  city: text,
  postal_code: text,
  state: text,
  country: text,
});

/** Decimal values come back as a number when whole (`1000`) and as a string otherwise (`"1000.50"`). */
export const decimalValue = z.union([z.number(), z.string()]);

/** The contact details leads and contacts share. */
export const contactDetails = {
  title: text,
  description: text,
  industry: text,
  website: text,
  email: text,
  phone: text,
  mobile: text,
  fax: text,
  twitter: text,
  facebook: text,
  linkedin: text,
  skype: text,
  address: AddressRecord.nullish(),
};
/** The same fields as Firehose attribute names, in Sell's order. */
export const contactDetailAttributes = Object.keys(contactDetails);

/** What leads, contacts and deals share: who created and owns them, tags and custom fields. */
export const crmRecordBase = {
  ...recordBase,
  creator_id: idRef,
  owner_id: idRef,
  tags: names,
  custom_fields: z.record(z.string(), z.unknown()).nullish(),
};

/** A record of the account's settings that is a name: sources, reasons, outcomes, tags. */
export const namedRecordBase = {
  ...recordBase,
  name: text,
  creator_id: idRef,
};

/** Where a note, task, call or visit is attached: a lead, contact or deal. */
export const attachment = {
  resource_type: text,
  resource_id: idRef,
};
