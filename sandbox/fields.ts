/**
 * Write validation and the default v2 rendering of a resource's fields.
 */
import { ADDRESS_KEYS, applyCustomFields } from "./customFields";
import type { FieldErrors } from "./errors";
import type { Ctx, FieldSpec, ResourceDef, World } from "./types";
import {
  isDate,
  isoSeconds,
  isRec,
  type Json,
  jsonEqual,
  parseDateTime,
  type Rec,
  renderDealValue,
  toDecimal,
} from "./util";

type Normalized =
  | { ok: true; value: Json }
  | {
      ok: false;
      code: "invalid_type" | "incorrect_value" | "unknown";
      details: string;
      field?: string;
    };

const TYPE_NAMES: Record<string, string> = {
  int: "an integer",
  string: "a string",
  bool: "a boolean",
  datetime: "an ISO-8601 date-time string",
  date: "a date string (YYYY-MM-DD)",
  decimal: "a decimal (number or numeric string)",
  address: "an address object",
  tags: "an array of strings",
  int_array: "an array of integers",
  prices: "an array of prices ({amount, currency})",
};

const typeError = (pointer: string, type: string): Normalized => ({
  ok: false,
  code: "invalid_type",
  details: `The attribute '${pointer}' must be ${TYPE_NAMES[type] ?? type}.`,
});

/** Checks and normalizes one value against its field type (null is handled by the caller). */
export function normalizeField(spec: FieldSpec, value: Json, pointer: string): Normalized {
  switch (spec.type) {
    case "int":
      return typeof value === "number" && Number.isSafeInteger(value)
        ? { ok: true, value }
        : typeError(pointer, "int");
    case "string":
      return typeof value === "string" ? { ok: true, value } : typeError(pointer, "string");
    case "bool":
      return typeof value === "boolean" ? { ok: true, value } : typeError(pointer, "bool");
    case "datetime": {
      if (typeof value !== "string") return typeError(pointer, "datetime");
      const ms = parseDateTime(value);
      return ms === undefined
        ? {
            ok: false,
            code: "incorrect_value",
            details: `The attribute '${pointer}' value is not a valid ISO-8601 date-time.`,
          }
        : { ok: true, value: isoSeconds(ms) };
    }
    case "date":
      if (typeof value !== "string") return typeError(pointer, "date");
      // A date-time is accepted too and keeps its date part as written (no zone conversion).
      if (isDate(value)) return { ok: true, value };
      return parseDateTime(value) !== undefined
        ? { ok: true, value: value.slice(0, 10) }
        : {
            ok: false,
            code: "incorrect_value",
            details: `The attribute '${pointer}' value is not a valid date (YYYY-MM-DD).`,
          };
    case "decimal": {
      if (typeof value !== "string" && typeof value !== "number")
        return typeError(pointer, "decimal");
      const decimal = toDecimal(value);
      return decimal === undefined
        ? {
            ok: false,
            code: "incorrect_value",
            details: `The attribute '${pointer}' value is not a valid decimal number.`,
          }
        : { ok: true, value: decimal };
    }
    case "address": {
      if (!isRec(value)) return typeError(pointer, "address");
      const out: Rec = {};
      for (const key of Object.keys(value)) {
        if (!(ADDRESS_KEYS as readonly string[]).includes(key))
          return {
            ok: false,
            code: "unknown",
            field: `${pointer}/${key}`,
            details: `The attribute '${pointer}/${key}' is not a known attribute for the 'address' resource.`,
          };
      }
      for (const key of ADDRESS_KEYS) {
        const v = value[key];
        if (v !== undefined && v !== null && typeof v !== "string")
          return typeError(`${pointer}/${key}`, "string");
        out[key] = v ?? null;
      }
      return { ok: true, value: out };
    }
    case "tags": {
      if (!Array.isArray(value) || !value.every((t) => typeof t === "string"))
        return typeError(pointer, "tags");
      const tags = [...new Set((value as string[]).map((t) => t.trim()).filter((t) => t !== ""))];
      return { ok: true, value: tags };
    }
    case "int_array":
      return Array.isArray(value) &&
        value.every((v) => typeof v === "number" && Number.isSafeInteger(v))
        ? { ok: true, value: [...new Set(value as number[])] }
        : typeError(pointer, "int_array");
    case "prices": {
      if (!Array.isArray(value)) return typeError(pointer, "prices");
      const out: Array<{ amount: string; currency: string }> = [];
      for (const [i, price] of value.entries()) {
        const at = `${pointer}/${i}`;
        if (!isRec(price)) return typeError(at, "prices");
        const extra = Object.keys(price).find((k) => k !== "amount" && k !== "currency");
        if (extra)
          return {
            ok: false,
            code: "unknown",
            field: `${at}/${extra}`,
            details: `The attribute '${at}/${extra}' is not a known attribute for the 'price' resource.`,
          };
        const amount = toDecimal(price.amount);
        if (amount === undefined) return typeError(`${at}/amount`, "decimal");
        if (typeof price.currency !== "string" || !/^[A-Z]{3}$/.test(price.currency))
          return {
            ok: false,
            code: "incorrect_value",
            details: `The attribute '${at}/currency' must be an ISO-4217 currency code.`,
          };
        out.push({ amount, currency: price.currency });
      }
      // Sell returns prices ordered by currency code, not in the order sent (see README).
      out.sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
      return { ok: true, value: out };
    }
    case "custom_fields":
    case "json":
      return { ok: true, value };
  }
}

