import { z } from "zod";

/**
 * What each trigger's `payload.body.data` holds, as a zod schema: published in the action
 * reference (spectral 10.31's polling triggers take no `outputSchema`) and checked against each
 * trigger's example payload by a test.
 */

const record = z.looseObject({ id: z.union([z.number(), z.string()]) });

const event = z.looseObject({
  eventId: z.string(),
  eventType: z.enum(["created", "updated", "deleted"]),
  eventTime: z.string().nullable(),
  sequence: z.number().nullable(),
  resource: z.string(),
  record: record.describe("The record after the event, as Firehose reports it."),
  previous: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe("On updates: the previous values of the attributes that changed."),
});

const fieldChange = z.looseObject({
  eventId: z.string(),
  eventTime: z.string().nullable(),
  sequence: z.number().nullable(),
  resource: z.string(),
  recordId: z.unknown(),
  record,
  created: z.boolean().describe("True when the record was created with the value."),
  from: z.unknown(),
  to: z.unknown(),
});

/** Every Firehose trigger's output: its events, where the next poll continues, and what happened. */
const streamOutput = (item: z.ZodType) =>
  z.looseObject({
    events: z.array(item).describe("Oldest first."),
    position: z.string().describe("The stream position the next poll continues from."),
    caughtUp: z
      .boolean()
      .describe("False when the poll's cap stopped it: the next poll continues, in order."),
    gap: z
      .looseObject({ from: z.string(), to: z.string(), reason: z.string() })
      .optional()
      .describe(
        "A time range whose events may have been missed (a position past the 72 h retention).",
      ),
    started: z
      .looseObject({ from: z.enum(["now", "oldest"]), position: z.string(), at: z.string() })
      .optional()
      .describe("On the first poll: where the trigger started reading."),
  });

export const triggerOutputs: Record<string, z.ZodType> = {
  pollChangesTrigger: z.looseObject({
    created: z.array(record),
    updated: z.array(record),
    more: z
      .literal(true)
      .optional()
      .describe("More than 10,000 records changed: the next polls report the rest."),
  }),
  recordChanges: streamOutput(event),
  deletedRecords: streamOutput(event),
  dealStageChanged: streamOutput(
    fieldChange.extend({
      fromStageId: z.number().nullable(),
      fromStageName: z.string().nullable(),
      toStageId: z.number().nullable(),
      toStageName: z.string().nullable(),
      pipelineId: z.number().nullable(),
      outcome: z.enum(["open", "won", "lost", "unqualified"]),
    }),
  ),
  leadStatusChanged: streamOutput(
    fieldChange.extend({ fromStatus: z.unknown(), toStatus: z.unknown() }),
  ),
  recordOwnerChanged: streamOutput(
    fieldChange.extend({
      fromOwnerId: z.number().nullable(),
      fromOwnerName: z.string().nullable(),
      toOwnerId: z.number().nullable(),
      toOwnerName: z.string().nullable(),
    }),
  ),
};
