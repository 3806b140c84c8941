/**
 * Custom fields: definitions live in the `custom_fields` table (one record per field, with its
 * `resource_type`), values live on leads/contacts/deals as `custom_fields: { <name>: value }`.
 */
import type { FieldErrors } from "./errors";
import type { World } from "./types";
import { isDate, isoSeconds, isRec, type Json, parseDateTime, type Rec } from "./util";

export const CUSTOM_FIELD_TYPES = [
  "string",
  "text",
  "number",
  "bool",
  "date",
  "datetime",
  "email",
  "phone",
  "url",
  "address",
  "list",
  "multi_select_list",
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];

/** Types Sell lets you mark "Filterable" (§3.3). */
export const FILTERABLE_TYPES: readonly string[] = [
  "string",
  "number",
  "list",
  "multi_select_list",
];

export const ADDRESS_KEYS = ["line1", "city", "postal_code", "state", "country"] as const;

export function definitions(world: World, scopes: readonly string[]): Rec[] {
  return world.store.all("custom_fields").filter((d) => scopes.includes(String(d.resource_type)));
}

export function findDefinition(
  world: World,
  scopes: readonly string[],
  name: string,
): Rec | undefined {
  return definitions(world, scopes).find((d) => d.name === name);
}

const choiceNames = (def: Rec): string[] =>
  Array.isArray(def.choices) ? def.choices.map((c) => (isRec(c) ? String(c.name) : "")) : [];

/**
 * Validates a `custom_fields` write and returns the merged map: only the keys sent change,
 * `null` clears a value, multi-select arrays are replaced.
 */
export function applyCustomFields(
  world: World,
  scopes: readonly string[],
  input: Json,
  existing: Json | undefined,
  errors: FieldErrors,
): Rec {
  const merged: Rec = isRec(existing) ? { ...existing } : {};
  if (input === null) return merged;
  if (!isRec(input)) {
    errors.add(
      "custom_fields",
      "invalid_type",
      "The attribute '/data/custom_fields' must be an object.",
    );
    return merged;
  }
  for (const [name, value] of Object.entries(input)) {
    const pointer = `/data/custom_fields/${name}`;
    const def = findDefinition(world, scopes, name);
    if (!def) {
      errors.add(
        pointer,
        "unknown",
        `The custom field '${name}' is not defined for this resource (see GET /v2/:resource_type/custom_fields).`,
      );
      continue;
    }
    if (value === null) {
      delete merged[name];
      continue;
    }
    const normalized = normalizeValue(def, value);
    if (normalized === undefined) {
      errors.add(
        pointer,
        "incorrect_value",
        `The attribute '${pointer}' value is not a valid ${String(def.type)}${
          def.type === "list" || def.type === "multi_select_list"
            ? ` (choices: ${choiceNames(def).join(", ")})`
            : ""
        }.`,
      );
      continue;
    }
    merged[name] = normalized;
  }
  return merged;
}

/** The stored form of a value for a definition, or undefined when the value does not fit. */
export function normalizeValue(def: Rec, value: Json): Json | undefined {
  switch (def.type as CustomFieldType) {
    case "string":
    case "text":
    case "email":
    case "phone":
    case "url":
      return typeof value === "string" ? value : undefined;
    case "number": {
      if (typeof value === "number" && Number.isFinite(value)) return value;
      if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
      return undefined;
    }
    case "bool":
      return typeof value === "boolean" ? value : undefined;
    case "date":
      return typeof value === "string" && isDate(value) ? value : undefined;
    case "datetime": {
      if (typeof value !== "string") return undefined;
      const ms = parseDateTime(value);
      return ms === undefined ? undefined : isoSeconds(ms);
    }
    case "list":
      return typeof value === "string" && choiceNames(def).includes(value) ? value : undefined;
    case "multi_select_list": {
      if (!Array.isArray(value)) return undefined;
      const names = choiceNames(def);
      if (!value.every((v) => typeof v === "string" && names.includes(v))) return undefined;
      return [...new Set(value as string[])];
    }
    case "address": {
      if (!isRec(value)) return undefined;
      if (!Object.keys(value).every((k) => (ADDRESS_KEYS as readonly string[]).includes(k)))
        return undefined;
      const out: Rec = {};
      for (const key of ADDRESS_KEYS) {
        const v = value[key];
        if (v !== undefined && v !== null && typeof v !== "string") return undefined;
        out[key] = v ?? null;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** Firehose form (§8.3): `[{id, name, value}]`, numbers as strings, lists as `{id, name}`. */
export function customFieldValues(world: World, scopes: readonly string[], map: Json): Json[] {
  if (!isRec(map)) return [];
  const out: Json[] = [];
  for (const [name, value] of Object.entries(map)) {
    const def = findDefinition(world, scopes, name);
    if (!def) continue;
    out.push({ id: def.id ?? null, name, value: firehoseValue(def, value) });
  }
  return out;
}

function firehoseValue(def: Rec, value: Json): Json {
  const choice = (name: Json): Json => {
    const found = Array.isArray(def.choices)
      ? def.choices.find((c) => isRec(c) && c.name === name)
      : undefined;
    return found ?? { id: null, name };
  };
  switch (def.type) {
    case "number":
      return typeof value === "number" ? String(value) : value;
    case "list":
      return choice(value);
    case "multi_select_list":
      return Array.isArray(value) ? value.map(choice) : value;
    default:
      return value;
  }
}

/** Equality used by `custom_fields[Name]=value` list/upsert filters. */
export function customFieldMatches(def: Rec, stored: Json | undefined, raw: string): boolean {
  if (stored === undefined || stored === null) return false;
  switch (def.type) {
    case "number":
      return typeof stored === "number" && stored === Number(raw);
    case "multi_select_list":
      return Array.isArray(stored) && stored.includes(raw);
    case "bool":
      return String(stored) === raw;
    default:
      return stored === raw;
  }
}
