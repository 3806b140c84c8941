/**
 * Firehose `GET /v3/{resource}/stream` (§6.1) over the store's per-table event logs.
 * Positions are opaque base64 strings encoding the table and an absolute log offset.
 */
import { forbidden, invalidParam, SellError, unexpectedParam } from "./errors";
import type { Reply, Req } from "./resource";
import type { Ctx } from "./types";
import { isoSeconds, type Rec } from "./util";

const PREFIX = "firehose.sandbox.";

export const encodePosition = (table: string, offset: number): string =>
  Buffer.from(`${PREFIX}${table}.events,1,${offset}`).toString("base64");

function decodePosition(table: string, raw: string): number {
  // A '+' sent unencoded arrives as a space.
  const text = Buffer.from(raw.replace(/ /g, "+"), "base64").toString("utf8");
  const m = /^firehose\.sandbox\.([a-z_]+)\.events,1,(\d+)$/.exec(text);
  if (!m || m[1] !== table)
    throw invalidParam(
      "position",
      `must be 'tail', 'top' or a position returned by this stream, given: ${raw}`,
    );
  return Number(m[2]);
}

export interface StreamOptions {
  retentionMs: number;
}

export function handleStream(ctx: Ctx, req: Req, table: string, options: StreamOptions): Reply {
  if (!ctx.isRoot)
    throw forbidden(
      "The Firehose API can only be used with an access token of the account's root user.",
    );
  for (const name of req.query.keys())
    if (name !== "position" && name !== "limit") throw unexpectedParam(name);
  const rawPosition = req.query.get("position");
  if (rawPosition === null || rawPosition === "")
    throw invalidParam(
      "position",
      "is required: 'tail', 'top' or a position from a previous response",
    );
  const rawLimit = req.query.get("limit");
  let limit = 25;
  if (rawLimit !== null) {
    if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > 100)
      throw invalidParam("limit", `must be between 1 and 100, given: ${rawLimit}`);
    limit = Number(rawLimit);
  }

  ctx.store.prune(ctx.now() - options.retentionMs);
  const { first, end } = ctx.store.logRange(table);
  let offset: number;
  if (rawPosition === "tail") offset = first;
  else if (rawPosition === "top") offset = end;
  else offset = decodePosition(table, rawPosition);
  if (offset < first)
    throw new SellError(410, [
      {
        code: "gone",
        message: "position expired",
        details: `The position points before the retained event history (events older than ${Math.round(
          options.retentionMs / 3_600_000,
        )} hours are deleted). Start again from 'tail' or 'top'.`,
      },
    ]);
  if (offset > end) throw invalidParam("position", "points after the end of the stream");

  const type = ctx.registry.primary(table).type;
  const events = ctx.store.readLog(table, offset, limit);
  const next = offset + events.length;
  const position = encodePosition(table, next);
  const items = events.map((e) => {
    const meta: Rec = {
      type,
      event_type: e.eventType,
      event_id: e.eventId,
      event_time: isoSeconds(e.time),
      event_cause: "interaction",
      sequence: e.sequence,
    };
    if (e.previous) meta.previous = e.previous;
    return { data: e.data, meta };
  });
  const nextUrl = `${ctx.baseUrl}/v3/${table}/stream?position=${encodeURIComponent(position)}${
    rawLimit !== null ? `&limit=${limit}` : ""
  }`;
  return {
    status: 200,
    body: { items, meta: { links: { next: nextUrl }, position, top: next >= end } },
  };
}
