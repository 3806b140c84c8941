import { SellApiError, type SellClient, type StreamEnvelope } from "../../client";

/**
 * Change capture on Sell's Firehose (`GET /v3/<resource>/stream`): each poll reads from the
 * position the last successful poll saved until the stream is caught up (`meta.top`) or the
 * poll's event cap is reached, and saves the new position with the IDs of the events it read.
 *
 * What it guarantees:
 * - nothing is lost: the position is saved only with the poll's result, so a poll whose execution
 *   failed is run again from the old position and reports the same events again;
 * - nothing is repeated: events already reported (by `event_id`, over a window kept in state)
 *   are skipped, since a position may serve an event again;
 * - order: events are reported as the stream serves them, oldest first, which keeps each
 *   record's events in `sequence` order;
 * - a burst bigger than the cap drains over the next polls, in order;
 * - a position older than Firehose's 72 h retention (410 Gone) restarts at the current top,
 *   and the output names the time range that may have been missed (`gap`).
 */

/** Event IDs remembered across polls (the window a re-served event is recognised in). */
export const REMEMBERED_EVENTS = 2000;

/** Most requests one poll makes (empty pages with `top: false` are possible). */
export const MAX_REQUESTS_PER_POLL = 1000;

export type EventType = "created" | "updated" | "deleted";
export const EVENT_TYPES: readonly EventType[] = ["created", "updated", "deleted"];

/** One Firehose event, as the triggers report it. */
export interface ChangeEvent {
  eventId: string;
  eventType: EventType;
  eventTime: string | null;
  sequence: number | null;
  resource: string;
  /** The record after the event (its Firehose attributes); for a delete, what Sell sends. */
  record: Record<string, unknown>;
  /** On updates: the previous values of the attributes that changed. */
  previous: Record<string, unknown> | null;
}

/** A time range whose events may have been missed, and why. */
export interface Gap {
  from: string;
  to: string;
  reason: string;
}

/** Where a trigger started reading, said on its first poll. */
export interface Start {
  from: "now" | "oldest";
  position: string;
  at: string;
}

/** What a Firehose trigger keeps between polls. */
export interface StreamState {
  version: 1;
  resource: string;
  position: string;
  /** IDs of the most recent events read, newest last. */
  recent: string[];
  /** When the newest event read happened, or when the trigger started. */
  lastEventAt: string;
}

export interface DrainOptions {
  resource: string;
  startFrom: "now" | "oldest";
  maxEvents: number;
  now: () => Date;
  warn: (message: string) => void;
}

export interface Drained {
  /** Every new event read, oldest first (filters are the trigger's business). */
  events: ChangeEvent[];
  state: StreamState;
  caughtUp: boolean;
  gap?: Gap;
  started?: Start;
}

/** The saved state, when it is a state of this engine for this resource. */
export function readState(
  state: Record<string, unknown>,
  resource: string,
): StreamState | undefined {
  const saved = state.stream as Partial<StreamState> | undefined;
  if (
    saved?.version !== 1 ||
    saved.resource !== resource ||
    typeof saved.position !== "string" ||
    saved.position === "" ||
    !Array.isArray(saved.recent) ||
    typeof saved.lastEventAt !== "string"
  )
    return undefined;
  return {
    version: 1,
    resource,
    position: saved.position,
    recent: saved.recent.filter((id): id is string => typeof id === "string"),
    lastEventAt: saved.lastEventAt,
  };
}

const asEventType = (value: unknown): EventType | undefined =>
  EVENT_TYPES.find((type) => type === value);

/** A stream item as a `ChangeEvent` (`undefined` for an item that is no event). */
function toEvent(resource: string, item: StreamEnvelope["items"][number]): ChangeEvent | undefined {
  const eventType = asEventType(item.meta?.event_type);
  const eventId = item.meta?.event_id;
  if (!eventType || typeof eventId !== "string" || eventId === "") return undefined;
  return {
    eventId,
    eventType,
    eventTime: typeof item.meta?.event_time === "string" ? item.meta.event_time : null,
    sequence: typeof item.meta?.sequence === "number" ? item.meta.sequence : null,
    resource,
    record: item.data,
    previous: item.meta?.previous ?? null,
  };
}

