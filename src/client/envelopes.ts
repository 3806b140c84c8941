import { z } from "zod";
import { isPlainObject } from "../util/values";

/**
 * Sell's response envelopes. They are validated loosely — unknown keys pass through and the
 * caller gets the very object Sell sent — so actions can return a body unchanged while code
 * that needs typed access reads `data`, `items` and `meta` safely.
 */

/**
 * A record: any JSON object, checked without being copied (a loose zod object would rebuild
 * every record key by key: for a page of 100 records most of the time spent on an answer).
 */
export const RecordData = z.custom<Record<string, unknown>>(isPlainObject, {
  error: (issue) =>
    `expected a JSON object, received ${issue.input === null ? "null" : Array.isArray(issue.input) ? "an array" : typeof issue.input}`,
});
export type RecordData = Record<string, unknown>;

export const ItemMeta = z.looseObject({ type: z.string().optional() });

/** `{ data: {...}, meta: { type } }`: get, create, update, upsert, conversion. */
export const SingleEnvelope = z.looseObject({
  data: RecordData,
  meta: ItemMeta.optional(),
});
export interface SingleEnvelope<T extends RecordData = RecordData> {
  data: T;
  meta?: { type?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export const ItemEnvelope = z.looseObject({
  data: RecordData,
  meta: ItemMeta.optional(),
});
export type ItemEnvelope<T extends RecordData = RecordData> = SingleEnvelope<T>;

export const CollectionLinks = z.looseObject({
  self: z.string().optional(),
  first_page: z.string().optional(),
  prev_page: z.string().optional(),
  next_page: z.string().nullish(),
});

/** `{ items: [{data, meta}], meta: { type: "collection", count, links } }`: v2 lists. */
export const CollectionEnvelope = z.looseObject({
  items: z.array(ItemEnvelope),
  meta: z
    .looseObject({
      type: z.string().optional(),
      count: z.number().optional(),
      links: CollectionLinks.optional(),
    })
    .optional(),
});
export interface CollectionEnvelope<T extends RecordData = RecordData> {
  items: Array<ItemEnvelope<T>>;
  meta?: {
    type?: string;
    count?: number;
    links?: { self?: string; first_page?: string; prev_page?: string; next_page?: string | null };
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export const StreamItemMeta = z.looseObject({
  type: z.string().optional(),
  event_type: z.string().optional(),
  event_id: z.string().optional(),
  event_time: z.string().optional(),
  event_cause: z.string().optional(),
  sequence: z.number().optional(),
  previous: z.looseObject({}).optional(),
});

/** Firehose page: `{ items: [{data, meta: {event_type, previous, …}}], meta: { position, top, links } }`. */
export const StreamEnvelope = z.looseObject({
  items: z.array(z.looseObject({ data: RecordData, meta: StreamItemMeta.optional() })),
  meta: z.looseObject({
    position: z.string(),
    top: z.boolean(),
    links: z.looseObject({ next: z.string().optional() }).optional(),
  }),
});
export interface StreamEvent<T extends RecordData = RecordData> {
  data: T;
  meta?: {
    type?: string;
    event_type?: string;
    event_id?: string;
    event_time?: string;
    event_cause?: string;
    sequence?: number;
    previous?: Record<string, unknown>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}
export interface StreamEnvelope<T extends RecordData = RecordData> {
  items: Array<StreamEvent<T>>;
  meta: { position: string; top: boolean; links?: { next?: string }; [key: string]: unknown };
  [key: string]: unknown;
}

/** A Search API query (`projection`, `filter`, `sort`), passed through as Sell documents it. */
export interface SearchQuery {
  projection?: Array<{ name: string }>;
  filter?: Record<string, unknown>;
  sort?: Array<{ attribute: { name: string }; order: "ascending" | "descending" }>;
  [key: string]: unknown;
}

export const SearchResultSchema = z.looseObject({
  successful: z.boolean().optional(),
  // A query Sell refused (`successful: false`) carries errors instead of items.
  items: z.array(z.looseObject({ data: RecordData, meta: ItemMeta.optional() })).optional(),
  meta: z
    .looseObject({
      count: z.number().optional(),
      total_count: z.number().optional(),
      links: z.looseObject({ next_page: z.string().nullish() }).optional(),
    })
    .optional(),
});

/** `POST /v3/<resource>/search` answers one result per query sent; we send one. */
export const SearchEnvelope = z.looseObject({ items: z.array(SearchResultSchema).min(1) });

export interface SearchResult {
  successful?: boolean;
  items: Array<ItemEnvelope>;
  meta?: {
    count?: number;
    total_count?: number;
    links?: { next_page?: string | null };
    [key: string]: unknown;
  };
  [key: string]: unknown;
}
