import type { InputFieldDefinition } from "@prismatic-io/spectral";
import { isPlainObject, isWellFormed } from "../util/values";
import { InputError } from "./errors";
import type { FieldSpec } from "./fields";

/**
 * Layouts: how fields are arranged as the inputs of one action. A layout is an ordered map of
 * input key → field, or → group (a spectral structured object of fields), which is exactly the
 * input tree the action shows. The same layout is used to read the values back (typed from the
 * layout: a key that is not in it does not compile) and to build the request, so inputs and
 * requests cannot drift apart.
 */

export type Fields = { readonly [key: string]: FieldSpec };

export interface GroupSpec<F extends Fields = Fields> {
  readonly group: string;
  readonly comments?: string;
  readonly fields: F;
}
export type LayoutEntry = FieldSpec | GroupSpec;
export type Layout = { readonly [key: string]: LayoutEntry };

/** Declares a layout, keeping the type of every field (so values read from it are typed). */
export const layout = <L extends Layout>(entries: L): L => entries;

export const group = <F extends Fields>(
  label: string,
  fields: F,
  comments?: string,
): GroupSpec<F> => ({
  group: label,
  fields,
  ...(comments ? { comments } : {}),
});

export const isGroup = (entry: LayoutEntry): entry is GroupSpec => "group" in entry;

/** The value type a field's parser produces. */
export type ValueOf<F> = F extends FieldSpec<infer T> ? T : never;

type GroupKeys<L extends Layout> = {
  [K in keyof L]: L[K] extends GroupSpec ? K : never;
}[keyof L];
type FieldKeys<L extends Layout> = Exclude<keyof L, GroupKeys<L>>;

/**
 * What a layout's inputs hold once read: a field's value (absent when it was left empty), and
 * for a group an object of its fields' values (always present, maybe empty).
 */
export type Values<L extends Layout> = {
  -readonly [K in FieldKeys<L>]?: ValueOf<L[K]>;
} & {
  -readonly [K in GroupKeys<L>]: L[K] extends GroupSpec<infer F>
    ? { -readonly [C in keyof F]?: ValueOf<F[C]> }
    : never;
};

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
    ...(field.dataSource ? { dataSource: field.dataSource.key } : {}),
    required: field.required === true,
    clean: (value: unknown) => cleanField(field, value, errorLabel),
  };
  // Spectral's key/value column labels: `label.key` names the key column, `label.value` is the
  // input's label (it becomes `label`, and `label.key` becomes `keyLabel`, when converted).
  if (field.collection === "keyvaluelist")
    return {
      ...base,
      ...(field.keyLabel ? { label: { key: field.keyLabel, value: field.label } } : {}),
      type: "string",
      collection: "keyvaluelist",
    };
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

type GroupChild = Exclude<
  InputFieldDefinition,
  { type: "structuredObject" | "dynamicObject" | "connection" | "template" }
>;

/** The inputs (spectral definitions) a layout shows. */
export function layoutInputs(entries: Layout): Record<string, InputFieldDefinition> {
  const inputs: Record<string, InputFieldDefinition> = {};
  for (const [key, entry] of Object.entries(entries)) {
    if (isGroup(entry)) {
      const children: Record<string, GroupChild> = {};
      for (const [childKey, field] of Object.entries(entry.fields))
        children[childKey] = toInput(field, childLabel(entry, field)) as GroupChild;
      inputs[key] = {
        type: "structuredObject",
        label: entry.group,
        ...(entry.comments ? { comments: entry.comments } : {}),
        inputs: children,
      } as InputFieldDefinition;
    } else {
      inputs[key] = toInput(entry);
    }
  }
  return inputs;
}

/** Every field of a layout, with its input key path (`contactInfo.email`) and how errors name it. */
export function fieldsOf(entries: Layout): Array<{ key: string; field: FieldSpec; label: string }> {
  return Object.entries(entries).flatMap(([key, entry]) =>
    isGroup(entry)
      ? Object.entries(entry.fields).map(([childKey, field]) => ({
          key: `${key}.${childKey}`,
          field,
          label: childLabel(entry, field),
        }))
      : [{ key, field: entry, label: entry.label }],
  );
}

