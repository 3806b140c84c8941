import { createHash } from "node:crypto";
import { type InputFieldDefinition, pollingTrigger } from "@prismatic-io/spectral";
import type { RecordData, SellClient } from "../client";
import { choice, toggle } from "../inputs/fields";
import { layout, layoutInputs, need, readLayout } from "../inputs/layout";
import { pollableResources } from "../resources";
import { contacts } from "../resources/contacts";
import { leads } from "../resources/leads";
import { connectionInput, sellFor } from "../steps";

/**
 * "New and Updated Records", Prismatic's list-polling trigger, kept under the same key, inputs
 * and output (`{ created: [...records], updated: [...records] }`) so existing flows keep working.
 *
 * Unlike the original it does not download the whole table on every poll or compare Sell's
 * timestamps with the platform's clock: it reads records newest-change first
 * (`sort_by=updated_at:desc`) and stops at the last change it already reported, remembering that
 * change's timestamp and the IDs seen at that exact second. A poll with nothing new costs one
 * request; a record is reported once per change, never twice, and none is skipped between polls.
 * (Firehose-backed triggers are the precise alternative for accounts that have Firehose.)
 */

/** Most changed records one poll reports (100 requests). */
export const MAX_CHANGES_PER_POLL = 10_000;

/** The resources the trigger can watch, from the registry (the incumbent's order: deals first). */
const POLL_ORDER = ["deals", "leads", "contacts", "tasks", "notes"];
const polled = [...pollableResources].sort(
  (a, b) => (POLL_ORDER.indexOf(a.key) + 1 || 99) - (POLL_ORDER.indexOf(b.key) + 1 || 99),
);
const pollResourceType = choice(
  [],
  "Resource Type",
  polled.map((resource) => ({ label: resource.name.many, value: resource.key })),
  { required: true, comments: "The kind of record to watch." },
);
const showNewRecords = toggle("Show New Records", {
  default: "true",
  comments: "Report records created since the last poll.",
});
const showUpdatedRecords = toggle("Show Updated Records", {
  default: "true",
  comments:
    "Report records changed since the last poll (records both created and changed since then count as new).",
});
const inputs = layout({ pollResourceType, showNewRecords, showUpdatedRecords });

/**
 * Where the last poll stopped: the newest `updated_at` reported and, for the records reported
 * at that very second, a fingerprint of what was reported. Sell's timestamps have one-second
 * precision, so a record can change again within the second it was reported in: the
 * fingerprint tells that new version (report it) from the one already reported (skip it).
 */
export interface PollCursor {
  updatedAt: string;
  seen: Record<string, string>;
}

interface Change {
  record: RecordData;
  id: number;
  updatedAt: string;
  createdAt: string;
  fingerprint: string;
}

const fingerprintOf = (record: RecordData): string =>
  createHash("sha256").update(JSON.stringify(record)).digest("hex").slice(0, 16);

const timestampOf = (record: RecordData, field: "updated_at" | "created_at"): string =>
  typeof record[field] === "string" ? (record[field] as string) : "";

/** Sell timestamps are ISO-8601 UTC with a fixed layout, so they order as strings. */
const isNewer = (change: Change, cursor: PollCursor): boolean =>
  change.updatedAt > cursor.updatedAt ||
  (change.updatedAt === cursor.updatedAt && cursor.seen[String(change.id)] !== change.fingerprint);

/** Created since the cursor (not merely changed): after it, or at its second and never reported. */
const isCreated = (change: Change, cursor: PollCursor): boolean =>
  change.createdAt > cursor.updatedAt ||
  (change.createdAt === cursor.updatedAt && !(String(change.id) in cursor.seen));

/** Reads the records changed after `cursor`, newest first, stopping at the first one already seen. */
export async function changesSince(
  sell: SellClient,
  path: string,
  cursor: PollCursor | undefined,
  max: number = MAX_CHANGES_PER_POLL,
): Promise<{ changes: Change[]; newest?: Change; truncated: boolean }> {
  const changes: Change[] = [];
  let newest: Change | undefined;
  for await (const page of sell.v2.pages(path, { sort_by: "updated_at:desc" }, { perPage: 100 })) {
    for (const item of page.items) {
      const change: Change = {
        record: item.data,
        id: Number(item.data.id),
        updatedAt: timestampOf(item.data, "updated_at"),
        createdAt: timestampOf(item.data, "created_at"),
        fingerprint: fingerprintOf(item.data),
      };
      newest ??= change;
      if (!cursor) return { changes, newest, truncated: false };
      if (change.updatedAt < cursor.updatedAt) return { changes, newest, truncated: false };
      if (!isNewer(change, cursor)) continue;
      changes.push(change);
      if (changes.length >= max) return { changes, newest, truncated: true };
    }
  }
  return { changes, newest, truncated: false };
}

