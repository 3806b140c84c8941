import { resourceTogether } from "../resources/notes";
import { createLayout, listLayout, tasks, updateLayout } from "../resources/tasks";
import {
  createAction,
  deleteAction,
  getAction,
  listAction,
  recordId,
  streamAction,
  updateAction,
} from "./factories";

const taskId = recordId(tasks, { dataSource: "selectTask" });

export const listTasks = listAction(tasks, {
  description:
    "Returns the tasks visible to the connected user that match the filters (floating and related by default): one page, or every page with Fetch All.",
  layout: listLayout,
  rules: [resourceTogether("additionalFields.")],
});

export const getTask = getAction(tasks, {
  idField: taskId,
  description:
    "Returns a single task available to the user according to the unique task ID provided.",
});

export const createTask = createAction(tasks, {
  description:
    "Creates a task, attached to a lead, contact or deal (Resource Type and Resource ID), or floating.",
  layout: createLayout,
  rules: [resourceTogether()],
});

export const updateTask = updateAction(tasks, {
  idField: taskId,
  description: "Updates a task. Only the fields given are changed.",
  layout: updateLayout,
  rules: [resourceTogether()],
});

export const deleteTask = deleteAction(tasks, {
  idField: taskId,
  description: "Deletes an existing task. This cannot be undone. Returns { data: null }.",
});

export const getTasksStream = streamAction(tasks);
