import type { InputFieldDefinition } from "@prismatic-io/spectral";
import type { z } from "zod";
import type { RecordData } from "../client/envelopes";
import { InputError } from "../client/errors";
import { isWellFormed, type QueryValue } from "../client/query";
import { type FieldSpec, isPlainObject } from "./fields";

/**
 * Layouts: how a resource's fields are arranged as the inputs of one action. A layout is an
 * ordered map of input key → field, or → group (a spectral structured object of fields), which
 * is exactly the input tree the action shows. The same layout is used to read the values back
 * and to build the request, so inputs and requests cannot drift apart.
 */

export interface GroupSpec {
  readonly group: string;
  readonly comments?: string;
  readonly fields: Readonly<Record<string, FieldSpec>>;
}
export type LayoutEntry = FieldSpec | GroupSpec;
export type Layout = Readonly<Record<string, LayoutEntry>>;

export const group = (
  label: string,
  fields: Record<string, FieldSpec>,
  comments?: string,
): GroupSpec => ({
  group: label,
  fields,
  ...(comments ? { comments } : {}),
});

export const isGroup = (entry: LayoutEntry): entry is GroupSpec => "group" in entry;

/** Where a field's value goes in a request. */
export type Target = "body" | "query";

/** Marks a field to be sent as a query parameter even in a write (upsert filters, `inclusive`). */
export const inQuery = <T>(field: FieldSpec<T>): FieldSpec<T> & { target: Target } => ({
  ...field,
  target: "query",
});

export const targetOf = (field: FieldSpec, fallback: Target): Target =>
  (field as FieldSpec & { target?: Target }).target ?? fallback;

/** Whether any text in a value (strings, object keys, list items) cannot be sent as UTF-8. */
function holdsBrokenText(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return !isWellFormed(value);
  if (depth > 20 || value === null || typeof value !== "object" || Buffer.isBuffer(value))
    return false;
  if (Array.isArray(value)) return value.some((item) => holdsBrokenText(item, depth + 1));
  return Object.entries(value).some(
    ([key, item]) => !isWellFormed(key) || holdsBrokenText(item, depth + 1),
  );
}

/**
 * Runs a field's parser and its required check, naming the input in any error. Text that is
 * not valid Unicode (a lone UTF-16 surrogate) is refused here, for every input, since it can be
 * neither put in a URL nor sent as UTF-8.
 */
export function cleanField<T>(
  field: FieldSpec<T>,
  value: unknown,
  errorLabel: string = field.label,
): T | undefined {
  if (holdsBrokenText(value)) {
    throw new InputError(
      errorLabel,
      "contains a broken character (half of a UTF-16 surrogate pair, often left by cutting text in the middle of an emoji): remove or retype it",
    );
  }
  const parsed = field.parse(value, errorLabel);
  if (parsed === undefined && field.required) throw new InputError(errorLabel, "is required");
  return parsed;
}

/** The spectral input for a field; `errorLabel` is how errors name it (group › label). */
export function toInput(field: FieldSpec, errorLabel: string = field.label): InputFieldDefinition {
  const base = {
    label: field.label,
    ...(field.comments ? { comments: field.comments } : {}),
    ...(field.example ? { example: field.example } : {}),
    ...(field.placeholder ? { placeholder: field.placeholder } : {}),
    ...(field.dataSource ? { dataSource: field.dataSource } : {}),
    required: field.required === true,
    clean: (value: unknown) => cleanField(field, value, errorLabel),
  };
  if (field.collection === "keyvaluelist")
    return { ...base, type: "string", collection: "keyvaluelist" };
  if (field.collection === "valuelist") return { ...base, type: "string", collection: "valuelist" };
  const withDefault = field.default === undefined ? {} : { default: field.default };
  const withModel = field.model ? { model: [...field.model] } : {};
  switch (field.inputType) {
    case "code":
      return { ...base, ...withDefault, type: "code", language: "json" };
    case "boolean":
      return { ...base, ...withDefault, ...withModel, type: "boolean" };
    case "text":
      return { ...base, ...withDefault, ...withModel, type: "text" };
    case "string":
      return { ...base, ...withDefault, ...withModel, type: "string" };
  }
}

const childLabel = (groupSpec: GroupSpec, field: FieldSpec): string =>
  `${groupSpec.group} › ${field.label}`;

/** The inputs (spectral definitions) a layout shows. */
export function layoutInputs(layout: Layout): Record<string, InputFieldDefinition> {
  const inputs: Record<string, InputFieldDefinition> = {};
  for (const [key, entry] of Object.entries(layout)) {
    if (isGroup(entry)) {
      const children: Record<string, InputFieldDefinition> = {};
      for (const [childKey, field] of Object.entries(entry.fields))
        children[childKey] = toInput(field, childLabel(entry, field));
      inputs[key] = {
        type: "structuredObject",
        label: entry.group,
        ...(entry.comments ? { comments: entry.comments } : {}),
        inputs: children as Record<
          string,
          Exclude<
            InputFieldDefinition,
            { type: "structuredObject" | "dynamicObject" | "connection" | "template" }
          >
        >,
      } as InputFieldDefinition;
    } else {
      inputs[key] = toInput(entry);
    }
  }
  return inputs;
}