/** One input's cleaned value, with where it came from: what requests are built from. */
export interface CleanedInput {
  /** Input key path, e.g. `additionalFields.ownerId`. */
  readonly key: string;
  readonly field: FieldSpec;
  readonly value: unknown;
  /** How errors name this input. */
  readonly label: string;
}

/** A layout's inputs, read: typed values for logic, and the list requests are built from. */
export interface ReadLayout<L extends Layout> {
  readonly values: Values<L>;
  readonly inputs: readonly CleanedInput[];
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
 * value are listed in `inputs`.
 */
export function readLayout<L extends Layout>(
  entries: L,
  params: Readonly<Record<string, unknown>>,
): ReadLayout<L> {
  const values: Record<string, unknown> = {};
  const inputs: CleanedInput[] = [];
  for (const [key, entry] of Object.entries(entries)) {
    if (isGroup(entry)) {
      const groupParams = groupValue(params[key], entry.group);
      const groupValues: Record<string, unknown> = {};
      for (const [childKey, field] of Object.entries(entry.fields)) {
        const label = childLabel(entry, field);
        const value = cleanField(field, groupParams[childKey], label);
        if (value === undefined) continue;
        groupValues[childKey] = value;
        inputs.push({ key: `${key}.${childKey}`, field, value, label });
      }
      values[key] = groupValues;
    } else {
      const value = cleanField(entry, params[key]);
      if (value === undefined) continue;
      values[key] = value;
      inputs.push({ key, field: entry, value, label: entry.label });
    }
  }
  return { values: values as Values<L>, inputs };
}

/** The inputs minus those with the given key paths (used in the path, say). */
export const without = (inputs: readonly CleanedInput[], keys: readonly string[]): CleanedInput[] =>
  inputs.filter((input) => !keys.includes(input.key));

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
export function toBody(
  inputs: readonly CleanedInput[],
  fallback: Target = "body",
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const { field, value, label } of inputs) {
    if (targetOf(field, fallback) !== "body" || field.api.length === 0) continue;
    setPath(body, field.api, value, label);
  }
  return body;
}

/** The query key of an attribute path: `["address", "city"]` → `address[city]`. */
export const queryKey = (api: readonly string[]): string =>
  api.slice(1).reduce((key, part) => `${key}[${part}]`, api[0] ?? "");

/** A query value as the client takes it. */
export type QueryParam =
  | string
  | number
  | boolean
  | null
  | undefined
  | ReadonlyArray<string | number>;

/**
 * Query parameters of the fields whose target is the query: nested paths and object values
 * become bracketed keys (`address[city]`, `custom_fields[Name]`), arrays are comma-joined and
 * key/value pair lists are sent as their own keys.
 */
export function toQuery(
  inputs: readonly CleanedInput[],
  fallback: Target = "query",
): Record<string, QueryParam> {
  const query: Record<string, QueryParam> = {};
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
    query[key] = Array.isArray(value) ? value.map(String) : (value as QueryParam);
  };
  for (const { field, value } of inputs) {
    if (targetOf(field, fallback) !== "query") continue;
    // Inputs without an attribute are controls (Fetch All, Max Items…), except key/value pairs
    // whose keys are the parameters.
    if (field.api.length === 0 && field.kind !== "pairs") continue;
    put(queryKey(field.api), value);
  }
  return query;
}

/** Cross-field rules, checked before any request; they throw `InputError`. */
export type Rule<V> = (values: V) => void;

/**
 * A required input's value. Cleaning already refused an empty required input, so this only
 * narrows the type (and names the input should a layout ever mark it optional).
 */
export function need<T>(value: T | undefined, label: string): T {
  if (value === undefined) throw new InputError(label, "is required");
  return value;
}
