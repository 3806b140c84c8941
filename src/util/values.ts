/** Small value checks shared by every layer. */

/** A plain `{}` object (not an array, a Buffer, a Date or a class instance). */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** Half of a surrogate pair, alone: text that cannot be encoded as UTF-8 (or put in a URL). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a text can be sent as UTF-8 (`String.prototype.isWellFormed`, which es2022 lacks). */
export const isWellFormed = (text: string): boolean => !LONE_SURROGATE.test(text);

/** Sell's one host: every API family (v2, v3, OAuth) lives on it. */
export const SELL_ORIGIN = "https://api.getbase.com";

/** Where Sell's API reference lives. */
export const SELL_DOCS = "https://developer.zendesk.com/api-reference/sales-crm";
