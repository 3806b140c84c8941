import { z } from "zod";
import { ids, pagination, recordId } from "../inputs/common";
import {
  choice,
  dateTime,
  id,
  idList,
  integer,
  longText,
  sortBy,
  text as textInput,
  triBool,
  variant,
} from "../inputs/fields";
import { layout } from "../inputs/layout";
import { SELL_DOCS } from "../util/values";
import { excerpt, minute, newestFirst, resourceTogether } from "./attachments";
import { selectDeal } from "./deals";
import { definePicklist, defineResource, op } from "./define";
import callExample from "./examples/call.json";
import textMessageExample from "./examples/text_message.json";
import visitExample from "./examples/visit.json";
import { selectCallOutcome, selectVisitOutcome } from "./outcomes";
import {
  attachment,
  count,
  flag,
  idList as idListRecord,
  idRef,
  recordBase,
  text,
  when,
} from "./records";
import { selectUser } from "./users";

/** Calls, visits and text messages: activity with leads and contacts. */

const LEAD_OR_CONTACT = ["lead", "contact"];

/** Resource Type and Resource ID of an activity filter: a lead or a contact. */
const withRecord = (noun: string, preposition = "with") => ({
  resourceType: choice("resource_type", "Resource Type", LEAD_OR_CONTACT, {
    comments: `${noun} ${preposition} this kind of record (set Resource ID too).`,
  }),
  resourceId: id("resource_id", "Resource ID", {
    comments: `${noun} ${preposition} this lead or contact.`,
  }),
});

// ---- calls ---------------------------------------------------------------------------------

export const CallRecord = z.looseObject({
  ...recordBase,
  ...attachment,
  user_id: idRef,
  summary: text,
  recording_url: text,
  outcome_id: idRef,
  duration: count,
  phone_number: text,
  incoming: flag,
  missed: flag,
  associated_deal_ids: idListRecord,
  made_at: when,
  external_id: text,
});
export type CallRecord = z.infer<typeof CallRecord>;

/** A call's length as a person reads it: `44 s`, `2 min 5 s`. */
const callLength = (seconds: number): string => {
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const rest = whole % 60;
  return `${Math.floor(whole / 60)} min${rest ? ` ${rest} s` : ""}`;
};

/**
 * Picklist label of a call: when (UTC), direction, number, length and the start of its summary,
 * e.g. `2014-09-27 16:32 · incoming · +44-208-1234567 · 44 s · Schedule another call.`
 */
export const callLabel = (call: CallRecord): string => {
  const direction = call.missed
    ? "missed"
    : call.incoming === true
      ? "incoming"
      : call.incoming === false
        ? "outgoing"
        : undefined;
  const length =
    typeof call.duration === "number" && !(call.missed && call.duration === 0)
      ? callLength(call.duration)
      : undefined;
  const parts = [
    minute(call.made_at),
    direction,
    call.phone_number?.trim(),
    length,
    excerpt(call.summary, "", 40),
  ].filter((part): part is string => typeof part === "string" && part !== "");
  return parts.length > 0 ? parts.join(" · ") : `Call ${call.id}`;
};

export const selectCall = definePicklist<CallRecord>({
  key: "selectCall",
  description:
    "Select a call from your Zendesk Sell account, newest first (shown as when, in UTC · direction · number · length · summary).",
  toLabel: callLabel,
  order: newestFirst((call) => call.made_at),
});

const callFields = {
  userId: id("user_id", "User ID", {
    comments: "The user who made or took the call. Defaults to the connected user.",
    dataSource: selectUser,
  }),
  summary: longText("summary", "Summary", {
    comments: "What was said (the call's note).",
    example: "Schedule another call.",
  }),
  recordingUrl: textInput("recording_url", "Recording URL", {
    comments: "Link to the call recording.",
  }),
  outcomeId: id("outcome_id", "Outcome ID", {
    comments: "How the call went.",
    dataSource: selectCallOutcome,
  }),
  duration: integer("duration", "Duration", {
    min: 0,
    comments: "Length of the call in seconds.",
    example: "44",
  }),
  phoneNumber: textInput("phone_number", "Phone Number", {
    comments: "The number called or calling.",
    example: "+44-208-1234567",
  }),
  incoming: triBool("incoming", "Incoming", { comments: "True for an incoming call." }),
  missed: triBool("missed", "Missed", { comments: "True for a missed call." }),
  resourceType: choice("resource_type", "Resource Type", LEAD_OR_CONTACT, {
    comments: "The call was with a lead or a contact.",
  }),
  resourceId: id("resource_id", "Resource ID", {
    comments: "The lead or contact the call was with.",
  }),
  associatedDealIds: idList("associated_deal_ids", "Associated Deal IDs", {
    comments: "Deals the call is about (comma-separated IDs).",
    dataSource: selectDeal,
  }),
  madeAt: dateTime("made_at", "Made At", { comments: "When the call happened (ISO 8601)." }),
  externalId: textInput("external_id", "External ID", {
    comments: "The call's ID in your telephony system.",
  }),
};

const callId = recordId("Call", selectCall);

