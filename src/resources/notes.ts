import { z } from "zod";
import example from "../../test/fixtures/records/note.json";
import { InputError } from "../client/errors";
import { ids, pagination } from "./common";
import { defineResource, group, inputValue, type Layout, type Rule } from "./define";
import { choice, id, longText, refine, sortBy, tags, text, triBool } from "./fields";
import { recordBase, sellId } from "./records";

/** Notes: text attached to one lead, contact or deal. */

export const NoteRecord = z.looseObject({
  ...recordBase,
  creator_id: sellId.nullish(),
  resource_type: z.string().nullish(),
  resource_id: sellId.nullish(),
  content: z.string().nullish(),
  is_important: z.boolean().nullish(),
  tags: z.array(z.string()).nullish(),
  type: z.string().nullish(),
});
export type NoteRecord = z.infer<typeof NoteRecord>;

export const notes = defineResource({
  key: "notes",
  name: { one: "Note", many: "Notes" },
  type: "note",
  path: "/notes",
  docs: "https://developer.zendesk.com/api-reference/sales-crm/resources/notes/",
  record: NoteRecord,
  example: example as NoteRecord,
  stream: true,
});

/** First 50 characters of a text, on one line. */
export const excerpt = (textValue: string | null | undefined, fallback: string): string => {
  const line = (textValue ?? "").replace(/\s+/g, " ").trim();
  if (!line) return fallback;
  return line.length > 50 ? `${line.slice(0, 50)}…` : line;
};

export const noteLabel = (note: NoteRecord): string => excerpt(note.content, `Note ${note.id}`);

export const RESOURCE_TYPES = ["lead", "contact", "deal"];

const resourceType = choice("resource_type", "Resource Type", RESOURCE_TYPES, {
  comments: "The kind of record the note is attached to: lead, contact or deal.",
});
const resourceId = id("resource_id", "Resource ID", {
  comments: "The ID of the lead, contact or deal the note is attached to.",
});

const f = {
  content: longText("content", "Content", {
    comments: "The text of the note.",
    example: "Highly important.",
  }),
  resourceType,
  resourceId,
  tags: tags("tags", "Tags", {
    comments:
      "Tag names. Sell replaces the note's whole tag set; leave empty to keep the current tags.",
  }),
  isImportant: triBool("is_important", "Is Important", {
    comments: "Marks the note as important.",
  }),
  type: choice("type", "Type", ["regular", "restricted"], {
    comments: "regular (default) or restricted (visible to fewer users).",
  }),
};

export const listLayout: Layout = {
  resourceType: refine(resourceType, { comments: "Notes attached to this kind of record." }),
  resourceId: refine(resourceId, {
    comments: "Notes attached to this record (set Resource Type too).",
  }),
  ids: ids(),
  creatorId: id("creator_id", "Creator ID", {
    comments: "Notes written by this user.",
    dataSource: "selectUser",
  }),
  pagination,
  additionalFields: group("Additional Fields", {
    sortBy: sortBy(["id", "created_at", "updated_at"], {
      comments: "Order of the results (Sell's default: updated_at ascending).",
    }),
    includes: text("includes", "Includes", {
      comments: "Related records to include. Sell does not support any for notes at the moment.",
    }),
    q: text("q", "Query", { comments: "Notes whose content contains this text." }),
  }),
};

export const createLayout: Layout = {
  content: refine(f.content, { required: true }),
  resourceType: refine(f.resourceType, { required: true }),
  resourceId: refine(f.resourceId, { required: true }),
  tags: f.tags,
  isImportant: f.isImportant,
  type: f.type,
};

/** Update Note: same fields, none required; Note ID says which note (see `updateNoteId`). */
export const updateLayout: Layout = {
  content: f.content,
  resourceType: refine(f.resourceType, {
    comments: "Move the note to another kind of record (set Resource ID too).",
  }),
  resourceId: refine(f.resourceId, {
    comments:
      "Move the note to another record (set Resource Type too). Older flows put the note's own ID here with no Note ID and no Resource Type; that still works.",
  }),
  tags: f.tags,
  isImportant: f.isImportant,
  type: f.type,
};

/** Resource Type and Resource ID only make sense together. */
export const resourceTogether =
  (prefix = ""): Rule =>
  (values) => {
    const typeGiven = inputValue(values, `${prefix}resourceType`) !== undefined;
    const idGiven = inputValue(values, `${prefix}resourceId`) !== undefined;
    if (typeGiven !== idGiven) {
      throw new InputError(
        typeGiven ? "Resource ID" : "Resource Type",
        "is required when the other of Resource Type / Resource ID is set",
      );
    }
  };
