import { isWellFormed } from "../util/values";

/** A query value as callers give it; empty values are dropped rather than sent as `key=`. */
export type QueryValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | ReadonlyArray<string | number>;
export type Query = Readonly<Record<string, QueryValue>>;

/** A query value that cannot be put in a URL: it holds half of a UTF-16 surrogate pair. */
export class MalformedQueryError extends Error {
  override readonly name = "MalformedQueryError";
  constructor(readonly key: string) {
    super(
      `Query parameter '${key}' contains a broken character (half of a UTF-16 surrogate pair) and cannot be sent`,
    );
  }
}

const encode = (text: string, key: string): string => {
  if (!isWellFormed(text)) throw new MalformedQueryError(key);
  // Sell's own docs and links keep these readable: `custom_fields[Name]`, `ids=1,2`, `sort_by=id:desc`.
  return encodeURIComponent(text).replace(/%(5B|5D|2C|3A)/gi, (encoded) =>
    decodeURIComponent(encoded),
  );
};

/**
 * Serialises a query the way Sell expects: arrays comma-joined (`ids=1,2,3`), booleans as
 * `true`/`false`, keys in the order given, and `undefined`, `null`, `""` and `[]` left out.
 */
export function serializeQuery(query: Query | undefined): string {
  if (!query) return "";
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      parts.push(`${encode(key, key)}=${encode(value.join(","), key)}`);
      continue;
    }
    parts.push(`${encode(key, key)}=${encode(String(value), key)}`);
  }
  return parts.join("&");
}

/** Reads a query string back into a plain record (used to follow `next_page` links). */
export function parseQueryString(search: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(search)) result[key] = value;
  return result;
}
