import { z } from "zod";
import { SELL_DOCS } from "../util/values";
import { defineResource } from "./define";
import appointmentExample from "./examples/appointment.json";
import collaborationExample from "./examples/collaboration.json";
import documentExample from "./examples/document.json";
import { attachment, count, flag, idRef, recordBase, text, when } from "./records";

/**
 * Records around a deal that Sell exposes through Firehose: appointments (calendar events),
 * collaborations (users following a record) and documents (files attached to a record). The
 * component reads their streams (Get Stream, Record Changes); it has no v2 actions for them.
 */

export const AppointmentRecord = z.looseObject({
  ...recordBase,
  creator_id: idRef,
  user_id: idRef,
  name: text,
  all_day: flag,
  location: text,
  send_updates: flag,
  reminder_offset: count,
  description: text,
  start_at: when,
  end_at: when,
  invitations: z.array(z.unknown()).nullish(),
  contexts: z
    .array(z.looseObject({ id: idRef, contextable_id: idRef, contextable_type: text }))
    .nullish(),
});

export const appointments = defineResource({
  key: "appointments",
  name: { one: "Appointment", many: "Appointments" },
  type: "appointment",
  path: "/appointments",
  docs: `${SELL_DOCS}/firehose/appointments/`,
  record: AppointmentRecord,
  example: appointmentExample as z.infer<typeof AppointmentRecord>,
  stream: {
    attributes: [
      "id",
      "creator_id",
      "user_id",
      "name",
      "all_day",
      "location",
      "send_updates",
      "reminder_offset",
      "description",
      "start_at",
      "end_at",
      "invitations",
      "contexts",
      "created_at",
    ],
  },
});

export const CollaborationRecord = z.looseObject({
  ...recordBase,
  ...attachment,
  creator_id: idRef,
  collaborator_id: idRef,
});

export const collaborations = defineResource({
  key: "collaborations",
  name: { one: "Collaboration", many: "Collaborations" },
  type: "collaboration",
  path: "/collaborations",
  docs: `${SELL_DOCS}/resources/collaborations/`,
  record: CollaborationRecord,
  example: collaborationExample as z.infer<typeof CollaborationRecord>,
  stream: {
    attributes: [
      "id",
      "creator_id",
      "resource_type",
      "resource_id",
      "collaborator_id",
      "created_at",
    ],
  },
});

export const DocumentRecord = z.looseObject({
  ...recordBase,
  ...attachment,
  creator_id: idRef,
  name: text,
  content_type: text,
  size: count,
  download_url: text,
});

export const documents = defineResource({
  key: "documents",
  name: { one: "Document", many: "Documents" },
  type: "document",
  path: "/documents",
  docs: `${SELL_DOCS}/resources/documents/`,
  record: DocumentRecord,
  example: documentExample as z.infer<typeof DocumentRecord>,
  stream: {
    attributes: [
      "id",
      "resource_type",
      "resource_id",
      "creator_id",
      "name",
      "content_type",
      "size",
      "download_url",
      "created_at",
    ],
  },
});
