import { z } from "zod";
import example from "../../test/fixtures/records/task.json";
import { ids, pagination } from "./common";
import { defineResource, group, type Layout } from "./define";
import { choice, dateTime, id, longText, refine, sortBy, text, triBool } from "./fields";
import { excerpt, RESOURCE_TYPES } from "./notes";
import { recordBase, sellId, timestamp } from "./records";

/** Tasks: to-dos for a user, attached to a lead, contact or deal, or floating. */

export const TaskRecord = z.looseObject({
  ...recordBase,
  creator_id: sellId.nullish(),
  owner_id: sellId.nullish(),
  resource_type: z.string().nullish(),
  resource_id: sellId.nullish(),
  completed: z.boolean().nullish(),
  completed_at: timestamp.nullish(),
  due_date: timestamp.nullish(),
  overdue: z.boolean().nullish(),
  remind_at: timestamp.nullish(),
  content: z.string().nullish(),
});
export type TaskRecord = z.infer<typeof TaskRecord>;

export const tasks = defineResource({
  key: "tasks",
  name: { one: "Task", many: "Tasks" },
  type: "task",
  path: "/tasks",
  docs: "https://developer.zendesk.com/api-reference/sales-crm/resources/tasks/",
  record: TaskRecord,
  example: example as TaskRecord,
  stream: true,
});

export const taskLabel = (task: TaskRecord): string => excerpt(task.content, `Task ${task.id}`);

const f = {
  content: longText("content", "Content", {
    comments: "What is to be done.",
    example: "Contact Tom",
  }),
  resourceType: choice("resource_type", "Resource Type", RESOURCE_TYPES, {
    comments:
      "The kind of record the task is about: lead, contact or deal. Leave empty for a floating task.",
  }),
  resourceId: id("resource_id", "Resource ID", {
    comments: "The ID of the lead, contact or deal the task is about.",
  }),
  dueDate: dateTime("due_date", "Due Date", { comments: "When the task is due (ISO 8601)." }),
  completed: triBool("completed", "Completed", { comments: "Whether the task is done." }),
  remindAt: dateTime("remind_at", "Remind At", {
    comments: "When to remind the owner (ISO 8601).",
  }),
  ownerId: id("owner_id", "Owner ID", {
    comments: "The user the task is assigned to. Defaults to the connected user.",
    dataSource: "selectUser",
  }),
};

export const listLayout: Layout = {
  type: choice("type", "Type", ["floating", "related"], {
    comments: "floating: tasks not attached to a record; related: attached ones.",
  }),
  completed: refine(f.completed, {
    comments: "True: only completed tasks. False: only open ones.",
  }),
  pagination,
  additionalFields: group("Additional Fields", {
    sortBy: sortBy(["id", "due_date", "created_at", "updated_at", "resource_type"], {
      comments: "Order of the results (Sell's default: updated_at ascending).",
    }),
    q: text("q", "Query", { comments: "Tasks whose content contains this text." }),
    resourceType: refine(f.resourceType, { comments: "Tasks about this kind of record." }),
    resourceId: refine(f.resourceId, {
      comments: "Tasks about this record (set Resource Type too).",
    }),
    ids: ids(),
    creatorId: id("creator_id", "Creator ID", {
      comments: "Tasks created by this user.",
      dataSource: "selectUser",
    }),
    ownerId: refine(f.ownerId, { comments: "Tasks assigned to this user." }),
    overdue: triBool("overdue", "Overdue", { comments: "True: only overdue tasks." }),
    remind: triBool("remind", "Remind", { comments: "True: only tasks with a reminder." }),
  }),
};

export const createLayout: Layout = {
  content: refine(f.content, { required: true }),
  resourceType: f.resourceType,
  resourceId: f.resourceId,
  dueDate: f.dueDate,
  completed: f.completed,
  remindAt: f.remindAt,
  ownerId: f.ownerId,
};

export const updateLayout: Layout = {
  content: f.content,
  resourceType: f.resourceType,
  resourceId: f.resourceId,
  dueDate: f.dueDate,
  completed: f.completed,
  remindAt: f.remindAt,
  ownerId: f.ownerId,
};
