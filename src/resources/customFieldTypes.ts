import { createHash } from "node:crypto";
import { InputError, type SellClient } from "../client";
import { CustomFieldRecord } from "./account";
import { address, date, dateTime, isPlainObject } from "./fields";

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

/** The custom field definitions of a resource type (`lead`, `contact`, `deal`, `prospect_and_customer`). */
export function customFieldDefinitions(
  sell: SellClient,
  resourceType: string,
  now: number = Date.now(),
): Promise<CustomFieldDefinition[]> {
  const key = cacheKey(sell, resourceType);
  const cached = cache.get(key);
  if (cached && now - cached.at < CACHE_MS) return cached.definitions;
  const definitions = readCustomFieldDefinitions(sell, resourceType);
  cache.set(key, { at: now, definitions });
  // A failed read is not cached: the next write tries again.
  definitions.catch(() => cache.delete(key));
  return definitions;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

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
      if (typeof textValue === "string" && NUMBER.test(textValue)) return Number(textValue);
      throw new InputError(where, `must be a number, got '${String(value)}'`);
    case "bool":
    case "boolean": {
      if (typeof value === "boolean") return value;
      const word = String(textValue).toLowerCase();
      if (["true", "yes", "1"].includes(word)) return true;
      if (["false", "no", "0"].includes(word)) return false;
      throw new InputError(where, `must be true or false, got '${String(value)}'`);
    }
    case "date":
      return date([], where).parse(value, where) ?? null;
    case "datetime":
      return dateTime([], where).parse(value, where) ?? null;
    case "list":
      return definition.choices.length > 0 ? choose(value) : textValue;
    case "multi_select_list": {
      const picked = toList(value)
        .map((item) => String(item).trim())
        .filter((item) => item !== "");
      return definition.choices.length > 0 ? picked.map(choose) : picked;
    }
    case "address":
      return address([], where).parse(value, where) ?? null;
    default:
      return typeof textValue === "string" ||
        typeof textValue === "number" ||
        typeof textValue === "boolean"
        ? String(textValue)
        : textValue;
  }
}

/**
 * Checks and converts a `custom_fields` object against the definitions of the given resource
 * types (the first that defines a name wins). Unknown names fail, listing the known ones.
 */
export async function typeCustomFields(
  sell: SellClient,
  resourceTypes: readonly string[],
  values: Record<string, unknown>,
  label: string,
): Promise<Record<string, unknown>> {
  const definitionSets = await Promise.all(
    resourceTypes.map((type) => customFieldDefinitions(sell, type)),
  );
  const definitions = definitionSets.flat();
  const typed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const definition =
      definitions.find((d) => d.name === name) ??
      definitions.find((d) => d.name.toLowerCase() === name.trim().toLowerCase());
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
