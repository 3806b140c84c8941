import { allPicklists } from "../resources";
import { selectFieldMapping } from "./fieldMapping";
import { picklist } from "./picklist";

/**
 * Every data source: the picklists the resources declare, keyed by their data source key, and
 * the field mapping of config wizards (built from the resources' fields).
 */
export const dataSources = {
  ...Object.fromEntries(
    allPicklists.map(({ resource, picklist: spec }) => [spec.key, picklist(resource, spec)]),
  ),
  selectFieldMapping,
};
