import { z } from "zod";
import { ids, pagination, recordId } from "../inputs/common";
import { type PicklistRef, sortBy, text as textInput } from "../inputs/fields";
import { type Layout, layout } from "../inputs/layout";
import { SELL_DOCS } from "../util/values";
import { definePicklist, defineResource, type Operation, op, type PicklistSpec } from "./define";
import { namedRecordBase, text } from "./records";

/**
 * The account's settings that are a name: lead and deal sources, loss and unqualified reasons,
 * tags, call and visit outcomes. They share a record shape, a label, list filters and the
 * five operations, declared here once.
 */

export const NamedRecord = z.looseObject({ ...namedRecordBase, resource_type: text });
export type NamedRecord = z.infer<typeof NamedRecord>;

export const namedLabel =
  (noun: string) =>
  (record: NamedRecord): string =>
    record.name?.trim() || `${noun} ${record.id}`;

/** The picklist of a named resource, labelled by name. */
export const namedPicklist = (
  key: string,
  noun: string,
  description: string,
): PicklistSpec<NamedRecord> =>
  definePicklist<NamedRecord>({ key, description, toLabel: namedLabel(noun) });

export const namedSort = sortBy(["id", "name", "created_at", "updated_at"], {
  comments: "Order of the results (Sell's default: id ascending).",
});

/** List filters of a named resource: name, IDs, sort order, page. */
export const namedListLayout = (noun: string) =>
  layout({
    name: textInput("name", "Name", { comments: `The ${noun} with exactly this name.` }),
    ids: ids(),
    sortBy: namedSort,
    pagination,
  });

/** Create/update of a named resource: just its (unique) name. */
export const nameLayout = (noun: string, required: boolean) =>
  layout({
    name: textInput("name", "Name", { required, comments: `Name of the ${noun}; must be unique.` }),
  });

type Named<One extends string, Many extends string> = {
  [K in `list${Many}` | `get${One}` | `create${One}` | `update${One}` | `delete${One}`]: Operation;
};

/**
 * List, get, create, rename and delete of a named resource, under the action keys
 * `list<Many>`, `get<One>`, `create<One>`, `update<One>` and `delete<One>`.
 */
export function namedOperations<One extends string, Many extends string>(spec: {
  /** `LeadSource`, `LeadSources`: the action key parts. */
  one: One;
  many: Many;
  /** `lead source`: how descriptions name a record. */
  noun: string;
  picklist: PicklistRef;
  listDescription: string;
  listLayout?: Layout;
  createLayout?: Layout;
  updateLayout?: Layout;
  createDescription?: string;
  updateDescription?: string;
  deleteDescription?: string;
}): Named<One, Many> {
  const label = spec.noun.replace(/\b\w/g, (c) => c.toUpperCase());
  return {
    [`list${spec.many}`]: op.list({
      description: spec.listDescription,
      layout: spec.listLayout ?? namedListLayout(spec.noun),
    }),
    [`get${spec.one}`]: op.get({
      description: `Returns a single ${spec.noun}.`,
      layout: layout({ id: recordId(label, spec.picklist) }),
    }),
    [`create${spec.one}`]: op.create({
      description: spec.createDescription ?? `Creates a ${spec.noun}. Names are unique.`,
      layout: spec.createLayout ?? nameLayout(spec.noun, true),
    }),
    [`update${spec.one}`]: op.update({
      description: spec.updateDescription ?? `Renames a ${spec.noun}.`,
      layout: {
        id: recordId(label, spec.picklist),
        ...(spec.updateLayout ?? nameLayout(spec.noun, false)),
      },
    }),
    [`delete${spec.one}`]: op.delete({
      description: spec.deleteDescription ?? `Deletes a ${spec.noun}. Returns { data: null }.`,
      layout: layout({ id: recordId(label, spec.picklist) }),
    }),
  } as Named<One, Many>;
}

/** The Firehose attributes of a named record. */
export const namedAttributes = ["id", "name", "creator_id", "resource_type", "created_at"] as const;

/**
 * A named resource: its record is a name (`NamedRecord`), its path `/<key>`, its API reference
 * page `resources/<key with dashes>/`. Only what differs is given.
 */
export function namedResource<const O extends Readonly<Record<string, Operation>>>(spec: {
  key: string;
  one: string;
  many: string;
  type: string;
  example: Record<string, unknown>;
  picklist?: PicklistSpec<NamedRecord>;
  operations?: O;
  stream?: boolean;
}) {
  return defineResource({
    key: spec.key,
    name: { one: spec.one, many: spec.many },
    type: spec.type,
    path: `/${spec.key}`,
    docs: `${SELL_DOCS}/resources/${spec.key.replace(/_/g, "-")}/`,
    record: NamedRecord,
    example: spec.example as NamedRecord,
    ...(spec.picklist ? { picklists: [spec.picklist] } : {}),
    operations: spec.operations ?? ({} as O),
    ...(spec.stream ? { stream: { attributes: namedAttributes } } : {}),
  });
}
