import { createHash } from "node:crypto";
import { type InputFieldDefinition, pollingTrigger } from "@prismatic-io/spectral";
import type { RecordData, SellClient } from "../client";
import { choice, toggle } from "../inputs/fields";
import { layout, layoutInputs, need, readLayout } from "../inputs/layout";
import { pollableResources } from "../resources";
import { contacts } from "../resources/contacts";
import type { Resource } from "../resources/define";
import { leads } from "../resources/leads";
import { connectionInput, sellFor } from "../steps";
import { examplePayloadOf } from "./payload";

/**
 * "New and Updated Records", Prismatic's list-polling trigger, kept under the same key, inputs
 * and output (`{ created: [...records], updated: [...records] }`) so existing flows keep working;
 * for plans without Firehose (the Firehose triggers are the precise alternative).
 *
 * Unlike the original it does not download the whole table on every poll or compare Sell's
 * timestamps with the platform's clock. It reads records newest change first
 * (`sort_by=updated_at:desc`) down to the last change it reported, remembering that change's
 * timestamp and what it reported at that exact second:
 * - a poll with nothing new costs one request;
 * - a record is reported once per change (a fingerprint of the record, without computed
 *   attributes such as a task's `overdue`, tells a new version from the one reported);
 * - a poll that read more than one page reads them again until a pass finds nothing new, since a
 *   record deleted or changed meanwhile shifts Sell's pages (a record could slip from page 2 to
 *   page 1 unseen); records are deduplicated by ID within a poll;
 * - changes are reported oldest first; when more than 10,000 changed, the oldest 10,000 are
 *   reported, the output says `more: true`, and the next polls continue from there (v2 lists
 *   cannot be read oldest first, so each poll reads down from the newest again).
 * What it cannot see: deletes (use Deleted Records), and a change overwritten by a later change
 * of the same record before a poll (it reports the record's latest state once).
 */

/** Most changed records one poll reports. */
export const MAX_CHANGES_PER_POLL = 10_000;

/** Most pages one pass reads (100,000 records): beyond it older changes cannot be reached. */
export const MAX_PAGES_PER_PASS = 1000;

/** Most passes of a poll whose pages kept shifting. */
export const MAX_PASSES = 3;

/** A cursor this far ahead of the clock cannot be Sell's: the trigger restarts from now. */
const FUTURE_TOLERANCE_MS = 10 * 60 * 1000;

/** The resources the trigger can watch, from the registry (the incumbent's order: deals first). */
const POLL_ORDER = ["deals", "leads", "contacts", "tasks", "notes"];
const polled = [...pollableResources].sort(
  (a, b) => (POLL_ORDER.indexOf(a.key) + 1 || 99) - (POLL_ORDER.indexOf(b.key) + 1 || 99),
);

const inputs = layout({
  pollResourceType: choice(
    [],
    "Resource Type",
    polled.map((resource) => ({ label: resource.name.many, value: resource.key })),
    { required: true, comments: "The kind of record to watch." },
  ),
  showNewRecords: toggle("Show New Records", {
    default: "true",
    comments: "Report records created since the last poll.",
  }),
  showUpdatedRecords: toggle("Show Updated Records", {
    default: "true",
    comments:
      "Report records changed since the last poll (records both created and changed since then count as new).",
  }),
});

/**
 * Where the last poll stopped: every change before `updatedAt` is reported, and at that very
 * second the records in `seen` are, with those fingerprints. Sell's timestamps have one-second
 * precision, so a record can change again within the second it was reported in: the fingerprint
 * tells that new version (report it) from the one already reported (skip it).
 */
export interface PollCursor {
  updatedAt: string;
  seen: Record<string, string>;
}

export interface Change {
  record: RecordData;
  id: string;
  updatedAt: string;
  createdAt: string;
  fingerprint: string;
}

/** A fingerprint of what a record holds, leaving out attributes Sell computes on read. */
export const fingerprintOf = (record: RecordData, computed: readonly string[] = []): string => {
  const kept = Object.fromEntries(
    Object.entries(record).filter(([key]) => !computed.includes(key)),
  );
  return createHash("sha256").update(JSON.stringify(kept)).digest("hex").slice(0, 16);
};

const timestampOf = (record: RecordData, field: "updated_at" | "created_at"): string =>
  typeof record[field] === "string" ? (record[field] as string) : "";

const changeOf = (record: RecordData, computed: readonly string[]): Change => ({
  record,
  id: String(record.id),
  updatedAt: timestampOf(record, "updated_at"),
  createdAt: timestampOf(record, "created_at"),
  fingerprint: fingerprintOf(record, computed),
});

/** Sell timestamps are ISO-8601 UTC with a fixed layout, so they order as strings. */
const isNewer = (change: Change, cursor: PollCursor): boolean =>
  change.updatedAt > cursor.updatedAt ||
  (change.updatedAt === cursor.updatedAt && cursor.seen[change.id] !== change.fingerprint);

