import { z } from "zod";
import callExample from "../../test/fixtures/records/call.json";
import textMessageExample from "../../test/fixtures/records/text_message.json";
import visitExample from "../../test/fixtures/records/visit.json";
import { ids, pagination } from "./common";
import { defineResource, type Layout } from "./define";
import {
  choice,
  dateTime,
  id,
  idList,
  integer,
  longText,
  refine,
  sortBy,
  text,
  triBool,
} from "./fields";
import { recordBase, sellId, timestamp } from "./records";

/** Calls, visits and text messages: activity with leads and contacts. */

export const CallRecord = z.looseObject({
  ...recordBase,
  user_id: sellId.nullish(),
  summary: z.string().nullish(),
  outcome_id: sellId.nullish(),
  duration: z.number().nullish(),
  phone_number: z.string().nullish(),
  incoming: z.boolean().nullish(),
  missed: z.boolean().nullish(),
  resource_type: z.string().nullish(),
  resource_id: sellId.nullish(),
  associated_deal_ids: z.array(sellId).nullish(),
  made_at: timestamp.nullish(),
});
export type CallRecord = z.infer<typeof CallRecord>;

export const calls = defineResource({
  key: "calls",
  name: { one: "Call", many: "Calls" },
  type: "call",
  path: "/calls",
  docs: "https://developer.zendesk.com/api-reference/sales-crm/resources/calls/",
  record: CallRecord,
  example: callExample as CallRecord,
  stream: true,
});

const CALL_RESOURCE_TYPES = ["lead", "contact"];

const callFields = {
  userId: id("user_id", "User ID", {
    comments: "The user who made or took the call. Defaults to the connected user.",
    dataSource: "selectUser",
  }),
  summary: longText("summary", "Summary", {
    comments: "What was said (the call's note).",
    example: "Schedule another call.",
  }),
  recordingUrl: text("recording_url", "Recording URL", { comments: "Link to the call recording." }),
  outcomeId: id("outcome_id", "Outcome ID", {
    comments: "How the call went.",
    dataSource: "selectCallOutcome",
  }),
  duration: integer("duration", "Duration", {
    min: 0,
    comments: "Length of the call in seconds.",
    example: "44",
  }),
  phoneNumber: text("phone_number", "Phone Number", {
    comments: "The number called or calling.",
    example: "+44-208-1234567",
  }),
  incoming: triBool("incoming", "Incoming", { comments: "True for an incoming call." }),
  missed: triBool("missed", "Missed", { comments: "True for a missed call." }),
  resourceType: choice("resource_type", "Resource Type", CALL_RESOURCE_TYPES, {
    comments: "The call was with a lead or a contact.",
  }),
  resourceId: id("resource_id", "Resource ID", {
    comments: "The lead or contact the call was with.",
  }),
  associatedDealIds: idList("associated_deal_ids", "Associated Deal IDs", {
    comments: "Deals the call is about (comma-separated IDs).",
  }),
  madeAt: dateTime("made_at", "Made At", { comments: "When the call happened (ISO 8601)." }),
  externalId: text("external_id", "External ID", {
    comments: "The call's ID in your telephony system.",
  }),
};

export const callListLayout: Layout = {
  resourceType: refine(callFields.resourceType, {
    comments: "Calls with this kind of record (set Resource ID too).",
  }),
  resourceId: refine(callFields.resourceId, { comments: "Calls with this lead or contact." }),
  associatedDealId: id("associated_deal_id", "Associated Deal ID", {
    comments: "Calls about this deal.",
    dataSource: "selectDeal",
  }),
  ids: ids(),
  pagination,
};

export const callCreateLayout: Layout = {
  ...callFields,
  phoneNumber: refine(callFields.phoneNumber, { required: true }),
  madeAt: refine(callFields.madeAt, { required: true }),
};

export const callUpdateLayout: Layout = callFields;

export const VisitRecord = z.looseObject({
  ...recordBase,
  creator_id: sellId.nullish(),
  outcome_id: sellId.nullish(),
  resource_type: z.string().nullish(),
  resource_id: sellId.nullish(),
  visited_at: timestamp.nullish(),
  summary: z.string().nullish(),
});

export const visits = defineResource({
  key: "visits",
  name: { one: "Visit", many: "Visits" },
  type: "visit",
  path: "/visits",
  docs: "https://developer.zendesk.com/api-reference/sales-crm/resources/visits/",
  record: VisitRecord,
  example: visitExample as z.infer<typeof VisitRecord>,
  stream: true,
});

export const visitListLayout: Layout = {
  outcomeId: id("outcome_id", "Outcome ID", {
    comments: "Visits with this outcome.",
    dataSource: "selectVisitOutcome",
  }),
  creatorId: id("creator_id", "Creator ID", {
    comments: "Visits logged by this user.",
    dataSource: "selectUser",
  }),
  resourceType: choice("resource_type", "Resource Type", ["lead", "contact"], {
    comments: "Visits to this kind of record (set Resource ID too).",
  }),
  resourceId: id("resource_id", "Resource ID", { comments: "Visits to this lead or contact." }),
  repLocationVerificationStatus: text(
    "rep_location_verification_status",
    "Rep Location Verification Status",
    {
      comments: "Visits whose location check has this status, e.g. VERIFIED.",
    },
  ),
  ids: ids(),
  sortBy: sortBy(["id", "visited_at", "created_at", "updated_at"], {
    comments: "Order of the results (Sell's default: id ascending).",
  }),
  pagination,
};

export const TextMessageRecord = z.looseObject({
  ...recordBase,
  content: z.string().nullish(),
  incoming: z.boolean().nullish(),
  resource_type: z.string().nullish(),
  resource_id: sellId.nullish(),
  sent_at: timestamp.nullish(),
});

export const textMessages = defineResource({
  key: "text_messages",
  name: { one: "Text Message", many: "Text Messages" },
  type: "text_message",
  path: "/text_messages",
  docs: "https://developer.zendesk.com/api-reference/sales-crm/resources/text-messages/",
  record: TextMessageRecord,
  example: textMessageExample as z.infer<typeof TextMessageRecord>,
});

export const textMessageListLayout: Layout = {
  resourceType: choice("resource_type", "Resource Type", ["lead", "contact"], {
    comments: "Messages with this kind of record (set Resource ID too).",
  }),
  resourceId: id("resource_id", "Resource ID", { comments: "Messages with this lead or contact." }),
  ids: ids(),
  sortBy: sortBy(["id", "sent_at", "created_at"], {
    comments: "Order of the results (Sell's default: id descending).",
  }),
  pagination,
};
