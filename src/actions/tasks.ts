import { tasks } from "../resources/tasks";
import { resourceAction } from "./operations";

export const listTasks = resourceAction(tasks, "listTasks");
export const getTask = resourceAction(tasks, "getTask");
export const createTask = resourceAction(tasks, "createTask");
export const updateTask = resourceAction(tasks, "updateTask");
export const deleteTask = resourceAction(tasks, "deleteTask");
export const getTasksStream = resourceAction(tasks, "getTasksStream");