/** Created since the cursor (not merely changed): after it, or at its second and never reported. */
const isCreated = (change: Change, cursor: PollCursor): boolean =>
  change.createdAt > cursor.updatedAt ||
  (change.createdAt === cursor.updatedAt && !(change.id in cursor.seen));

interface Pass {
  /** The changes after the cursor, by record ID (the newest version of each). */
  changes: Map<string, Change>;
  pages: number;
  /** False when the page cap stopped the pass before it reached the cursor. */
  complete: boolean;
}

/** One read, newest change first, down to the cursor (or, without one, past the newest second). */
async function readPass(
  sell: SellClient,
  resource: Resource,
  cursor: PollCursor | undefined,
): Promise<Pass> {
  const computed = resource.computedAttributes ?? [];
  const changes = new Map<string, Change>();
  let pages = 0;
  let newest: string | undefined;
  const keep = (change: Change) => {
    const known = changes.get(change.id);
    if (!known || change.updatedAt > known.updatedAt) changes.set(change.id, change);
  };
  for await (const page of sell.v2.pages(
    resource.path,
    { sort_by: "updated_at:desc" },
    { perPage: 100, maxPages: MAX_PAGES_PER_PASS + 1 },
  )) {
    pages += 1;
    for (const item of page.items) {
      const change = changeOf(item.data, computed);
      newest ??= change.updatedAt;
      if (!cursor) {
        // First poll: every record at the newest second is where the trigger starts.
        if (change.updatedAt < newest) return { changes, pages, complete: true };
        keep(change);
        continue;
      }
      if (change.updatedAt < cursor.updatedAt) return { changes, pages, complete: true };
      if (isNewer(change, cursor)) keep(change);
    }
    if (pages >= MAX_PAGES_PER_PASS) return { changes, pages, complete: false };
  }
  return { changes, pages, complete: true };
}

/**
 * The changes after `cursor`, read until a pass finds nothing the others missed (one page is
 * one answer, so a one-page pass needs no second; a first pass that finds nothing needs none). `stable` is false when pages kept shifting
 * for `MAX_PASSES` passes.
 */
export async function changesSince(
  sell: SellClient,
  resource: Resource,
  cursor: PollCursor | undefined,
): Promise<{ changes: Change[]; complete: boolean; stable: boolean; requests: number }> {
  const merged = new Map<string, Change>();
  let requests = 0;
  let complete = true;
  let stable = false;
  for (let pass = 1; pass <= MAX_PASSES; pass += 1) {
    const read = await readPass(sell, resource, cursor);
    requests += read.pages;
    complete &&= read.complete;
    let found = 0;
    for (const change of read.changes.values()) {
      const known = merged.get(change.id);
      if (known && known.fingerprint === change.fingerprint) continue;
      if (!known || change.updatedAt >= known.updatedAt) merged.set(change.id, change);
      found += 1;
    }
    // Nothing new in the first pass: nothing to confirm either, since the cursor stays where it
    // is and a record a shifting page hid is still after it for the next poll.
    if (read.pages <= 1 || found === 0) {
      stable = true;
      break;
    }
  }
  const changes = [...merged.values()].sort((a, b) =>
    a.updatedAt === b.updatedAt
      ? a.id.localeCompare(b.id, undefined, { numeric: true })
      : a.updatedAt < b.updatedAt
        ? -1
        : 1,
  );
  return { changes, complete, stable, requests };
}

/** The cursor after reporting `changes` (oldest first): the newest reported second and what was reported at it. */
export function advance(
  cursor: PollCursor | undefined,
  changes: readonly Change[],
): PollCursor | undefined {
  const newest = changes[changes.length - 1]?.updatedAt;
  if (newest === undefined) return cursor;
  const seen: Record<string, string> =
    cursor && cursor.updatedAt === newest ? { ...cursor.seen } : {};
  for (const change of changes)
    if (change.updatedAt === newest) seen[change.id] = change.fingerprint;
  return { updatedAt: newest, seen };
}

