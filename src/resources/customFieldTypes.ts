import { createHash } from "node:crypto";
import { InputError, type SellClient } from "../client";
import { CustomFieldRecord } from "./account";
import { address, date, dateTime, isPlainObject, parseBoolean } from "./fields";

/**
 * Custom field values checked against the account's definitions before a write, so a typo in a
 * field name or a value that does not fit its type fails with a message naming the field,
 * instead of a 422 from Sell (or a silently dropped value). Definitions are read once per
 * token and resource type and kept for a few minutes, so a flow looping over records does not
 * pay a request per record.
 */

export interface CustomFieldDefinition {
  name: string;
  /** `string`, `number`, `date`, `list`…; absent when Sell does not say (treated as text). */
  type?: string;
  choices: string[];
}

const CACHE_MS = 5 * 60 * 1000;
const cache = new Map<string, { at: number; definitions: Promise<CustomFieldDefinition[]> }>();

const cacheKey = (sell: SellClient, resourceType: string): string =>
  createHash("sha256")
    .update(`${sell.transport.origin}\u0000${sell.transport.identity}\u0000${resourceType}`)
    .digest("hex");

/** Reads the custom field definitions of a resource type (uncached). */
export async function readCustomFieldDefinitions(
  sell: SellClient,
  resourceType: string,
): Promise<CustomFieldDefinition[]> {
  const { items } = await sell.v2.list(`/${resourceType}/custom_fields`);
  const definitions: CustomFieldDefinition[] = [];
  for (const item of items) {
    const parsed = CustomFieldRecord.safeParse(item.data);
    if (!parsed.success || typeof parsed.data.name !== "string") continue;
    const options = parsed.data.choices ?? parsed.data.options ?? [];
    definitions.push({
      name: parsed.data.name,
      type: parsed.data.type ?? undefined,
      choices: options.map((o) => o.name),
    });
  }
  return definitions;
}

/**
 * The custom field definitions of a resource type (`lead`, `contact`, `deal`,
 * `prospect_and_customer`), from the cache when it is fresh; `fresh: true` reads them again.
 */
