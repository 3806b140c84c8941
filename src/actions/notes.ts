import { notes } from "../resources/notes";
import { resourceAction } from "./operations";

export const listNotes = resourceAction(notes, "listNotes");
export const getNote = resourceAction(notes, "getNote");
export const createNote = resourceAction(notes, "createNote");
export const updateNote = resourceAction(notes, "updateNote");
export const deleteNote = resourceAction(notes, "deleteNote");
export const getNotesStream = resourceAction(notes, "getNotesStream");