/** The cursor after reporting `changes`: the newest timestamp and what was reported at it. */
export function advance(cursor: PollCursor | undefined, changes: Change[]): PollCursor | undefined {
  const newest = changes.reduce<string | undefined>(
    (max, c) => (max === undefined || c.updatedAt > max ? c.updatedAt : max),
    undefined,
  );
  if (newest === undefined) return cursor;
  const seen: Record<string, string> =
    cursor && cursor.updatedAt === newest ? { ...cursor.seen } : {};
  for (const change of changes)
    if (change.updatedAt === newest) seen[String(change.id)] = change.fingerprint;
  return { updatedAt: newest, seen };
}

/** State saved by this trigger, or by Prismatic's original (`{ lastPolledAt }`), read safely. */
function readCursor(state: Record<string, unknown>): PollCursor | undefined {
  const cursor = state.cursor as Partial<PollCursor> | undefined;
  if (
    cursor &&
    typeof cursor.updatedAt === "string" &&
    cursor.seen &&
    typeof cursor.seen === "object"
  ) {
    return { updatedAt: cursor.updatedAt, seen: { ...cursor.seen } };
  }
  if (typeof state.lastPolledAt === "string") {
    // Continue an instance of Prismatic's original trigger from where it stopped.
    const date = new Date(state.lastPolledAt);
    if (!Number.isNaN(date.getTime()))
      return { updatedAt: `${date.toISOString().slice(0, 19)}Z`, seen: {} };
  }
  return undefined;
}

export const pollChangesTrigger = pollingTrigger({
  display: {
    label: "New and Updated Records",
    description:
      "Checks for new and updated records in a selected Zendesk Sell resource type on a configured schedule. The first poll only marks the starting point; each later poll reports the records created or changed since, once each.",
  },
  inputs: { connection: connectionInput as InputFieldDefinition, ...layoutInputs(inputs) },
  perform: async (context, payload, params: Record<string, unknown>) => {
    const { values } = readLayout(inputs, params);
    const resourceKey = need(values.pollResourceType, "Resource Type");
    const resource = polled.find((r) => r.key === resourceKey);
    if (!resource) throw new Error(`Resource Type '${resourceKey}' cannot be polled`);
    const showNew = values.showNewRecords !== false;
    const showUpdated = values.showUpdatedRecords !== false;
    const state = context.polling.getState();
    const cursor = readCursor(state);
    const sell = sellFor(context, params);
    const { changes, newest, truncated } = await changesSince(sell, resource.path, cursor);
    if (!cursor) {
      // First poll: start after the newest change, as the original started "now". With no
      // record at all, start from the beginning so the first record ever created is reported.
      context.polling.setState({
        cursor: newest
          ? advance(undefined, [newest])
          : { updatedAt: "1970-01-01T00:00:00Z", seen: {} },
      });
      return {
        payload: { ...payload, body: { data: { created: [], updated: [] } } },
        polledNoChanges: true,
      };
    }
    if (truncated) {
      context.logger.warn(
        `New and Updated Records: more than ${MAX_CHANGES_PER_POLL} ${resource.key} changed since the last poll; the newest ${MAX_CHANGES_PER_POLL} are reported and the older ones are skipped. Poll more often.`,
      );
    }
    const created = changes.filter((c) => isCreated(c, cursor));
    const updated = changes.filter((c) => !created.includes(c));
    const data = {
      created: showNew ? created.map((c) => c.record) : [],
      updated: showUpdated ? updated.map((c) => c.record) : [],
    };
    context.polling.setState({ cursor: advance(cursor, changes) });
    return {
      payload: { ...payload, body: { data } },
      polledNoChanges: data.created.length + data.updated.length === 0,
    };
  },
  examplePayload: {
    payload: {
      headers: {},
      queryParameters: {},
      rawBody: { data: null },
      body: { data: { created: [leads.example], updated: [contacts.example] } },
      pathFragment: "",
      webhookUrls: {},
      webhookApiKeys: {},
      invokeUrl: "",
      executionId: "",
      customer: { id: "", name: "", externalId: "" },
      instance: { id: "", name: "" },
      user: { id: "", email: "", name: "", externalId: "" },
      integration: { id: "", name: "", versionSequenceId: "", externalVersion: "" },
      flow: { id: "", name: "", stableId: "" },
      startedAt: "",
      globalDebug: false,
    },
    polledNoChanges: false,
  },
});
