import type { FieldSpec } from "../../src/inputs/fields";
import { isGroup, type Layout } from "../../src/inputs/layout";

/**
 * Sample input values per field kind, and what Sell must receive for them. The expectations are
 * written here independently of the component's request builder, so a contract test derived
 * from the resource table can still catch a field sent to the wrong place or in the wrong form.
 */

export interface Sample {
  /** What a flow passes as the input value. */
  input: unknown;
  /** What the request must carry in the JSON body. */
  body: unknown;
  /** What the request must carry in the query: one value, or several bracketed keys. */
  query: string | Record<string, string>;
}

/** A distinct sample for a field; `n` keeps values of different inputs apart. */
export function sampleFor(field: FieldSpec, n: number): Sample {
  switch (field.kind) {
    case "text":
      return same(`value ${n}`);
    case "email":
      return same(`person${n}@example.com`);
    case "currency":
      return same(["EUR", "USD", "GBP", "PLN"][n % 4] as string);
    case "id":
      return { input: String(1000 + n), body: 1000 + n, query: String(1000 + n) };
    case "idList":
      return { input: `${n}, ${n + 1}`, body: [n, n + 1], query: `${n},${n + 1}` };
    case "integer": {
      const value = [n % 90, 1, 2, 50].find((candidate) => accepts(field, String(candidate))) ?? 1;
      return { input: String(value), body: value, query: String(value) };
    }
    case "decimal":
      return same(`${n}00.50`);
    case "triBool":
      return { input: "true", body: true, query: "true" };
    case "toggle":
      return { input: "false", body: false, query: "false" };
    case "choice":
    case "sortBy": {
      const value = field.model?.find((choice) => choice.value !== "")?.value ?? "";
      return same(value);
    }
    case "date":
      return same("2026-12-31");
    case "dateTime":
      // An offset is converted to UTC, second precision, as Sell writes timestamps.
      return {
        input: "2026-12-31T17:00:00+02:00",
        body: "2026-12-31T15:00:00Z",
        query: "2026-12-31T15:00:00Z",
      };
    case "address":
      return {
        input: `{"city": "City ${n}", "country": "US"}`,
        body: { city: `City ${n}`, country: "US" },
        query: { city: `City ${n}`, country: "US" },
      };
    case "json":
      return {
        input: `{"key${n}": "value"}`,
        body: { [`key${n}`]: "value" },
        query: { [`key${n}`]: "value" },
      };
    case "tags":
      return { input: [`tag${n}`, "vip"], body: [`tag${n}`, "vip"], query: `tag${n},vip` };
    case "customFields":
      return {
        input: [{ key: `Field ${n}`, value: `custom ${n}` }],
        body: { [`Field ${n}`]: `custom ${n}` },
        query: { [`Field ${n}`]: `custom ${n}` },
      };
    case "priceList":
      return {
        input: `[{"amount": "${n}9.99", "currency": "usd"}]`,
        body: [{ amount: `${n}9.99`, currency: "USD" }],
        query: `${n}9.99`,
      };
    case "choiceList": {
      const value = field.model?.find((choice) => choice.value !== "")?.value ?? "created";
      return { input: [value], body: [value], query: value };
    }
    case "pairs":
      return {
        input: [{ key: "email", value: `filter${n}@example.com` }],
        body: undefined,
        query: { email: `filter${n}@example.com` },
      };
  }
}

const same = (value: string): Sample => ({ input: value, body: value, query: value });

const accepts = (field: FieldSpec, value: string): boolean => {
  try {
    return field.parse(value, field.label) !== undefined;
  } catch {
    return false;
  }
};

/** The field behind an input key path (`additionalFields.ownerId`) in a layout. */
export function fieldAt(layout: Layout, key: string): FieldSpec | undefined {
  const [head, child] = key.split(".");
  const entry = head === undefined ? undefined : layout[head];
  if (!entry) return undefined;
  if (isGroup(entry)) return child === undefined ? undefined : entry.fields[child];
  return child === undefined ? entry : undefined;
}

/** Sets `value` at a dotted input key, creating the group object. */
export function setParam(params: Record<string, unknown>, key: string, value: unknown): void {
  const [head, child] = key.split(".") as [string, string | undefined];
  if (child === undefined) {
    params[head] = value;
    return;
  }
  if (params[head] === undefined) params[head] = {};
  (params[head] as Record<string, unknown>)[child] = value;
}

/** Sets `value` at a dotted path inside an object (`address.city`). */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (node[part] === undefined) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
}
