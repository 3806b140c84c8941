import { allPicklists } from "../resources";
import { picklist } from "./picklist";

/** Every data source: the picklists the resources declare, keyed by their data source key. */
export const dataSources = Object.fromEntries(
  allPicklists.map(({ resource, picklist: spec }) => [spec.key, picklist(resource, spec)]),
);
