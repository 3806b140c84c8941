import type { CustomFieldDefinition } from "../client/customFields";
import { isPlainObject } from "../util/values";
import { InputError } from "./errors";
import { address, date, dateTime, parseBoolean, parseList } from "./fields";

/**
 * Custom field values checked against the account's definitions before a write, so a typo in a
 * field name or a value that does not fit its type fails with a message naming the field,
 * instead of a 422 from Sell (or a silently dropped value).
 */

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
      const chosen = parseList(value, where) ?? [];
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

/** The definition a name means: exactly, or ignoring case and surrounding spaces. */
export const findDefinition = (
  definitions: readonly CustomFieldDefinition[],
  name: string,
): CustomFieldDefinition | undefined =>
  definitions.find((d) => d.name === name) ??
  definitions.find((d) => d.name.toLowerCase() === name.trim().toLowerCase());

/** Converts a `custom_fields` object with the definitions; an unknown name fails, listing the known ones. */
export function typeCustomFieldValues(
  definitions: readonly CustomFieldDefinition[],
  values: Record<string, unknown>,
  label: string,
): Record<string, unknown> {
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
