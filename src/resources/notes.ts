import { z } from "zod";
import { ids, pagination, recordId } from "../inputs/common";
import { InputError } from "../inputs/errors";
import {
  choice,
  id,
  longText,
  sortBy,
  tags,
  text as textInput,
  triBool,
  variant,
} from "../inputs/fields";
import { group, layout } from "../inputs/layout";
import { SELL_DOCS } from "../util/values";
import { excerpt, RESOURCE_TYPES, resourceTogether } from "./attachments";
import { definePicklist, defineResource, op } from "./define";
import example from "./examples/note.json";
import { attachment, flag, idRef, names, recordBase, text } from "./records";
import { selectUser } from "./users";

/** Notes: text attached to one lead, contact or deal. */

export const NoteRecord = z.looseObject({
  ...recordBase,
  ...attachment,
  creator_id: idRef,
  content: text,
  is_important: flag,
  tags: names,
  type: text,
});
export type NoteRecord = z.infer<typeof NoteRecord>;

export const noteLabel = (note: NoteRecord): string => excerpt(note.content, `Note ${note.id}`);

export const selectNote = definePicklist<NoteRecord>({
  key: "selectNote",
  description: "Select a note from your Zendesk Sell account (shown by the start of its content).",
  toLabel: noteLabel,
});

const resourceType = choice("resource_type", "Resource Type", RESOURCE_TYPES, {
  comments: "The kind of record the note is attached to: lead, contact or deal.",
  placeholder: "Enter resource type",
});
const resourceId = id("resource_id", "Resource ID", {
  comments: "The ID of the lead, contact or deal the note is attached to.",
  placeholder: "Enter resource ID",
});

const f = {
  content: longText("content", "Content", {
    comments: "The text of the note.",
    example: "Highly important.",
    placeholder: "Enter note content",
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
    placeholder: "Enter note type",
  }),
};

const noteId = variant(recordId("Note", selectNote), { placeholder: "Enter note ID" });

export const notes = defineResource({
  key: "notes",
  name: { one: "Note", many: "Notes" },
  type: "note",
  path: "/notes",
  docs: `${SELL_DOCS}/resources/notes/`,
  record: NoteRecord,
  example: example as NoteRecord,
  fields: f,
  picklists: [selectNote],
  search: true,
  poll: true,
  operations: {
    listNotes: op.list({
      description:
        "Returns the notes visible to the connected user that match the filters: one page, or every page with Fetch All.",
      layout: layout({
        resourceType: variant(resourceType, { comments: "Notes attached to this kind of record." }),
        resourceId: variant(resourceId, {
          comments: "Notes attached to this record (set Resource Type too).",
        }),
        ids: variant(ids(), { placeholder: "Enter comma-separated IDs" }),
        creatorId: id("creator_id", "Creator ID", {
          comments: "Notes written by this user.",
          dataSource: selectUser,
        }),
        pagination,
        additionalFields: group("Additional Fields", {
          sortBy: sortBy(["id", "created_at", "updated_at"], {
            comments: "Order of the results (Sell's default: updated_at ascending).",
          }),
          includes: textInput("includes", "Includes", {
            comments:
              "Related records to include. Sell does not support any for notes at the moment.",
          }),
          q: textInput("q", "Query", { comments: "Notes whose content contains this text." }),
        }),
      }),
      rules: [resourceTogether],
    }),
    getNote: op.get({
      description:
        "Returns a single note available to the user, according to the unique note ID provided.",
      layout: layout({ id: noteId }),
    }),
    createNote: op.create({
      description: "Creates a note and attaches it to one lead, contact or deal.",
      layout: layout({
        content: variant(f.content, { required: true }),
        resourceType: variant(f.resourceType, { required: true }),
        resourceId: variant(f.resourceId, { required: true }),
        tags: f.tags,
        isImportant: f.isImportant,
        type: f.type,
      }),
    }),
    updateNote: op.update({
      description:
        "Updates a note chosen by Note ID. Only the fields given are changed; Resource Type and Resource ID together move it to another record.",
      layout: layout({
        id: id("id", "Note ID", {
          comments:
            "The note to update. Required (older flows that left it empty and put the note's ID in Resource ID still work).",
          placeholder: "Enter note ID",
          dataSource: selectNote,
        }),
        content: f.content,
        resourceType: variant(f.resourceType, {
          comments: "Move the note to another kind of record (set Resource ID too).",
        }),
        resourceId: variant(f.resourceId, {
          comments:
            "Move the note to another record (set Resource Type too). Older flows put the note's own ID here with no Note ID and no Resource Type; that still works.",
        }),
        tags: f.tags,
        isImportant: f.isImportant,
        type: f.type,
      }),
      resolveTarget: (values, log) => {
        if (values.id !== undefined) {
          resourceTogether(values);
          return { id: values.id, consumed: ["id"] };
        }
        // Prismatic's component had no Note ID and sent Resource ID as the note's ID. Keep that
        // working only when it cannot mean anything else: no Resource Type to go with it.
        if (values.resourceId !== undefined && values.resourceType === undefined) {
          log.warn(
            `Update Note: no Note ID given; using Resource ID ${values.resourceId} as the note's ID (older behaviour). Set Note ID instead.`,
          );
          return { id: values.resourceId, consumed: ["resourceId"] };
        }
        throw new InputError("Note ID", "is required: choose the note to update");
      },
    }),
    deleteNote: op.delete({
      description: "Deletes an existing note. This cannot be undone. Returns { data: null }.",
      layout: layout({ id: variant(noteId, { placeholder: "Enter Note ID" }) }),
    }),
    getNotesStream: op.stream(),
  },
  stream: {
    attributes: [
      "id",
      "creator_id",
      "content",
      "resource_id",
      "resource_type",
      "type",
      "created_at",
    ],
  },
});