export const calls = defineResource({
  key: "calls",
  name: { one: "Call", many: "Calls" },
  type: "call",
  path: "/calls",
  docs: `${SELL_DOCS}/resources/calls/`,
  record: CallRecord,
  example: callExample as CallRecord,
  fields: callFields,
  picklists: [selectCall],
  operations: {
    listCalls: op.list({
      description:
        "Returns calls, newest first (Sell's fixed order), optionally with one lead or contact or about one deal.",
      layout: layout({
        ...withRecord("Calls"),
        associatedDealId: id("associated_deal_id", "Associated Deal ID", {
          comments: "Calls about this deal.",
          dataSource: selectDeal,
        }),
        ids: ids(),
        pagination,
      }),
      rules: [resourceTogether],
    }),
    getCall: op.get({ description: "Returns a single call.", layout: layout({ id: callId }) }),
    createCall: op.create({
      description:
        "Logs a call with a lead or contact: number, time, direction, duration, outcome and summary.",
      layout: layout({
        ...callFields,
        phoneNumber: variant(callFields.phoneNumber, { required: true }),
        madeAt: variant(callFields.madeAt, { required: true }),
      }),
      rules: [resourceTogether],
    }),
    updateCall: op.update({
      description:
        "Updates a call, e.g. attaches it to a lead or contact, or changes its outcome or summary.",
      layout: layout({ id: callId, ...callFields }),
      rules: [resourceTogether],
    }),
    deleteCall: op.delete({
      description: "Deletes a call. Returns { data: null }.",
      layout: layout({ id: callId }),
    }),
    getCallsStream: op.stream(),
  },
  stream: {
    attributes: [
      "id",
      "user_id",
      "summary",
      "recording_url",
      "outcome_id",
      "duration",
      "phone_number",
      "incoming",
      "missed",
      "resource_type",
      "resource_id",
      "associated_deal_ids",
      "made_at",
      "created_at",
    ],
  },
});

// ---- visits ----------------------------------------------------------------------------------

export const VisitRecord = z.looseObject({
  ...recordBase,
  ...attachment,
  creator_id: idRef,
  outcome_id: idRef,
  visited_at: when,
  resource_address: z.union([z.string(), z.looseObject({})]).nullish(),
  rep_location_verification_status: text,
  summary: text,
});

export const visits = defineResource({
  key: "visits",
  name: { one: "Visit", many: "Visits" },
  type: "visit",
  path: "/visits",
  docs: `${SELL_DOCS}/resources/visits/`,
  record: VisitRecord,
  example: visitExample as z.infer<typeof VisitRecord>,
  operations: {
    listVisits: op.list({
      description:
        "Returns visits (meetings at a lead's or contact's location) that match the filters.",
      layout: layout({
        outcomeId: id("outcome_id", "Outcome ID", {
          comments: "Visits with this outcome.",
          dataSource: selectVisitOutcome,
        }),
        creatorId: id("creator_id", "Creator ID", {
          comments: "Visits logged by this user.",
          dataSource: selectUser,
        }),
        ...withRecord("Visits", "to"),
        repLocationVerificationStatus: textInput(
          "rep_location_verification_status",
          "Rep Location Verification Status",
          { comments: "Visits whose location check has this status, e.g. VERIFIED." },
        ),
        ids: ids(),
        sortBy: sortBy(["id", "visited_at", "created_at", "updated_at"], {
          comments: "Order of the results (Sell's default: id ascending).",
        }),
        pagination,
      }),
      rules: [resourceTogether],
    }),
  },
  stream: {
    attributes: [
      "id",
      "creator_id",
      "outcome_id",
      "resource_type",
      "resource_id",
      "visited_at",
      "resource_address",
      "rep_location_verification_status",
      "summary",
      "created_at",
    ],
  },
});

// ---- text messages -----------------------------------------------------------------------------

export const TextMessageRecord = z.looseObject({
  ...recordBase,
  ...attachment,
  content: text,
  incoming: flag,
  sent_at: when,
  user_id: idRef,
  user_phone_number: text,
  resource_phone_number: text,
  associated_deal_ids: idListRecord,
});
export type TextMessageRecord = z.infer<typeof TextMessageRecord>;

/** Picklist label of a text message: when it was sent (UTC) and the start of its content. */
export const textMessageLabel = (message: TextMessageRecord): string => {
  const parts = [minute(message.sent_at), excerpt(message.content, "")].filter(
    (part): part is string => typeof part === "string" && part !== "",
  );
  return parts.length > 0 ? parts.join(" · ") : `Text Message ${message.id}`;
};

export const selectTextMessage = definePicklist<TextMessageRecord>({
  key: "selectTextMessage",
  description:
    "Select a text message from your Zendesk Sell account, newest first (shown as when it was sent, in UTC · the start of its content).",
  toLabel: textMessageLabel,
  order: newestFirst((message) => message.sent_at),
});

export const textMessages = defineResource({
  key: "text_messages",
  name: { one: "Text Message", many: "Text Messages" },
  type: "text_message",
  path: "/text_messages",
  docs: `${SELL_DOCS}/resources/text-messages/`,
  record: TextMessageRecord,
  example: textMessageExample as TextMessageRecord,
  picklists: [selectTextMessage],
  operations: {
    listTextMessages: op.list({
      description:
        "Returns text messages (SMS) exchanged with leads and contacts, newest first by default.",
      layout: layout({
        ...withRecord("Messages"),
        ids: ids(),
        sortBy: sortBy(["id", "sent_at", "created_at"], {
          comments: "Order of the results (Sell's default: id descending).",
        }),
        pagination,
      }),
      rules: [resourceTogether],
    }),
    getTextMessage: op.get({
      description: "Returns a single text message.",
      layout: layout({ id: recordId("Text Message", selectTextMessage) }),
    }),
  },
});
