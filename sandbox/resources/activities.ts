/** Notes, tasks, calls, visits, text messages and collaborations. */
import type { ResourceDef, World } from "../types";
import { isoSeconds, type Json, parseDateTime, type Rec } from "../util";
import {
  CREATOR,
  checkAttachedResource,
  filters,
  INT,
  RO_BOOL,
  RO_INT,
  RO_STR,
  RO_TIME,
  STR,
  timestamps,
  userRef,
  v2Only,
} from "./common";

const RESOURCE_TYPES = ["lead", "contact", "deal"] as const;

const contains = (text: unknown, q: string | number | boolean): boolean =>
  typeof text === "string" && text.toLowerCase().includes(String(q).toLowerCase());

const notes: ResourceDef = {
  table: "notes",
  path: "notes",
  type: "note",
  ops: ["list", "get", "create", "update", "delete"],
  fields: {
    id: RO_INT,
    creator_id: CREATOR,
    resource_type: { type: "string", required: true, enum: RESOURCE_TYPES },
    resource_id: { type: "int", required: true },
    content: { type: "string", required: true },
    type: { type: "string", enum: ["regular", "restricted"], default: "regular" },
    is_important: { type: "bool", default: false, firehose: false },
    tags: { type: "tags", firehose: false },
    ...timestamps(),
  },
  filters: {
    ...filters("int", "creator_id", "resource_id"),
    ...filters("str", "resource_type"),
    q: { kind: "string", match: (r, q) => contains(r.content, q) },
  },
  extraParams: ["includes"],
  defaultSort: "updated_at:asc",
  hooks: {
    prepare(ctx, next, existing, errors, input) {
      checkAttachedResource(ctx, next, errors, input, existing);
    },
  },
  firehose: true,
};

/** Overdue = has a due date in the past and is not completed. */
export const isOverdue = (world: World, r: Rec): boolean => {
  if (r.completed === true || typeof r.due_date !== "string") return false;
  const due = parseDateTime(r.due_date);
  return due !== undefined && due < world.now();
};

/** Minutes between a task's reminder and its due date (Firehose/Search form of `remind_at`). */
export const reminderOffset = (r: Rec): Json => {
  const due = typeof r.due_date === "string" ? parseDateTime(r.due_date) : undefined;
  const remind = typeof r.remind_at === "string" ? parseDateTime(r.remind_at) : undefined;
  return due !== undefined && remind !== undefined ? Math.round((due - remind) / 60_000) : null;
};

const tasks: ResourceDef = {
  table: "tasks",
  path: "tasks",
  type: "task",
  ops: ["list", "get", "create", "update", "delete"],
  fields: {
    id: RO_INT,
    creator_id: CREATOR,
    owner_id: userRef(),
    resource_type: { type: "string", enum: RESOURCE_TYPES },
    resource_id: INT,
    // Firehose shows a stored null (PUT `completed: null`) as false.
    completed: {
      type: "bool",
      default: false,
      firehose: { value: (_w, r) => r.completed ?? false },
    },
    completed_at: RO_TIME,
    due_date: { type: "datetime" },
    overdue: v2Only(RO_BOOL),
    remind_at: {
      type: "datetime",
      firehose: { as: "reminder_offset", value: (_w, r) => reminderOffset(r) },
    },
    content: { type: "string", required: true },
    ...timestamps(),
  },
  filters: {
    ...filters("bool", "completed"),
    ...filters("int", "creator_id", "owner_id", "resource_id"),
    ...filters("str", "resource_type"),
    overdue: { kind: "bool", match: (r, v, world) => isOverdue(world, r) === v },
    remind: {
      kind: "bool",
      match: (r, v) => (r.remind_at !== null && r.remind_at !== undefined) === v,
    },
    q: { kind: "string", match: (r, q) => contains(r.content, q) },
    type: {
      kind: "string",
      enum: ["floating", "related"],
      match: (r, v) => (v === "floating" ? r.resource_type === null : r.resource_type !== null),
    },
  },
  defaultSort: "updated_at:asc",
  hooks: {
    prepare(ctx, next, existing, errors, input) {
      checkAttachedResource(ctx, next, errors, input, existing);
      if (next.completed === true && existing?.completed !== true)
        next.completed_at = isoSeconds(ctx.now());
      if (next.completed !== true) next.completed_at = null;
    },
  },
  render(world, record, output) {
    return { ...output, overdue: isOverdue(world, record) };
  },
  firehose: {
    extra: { account_id: (world) => world.store.all("accounts")[0]?.id ?? null },
  },
};