const isoSeconds = (date: Date): string => `${date.toISOString().slice(0, 19)}Z`;

/** Reads the stream from the saved position (or the start) as far as one poll may. */
export async function drainStream(
  sell: SellClient,
  saved: Record<string, unknown>,
  options: DrainOptions,
): Promise<Drained> {
  const previous = readState(saved, options.resource);
  const nowText = isoSeconds(options.now());
  let position = previous?.position ?? (options.startFrom === "oldest" ? "tail" : "top");
  const recent = new Set(previous?.recent ?? []);
  const order = [...(previous?.recent ?? [])];
  let lastEventAt = previous?.lastEventAt ?? nowText;
  let gap: Gap | undefined;
  const events: ChangeEvent[] = [];
  let read = 0;
  let caughtUp = false;
  let firstPosition: string | undefined;

  for (let requests = 0; requests < MAX_REQUESTS_PER_POLL; requests += 1) {
    const limit = Math.max(1, Math.min(100, options.maxEvents - read));
    let page: StreamEnvelope;
    try {
      page = await sell.v3.streamPage(options.resource, position, limit);
    } catch (error) {
      if (!(error instanceof SellApiError) || error.kind !== "position_expired" || gap) throw error;
      // The saved position is older than Firehose keeps: start again at the current top and
      // say which time range may have been missed.
      gap = {
        from: lastEventAt,
        to: nowText,
        reason:
          "The saved stream position is older than Firehose's 72-hour retention; events between these times may have been missed. The trigger carries on from now.",
      };
      options.warn(
        `Zendesk Sell ${options.resource} stream: the saved position expired (410 Gone); restarting from now. Events between ${gap.from} and ${gap.to} may have been missed.`,
      );
      position = "top";
      continue;
    }
    firstPosition ??= page.meta.position;
    read += page.items.length;
    for (const item of page.items) {
      const event = toEvent(options.resource, item);
      if (!event || recent.has(event.eventId)) continue;
      recent.add(event.eventId);
      order.push(event.eventId);
      if (event.eventTime && event.eventTime > lastEventAt) lastEventAt = event.eventTime;
      events.push(event);
    }
    if (page.meta.top) {
      caughtUp = true;
      position = page.meta.position;
      break;
    }
    if (page.meta.position === position) {
      throw sell.transport.error({
        kind: "invalid_response",
        method: "GET",
        path: `/v3/${options.resource}/stream`,
        purpose: "stream",
        reason: `the stream is not caught up (top: false) but its position did not move past ${position}, so reading stopped instead of repeating the same events`,
      });
    }
    position = page.meta.position;
    if (read >= options.maxEvents) break;
  }

  const state: StreamState = {
    version: 1,
    resource: options.resource,
    position,
    recent: order.slice(-REMEMBERED_EVENTS),
    lastEventAt,
  };
  const started: Start | undefined = previous
    ? undefined
    : {
        from: options.startFrom,
        // From now: the top it found; from the oldest: Firehose's tail.
        position: options.startFrom === "now" ? (firstPosition ?? position) : "tail",
        at: nowText,
      };
  return { events, state, caughtUp, ...(gap ? { gap } : {}), ...(started ? { started } : {}) };
}

/**
 * Whether an update really changed one of `attributes` (any attribute when none are given):
 * the attribute is in `previous` with a value other than the record's now. Updates that only
 * touched `updated_at` change nothing a flow cares about.
 */
export function changedAttributes(event: ChangeEvent): string[] {
  if (event.eventType !== "updated" || !event.previous) return [];
  return Object.entries(event.previous)
    .filter(([name, before]) => name !== "updated_at" && !sameValue(before, event.record[name]))
    .map(([name]) => name);
}

const sameValue = (a: unknown, b: unknown): boolean =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
