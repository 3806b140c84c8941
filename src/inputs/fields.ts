import type { InputFieldChoice, KeyValuePair } from "@prismatic-io/spectral";
import { isPlainObject } from "../util/values";
import { InputError } from "./errors";

export { isPlainObject };

/**
 * Field kinds: how one input is shown, validated and converted. Every kind's `parse` treats
 * "nothing" (`undefined`, `null`, `""`, whitespace, `[]`, `{}`) as `undefined` — meaning "not
 * sent" — and otherwise returns the value Sell expects or throws an `InputError` that names the
 * input and says what is expected. `parse` is idempotent: parsing its own output returns it
 * unchanged, so values can be cleaned by the platform and again by us safely.
 */

type Parse<T> = (value: unknown, label: string) => T | undefined;

/** What kind of value a field holds; tools (tests, the CLI runner's help) read it. */
export type FieldKind =
  | "text"
  | "email"
  | "currency"
  | "id"
  | "idList"
  | "integer"
  | "decimal"
  | "triBool"
  | "toggle"
  | "choice"
  | "date"
  | "dateTime"
  | "address"
  | "json"
  | "tags"
  | "customFields"
  | "pairs"
  | "priceList"
  | "sortBy"
  | "choiceList";

/**
 * A data source (picklist) an input can be filled from. Resources define them
 * (`src/resources/*`); inputs hold the reference itself, never its key as a string, so a
 * picklist that does not exist cannot be named.
 */
export interface PicklistRef {
  readonly key: string;
}

export interface FieldSpec<T = unknown> {
  readonly kind: FieldKind;
  /** Attribute path in Sell: `["address", "city"]` → body `{address:{city}}`, query `address[city]`. */
  readonly api: readonly string[];
  readonly label: string;
  readonly comments?: string;
  readonly example?: string;
  readonly placeholder?: string;
  /** Key/value inputs: the label of the key column (the value column is labelled by `label`). */
  readonly keyLabel?: string;
  readonly required?: boolean;
  readonly dataSource?: PicklistRef;
  readonly default?: string;
  readonly inputType: "string" | "code" | "boolean" | "text";
  readonly collection?: "valuelist" | "keyvaluelist";
  readonly model?: readonly InputFieldChoice[];
  readonly parse: Parse<T>;
}

export type FieldValue<F> = F extends FieldSpec<infer T> ? T : never;

/** UI and API metadata a resource file sets per field. */
export interface FieldOptions {
  comments?: string;
  example?: string;
  /** Text shown in the empty input. */
  placeholder?: string;
  /**
   * Key/value inputs: the label of the key column, e.g. "Field Name". Spectral 10.31 has no
   * separate value column label: the value column goes by the input's label.
   */
  keyLabel?: string;
  required?: boolean;
  dataSource?: PicklistRef;
  default?: string;
}

export const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === "string" && value.trim() === "") ||
  (Array.isArray(value) && value.length === 0) ||
  (isPlainObject(value) && Object.keys(value).length === 0);