/**
 * Validates the attributes sent in a write. Returns the normalized attributes (aliases resolved,
 * read-only ones dropped when ignored). Errors are collected in `errors`.
 */
export function validateInput(
  ctx: Ctx,
  def: ResourceDef,
  input: Rec,
  existing: Rec | undefined,
  errors: FieldErrors,
): Rec {
  const out: Rec = {};
  for (const [rawKey, value] of Object.entries(input)) {
    const key = def.aliases?.[rawKey] ?? rawKey;
    const pointer = `/data/${key}`;
    const spec = def.fields[key];
    if (!spec) {
      errors.add(pointer, "unknown");
      continue;
    }
    if (def.scope && key in def.scope) {
      // Fixed by the endpoint (e.g. resource_type of /v2/lead_sources): the same value is fine.
      if (!jsonEqual(def.scope[key], value))
        errors.add(
          pointer,
          "incorrect_value",
          `The attribute '${pointer}' must be ${JSON.stringify(def.scope[key])} on this endpoint.`,
        );
      continue;
    }
    if (spec.readOnly || spec.type === "json") {
      if (ctx.readOnlyAttributes === "reject")
        errors.add(
          pointer,
          "unknown",
          `The attribute '${pointer}' is not a known attribute for the '${def.type}' resource (it is read-only).`,
        );
      continue;
    }
    if (spec.type === "custom_fields") {
      out[key] = applyCustomFields(ctx, def.customFields ?? [], value, existing?.[key], errors);
      continue;
    }
    if (value === null) {
      if (spec.required) errors.add(pointer, "blank");
      else if (spec.createOnly && existing && existing[key] !== null)
        errors.add(pointer, "incorrect_value", createOnlyDetails(pointer));
      else
        out[key] =
          spec.type === "tags" || spec.type === "int_array" || spec.type === "prices" ? [] : null;
      continue;
    }
    const normalized = normalizeField(spec, value, pointer);
    if (!normalized.ok) {
      errors.add(normalized.field ?? pointer, normalized.code, normalized.details);
      continue;
    }
    const v = normalized.value;
    if (spec.required && typeof v === "string" && v.trim() === "") {
      errors.add(pointer, "blank");
      continue;
    }
    if (spec.enum && typeof v === "string" && !spec.enum.includes(v)) {
      errors.add(
        pointer,
        "incorrect_value",
        `The attribute '${pointer}' value is not included in the list`,
      );
      continue;
    }
    if (!checkRange(spec, v, pointer, errors)) continue;
    if (spec.createOnly && existing && !jsonEqual(existing[key], v)) {
      errors.add(pointer, "incorrect_value", createOnlyDetails(pointer));
      continue;
    }
    if (spec.ref && !checkRef(ctx, spec.ref, v)) {
      errors.add(
        pointer,
        "incorrect_value",
        `The attribute '${pointer}' refers to a ${ctx.registry.primary(spec.ref).type} that does not exist.`,
      );
      continue;
    }
    out[key] = v;
  }
  return out;
}

const createOnlyDetails = (pointer: string): string =>
  `The attribute '${pointer}' can be set only during creation and cannot be changed later.`;

function checkRange(spec: FieldSpec, value: Json, pointer: string, errors: FieldErrors): boolean {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
  if (Number.isNaN(n)) return true;
  if (spec.max !== undefined && n > spec.max) {
    errors.add(
      pointer,
      "incorrect_value",
      `Ensure this value is less than or equal to ${spec.max}.`,
    );
    return false;
  }
  if (spec.min !== undefined && n < spec.min) {
    errors.add(
      pointer,
      "incorrect_value",
      `Ensure this value is greater than or equal to ${spec.min}.`,
    );
    return false;
  }
  return true;
}

function checkRef(world: World, table: string, value: Json): boolean {
  const ids = Array.isArray(value) ? value : [value];
  return ids.every((id) => typeof id === "number" && world.store.get(table, id) !== undefined);
}

/** Required-on-create check on the candidate record. */
export function checkRequired(def: ResourceDef, record: Rec, errors: FieldErrors): void {
  for (const [key, spec] of Object.entries(def.fields)) {
    if (!spec.required || errors.has(key)) continue;
    const v = record[key];
    if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) {
      errors.add(`/data/${key}`, "blank");
    }
  }
}

/** Default v2 rendering: every non-hidden field, in definition order, null when unset. */
export function renderFields(def: ResourceDef, record: Rec): Rec {
  const out: Rec = {};
  for (const [key, spec] of Object.entries(def.fields)) {
    if (spec.hidden) continue;
    const v = record[key];
    switch (spec.type) {
      case "decimal":
        out[key] = spec.decimalStyle === "deal" ? renderDealValue(v) : (v ?? null);
        break;
      case "tags":
      case "int_array":
        out[key] = v ?? [];
        break;
      case "custom_fields":
        out[key] = v ?? {};
        break;
      default:
        out[key] = v ?? null;
    }
  }
  return out;
}
