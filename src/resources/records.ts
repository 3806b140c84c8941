import { z } from "zod";

/**
 * Building blocks of the record schemas. Schemas are loose on purpose: fields Sell adds later
 * pass through untouched and nullable fields may be null, so a real payload is never rejected
 * or trimmed. They give typed access where code needs it (labels, rules, flows).
 */

/** Sell IDs are 64-bit-ish integers; JSON numbers are exact up to 2^53. */
export const sellId = z.number().int();

/** Sell writes `2014-08-27T16:32:56Z`; kept as a string, not parsed. */
export const timestamp = z.string();

/** What every stored record has: its ID and when it was created and last updated. */
export const recordBase = {
  id: sellId,
  created_at: timestamp.nullish(),
  updated_at: timestamp.nullish(),
};

export const AddressRecord = z.looseObject({
  line1: z.string().nullish(),
  city: z.string().nullish(),
  postal_code: z.string().nullish(),
  state: z.string().nullish(),
  country: z.string().nullish(),
});

/** Decimal values come back as a number when whole (`1000`) and as a string otherwise (`"1000.50"`). */
export const decimalValue = z.union([z.number(), z.string()]);

/** What leads, contacts and deals share: who created and owns them, tags and custom fields. */
export const crmRecordBase = {
  ...recordBase,
  creator_id: sellId.nullish(),
  owner_id: sellId.nullish(),
  tags: z.array(z.string()).nullish(),
  custom_fields: z.record(z.string(), z.unknown()).nullish(),
};
