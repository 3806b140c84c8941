import { dataSource, type Element, type InputFieldDefinition } from "@prismatic-io/spectral";
import type { ItemEnvelope, Query, SellClient } from "../client";
import { type FieldSpec, integer } from "../inputs/fields";
import { cleanField, queryKey, toInput } from "../inputs/layout";
import {
  type PicklistQuery,
  type PicklistSpec,
  parseRecord,
  type RecordData,
  type RecordReader,
  type Resource,
} from "../resources/define";
import { connectionInput, sellForDataSource, withDocs } from "../steps";

/**
 * Picklists for config wizards and inputs, built from the picklists resources declare: every
 * record (page after page, 100 at a time) up to a cap, each once, labelled so a person can
 * choose, sorted by label. Keys are record IDs as strings unless the picklist says otherwise.
 */

export const DEFAULT_MAX_RECORDS = 1000;

export const maxRecords = integer([], "Max Records", {
  min: 1,
  max: 10_000,
  default: String(DEFAULT_MAX_RECORDS),
  comments: "Most records to list (read 100 per request).",
});

/** Natural order ("Stage 2" before "Stage 10"), case-insensitive, stable on ties. */
export const byLabel = (a: Element, b: Element): number =>
  (a.label ?? a.key).localeCompare(b.label ?? b.key, undefined, {
    numeric: true,
    sensitivity: "base",
  }) || a.key.localeCompare(b.key, undefined, { numeric: true });

/**
 * Reads up to `max` records of a list, each once: a record created or deleted while the pages
 * are read shifts them, so the same record can come back on two pages.
 */
export async function listRecords(
  sell: SellClient,
  path: string,
  query: Query,
  max: number,
): Promise<RecordData[]> {
  const { items } = await sell.v2.collect(path, query, { maxItems: max });
  const byId = new Map<string, RecordData>();
  for (const { data } of items as ItemEnvelope[]) {
    const key = String(data.id);
    if (!byId.has(key)) byId.set(key, data);
  }
  return [...byId.values()];
}

/** The filter inputs' values, cleaned (an empty input is left out; a bad one fails, naming it). */
function filterValuesOf(
  spec: PicklistSpec,
  params: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(spec.filters ?? {})) {
    const value = cleanField(field, params[key]);
    if (value !== undefined) values[key] = value;
  }
  return values;
}

/** The records a picklist shows. */
async function recordsOf(
  sell: SellClient,
  resource: Resource,
  spec: PicklistSpec,
  filters: Readonly<Record<string, unknown>>,
  params: Readonly<Record<string, unknown>>,
): Promise<RecordData[]> {
  const source = spec.source ?? { kind: "list" as const };
  if (source.kind === "single") return [(await sell.v2.get(source.path)).data];
  const query: Record<string, PicklistQuery[string]> = { ...spec.query };
  const pathValues: Record<string, string> = {};
  const template = source.path ?? resource.path;
  for (const [key, value] of Object.entries(filters)) {
    const field = spec.filters?.[key] as FieldSpec;
    if (template.includes(`{${key}}`)) pathValues[key] = String(value);
    // An input without an attribute is a control (read by the labeller), not a list filter.
    else if (field.api.length > 0) query[queryKey(field.api)] = value as PicklistQuery[string];
  }
  const path = template.replace(/\{(\w+)\}/g, (_, key: string) =>
    encodeURIComponent(pathValues[key] ?? ""),
  );
  if (source.paged === false)
    return (await sell.v2.list(path, query)).items.map((item) => item.data);
  return listRecords(
    sell,
    path,
    query,
    cleanField(maxRecords, params.maxRecords) ?? DEFAULT_MAX_RECORDS,
  );
}

/** The data source of one picklist of a resource. */
export function picklist(resource: Resource, spec: PicklistSpec) {
  const filterInputs: Record<string, InputFieldDefinition> = {};
  for (const [key, field] of Object.entries(spec.filters ?? {})) filterInputs[key] = toInput(field);
  // A single record, or a list Sell answers whole, has nothing to cap.
  const capped =
    spec.source?.kind !== "single" &&
    !(spec.source?.kind === "list" && spec.source.paged === false);
  const noun = spec.noun ?? resource.name.one;
  const keyOf = (record: RecordData): string => {
    const parsed = spec.keyOf ? parseRecord(resource.record, record) : undefined;
    return parsed && spec.keyOf ? spec.keyOf(parsed) : String(record.id);
  };
  return dataSource({
    display: {
      label: spec.label ?? `Select ${resource.name.one}`,
      description: withDocs(spec.description, resource.docs),
    },
    dataSourceType: "picklist",
    inputs: {
      connection: connectionInput as InputFieldDefinition,
      ...filterInputs,
      ...(capped ? { maxRecords: toInput(maxRecords) } : {}),
    },
    perform: async (context, params: Record<string, unknown>) => {
      // Inputs are checked before any request.
      const filters = filterValuesOf(spec, params);
      const sell = sellForDataSource(context, params);
      const fitting: RecordData[] = [];
      const misfits: RecordData[] = [];
      for (const record of await recordsOf(sell, resource, spec, filters, params)) {
        const parsed = parseRecord(resource.record, record);
        // A picklist that filters records offers only those it can judge.
        if (parsed === undefined) {
          if (!spec.accepts) misfits.push(record);
        } else if (!spec.accepts || spec.accepts(parsed)) fitting.push(parsed);
      }
      const read: RecordReader = (path, query, max) => listRecords(sell, path, query, max);
      const view = spec.labeller
        ? await spec.labeller(read, fitting, filters)
        : { label: (record: RecordData) => spec.toLabel(record) };
      const offered = view.accepts
        ? fitting.filter((record) => view.accepts?.(record) === true)
        : fitting;
      const element = (record: RecordData, label: string | undefined): Element => ({
        key: keyOf(record),
        label: label || `${noun} ${String(record.id)}`,
      });
      const others = misfits.map((record) => element(record, undefined));
      const order = view.order ? view.order.bind(view) : spec.order?.bind(spec);
      if (!order) {
        const all = [...offered.map((record) => element(record, view.label(record))), ...others];
        return { result: all.sort(byLabel) };
      }
      return {
        result: [
          ...order(offered).map((record) => element(record, view.label(record))),
          ...others.sort(byLabel),
        ],
      };
    },
    examplePayload: {
      result: [
        {
          key: keyOf(resource.example),
          label: spec.exampleLabel ?? spec.toLabel(resource.example),
        },
      ],
    },
  });
}
