import type { Resource } from "../../resources/define";
import { createAction, deleteAction, getAction, listAction, updateAction } from "./crud";
import { findOrCreateAction } from "./findOrCreate";
import { streamAction } from "./stream";
import { upsertAction } from "./upsert";

export { customAction } from "./custom";

/**
 * The action of one operation a resource declares, by its action key: `resourceAction(leads,
 * "createLead")`. The key is checked against the resource's operations at compile time.
 */
export function resourceAction<
  R extends Resource & { operations: Readonly<Record<string, unknown>> },
>(resource: R, actionKey: keyof R["operations"] & string) {
  const operation = resource.operations?.[actionKey];
  if (!operation) throw new Error(`${resource.key} declares no operation ${actionKey}`);
  switch (operation.kind) {
    case "list":
      return listAction(resource, operation);
    case "get":
      return getAction(resource, operation);
    case "create":
      return createAction(resource, operation);
    case "update":
      return updateAction(resource, operation);
    case "delete":
      return deleteAction(resource, operation);
    case "upsert":
      return upsertAction(resource, operation);
    case "findOrCreate":
      return findOrCreateAction(resource, operation);
    case "stream":
      return streamAction(resource, operation);
  }
}