const calls: ResourceDef = {
  table: "calls",
  path: "calls",
  type: "call",
  ops: ["list", "get", "create", "update", "delete"],
  fields: {
    id: RO_INT,
    user_id: userRef(),
    summary: STR,
    recording_url: STR,
    outcome_id: { type: "int", ref: "call_outcomes" },
    duration: { type: "int", min: 0 },
    phone_number: STR,
    incoming: { type: "bool", default: false },
    missed: { type: "bool", default: false },
    resource_type: { type: "string", enum: ["lead", "contact"] },
    resource_id: INT,
    associated_deal_ids: { type: "int_array", ref: "deals" },
    made_at: { type: "datetime", default: (ctx) => isoSeconds(ctx.now()) },
    external_id: v2Only(STR),
    ...timestamps(),
  },
  filters: {
    ...filters("str", "resource_type"),
    ...filters("int", "resource_id"),
    associated_deal_id: {
      kind: "int",
      match: (r, v) =>
        Array.isArray(r.associated_deal_ids) && r.associated_deal_ids.includes(v as number),
    },
  },
  fixedSort: "made_at:desc",
  hooks: {
    prepare(ctx, next, existing, errors, input) {
      checkAttachedResource(ctx, next, errors, input, existing);
    },
  },
  firehose: true,
};

const visits: ResourceDef = {
  table: "visits",
  path: "visits",
  type: "visit",
  ops: ["list"],
  fields: {
    id: RO_INT,
    creator_id: CREATOR,
    outcome_id: RO_INT,
    resource_type: RO_STR,
    resource_id: RO_INT,
    visited_at: RO_TIME,
    resource_address: RO_STR,
    rep_location_verification_status: RO_STR,
    summary: RO_STR,
    ...timestamps(),
  },
  filters: {
    ...filters("int", "outcome_id", "creator_id", "resource_id"),
    ...filters("str", "resource_type", "rep_location_verification_status"),
  },
  pairedFilters: [["resource_type", "resource_id"]],
  defaultSort: "id:asc",
};

const textMessages: ResourceDef = {
  table: "text_messages",
  path: "text_messages",
  type: "text_message",
  ops: ["list", "get"],
  fields: {
    id: RO_INT,
    user_id: RO_INT,
    user_phone_number: RO_STR,
    content: RO_STR,
    incoming: RO_BOOL,
    resource_phone_number: RO_STR,
    resource_type: RO_STR,
    resource_id: RO_INT,
    associated_deal_ids: { type: "int_array", readOnly: true },
    sent_at: RO_TIME,
    ...timestamps(),
  },
  filters: { ...filters("str", "resource_type"), ...filters("int", "resource_id") },
  pairedFilters: [["resource_type", "resource_id"]],
  defaultSort: "id:desc",
};

const collaborations: ResourceDef = {
  table: "collaborations",
  path: "collaborations",
  type: "collaboration",
  ops: ["list", "get", "create", "delete"],
  fields: {
    id: RO_INT,
    creator_id: CREATOR,
    resource_type: { type: "string", required: true, enum: RESOURCE_TYPES },
    resource_id: { type: "int", required: true },
    collaborator_id: { type: "int", required: true, ref: "users" },
    ...timestamps(),
  },
  filters: { ...filters("int", "creator_id", "resource_id"), ...filters("str", "resource_type") },
  defaultSort: "id:asc",
  hooks: {
    prepare(ctx, next, existing, errors, input) {
      checkAttachedResource(ctx, next, errors, input, existing);
    },
  },
};

export const activityResources: ResourceDef[] = [
  notes,
  tasks,
  calls,
  visits,
  textMessages,
  collaborations,
];
