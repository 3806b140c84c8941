import { createLayout, deals, includes, listLayout, updateLayout } from "../resources/deals";
import {
  createAction,
  deleteAction,
  getAction,
  listAction,
  recordId,
  streamAction,
  updateAction,
} from "./factories";

const dealId = recordId(deals, { dataSource: "selectDeal" });

export const listDeals = listAction(deals, {
  description:
    "Returns the deals visible to the connected user that match the filters: one page, or every page with Fetch All.",
  layout: listLayout,
});

export const getDeal = getAction(deals, {
  idField: dealId,
  description:
    "Returns a single deal available to the user, optionally with its associated contacts.",
  layout: { includes },
});

export const createDeal = createAction(deals, {
  description:
    "Creates a deal for a primary contact. Without a stage it starts in the first stage of the default pipeline.",
  layout: createLayout,
});

export const updateDeal = updateAction(deals, {
  idField: dealId,
  description:
    "Updates a deal. Only the fields given are changed; Tags, when given, replace the deal's tags.",
  layout: updateLayout,
});

export const deleteDeal = deleteAction(deals, {
  idField: dealId,
  description:
    "Deletes an existing deal and removes all associated contacts from the deal in a single call. This cannot be undone. Returns { data: null }.",
});

export const getDealsStream = streamAction(deals, {
  label: "Get Deals Stream",
  description:
    "Reads deal events (created, updated with previous values such as stage_id, deleted) from Sell's Firehose, from a position; optionally until caught up. Needs the account's root user and a plan with Firehose.",
});
