import {
  callCreateLayout,
  callListLayout,
  calls,
  callUpdateLayout,
  textMessageListLayout,
  textMessages,
  visitListLayout,
  visits,
} from "../resources/activities";
import { resourceTogether } from "../resources/notes";
import {
  createAction,
  deleteAction,
  getAction,
  listAction,
  recordId,
  streamAction,
  updateAction,
} from "./factories";

const callId = recordId(calls);

export const listCalls = listAction(calls, {
  description:
    "Returns calls, newest first (Sell's fixed order), optionally with one lead or contact or about one deal.",
  layout: callListLayout,
  rules: [resourceTogether()],
});
export const getCall = getAction(calls, { idField: callId, description: "Returns a single call." });
export const createCall = createAction(calls, {
  description:
    "Logs a call with a lead or contact: number, time, direction, duration, outcome and summary.",
  layout: callCreateLayout,
  rules: [resourceTogether()],
});
export const updateCall = updateAction(calls, {
  idField: callId,
  description:
    "Updates a call, e.g. attaches it to a lead or contact, or changes its outcome or summary.",
  layout: callUpdateLayout,
  rules: [resourceTogether()],
});
export const deleteCall = deleteAction(calls, {
  idField: callId,
  description: "Deletes a call. Returns { data: null }.",
});
export const getCallsStream = streamAction(calls);

export const listVisits = listAction(visits, {
  description:
    "Returns visits (meetings at a lead's or contact's location) that match the filters.",
  layout: visitListLayout,
  rules: [resourceTogether()],
});

export const listTextMessages = listAction(textMessages, {
  description:
    "Returns text messages (SMS) exchanged with leads and contacts, newest first by default.",
  layout: textMessageListLayout,
  rules: [resourceTogether()],
});
export const getTextMessage = getAction(textMessages, {
  idField: recordId(textMessages),
  description: "Returns a single text message.",
});