const show = (value: unknown): string => {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

const fail = (label: string, problem: string): never => {
  throw new InputError(label, problem);
};

const apiPath = (api: string | readonly string[]): readonly string[] =>
  typeof api === "string" ? [api] : api;

function define<T>(
  kind: FieldKind,
  api: string | readonly string[],
  label: string,
  options: FieldOptions,
  shape: Pick<FieldSpec<T>, "inputType" | "collection" | "model" | "parse">,
): FieldSpec<T> {
  return { kind, api: apiPath(api), label, ...options, ...shape };
}

/** The same field with other UI metadata for one use (a different label, comment, or required). */
export const variant = <T>(
  field: FieldSpec<T>,
  options: FieldOptions & { label?: string },
): FieldSpec<T> => ({
  ...field,
  ...options,
});

/** Same field, sent under another attribute path (e.g. a list filter named differently). */
export const rename = <T>(field: FieldSpec<T>, api: string | readonly string[]): FieldSpec<T> => ({
  ...field,
  api: apiPath(api),
});

// ---- text ---------------------------------------------------------------------------------

const parseText: Parse<string> = (value, label) => {
  if (isEmpty(value)) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return fail(label, `must be text, got ${show(value)}`);
};

export const text = (
  api: string | readonly string[],
  label: string,
  options: FieldOptions = {},
): FieldSpec<string> =>
  define("text", api, label, options, { inputType: "string", parse: parseText });

export const longText = (
  api: string | readonly string[],
  label: string,
  options: FieldOptions = {},
): FieldSpec<string> =>
  define("text", api, label, options, { inputType: "text", parse: parseText });

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const email = (
  api: string | readonly string[],
  label: string,
  options: FieldOptions = {},
): FieldSpec<string> =>
  define(
    "email",
    api,
    label,
    { example: "mark@example.com", ...options },
    {
      inputType: "string",
      parse: (value, l) => {
        const parsed = parseText(value, l);
        if (parsed !== undefined && !EMAIL.test(parsed.trim()))
          fail(l, `must be an email address like mark@example.com, got '${show(parsed)}'`);
        return parsed?.trim();
      },
    },
  );

/** An ISO 4217 currency code such as USD (sent upper-case). */
export const currency = (
  api: string | readonly string[],
  label: string,
  options: FieldOptions = {},
): FieldSpec<string> =>
  define(
    "currency",
    api,
    label,
    { example: "USD", ...options },
    {
      inputType: "string",
      parse: (value, l) => {
        const parsed = parseText(value, l)?.trim().toUpperCase();
        if (parsed !== undefined && !/^[A-Z]{3}$/.test(parsed))
          fail(l, `must be a 3-letter ISO 4217 currency code such as USD, got '${show(value)}'`);
        return parsed;
      },
    },
  );

// ---- numbers and IDs ----------------------------------------------------------------------

const parseId: Parse<number> = (value, label) => {
  if (isEmpty(value)) return undefined;
  const textValue =
    typeof value === "number"
      ? String(value)
      : typeof value === "string"
        ? value.trim()
        : undefined;
  if (textValue === undefined || !/^\d+$/.test(textValue)) {
    return fail(label, `must be a Sell ID (a positive whole number), got '${show(value)}'`);
  }
  const id = Number(textValue);
  if (!Number.isSafeInteger(id) || id < 1)
    return fail(label, `must be a Sell ID (a positive whole number), got '${show(value)}'`);
  return id;
};

export const id = (
  api: string | readonly string[],
  label: string,
  options: FieldOptions = {},
): FieldSpec<number> =>
  define(
    "id",
    api,
    label,
    { example: "12345", ...options },
    { inputType: "string", parse: parseId },
  );

/** IDs as a comma-separated list (`1,2,3`) or an array. */
export const idList = (
  api: string | readonly string[],
  label: string,
  options: FieldOptions = {},
): FieldSpec<number[]> =>
  define(
    "idList",
    api,
    label,
    { example: "1,2,3", ...options },
    {
      inputType: "string",
      parse: (value, l) => {
        if (isEmpty(value)) return undefined;
        const parts = Array.isArray(value)
          ? value
          : typeof value === "number"
            ? [value]
            : String(value).split(",");
        const ids = parts.map((part) => String(part).trim()).filter((part) => part !== "");
        if (ids.length === 0) return undefined;
        return ids.map((part) => {
          const parsed = parseId(part, l);
          if (parsed === undefined)
            return fail(l, "must be a comma-separated list of Sell IDs, like 1,2,3");
          return parsed;
        });
      },
    },
  );

export const integer = (
  api: string | readonly string[],
  label: string,
  options: FieldOptions & { min?: number; max?: number } = {},
): FieldSpec<number> => {
  const { min, max, ...rest } = options;
  const range =
    min !== undefined && max !== undefined
      ? ` between ${min} and ${max}`
      : min !== undefined
        ? ` of at least ${min}`
        : max !== undefined
          ? ` of at most ${max}`
          : "";
  return define("integer", api, label, rest, {
    inputType: "string",
    parse: (value, l) => {
      if (isEmpty(value)) return undefined;
      const textValue =
        typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
      const parsed = /^-?\d+$/.test(textValue) ? Number(textValue) : Number.NaN;
      if (
        !Number.isSafeInteger(parsed) ||
        (min !== undefined && parsed < min) ||
        (max !== undefined && parsed > max)
      ) {
        return fail(l, `must be a whole number${range}, got '${show(value)}'`);
      }
      return parsed;
    },
  });
};

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Money and other decimals: sent as a string (`"1000.50"`) so no precision is lost. */
export const decimal = (
  api: string | readonly string[],
  label: string,
  options: FieldOptions = {},
): FieldSpec<string> =>
  define(
    "decimal",
    api,
    label,
    { example: "1000.50", ...options },
    {
      inputType: "string",
      parse: (value, l) => {
        if (isEmpty(value)) return undefined;
        const textValue =
          typeof value === "number" && Number.isFinite(value)
            ? String(value)
            : typeof value === "string"
              ? value.trim()
              : "";
        if (!DECIMAL.test(textValue))
          return fail(l, `must be a number like 1000 or 1000.50, got '${show(value)}'`);
        return textValue;
      },
    },
  );

// ---- booleans and choices -----------------------------------------------------------------

const TRUE_WORDS = new Set(["true", "yes", "y", "1", "t"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0", "f"]);

/** The one boolean reader of inputs and custom field values: true/false, yes/no, y/n, 1/0, t/f. */
export const parseBoolean: Parse<boolean> = (value, label) => {
  if (typeof value === "boolean") return value;
  if (isEmpty(value)) return undefined;
  const word = String(value).trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return fail(label, `must be true or false, got '${show(value)}'`);
};

export const TRI_STATE_MODEL: readonly InputFieldChoice[] = [
  { label: "(not set)", value: "" },
  { label: "True", value: "true" },
  { label: "False", value: "false" },
];

/** A yes/no that may also be left unset (a dropdown: not set, True, False). */
export const triBool = (
  api: string | readonly string[],
  label: string,
  options: FieldOptions = {},
): FieldSpec<boolean> =>
  define(
    "triBool",
    api,
    label,
    { default: "", ...options },
    { inputType: "string", model: TRI_STATE_MODEL, parse: parseBoolean },
  );

/** A plain on/off switch (a boolean input). */
export const toggle = (label: string, options: FieldOptions = {}): FieldSpec<boolean> =>
  define(
    "toggle",
    [],
    label,
    { default: "false", ...options },
    { inputType: "boolean", parse: (v, l) => parseBoolean(v, l) ?? false },
  );

export const choice = (
  api: string | readonly string[],
  label: string,
  values: ReadonlyArray<string | InputFieldChoice>,
  options: FieldOptions = {},
): FieldSpec<string> => {
  const choices = values.map((v) => (typeof v === "string" ? { label: v, value: v } : v));
  const allowed = choices.map((c) => c.value);
  const model = options.required ? choices : [{ label: "(not set)", value: "" }, ...choices];
  return define(
    "choice",
    api,
    label,
    { default: options.required ? undefined : "", ...options },
    {
      inputType: "string",
      model,
      parse: (value, l) => {
        if (isEmpty(value)) return undefined;
        const textValue = String(value).trim();
        const match = allowed.find((a) => a.toLowerCase() === textValue.toLowerCase());
        if (match === undefined)
          return fail(l, `must be one of ${allowed.join(", ")}, got '${show(value)}'`);
        return match;
      },
    },
  );
};

// ---- dates --------------------------------------------------------------------------------

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

const validCalendarDate = (date: string): boolean => {
  const match = DATE.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return (
    parsed.getUTCFullYear() === year &&
    parsed.getUTCMonth() === month - 1 &&
    parsed.getUTCDate() === day
  );
};

/** A calendar date, `YYYY-MM-DD`. A full ISO date-time is accepted and its date part kept as written. */
export const date = (
  api: string | readonly string[],
  label: string,
  options: FieldOptions = {},
): FieldSpec<string> =>
  define(
    "date",
    api,
    label,
    { example: "2026-12-31", ...options },
    {
      inputType: "string",
      parse: (value, l) => {
        if (isEmpty(value)) return undefined;
        const textValue = String(value).trim();
        const datePart = DATETIME.exec(textValue)?.[1] ?? textValue;
        if (!validCalendarDate(datePart))
          return fail(l, `must be a date like 2026-12-31, got '${show(value)}'`);
        return datePart;
      },
    },
  );

/**
 * A moment in time, sent as Sell writes them: UTC, second precision (`2026-12-31T17:00:00Z`).
 * Accepts ISO 8601 with an offset; without one the time is taken as UTC; a bare date means midnight UTC.
 */
export const dateTime = (
  api: string | readonly string[],
  label: string,
  options: FieldOptions = {},
): FieldSpec<string> =>
  define(
    "dateTime",
    api,
    label,
    { example: "2026-12-31T17:00:00Z", ...options },
    {
      inputType: "string",
      parse: (value, l) => {
        if (isEmpty(value)) return undefined;
        const textValue = value instanceof Date ? value.toISOString() : String(value).trim();
        const problem = `must be an ISO 8601 date and time like 2026-12-31T17:00:00Z, got '${show(value)}'`;
        if (validCalendarDate(textValue)) return `${textValue}T00:00:00Z`;
        const match = DATETIME.exec(textValue);
        if (!match || !validCalendarDate(match[1] as string)) return fail(l, problem);
        const zone = match[5] ?? "Z";
        const normalizedZone =
          zone.toUpperCase() === "Z"
            ? "Z"
            : zone.includes(":")
              ? zone
              : `${zone.slice(0, 3)}:${zone.slice(3)}`;
        const instant = new Date(
          `${match[1]}T${match[2]}:${match[3]}:${match[4] ?? "00"}${normalizedZone}`,
        );
        if (Number.isNaN(instant.getTime())) return fail(l, problem);
        return `${instant.toISOString().slice(0, 19)}Z`;
      },
    },
  );

// ---- structured values --------------------------------------------------------------------

const parseJsonObject = (
  value: unknown,
  label: string,
  what: string,
): Record<string, unknown> | undefined => {
  if (isEmpty(value)) return undefined;
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      return fail(
        label,
        `must be ${what} written as JSON, e.g. ${what === "an address" ? '{"city": "Boston"}' : '{"key": "value"}'}; it could not be read as JSON`,
      );
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return fail(label, `must be ${what} (a JSON object), got '${show(value)}'`);
  }
  return isEmpty(parsed) ? undefined : (parsed as Record<string, unknown>);
};

export const ADDRESS_KEYS = ["line1", "city", "postal_code", "state", "country"] as const;
export type Address = Partial<Record<(typeof ADDRESS_KEYS)[number], string | null>>;

const parseAddress: Parse<Address> = (value, label) => {
  const parsed = parseJsonObject(value, label, "an address");
  if (parsed === undefined) return undefined;
  const unknown = Object.keys(parsed).filter(
    (key) => !(ADDRESS_KEYS as readonly string[]).includes(key),
  );
  if (unknown.length > 0) {
    return fail(
      label,
      `has unknown address part${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}; use ${ADDRESS_KEYS.join(", ")}`,
    );
  }
  for (const [key, part] of Object.entries(parsed)) {
    if (part !== null && typeof part !== "string" && typeof part !== "number")
      fail(label, `address part ${key} must be text`);
  }
  return Object.fromEntries(
    Object.entries(parsed).map(([k, v]) => [k, v === null ? null : String(v)]),
  ) as Address;
};

/** An address as JSON: `{"line1", "city", "postal_code", "state", "country"}`. */
export const address = (
  api: string | readonly string[],
  label: string,
  options: FieldOptions = {},
): FieldSpec<Address> =>
  define(
    "address",
    api,
    label,
    {
      example:
        '{"line1": "2726 Smith Street", "city": "Hyannis", "postal_code": "02601", "state": "MA", "country": "US"}',
      ...options,
    },
    {
      inputType: "code",
      parse: parseAddress,
    },
  );

/** Any JSON object. */
export const jsonObject = (
  api: string | readonly string[],
  label: string,
  options: FieldOptions = {},
): FieldSpec<Record<string, unknown>> =>
  define("json", api, label, options, {
    inputType: "code",
    parse: (value, l) => parseJsonObject(value, l, "an object"),
  });

/**
 * The one list reader of inputs and custom field values: an array, a JSON array written as text,
 * or comma-separated text. Items must be text or numbers; they are trimmed and empty ones dropped.
 */
export const parseList = (value: unknown, label: string): string[] | undefined => {
  if (isEmpty(value)) return undefined;
  let items: unknown[];
  if (Array.isArray(value)) items = value;
  else if (typeof value === "string" && value.trim().startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (!Array.isArray(parsed)) return fail(label, "must be a list of values");
      items = parsed;
    } catch {
      return fail(label, "must be a list of values; the JSON array could not be read");
    }
  } else if (typeof value === "string" || typeof value === "number")
    items = String(value).split(",");
  else return fail(label, `must be a list of values, got '${show(value)}'`);
  const list = items.map((item) => {
    if (typeof item !== "string" && typeof item !== "number")
      return fail(label, `must be a list of text values, got '${show(item)}'`);
    return String(item).trim();
  });
  const nonEmpty = list.filter((item) => item !== "");
  return nonEmpty.length === 0 ? undefined : nonEmpty;
};

/** Tags: a list of names. Sell replaces the whole set on update, so an empty list is never sent. */
export const tags = (
  api: string | readonly string[],
  label: string,
  options: FieldOptions = {},
): FieldSpec<string[]> =>
  define(
    "tags",
    api,
    label,
    { example: "important", ...options },
    { inputType: "string", collection: "valuelist", parse: parseList },
  );

/** Reads key/value pairs: spectral's `[{key, value}]`, a plain object, or a JSON object string. */
export const toPairs = (value: unknown, label: string): Array<[string, unknown]> | undefined => {
  if (isEmpty(value)) return undefined;
  let source: unknown = value;
  if (typeof value === "string") {
    try {
      source = JSON.parse(value);
    } catch {
      return fail(label, 'must be key/value pairs (or a JSON object like {"Field": "value"})');
    }
  }
  if (Array.isArray(source)) {
    const pairs = source.map((entry): [string, unknown] => {
      // Already-read pairs (`[key, value]`) are accepted, so reading twice changes nothing.
      if (Array.isArray(entry) && entry.length === 2 && typeof entry[0] === "string")
        return [entry[0].trim(), entry[1]];
      const pair = entry as Partial<KeyValuePair<unknown>>;
      if (!pair || typeof pair !== "object" || typeof pair.key !== "string")
        return fail(label, "must be a list of key/value pairs");
      return [pair.key.trim(), pair.value];
    });
    const blankKey = pairs.find(([key]) => key === "");
    if (blankKey) fail(label, "has a pair with an empty key");
    return pairs.length === 0 ? undefined : pairs;
  }
  if (source && typeof source === "object") {
    const pairs = Object.entries(source as Record<string, unknown>);
    return pairs.length === 0 ? undefined : pairs;
  }
  return fail(label, "must be key/value pairs");
};

/** Custom field values keyed by the custom field's name: `{ "Referral website": "http://…" }`. */
export const customFields = (
  api: string | readonly string[],
  label: string,
  options: FieldOptions = {},
): FieldSpec<Record<string, unknown>> =>
  define("customFields", api, label, options, {
    inputType: "string",
    collection: "keyvaluelist",
    parse: (value, l) => {
      const pairs = toPairs(value, l);
      if (pairs === undefined) return undefined;
      const seen = new Set<string>();
      for (const [key] of pairs) {
        if (seen.has(key)) fail(l, `names custom field '${key}' twice`);
        seen.add(key);
      }
      return Object.fromEntries(pairs);
    },
  });

/** Ordered key/value pairs kept as given (query filters, headers). */
export const pairs = (
  api: string | readonly string[],
  label: string,
  options: FieldOptions = {},
): FieldSpec<Array<[string, string]>> =>
  define("pairs", api, label, options, {
    inputType: "string",
    collection: "keyvaluelist",
    parse: (value, l) => {
      const list = toPairs(value, l);
      if (list === undefined) return undefined;
      return list.map(([key, v]): [string, string] => {
        if (v !== null && typeof v === "object") return fail(l, `value of '${key}' must be text`);
        return [key, v === undefined || v === null ? "" : String(v)];
      });
    },
  });

/** A sort order: `field`, `field:asc` or `field:desc`, for the fields Sell can sort by. */
export const sortBy = (
  fields: readonly string[],
  options: FieldOptions = {},
): FieldSpec<string> => {
  const model: InputFieldChoice[] = [
    { label: "(default order)", value: "" },
    ...fields.flatMap((field) => [
      { label: `${field} (ascending)`, value: `${field}:asc` },
      { label: `${field} (descending)`, value: `${field}:desc` },
    ]),
  ];
  return define(
    "sortBy",
    "sort_by",
    "Sort By",
    { default: "", ...options },
    {
      inputType: "string",
      model,
      parse: (value, l) => {
        if (isEmpty(value)) return undefined;
        const textValue = String(value).trim();
        const custom = /^custom_fields:.+?(:(asc|desc))?$/.test(textValue);
        const match = /^([a-z_.]+)(:(asc|desc))?$/.exec(textValue);
        if (custom || (match && fields.includes(match[1] as string))) return textValue;
        return fail(
          l,
          `must be one of ${fields.join(", ")} (optionally followed by :asc or :desc), or custom_fields:<name>; got '${show(value)}'`,
        );
      },
    },
  );
};

/** Several of a fixed set of values, as a list (`created, deleted`); matched case-insensitively. */
export const choiceList = (
  api: string | readonly string[],
  label: string,
  values: readonly string[],
  options: FieldOptions = {},
): FieldSpec<string[]> =>
  define("choiceList", api, label, options, {
    inputType: "string",
    collection: "valuelist",
    parse: (value, l) => {
      const list = parseList(value, l);
      if (list === undefined) return undefined;
      const chosen = list.map((item) => {
        const match = values.find((v) => v.toLowerCase() === item.toLowerCase());
        if (match === undefined) fail(l, `must be any of ${values.join(", ")}; got '${item}'`);
        return match as string;
      });
      return [...new Set(chosen)];
    },
  });
