import { InputError } from "../client/errors";
import { inputValue } from "../resources/define";
import { id } from "../resources/fields";
import {
  createLayout,
  listLayout,
  notes,
  resourceTogether,
  updateLayout,
} from "../resources/notes";
import {
  createAction,
  deleteAction,
  getAction,
  listAction,
  recordId,
  streamAction,
  updateAction,
} from "./factories";

const noteId = recordId(notes, { dataSource: "selectNote" });

export const listNotes = listAction(notes, {
  description:
    "Returns the notes visible to the connected user that match the filters: one page, or every page with Fetch All.",
  layout: listLayout,
  rules: [resourceTogether()],
});

export const getNote = getAction(notes, {
  idField: noteId,
  description:
    "Returns a single note available to the user, according to the unique note ID provided.",
});

export const createNote = createAction(notes, {
  description: "Creates a note and attaches it to one lead, contact or deal.",
  layout: createLayout,
});

export const updateNote = updateAction(notes, {
  idField: id("id", "Note ID", {
    comments:
      "The note to update. Required (older flows that left it empty and put the note's ID in Resource ID still work).",
    dataSource: "selectNote",
  }),
  description:
    "Updates a note chosen by Note ID. Only the fields given are changed; Resource Type and Resource ID together move it to another record.",
  layout: updateLayout,
  resolveTarget: (values, context) => {
    const noteIdValue = inputValue(values, "id") as number | undefined;
    if (noteIdValue !== undefined) {
      resourceTogether()(values);
      return { id: noteIdValue, consumed: ["id"] };
    }
    // Prismatic's component had no Note ID and sent Resource ID as the note's ID. Keep that
    // working only when it cannot mean anything else: no Resource Type to go with it.
    const legacyId = inputValue(values, "resourceId") as number | undefined;
    if (legacyId !== undefined && inputValue(values, "resourceType") === undefined) {
      context.logger.warn(
        `Update Note: no Note ID given; using Resource ID ${legacyId} as the note's ID (older behaviour). Set Note ID instead.`,
      );
      return { id: legacyId, consumed: ["resourceId"] };
    }
    throw new InputError("Note ID", "is required: choose the note to update");
  },
});

export const deleteNote = deleteAction(notes, {
  idField: noteId,
  description: "Deletes an existing note. This cannot be undone. Returns { data: null }.",
});

export const getNotesStream = streamAction(notes);