/** One input's cleaned value, with where it came from. */
export interface FieldValue {
  /** Input key path, e.g. `additionalFields.ownerId`. */
  readonly key: string;
  readonly field: FieldSpec;
  readonly value: unknown;
  /** How errors name this input. */
  readonly label: string;
}

/** A structured-object value may arrive as an object, as JSON text, or not at all. */
const groupValue = (value: unknown, label: string): Record<string, unknown> => {
  if (isPlainObject(value)) return value;
  if (typeof value === "string" && value.trim().startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (isPlainObject(parsed)) return parsed;
    } catch {
      throw new InputError(label, "must be an object of its fields; the JSON could not be read");
    }
  }
  return {};
};

/**
 * Reads every field of a layout from the action's params and cleans it. Groups that were left
 * out (undefined, "", not an object) count as empty, never as a crash. Only fields that have a
 * value are returned.
 */
export function readLayout(
  layout: Layout,
  params: Readonly<Record<string, unknown>>,
): FieldValue[] {
  const values: FieldValue[] = [];
  for (const [key, entry] of Object.entries(layout)) {
    if (isGroup(entry)) {
      const groupParams = groupValue(params[key], entry.group);
      for (const [childKey, field] of Object.entries(entry.fields)) {
        const label = childLabel(entry, field);
        const value = cleanField(field, groupParams[childKey], label);
        if (value !== undefined) values.push({ key: `${key}.${childKey}`, field, value, label });
      }
    } else {
      const value = cleanField(entry, params[key]);
      if (value !== undefined) values.push({ key, field: entry, value, label: entry.label });
    }
  }
  return values;
}

/** Finds the value of one input by key path in what `readLayout` returned. */
export const inputValue = (values: readonly FieldValue[], key: string): unknown =>
  values.find((v) => v.key === key)?.value;

const setPath = (
  target: Record<string, unknown>,
  path: readonly string[],
  value: unknown,
  label: string,
): void => {
  let node = target;
  for (const part of path.slice(0, -1)) {
    const next = node[part];
    if (next === undefined) node[part] = {};
    else if (!isPlainObject(next))
      throw new InputError(label, `conflicts with another input that sets ${path.join(".")}`);
    node = node[part] as Record<string, unknown>;
  }
  const last = path[path.length - 1] as string;
  const existing = node[last];
  node[last] = isPlainObject(existing) && isPlainObject(value) ? { ...existing, ...value } : value;
};

/** Request body (`data`) of the fields whose target is the body. */
export function toBody(values: readonly FieldValue[], fallback: Target = "body"): RecordData {
  const body: Record<string, unknown> = {};
  for (const { field, value, label } of values) {
    if (targetOf(field, fallback) !== "body" || field.api.length === 0) continue;
    setPath(body, field.api, value, label);
  }
  return body;
}

/**
 * Query parameters of the fields whose target is the query: nested paths and object values
 * become bracketed keys (`address[city]`, `custom_fields[Name]`), arrays are comma-joined and
 * key/value pair lists are sent as their own keys.
 */
export function toQuery(
  values: readonly FieldValue[],
  fallback: Target = "query",
): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {};
  const put = (key: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (isPlainObject(value)) {
      for (const [childKey, childValue] of Object.entries(value))
        put(`${key}[${childKey}]`, childValue);
      return;
    }
    if (Array.isArray(value) && value.every((pair) => Array.isArray(pair) && pair.length === 2)) {
      for (const [pairKey, pairValue] of value as Array<[string, unknown]>) put(pairKey, pairValue);
      return;
    }
    query[key] = Array.isArray(value) ? value.map(String) : (value as QueryValue);
  };
  for (const { field, value } of values) {
    if (targetOf(field, fallback) !== "query") continue;
    const [head, ...rest] = field.api;
    if (head === undefined) put("", value);
    else
      put(
        rest.reduce((key, part) => `${key}[${part}]`, head),
        value,
      );
  }
  return query;
}

/** Cross-field rules, checked before any request; they throw `InputError`. */
export type Rule = (values: readonly FieldValue[]) => void;

/** A Sell resource, declared once. Actions, picklists, streams and tests derive from it. */
export interface Resource<R extends RecordData = RecordData> {
  /** Plural key, as in URLs and Firehose: `leads`. */
  readonly key: string;
  readonly name: { readonly one: string; readonly many: string };
  /** `meta.type` of its records. */
  readonly type: string;
  /** v2 collection path: `/leads`. */
  readonly path: string;
  /** Sell API reference page. */
  readonly docs: string;
  /** Loose schema of a record: known fields typed, unknown fields passed through. */
  readonly record: z.ZodType<R>;
  /** A realistic record (from the test fixtures), used for example payloads. */
  readonly example: R;
  /** Firehose supports it: `GET /v3/<key>/stream`. */
  readonly stream?: boolean;
  /** Resource types whose custom field definitions type its `custom_fields` (e.g. `["lead"]`). */
  readonly customFieldTypes?: readonly string[];
}

export const defineResource = <R extends RecordData>(resource: Resource<R>): Resource<R> =>
  resource;
