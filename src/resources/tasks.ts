import { z } from "zod";
import { ids, pagination, recordId } from "../inputs/common";
import {
  choice,
  dateTime,
  id,
  longText,
  sortBy,
  text as textInput,
  triBool,
  variant,
} from "../inputs/fields";
import { group, layout } from "../inputs/layout";
import { SELL_DOCS } from "../util/values";
import { excerpt, RESOURCE_TYPES, resourceTogether } from "./attachments";
import { ownerId } from "./crmInputs";
import { definePicklist, defineResource, op } from "./define";
import example from "./examples/task.json";
import { attachment, flag, idRef, recordBase, text, when } from "./records";
import { selectUser } from "./users";

/** Tasks: to-dos for a user, attached to a lead, contact or deal, or floating. */

export const TaskRecord = z.looseObject({
  ...recordBase,
  ...attachment,
  creator_id: idRef,
  owner_id: idRef,
  completed: flag,
  completed_at: when,
  due_date: when,
  overdue: flag,
  remind_at: when,
  content: text,
});
export type TaskRecord = z.infer<typeof TaskRecord>;

export const taskLabel = (task: TaskRecord): string => excerpt(task.content, `Task ${task.id}`);

export const selectTask = definePicklist<TaskRecord>({
  key: "selectTask",
  description: "Select a task from your Zendesk Sell account (shown by the start of its content).",
  toLabel: taskLabel,
});

const f = {
  content: longText("content", "Content", {
    comments: "What is to be done.",
    example: "Contact Tom",
    placeholder: "Enter task content",
  }),
  resourceType: choice("resource_type", "Resource Type", RESOURCE_TYPES, {
    comments:
      "The kind of record the task is about: lead, contact or deal. Leave empty for a floating task.",
    placeholder: "Enter resource type",
  }),
  resourceId: id("resource_id", "Resource ID", {
    comments: "The ID of the lead, contact or deal the task is about.",
    placeholder: "Enter resource ID",
  }),
  dueDate: dateTime("due_date", "Due Date", {
    comments: "When the task is due (ISO 8601).",
    placeholder: "Enter due date",
  }),
  completed: triBool("completed", "Completed", { comments: "Whether the task is done." }),
  remindAt: dateTime("remind_at", "Remind At", {
    comments: "When to remind the owner (ISO 8601).",
    placeholder: "Enter reminder date",
  }),
  ownerId: ownerId("task", "Defaults to the connected user."),
};

const taskId = variant(recordId("Task", selectTask), { placeholder: "Enter task ID" });

const listLayout = layout({
  type: choice("type", "Type", ["floating", "related"], {
    comments: "floating: tasks not attached to a record; related: attached ones.",
  }),
  completed: variant(f.completed, {
    comments: "True: only completed tasks. False: only open ones.",
  }),
  pagination,
  additionalFields: group("Additional Fields", {
    sortBy: sortBy(["id", "due_date", "created_at", "updated_at", "resource_type"], {
      comments: "Order of the results (Sell's default: updated_at ascending).",
    }),
    q: textInput("q", "Query", { comments: "Tasks whose content contains this text." }),
    resourceType: variant(f.resourceType, { comments: "Tasks about this kind of record." }),
    resourceId: variant(f.resourceId, {
      comments: "Tasks about this record (set Resource Type too).",
    }),
    ids: variant(ids(), { placeholder: "Enter comma-separated IDs" }),
    creatorId: id("creator_id", "Creator ID", {
      comments: "Tasks created by this user.",
      dataSource: selectUser,
    }),
    ownerId: variant(f.ownerId, { comments: "Tasks assigned to this user." }),
    overdue: triBool("overdue", "Overdue", { comments: "True: only overdue tasks." }),
    remind: triBool("remind", "Remind", { comments: "True: only tasks with a reminder." }),
  }),
});

const writable = layout({
  content: f.content,
  resourceType: f.resourceType,
  resourceId: f.resourceId,
  dueDate: f.dueDate,
  completed: f.completed,
  remindAt: f.remindAt,
  ownerId: f.ownerId,
});

export const tasks = defineResource({
  key: "tasks",
  name: { one: "Task", many: "Tasks" },
  type: "task",
  path: "/tasks",
  docs: `${SELL_DOCS}/resources/tasks/`,
  record: TaskRecord,
  example: example as TaskRecord,
  fields: f,
  picklists: [selectTask],
  search: true,
  poll: true,
  // Sell works `overdue` out from the due date when the task is read: it changes with the clock.
  computedAttributes: ["overdue"],
  operations: {
    listTasks: op.list({
      description:
        "Returns the tasks visible to the connected user that match the filters (floating and related by default): one page, or every page with Fetch All.",
      layout: listLayout,
      rules: [(values) => resourceTogether(values.additionalFields)],
    }),
    getTask: op.get({
      description:
        "Returns a single task available to the user according to the unique task ID provided.",
      layout: layout({ id: taskId }),
    }),
    createTask: op.create({
      description:
        "Creates a task, attached to a lead, contact or deal (Resource Type and Resource ID), or floating.",
      layout: layout({ ...writable, content: variant(f.content, { required: true }) }),
      rules: [resourceTogether],
    }),
    updateTask: op.update({
      description: "Updates a task. Only the fields given are changed.",
      layout: layout({ id: taskId, ...writable }),
      rules: [resourceTogether],
    }),
    deleteTask: op.delete({
      description: "Deletes an existing task. This cannot be undone. Returns { data: null }.",
      layout: layout({ id: taskId }),
    }),
    getTasksStream: op.stream(),
  },
  stream: {
    attributes: [
      "id",
      "creator_id",
      "owner_id",
      "completed",
      "completed_at",
      "content",
      "resource_type",
      "resource_id",
      "reminder_offset",
      "due_date",
      "created_at",
    ],
  },
});
