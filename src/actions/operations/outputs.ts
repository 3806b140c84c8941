import type { OutputSchema } from "@prismatic-io/spectral";
import { z } from "zod";
import type { Resource } from "../../resources/define";

/**
 * What each kind of action outputs, once: a zod schema of its `data` (derived from the
 * resource's record schema) turned into the action's `outputSchema`, and the example payload
 * built from the resource's example record. A test checks every example against its schema.
 */

/** An action's output: the schema of its `data`, and an example of it. */
export interface ActionOutput {
  readonly schema: z.ZodType;
  readonly example: unknown;
  /**
   * When `schema` is `wrap(record)` around a resource's record schema: converted to JSON once
   * per record, however many outputs hold it (converting is most of the component's load time).
   */
  readonly wrapping?: {
    readonly record: z.ZodType;
    readonly wrap: (record: z.ZodType) => z.ZodType;
  };
}

/** An output whose schema is `wrap(record)`. */
const wrapped = (
  record: z.ZodType,
  wrap: (record: z.ZodType) => z.ZodType,
  example: unknown,
): ActionOutput => ({ schema: wrap(record), example, wrapping: { record, wrap } });

/**
 * Each value of `make` per resource, made once: the get, create, update and upsert actions of a
 * resource share one output (and so one JSON schema, made once at load).
 */
const perResource = <T extends object>(make: (resource: Resource) => T) => {
  const made = new WeakMap<Resource, T>();
  return (resource: Resource): T => {
    let value = made.get(resource);
    if (!value) {
      value = make(resource);
      made.set(resource, value);
    }
    return value;
  };
};

type JsonSchema = Extract<OutputSchema, { type: "actionOutput" }>["schema"];

const toJson = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, {
    target: "draft-7",
    io: "output",
    unrepresentable: "any",
  }) as JsonSchema;

/** Stands for the record in a wrapper while the wrapper is converted; replaced afterwards. */
const RECORD_MARK = "\u0000record";
const recordMark = z.unknown().meta({ title: RECORD_MARK });

/** A record's JSON schema, as JSON text, converted once. */
const recordJson = new WeakMap<z.ZodType, string>();
const jsonOfRecord = (record: z.ZodType): string => {
  let json = recordJson.get(record);
  if (json === undefined) {
    const { $schema: _dialect, ...rest } = toJson(record) as Record<string, unknown>;
    json = JSON.stringify(rest);
    recordJson.set(record, json);
  }
  return json;
};

/** The wrapper's JSON schema with the record in place of its mark (as text: far faster than a walk). */
const fillRecord = (wrapper: JsonSchema, record: string): JsonSchema =>
  JSON.parse(
    JSON.stringify(wrapper).replaceAll(JSON.stringify({ title: RECORD_MARK }), () => record),
  ) as JsonSchema;

const schemas = new WeakMap<ActionOutput, OutputSchema>();

/** The `outputSchema` Prismatic shows builders before a step ever ran (one per output). */
export const outputSchemaOf = (output: ActionOutput): OutputSchema => {
  let schema = schemas.get(output);
  if (!schema) {
    const { wrapping } = output;
    schema = {
      type: "actionOutput",
      schema: wrapping
        ? (fillRecord(
            toJson(wrapping.wrap(recordMark)),
            jsonOfRecord(wrapping.record),
          ) as JsonSchema)
        : toJson(output.schema),
    };
    schemas.set(output, schema);
  }
  return schema;
};

const itemMeta = (type: string) =>
  z.looseObject({ type: z.literal(type).describe("The record's type.") });

const links = z.looseObject({
  self: z.string().optional(),
  first_page: z.string().optional(),
  prev_page: z.string().optional(),
  next_page: z.string().nullish(),
});

/** `{ data, meta: { type } }`: get, create, update, upsert. */
export const singleOutput = perResource(
  (resource): ActionOutput =>
    wrapped(
      resource.record,
      (record) => z.looseObject({ data: record, meta: itemMeta(resource.type) }),
      { data: resource.example, meta: { type: resource.type } },
    ),
);

