import { fieldsOf } from "../inputs/layout";
import { account } from "./account";
import { calls, textMessages, visits } from "./activities";
import { contacts } from "./contacts";
import { customFieldDefinitions } from "./customFields";
import { associatedContacts, deals } from "./deals";
import type { Operation, PicklistSpec, Resource } from "./define";
import { leadConversions, leads } from "./leads";
import { notes } from "./notes";
import { lineItems, orders } from "./orders";
import { callOutcomes, visitOutcomes } from "./outcomes";
import { pipelines, stages } from "./pipelines";
import { products } from "./products";
import { dealUnqualifiedReasons, leadUnqualifiedReasons, lossReasons } from "./reasons";
import { dealSources, leadSources, sources } from "./sources";
import { appointments, collaborations, documents } from "./streamOnly";
import { tags } from "./tags";
import { tasks } from "./tasks";
import { users } from "./users";

/**
 * The resource registry: every Sell resource the component knows, once. Everything that lists
 * resources is derived from it — the data sources, the stream and search resource choices, the
 * polling trigger's choice, the Firehose triggers, the tests. Adding a resource means writing
 * its file and adding it here (and, for its actions, one export per action key in
 * `src/actions/`).
 */
export const resources = {
  leads,
  leadConversions,
  contacts,
  deals,
  associatedContacts,
  notes,
  tasks,
  orders,
  lineItems,
  products,
  pipelines,
  stages,
  users,
  account,
  customFieldDefinitions,
  sources,
  leadSources,
  dealSources,
  lossReasons,
  leadUnqualifiedReasons,
  dealUnqualifiedReasons,
  tags,
  calls,
  callOutcomes,
  visits,
  visitOutcomes,
  textMessages,
  appointments,
  collaborations,
  documents,
} as const;

export type RegisteredResource = (typeof resources)[keyof typeof resources];

export const allResources: readonly Resource[] = Object.values(resources);

/** Resources with a Firehose stream (`GET /v3/<key>/stream`), by key. */
export const streamableResources: readonly Resource[] = allResources.filter((r) => r.stream);

/** Resources the Search API indexes (`POST /v3/<key>/search`). */
export const searchableResources: readonly Resource[] = allResources.filter((r) => r.search);

/** Resources the list-polling trigger can watch. */
export const pollableResources: readonly Resource[] = allResources.filter((r) => r.poll);

/** The resource with a Firehose key. */
export const streamableByKey = (key: string): Resource | undefined =>
  streamableResources.find((r) => r.key === key);

/** One operation of one resource, under the action key it is exported as. */
export interface RegisteredOperation {
  readonly actionKey: string;
  readonly resource: Resource;
  readonly operation: Operation;
}

/** Every operation the registry declares (the table-built actions). */
export const allOperations: readonly RegisteredOperation[] = allResources.flatMap((resource) =>
  Object.entries(resource.operations ?? {}).map(([actionKey, operation]) => ({
    actionKey,
    resource,
    operation,
  })),
);

/** Every picklist, with the resource whose records it lists. */
export const allPicklists: ReadonlyArray<{ resource: Resource; picklist: PicklistSpec }> =
  allResources.flatMap((resource) =>
    (resource.picklists ?? []).map((picklist) => ({ resource, picklist })),
  );

/**
 * Checks what the types cannot: keys are unique, and every picklist an input refers to is one a
 * resource offers (so the component cannot load with an input wired to nothing).
 */
function checkRegistry(): void {
  const offered = new Set(allPicklists.map(({ picklist }) => picklist));
  const twice = (keys: string[]) => keys.filter((key, i) => keys.indexOf(key) !== i);
  const repeated = [
    ...twice(allResources.map((r) => r.key)),
    ...twice(allOperations.map((o) => o.actionKey)),
    ...twice(allPicklists.map((p) => p.picklist.key)),
  ];
  if (repeated.length > 0)
    throw new Error(`Resource registry: keys declared twice: ${repeated.join(", ")}`);
  for (const { actionKey, operation } of allOperations) {
    for (const { key, field } of fieldsOf(operation.layout)) {
      if (field.dataSource && !offered.has(field.dataSource as PicklistSpec)) {
        throw new Error(
          `Resource registry: input ${key} of ${actionKey} refers to picklist ${field.dataSource.key}, which no resource offers`,
        );
      }
    }
  }
}

checkRegistry();