/** The saved cursor, Prismatic's original state (`{ lastPolledAt }`), or why neither can be used. */
export function readCursor(
  state: Record<string, unknown>,
  now: number,
): { cursor?: PollCursor; problem?: string } {
  const future = (updatedAt: string) => Date.parse(updatedAt) > now + FUTURE_TOLERANCE_MS;
  if ("cursor" in state) {
    const cursor = state.cursor as Partial<PollCursor> | undefined;
    const seen = cursor?.seen;
    if (
      !cursor ||
      typeof cursor.updatedAt !== "string" ||
      Number.isNaN(Date.parse(cursor.updatedAt)) ||
      !seen ||
      typeof seen !== "object" ||
      Object.values(seen).some((v) => typeof v !== "string")
    )
      return { problem: "the saved cursor could not be read" };
    if (future(cursor.updatedAt))
      return { problem: `the saved cursor (${cursor.updatedAt}) lies in the future` };
    return {
      cursor: { updatedAt: cursor.updatedAt, seen: { ...(seen as Record<string, string>) } },
    };
  }
  if (typeof state.lastPolledAt === "string") {
    // Continue an instance of Prismatic's original trigger from where it stopped.
    const date = new Date(state.lastPolledAt);
    if (Number.isNaN(date.getTime()))
      return { problem: "the saved lastPolledAt could not be read" };
    const updatedAt = `${date.toISOString().slice(0, 19)}Z`;
    if (future(updatedAt))
      return { problem: `the saved lastPolledAt (${updatedAt}) lies in the future` };
    return { cursor: { updatedAt, seen: {} } };
  }
  return {};
}

/** What one poll found: the records to report, and the state to save. */
export interface PollResult {
  created: Change[];
  updated: Change[];
  /** More changes remain for the next polls (more than `maxChanges` changed). */
  more: boolean;
  /** The first poll (or a restart): it only marks where the trigger starts. */
  started: boolean;
  state: { cursor: PollCursor };
}

/** One poll of the list: reads the changes since the saved cursor and says what to report. */
export async function pollList(
  sell: SellClient,
  resource: Resource,
  saved: Record<string, unknown>,
  options: { maxChanges?: number; now?: number; warn: (message: string) => void },
): Promise<PollResult> {
  const maxChanges = options.maxChanges ?? MAX_CHANGES_PER_POLL;
  const { cursor, problem } = readCursor(saved, options.now ?? Date.now());
  if (problem)
    options.warn(
      `New and Updated Records: ${problem}; starting again from now (changes since the last good poll are not reported).`,
    );
  const read = await changesSince(sell, resource, cursor);
  if (!read.stable)
    options.warn(
      `New and Updated Records: ${resource.key} kept changing while they were read (${MAX_PASSES} passes); a record moved between pages during the last pass may be reported by a later poll.`,
    );
  if (!read.complete)
    options.warn(
      `New and Updated Records: more than ${MAX_PAGES_PER_PASS * 100} ${resource.key} changed since the last poll; changes older than the oldest one read cannot be reached and are not reported. Poll more often.`,
    );
  if (!cursor) {
    // First poll: start after the newest change, as the original started "now". With no
    // record at all, start from the beginning so the first record ever created is reported.
    const start = advance(undefined, read.changes) ?? {
      updatedAt: "1970-01-01T00:00:00Z",
      seen: {},
    };
    return { created: [], updated: [], more: false, started: true, state: { cursor: start } };
  }
  const more = read.changes.length > maxChanges;
  const reported = more ? read.changes.slice(0, maxChanges) : read.changes;
  if (more)
    options.warn(
      `New and Updated Records: ${read.changes.length} ${resource.key} changed since the last poll; the oldest ${maxChanges} are reported now and the rest by the next polls.`,
    );
  return {
    created: reported.filter((c) => isCreated(c, cursor)),
    updated: reported.filter((c) => !isCreated(c, cursor)),
    more,
    started: false,
    state: { cursor: advance(cursor, reported) ?? cursor },
  };
}

export const pollChangesTrigger = pollingTrigger({
  display: {
    label: "New and Updated Records",
    description:
      "Checks for new and updated records in a selected Zendesk Sell resource type on a configured schedule. The first poll only marks the starting point; each later poll reports the records created or changed since, once each, oldest first (more: true when more than 10,000 remain for the next polls).",
  },
  inputs: { connection: connectionInput as InputFieldDefinition, ...layoutInputs(inputs) },
  perform: async (context, payload, params: Record<string, unknown>) => {
    const { values } = readLayout(inputs, params);
    const resourceKey = need(values.pollResourceType, "Resource Type");
    const resource = polled.find((r) => r.key === resourceKey);
    if (!resource) throw new Error(`Resource Type '${resourceKey}' cannot be polled`);
    const result = await pollList(sellFor(context, params), resource, context.polling.getState(), {
      warn: (message) => context.logger.warn(message),
    });
    const data = {
      created: values.showNewRecords !== false ? result.created.map((c) => c.record) : [],
      updated: values.showUpdatedRecords !== false ? result.updated.map((c) => c.record) : [],
      ...(result.more ? { more: true } : {}),
    };
    context.polling.setState(result.state);
    return {
      payload: { ...payload, body: { data } },
      polledNoChanges: data.created.length + data.updated.length === 0,
    };
  },
  examplePayload: examplePayloadOf<{
    created: RecordData[];
    updated: RecordData[];
    more?: boolean;
  }>({
    created: [leads.example],
    updated: [contacts.example],
  }),
});