export function customFieldDefinitions(
  sell: SellClient,
  resourceType: string,
  now: number = Date.now(),
  fresh = false,
): Promise<CustomFieldDefinition[]> {
  const key = cacheKey(sell, resourceType);
  const cached = cache.get(key);
  if (!fresh && cached && now - cached.at < CACHE_MS) return cached.definitions;
  const definitions = readCustomFieldDefinitions(sell, resourceType);
  cache.set(key, { at: now, definitions });
  // A failed read is not cached: the next write tries again.
  definitions.catch(() => cache.delete(key));
  return definitions;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/** `-0012.3400` → `-12.34`; `0.0` → `0`: the decimal a text means, written one way. */
function canonicalDecimal(text: string): string {
  const negative = text.startsWith("-");
  const [whole = "", fraction = ""] = text.replace(/^-/, "").split(".");
  const integerPart = whole.replace(/^0+(?=\d)/, "") || "0";
  const fractionPart = fraction.replace(/0+$/, "");
  const body = fractionPart ? `${integerPart}.${fractionPart}` : integerPart;
  return negative && body !== "0" ? `-${body}` : body;
}

/** The shortest decimal that reads back as `value` (`1e+21` written out in full). */
function decimalOf(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return canonicalDecimal(text);
  const [mantissa = "", exponentText = "0"] = text.toLowerCase().split("e");
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith("-");
  const [whole = "", fraction = ""] = mantissa.replace(/^-/, "").split(".");
  const digits = whole + fraction;
  const point = whole.length + exponent;
  const written =
    point <= 0
      ? `0.${"0".repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + "0".repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return canonicalDecimal(`${negative ? "-" : ""}${written}`);
}

/**
 * A number custom field value as a JSON number, or an error when a number cannot carry it
 * exactly (`99999999999999999999.5` would be sent as `100000000000000000000`).
 */
function exactNumber(textValue: string, where: string): number {
  const parsed = Number(textValue);
  if (!Number.isFinite(parsed) || decimalOf(parsed) !== canonicalDecimal(textValue)) {
    throw new InputError(
      where,
      `'${textValue}' has more digits than a number can hold exactly (about 15 significant digits); it would reach Sell as ${decimalOf(parsed)}: round it, or use a text custom field`,
    );
  }
  return parsed;
}

const toList = (value: unknown): unknown[] => {
  if (Array.isArray(value)) return value;
  if (typeof value === "string" && value.trim().startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // fall through: treated as a comma-separated list
    }
  }
  return String(value).split(",");
};

const describeValue = (value: unknown): string =>
  Array.isArray(value) ? "a list" : isPlainObject(value) ? "an object" : `'${String(value)}'`;

/** One value converted to what Sell expects for the field's type, or an error naming the field. */
export function typeValue(
  definition: CustomFieldDefinition,
  value: unknown,
  label: string,
): unknown {
  const where = `${label} › ${definition.name}`;
  if (value === null) return null;
  const textValue = typeof value === "string" ? value.trim() : value;
  const choose = (candidate: unknown): string => {
    if (typeof candidate !== "string" && typeof candidate !== "number") {
      throw new InputError(
        where,
        `must be one of ${definition.choices.join(", ") || "(no choices defined)"}, got ${describeValue(candidate)}`,
      );
    }
    const match = definition.choices.find(
      (c) => c.toLowerCase() === String(candidate).trim().toLowerCase(),
    );
    if (match === undefined) {
      throw new InputError(
        where,
        `must be one of ${definition.choices.join(", ") || "(no choices defined)"}, got '${String(candidate).trim()}'`,
      );
    }
    return match;
  };
  switch (definition.type) {
    case "number":
      if (typeof textValue === "number" && Number.isFinite(textValue)) return textValue;
      if (typeof textValue === "string" && NUMBER.test(textValue))
        return exactNumber(textValue, where);
      throw new InputError(where, `must be a number, got ${describeValue(value)}`);
    case "bool":
    case "boolean": {
      if (typeof value !== "boolean" && typeof value !== "string" && typeof value !== "number")
        throw new InputError(where, `must be true or false, got ${describeValue(value)}`);
      return parseBoolean(value, where) ?? null;
    }
    case "date":
      return date([], where).parse(value, where) ?? null;
    case "datetime":
      return dateTime([], where).parse(value, where) ?? null;
    case "list":
      return definition.choices.length > 0 ? choose(textValue) : textOnly(textValue, where);
    case "multi_select_list": {
      const picked = toList(value).map((item) => {
        if (typeof item !== "string" && typeof item !== "number")
          throw new InputError(
            where,
            `must be a list of choices, got ${describeValue(item)} in it`,
          );
        return String(item).trim();
      });
      const chosen = picked.filter((item) => item !== "");
      return definition.choices.length > 0 ? chosen.map(choose) : chosen;
    }
    case "address":
      return address([], where).parse(value, where) ?? null;
    default:
      return textOnly(textValue, where);
  }
}

/** Text-like field types (string, text, email, phone, url, unknown): a string, never a structure. */
function textOnly(value: unknown, where: string): string {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return String(value);
  throw new InputError(where, `must be text, got ${describeValue(value)}`);
}

const findDefinition = (definitions: readonly CustomFieldDefinition[], name: string) =>
  definitions.find((d) => d.name === name) ??
  definitions.find((d) => d.name.toLowerCase() === name.trim().toLowerCase());

/**
 * Checks and converts a `custom_fields` object against the definitions of the given resource
 * types (the first that defines a name wins). A name the cached definitions do not know makes
 * them be read again once (the field may have been added in Sell a minute ago); a name still
 * unknown fails, listing the known ones.
 */
export async function typeCustomFields(
  sell: SellClient,
  resourceTypes: readonly string[],
  values: Record<string, unknown>,
  label: string,
): Promise<Record<string, unknown>> {
  const read = async (fresh: boolean) =>
    (
      await Promise.all(
        resourceTypes.map((type) => customFieldDefinitions(sell, type, Date.now(), fresh)),
      )
    ).flat();
  let definitions = await read(false);
  if (Object.keys(values).some((name) => !findDefinition(definitions, name)))
    definitions = await read(true);
  const typed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const definition = findDefinition(definitions, name);
    if (!definition) {
      const known = [...new Set(definitions.map((d) => d.name))].sort();
      throw new InputError(
        `${label} › ${name}`,
        `is not a custom field of this record type${known.length ? `; the custom fields are: ${known.join(", ")}` : " (it has no custom fields)"}`,
      );
    }
    typed[definition.name] = typeValue(definition, value, label);
  }
  return typed;
}

/** Replaces `body.custom_fields` with its typed form, when there is one. */
export async function withTypedCustomFields(
  sell: SellClient,
  resourceTypes: readonly string[] | undefined,
  body: Record<string, unknown>,
  label = "Custom Fields",
): Promise<Record<string, unknown>> {
  const values = body.custom_fields;
  if (!resourceTypes || resourceTypes.length === 0 || !isPlainObject(values)) return body;
  return { ...body, custom_fields: await typeCustomFields(sell, resourceTypes, values, label) };
}
