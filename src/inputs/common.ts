import {
  type FieldSpec,
  id,
  idList,
  integer,
  type PicklistRef,
  text,
  toggle,
  triBool,
} from "./fields";
import { group, layout } from "./layout";

/** Inputs shared by many actions, declared once. */

export const page = integer("page", "Page", {
  min: 1,
  comments: "Page number, starting at 1. Ignored when Fetch All is on.",
  example: "1",
});

export const perPage = integer("per_page", "Per Page", {
  min: 1,
  max: 100,
  comments: "Records per page, 1 to 100 (Sell's default is 25). Ignored when Fetch All is on.",
  example: "100",
});

export const pagination = group("Pagination", { page, perPage });

export const fetchAll = toggle("Fetch All", {
  comments:
    "When true, reads every page (100 records per request, at Sell's rate limit) and returns all records together, up to Max Items.",
});

export const DEFAULT_MAX_ITEMS = 10_000;

export const maxItems = integer([], "Max Items", {
  min: 1,
  default: String(DEFAULT_MAX_ITEMS),
  comments:
    "With Fetch All: stop after this many records. The output's meta.truncated says whether more records existed.",
  example: "10000",
});

export const ids = (label = "IDs") =>
  idList("ids", label, { comments: "Only these records: a comma-separated list of IDs." });

// The placeholders are those of Prismatic's stream actions.
export const position = text("position", "Position", {
  required: true,
  example: "tail",
  placeholder: "Enter stream position",
  comments:
    "Where to read from: 'tail' (oldest events Sell keeps, up to 72 hours), 'top' (only events from now on), or the meta.position returned by an earlier read.",
});

export const limit = integer("limit", "Limit", {
  min: 1,
  max: 100,
  placeholder: "Enter limit",
  comments:
    "Most events per request, 1 to 100 (Sell's default is 25). Sell may return fewer even when more exist.",
  example: "100",
});

export const readUntilCaughtUp = toggle("Read Until Caught Up", {
  comments:
    "When true, keeps reading from the returned position until Sell reports the stream is caught up (meta.top), up to Max Events, and returns all events together with the position to continue from.",
});

export const DEFAULT_MAX_EVENTS = 1000;

export const maxEvents = integer([], "Max Events", {
  min: 1,
  default: String(DEFAULT_MAX_EVENTS),
  comments: "With Read Until Caught Up: stop after about this many events (whole pages are kept).",
  example: "1000",
});

/** The record ID input of get, update and delete (`id`, required), fed by the record's picklist. */
export const recordId = (
  noun: string,
  picklist?: PicklistRef,
  options: { label?: string; comments?: string } = {},
): FieldSpec<number> =>
  id("id", options.label ?? `${noun} ID`, {
    required: true,
    comments: options.comments ?? `The ID of the ${noun.toLowerCase()}.`,
    ...(picklist ? { dataSource: picklist } : {}),
  });

/** How several list filters combine (leads, contacts, deals, and their upserts). */
export const inclusive = triBool("inclusive", "Inclusive", {
  comments: "How several filters combine: True (default) = all must match, False = any may match.",
});

/** Position, Limit, Read Until Caught Up, Max Events: the inputs of every stream read. */
export const streamLayout = layout({ position, limit, readUntilCaughtUp, maxEvents });