/** Find or Create: the record, and whether it was created and how many matched. */
export const foundOrCreatedOutput = perResource(
  (resource): ActionOutput =>
    wrapped(
      resource.record,
      (record) =>
        z.looseObject({
          data: record,
          meta: itemMeta(resource.type).extend({
            created: z.boolean().describe("True when no record matched and this one was created."),
            matches: z.number().int().describe("How many records matched (0 when created)."),
          }),
        }),
      { data: resource.example, meta: { type: resource.type, created: false, matches: 1 } },
    ),
);

/** A v2 list page, or with Fetch All every page together (`meta.truncated`). */
export const listOutput = perResource(
  (resource): ActionOutput =>
    wrapped(
      resource.record,
      (record) =>
        z.looseObject({
          items: z.array(z.looseObject({ data: record, meta: itemMeta(resource.type) })),
          meta: z.looseObject({
            type: z.literal("collection"),
            count: z.number().int().describe("Records in this output."),
            links: links.optional(),
            truncated: z
              .boolean()
              .optional()
              .describe("With Fetch All: true when more records existed beyond Max Items."),
          }),
        }),
      {
        items: [{ data: resource.example, meta: { type: resource.type } }],
        meta: {
          type: "collection",
          count: 1,
          links: {
            self: `https://api.getbase.com/v2${resource.path.replace(/\{\w+\}/g, "1")}?page=1&per_page=25`,
          },
        },
      },
    ),
);

/** Deletes answer `{ data: null }`. */
export const deletedOutput: ActionOutput = { schema: z.null(), example: null };

/** The record as a Firehose event carries it: its stream attributes, typed like the v2 record where they match. */
export function streamRecordSchema(resource: Resource): z.ZodType {
  const shape =
    resource.record instanceof z.ZodObject
      ? (resource.record.shape as Record<string, z.ZodType>)
      : ({} as Record<string, z.ZodType>);
  const attributes = resource.stream?.attributes ?? Object.keys(shape);
  return z.looseObject(
    Object.fromEntries(
      attributes.map((name) => [
        name,
        name === "id" ? z.union([z.number(), z.string()]) : (shape[name] ?? z.unknown()).optional(),
      ]),
    ),
  );
}

export const streamEventMeta = z.looseObject({
  type: z.string().optional(),
  event_type: z.enum(["created", "updated", "deleted"]).optional(),
  event_id: z.string().optional(),
  event_time: z.string().optional(),
  event_cause: z.string().optional(),
  sequence: z.number().optional(),
  previous: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("On updates: the previous values of the attributes that changed."),
});

const EXAMPLE_POSITION = "ZmlyZWhvc2UuZXhhbXBsZS5wb3NpdGlvbiwxLDMwNTQ5Mg==";

/** A Firehose read: events with the position to continue from. */
export const streamOutput = (
  resource: Pick<Resource, "key" | "type" | "example"> & Partial<Resource>,
  record: z.ZodType = z.looseObject({}),
): ActionOutput =>
  wrapped(
    record,
    (data) =>
      z.looseObject({
        items: z.array(z.looseObject({ data, meta: streamEventMeta.optional() })),
        meta: z.looseObject({
          position: z.string().describe("Where the next read starts."),
          top: z.boolean().describe("True when the stream is caught up."),
          count: z.number().int().optional(),
          links: z.looseObject({ next: z.string().optional() }).optional(),
        }),
      }),
    {
      items: [
        {
          data: resource.example,
          meta: {
            type: resource.type,
            event_type: "updated",
            event_cause: "interaction",
            event_id: "BJ5093YlSV6LcM6mO6Re7g",
            event_time: "2026-11-20T13:52:42Z",
            sequence: 3,
            previous: { updated_at: "2026-11-19T08:00:00Z" },
          },
        },
      ],
      meta: {
        position: EXAMPLE_POSITION,
        top: true,
        links: {
          next: `https://api.getbase.com/v3/${resource.key}/stream?position=${EXAMPLE_POSITION}`,
        },
      },
    },
  );

/** Any JSON at all (Raw Request). */
export const anyOutput = (example: unknown): ActionOutput => ({ schema: z.unknown(), example });
