import { calls, textMessages, visits } from "../resources/activities";
import { resourceAction } from "./operations";

export const listCalls = resourceAction(calls, "listCalls");
export const getCall = resourceAction(calls, "getCall");
export const createCall = resourceAction(calls, "createCall");
export const updateCall = resourceAction(calls, "updateCall");
export const deleteCall = resourceAction(calls, "deleteCall");
export const getCallsStream = resourceAction(calls, "getCallsStream");
export const listVisits = resourceAction(visits, "listVisits");
export const listTextMessages = resourceAction(textMessages, "listTextMessages");
export const getTextMessage = resourceAction(textMessages, "getTextMessage");
