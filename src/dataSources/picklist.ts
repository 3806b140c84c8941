import { dataSource, type Element, type InputFieldDefinition } from "@prismatic-io/spectral";
import type { z } from "zod";
import { describe, sellFor } from "../actions/factories";
import type { ItemEnvelope, Query, RecordData, SellClient } from "../client";
import { connectionInput } from "../connections";
import { cleanField, type Resource, toInput } from "../resources/define";
import { type FieldSpec, integer } from "../resources/fields";

/**
 * Picklists for config wizards and inputs: every record (page after page, 100 at a time) up to
 * a cap, labelled so a person can choose, sorted by label. Keys are record IDs as strings.
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

/** A record typed by its schema when it fits, so label functions can rely on field types. */
export const typed = <R extends RecordData>(
  schema: z.ZodType<R>,
  record: RecordData,
): R | undefined => {
  const parsed = schema.safeParse(record);
  return parsed.success ? parsed.data : undefined;
};

export interface PicklistSpec<R extends RecordData> {
  /** Defaults to "Select <Resource>". */
  label?: string;
  /** What is listed; the API reference link is appended. */
  description: string;
  resource: Resource<R>;
  /** Fallback when a record does not fit the schema: "<noun> <id>"; defaults to the resource's name. */
  noun?: string;
  toLabel: (record: R) => string;
  /** Extra inputs (e.g. a pipeline for stages) and how they become list filters. */
  filters?: Record<string, FieldSpec>;
  /** Fixed query (e.g. only organizations). */
  query?: Query;
  /** Builds labels that need other records (e.g. the pipeline of each stage). */
  labeller?: (sell: SellClient, records: RecordData[]) => Promise<(record: RecordData) => string>;
  /** The example's label when labels need other records (the example record is the resource's fixture). */
  exampleLabel?: string;
}

export function picklist<R extends RecordData>(spec: PicklistSpec<R>) {
  const filterInputs: Record<string, InputFieldDefinition> = {};
  for (const [key, field] of Object.entries(spec.filters ?? {})) filterInputs[key] = toInput(field);
  const { resource } = spec;
  const noun = spec.noun ?? resource.name.one;
  return dataSource({
    display: {
      label: spec.label ?? `Select ${resource.name.one}`,
      description: describe(spec.description, resource.docs),
    },
    dataSourceType: "picklist",
    inputs: {
      connection: connectionInput as InputFieldDefinition,
      ...filterInputs,
      maxRecords: toInput(maxRecords),
    },
    perform: async (context, params: Record<string, unknown>) => {
      const query: Record<string, Query[string]> = { ...spec.query };
      for (const [key, field] of Object.entries(spec.filters ?? {})) {
        const value = cleanField(field, params[key]);
        if (value !== undefined) query[field.api.join("")] = value as Query[string];
      }
      const max =
        (cleanField(maxRecords, params.maxRecords) as number | undefined) ?? DEFAULT_MAX_RECORDS;
      const sell = sellFor({ logger: context.logger }, params);
      const records = await listRecords(sell, resource.path, query, max);
      const fallback = (record: RecordData) => `${noun} ${String(record.id)}`;
      const labelOf = spec.labeller
        ? await spec.labeller(sell, records)
        : (record: RecordData) => {
            const parsed = typed(resource.record, record);
            return (parsed && spec.toLabel(parsed)) || fallback(record);
          };
      const result: Element[] = records.map((record) => ({
        key: String(record.id),
        label: labelOf(record),
      }));
      return { result: result.sort(byLabel) };
    },
    examplePayload: {
      result: [
        {
          key: String(resource.example.id),
          label: spec.exampleLabel ?? spec.toLabel(resource.example),
        },
      ],
    },
  });
}
