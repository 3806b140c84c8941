import { type InputFieldDefinition, pollingTrigger } from "@prismatic-io/spectral";
import type { SellClient } from "../../client";
import { InputError } from "../../inputs/errors";
import { choice, choiceList, id, integer, tags, text, toggle, variant } from "../../inputs/fields";
import {
  type Layout,
  layout,
  layoutInputs,
  need,
  readLayout,
  type Values,
} from "../../inputs/layout";
import { streamableByKey, streamableResources } from "../../resources";
import { contacts } from "../../resources/contacts";
import { deals } from "../../resources/deals";
import { parseRecord } from "../../resources/define";
import { leads } from "../../resources/leads";
import { StageRecord, selectPipeline, selectStage, stages } from "../../resources/pipelines";
import { selectUser, UserRecord, users } from "../../resources/users";
import { connectionInput, sellFor, withDocs } from "../../steps";
import { SELL_DOCS } from "../../util/values";
import { examplePayloadOf } from "../payload";
import {
  type ChangeEvent,
  changedAttributes,
  drainStream,
  EVENT_TYPES,
  type EventType,
  type Gap,
  type Start,
} from "./engine";

const FIREHOSE_DOCS = `${SELL_DOCS}/firehose/overview/`;

export const DEFAULT_MAX_EVENTS_PER_POLL = 1000;
export const MOST_EVENTS_PER_POLL = 10_000;

/** Where a trigger starts, and how much one poll reads: the inputs every Firehose trigger has. */
const pollControls = layout({
  startFrom: choice(
    [],
    "Start From",
    [
      { label: "Now (only changes from now on)", value: "now" },
      { label: "Oldest (everything Firehose still keeps, up to 72 hours)", value: "oldest" },
    ],
    {
      required: true,
      default: "now",
      comments:
        "Where the first poll starts reading. Later polls continue where the last one stopped.",
    },
  ),
  maxEventsPerPoll: integer([], "Max Events Per Poll", {
    min: 1,
    max: MOST_EVENTS_PER_POLL,
    default: String(DEFAULT_MAX_EVENTS_PER_POLL),
    comments:
      "Most events one poll reads (1 to 10,000). A bigger burst is read by the next polls, in order, none lost.",
  }),
});

/** What every Firehose trigger outputs besides its items. */
interface StreamOutput<T> {
  events: T[];
  /** The stream position the next poll continues from. */
  position: string;
  /** True when the poll read everything there was; false when its cap stopped it (the next poll continues). */
  caughtUp: boolean;
  gap?: Gap;
  started?: Start;
}

interface FirehoseTriggerSpec<L extends Layout, T> {
  label: string;
  description: string;
  layout: L;
  /** The stream the trigger reads. */
  resourceOf: (values: Values<L>) => string;
  check?: (values: Values<L>, resource: string) => void;
  /** The items to report out of the new events (a lookup may cost a request, only when there are events). */
  select: (events: ChangeEvent[], values: Values<L>, sell: SellClient) => Promise<T[]>;
  example: T;
}

/** A polling trigger on a Firehose stream (see engine.ts for what it guarantees). */
function firehoseTrigger<L extends Layout, T>(spec: FirehoseTriggerSpec<L, T>) {
  const example: StreamOutput<T> = {
    events: [spec.example],
    position: "ZmlyZWhvc2UuZXhhbXBsZS5wb3NpdGlvbiwxLDMwNTQ5Mg==",
    caughtUp: true,
  };
  return pollingTrigger({
    display: {
      label: spec.label,
      description: withDocs(
        `${spec.description} Needs the account's root user and a plan with Firehose; on other plans use New and Updated Records.`,
        FIREHOSE_DOCS,
      ),
    },
    inputs: {
      connection: connectionInput as InputFieldDefinition,
      ...layoutInputs({ ...spec.layout, ...pollControls }),
    },
    perform: async (context, payload, params: Record<string, unknown>) => {
      const { values } = readLayout(spec.layout, params);
      const controls = readLayout(pollControls, params).values;
      const resource = spec.resourceOf(values);
      spec.check?.(values, resource);
      const sell = sellFor(context, params);
      const drained = await drainStream(sell, context.polling.getState(), {
        resource,
        startFrom: controls.startFrom === "oldest" ? "oldest" : "now",
        maxEvents: controls.maxEventsPerPoll ?? DEFAULT_MAX_EVENTS_PER_POLL,
        now: () => new Date(),
        warn: (message) => context.logger.warn(message),
      });
      const items = await spec.select(drained.events, values, sell);
      if (drained.started)
        context.logger.info(
          `${spec.label}: started reading the ${resource} stream from ${drained.started.from} (position ${drained.started.position}) at ${drained.started.at}.`,
        );
      context.polling.setState({ stream: drained.state });
      const data: StreamOutput<T> = {
        events: items,
        position: drained.state.position,
        caughtUp: drained.caughtUp,
        ...(drained.gap ? { gap: drained.gap } : {}),
        ...(drained.started ? { started: drained.started } : {}),
      };
      return {
        payload: { ...payload, body: { data } },
        polledNoChanges: items.length === 0 && !drained.gap,
      };
    },
    examplePayload: examplePayloadOf(example),
  });
}

// ---- Record Changes --------------------------------------------------------------------------

const streamResource = choice(
  [],
  "Resource",
  streamableResources.map((resource) => ({ label: resource.name.many, value: resource.key })),
  { required: true, comments: "Whose changes to report." },
);

const recordChangesLayout = layout({
  resource: streamResource,
  eventTypes: choiceList([], "Event Types", EVENT_TYPES, {
    comments: "Which events to report: created, updated, deleted. Empty: all three.",
    example: "created, updated",
  }),
  changedFields: tags([], "Changed Fields", {
    comments:
      "Report an update only when one of these attributes really changed (is in the event's previous values with another value than now), e.g. stage_id, owner_id. Empty: every update.",
    example: "stage_id",
  }),
});

/** The attribute names Firehose reports for a resource; changed fields must be among them. */
function checkChangedFields(values: Values<typeof recordChangesLayout>, resource: string): void {
  const attributes = streamableByKey(resource)?.stream?.attributes ?? [];
  const unknown = (values.changedFields ?? []).filter((name) => !attributes.includes(name));
  if (unknown.length > 0) {
    throw new InputError(
      "Changed Fields",
      `${unknown.join(", ")} ${unknown.length === 1 ? "is not an attribute" : "are not attributes"} of ${resource} events; use ${attributes.filter((a) => a !== "id").join(", ")}`,
    );
  }
}

const exampleEvent: ChangeEvent = {
  eventId: "BJ5093YlSV6LcM6mO6Re7g",
  eventType: "updated",
  eventTime: "2026-11-20T13:52:42Z",
  sequence: 3,
  resource: "deals",
  record: deals.example,
  previous: { stage_id: 1 },
};

export const recordChanges = firehoseTrigger({
  label: "Record Changes",
  description:
    "Reports created, updated and deleted records of a resource from Sell's Firehose, exactly once, oldest first, with the previous values of what changed. A poll with nothing new costs one request.",
  layout: recordChangesLayout,
  resourceOf: (values) => need(values.resource, "Resource"),
  check: checkChangedFields,
  select: async (events, values) => {
    const chosen = values.eventTypes ?? [];
    const types = new Set<EventType>(
      chosen.length ? EVENT_TYPES.filter((type) => chosen.includes(type)) : EVENT_TYPES,
    );
    const fields = values.changedFields ?? [];
    return events.filter((event) => {
      if (!types.has(event.eventType)) return false;
      if (event.eventType !== "updated" || fields.length === 0) return true;
      return changedAttributes(event).some((name) => fields.includes(name));
    });
  },
  example: exampleEvent,
});

// ---- Deleted Records -------------------------------------------------------------------------

export const deletedRecords = firehoseTrigger({
  label: "Deleted Records",
  description:
    "Reports records deleted in Sell (the one change no list poll can see), exactly once, from the resource's Firehose stream.",
  layout: layout({ resource: streamResource }),
  resourceOf: (values) => need(values.resource, "Resource"),
  select: async (events) => events.filter((event) => event.eventType === "deleted"),
  example: { ...exampleEvent, eventType: "deleted", previous: null },
});

// ---- field changes ---------------------------------------------------------------------------

/** A change of one attribute of one record. */
interface FieldChange {
  eventId: string;
  eventTime: string | null;
  sequence: number | null;
  resource: string;
  recordId: unknown;
  record: Record<string, unknown>;
  /** True when the record was created with the value (reported only when asked). */
  created: boolean;
  from: unknown;
  to: unknown;
}

/** The changes of `attribute` among the events: real updates, and creations when asked. */
function fieldChanges(
  events: ChangeEvent[],
  attribute: string,
  includeCreated: boolean,
): FieldChange[] {
  return events.flatMap((event): FieldChange[] => {
    const created = event.eventType === "created";
    if (created ? !includeCreated : !changedAttributes(event).includes(attribute)) return [];
    if (!created && event.eventType !== "updated") return [];
    return [
      {
        eventId: event.eventId,
        eventTime: event.eventTime,
        sequence: event.sequence,
        resource: event.resource,
        recordId: event.record.id,
        record: event.record,
        created,
        from: created ? null : (event.previous?.[attribute] ?? null),
        to: event.record[attribute] ?? null,
      },
    ];
  });
}

const includeCreated = (noun: string) =>
  toggle(`Include New ${noun}`, {
    comments: `When true, a ${noun.toLowerCase().replace(/s$/, "")} created with a value is reported too (from is null). Otherwise only real changes of an existing record are.`,
  });

const idOf = (value: unknown): number | undefined =>
  typeof value === "number"
    ? value
    : typeof value === "string" && /^\d+$/.test(value)
      ? Number(value)
      : undefined;

/** Names and categories of the account's stages (one request, only when there are changes). */
async function stagesById(sell: SellClient) {
  const { items } = await sell.v2.collect(stages.path, {}, { maxItems: 1000 });
  const byId = new Map<number, StageRecord>();
  for (const item of items) {
    const stage = parseRecord(StageRecord, item.data);
    if (stage) byId.set(stage.id, stage);
  }
  return byId;
}

const OUTCOMES = new Set(["won", "lost", "unqualified"]);

export const dealStageChanged = firehoseTrigger({
  label: "Deal Stage Changed",
  description:
    "Reports each deal that moved to another stage (optionally of one pipeline, from or to given stages), with the stages' IDs and names and whether the deal was won, lost or unqualified. Never on an unrelated update.",
  layout: layout({
    pipelineId: id([], "Pipeline ID", {
      comments: "Only deals moved to a stage of this pipeline. Empty: every pipeline.",
      dataSource: selectPipeline,
    }),
    fromStageId: id([], "From Stage ID", {
      comments: "Only deals that left this stage. Empty: any stage.",
      dataSource: selectStage,
    }),
    toStageId: id([], "To Stage ID", {
      comments: "Only deals that entered this stage. Empty: any stage.",
      dataSource: selectStage,
    }),
    includeNewDeals: includeCreated("Deals"),
  }),
  resourceOf: () => deals.key,
  select: async (events, values, sell) => {
    const changes = fieldChanges(events, "stage_id", values.includeNewDeals === true).filter(
      (change) =>
        (values.fromStageId === undefined || idOf(change.from) === values.fromStageId) &&
        (values.toStageId === undefined || idOf(change.to) === values.toStageId),
    );
    if (changes.length === 0) return [];
    const byId = await stagesById(sell);
    return changes.flatMap((change) => {
      const from = byId.get(idOf(change.from) ?? -1);
      const to = byId.get(idOf(change.to) ?? -1);
      if (values.pipelineId !== undefined && to?.pipeline_id !== values.pipelineId) return [];
      return [
        {
          ...change,
          fromStageId: idOf(change.from) ?? null,
          fromStageName: from?.name ?? null,
          toStageId: idOf(change.to) ?? null,
          toStageName: to?.name ?? null,
          pipelineId: to?.pipeline_id ?? null,
          outcome: to?.category && OUTCOMES.has(to.category) ? to.category : "open",
        },
      ];
    });
  },
  example: {
    eventId: "BJ5093YlSV6LcM6mO6Re7g",
    eventTime: "2026-11-20T13:52:42Z",
    sequence: 4,
    resource: "deals",
    recordId: deals.example.id,
    record: deals.example,
    created: false,
    from: 6111851,
    to: 6111855,
    fromStageId: 6111851,
    fromStageName: "Incoming",
    toStageId: 6111855,
    toStageName: "Won",
    pipelineId: 704704,
    outcome: "won",
  },
});

const sameName = (a: unknown, b: string | undefined): boolean =>
  b === undefined || (typeof a === "string" && a.trim().toLowerCase() === b.trim().toLowerCase());

export const leadStatusChanged = firehoseTrigger({
  label: "Lead Status Changed",
  description:
    "Reports each lead whose status changed (optionally from or to given status names, e.g. Working → Unqualified), with the status before and after. Never on an unrelated update.",
  layout: layout({
    fromStatus: text([], "From Status", {
      comments: "Only leads that had this status (its name in Sell, e.g. New). Empty: any.",
      example: "New",
    }),
    toStatus: text([], "To Status", {
      comments: "Only leads that got this status (e.g. Working). Empty: any.",
      example: "Working",
    }),
    includeNewLeads: includeCreated("Leads"),
  }),
  resourceOf: () => leads.key,
  select: async (events, values) =>
    fieldChanges(events, "status", values.includeNewLeads === true)
      .filter(
        (change) =>
          sameName(change.from, values.fromStatus) && sameName(change.to, values.toStatus),
      )
      .map((change) => ({ ...change, fromStatus: change.from, toStatus: change.to })),
  example: {
    eventId: "BJ5093YlSV6LcM6mO6Re7g",
    eventTime: "2026-11-20T13:52:42Z",
    sequence: 2,
    resource: "leads",
    recordId: leads.example.id,
    record: leads.example,
    created: false,
    from: "New",
    to: "Working",
    fromStatus: "New",
    toStatus: "Working",
  },
});

const OWNED = [leads, contacts, deals];

export const recordOwnerChanged = firehoseTrigger({
  label: "Record Owner Changed",
  description:
    "Reports each lead, contact or deal given to another owner (optionally from or to given users), with both owners' IDs and names. Never on an unrelated update.",
  layout: layout({
    resource: choice(
      [],
      "Resource",
      OWNED.map((resource) => ({ label: resource.name.many, value: resource.key })),
      { required: true, comments: "Whose owner changes to report: leads, contacts or deals." },
    ),
    fromOwnerId: variant(id([], "From Owner ID", { dataSource: selectUser }), {
      comments: "Only records this user owned. Empty: any.",
    }),
    toOwnerId: variant(id([], "To Owner ID", { dataSource: selectUser }), {
      comments: "Only records given to this user. Empty: any.",
    }),
    includeNewRecords: includeCreated("Records"),
  }),
  resourceOf: (values) => need(values.resource, "Resource"),
  select: async (events, values, sell) => {
    const changes = fieldChanges(events, "owner_id", values.includeNewRecords === true).filter(
      (change) =>
        (values.fromOwnerId === undefined || idOf(change.from) === values.fromOwnerId) &&
        (values.toOwnerId === undefined || idOf(change.to) === values.toOwnerId),
    );
    if (changes.length === 0) return [];
    const { items } = await sell.v2.collect(users.path, {}, { maxItems: 1000 });
    const names = new Map<number, string | null | undefined>();
    for (const item of items) {
      const user = parseRecord(UserRecord, item.data);
      if (user) names.set(user.id, user.name);
    }
    return changes.map((change) => ({
      ...change,
      fromOwnerId: idOf(change.from) ?? null,
      fromOwnerName: names.get(idOf(change.from) ?? -1) ?? null,
      toOwnerId: idOf(change.to) ?? null,
      toOwnerName: names.get(idOf(change.to) ?? -1) ?? null,
    }));
  },
  example: {
    eventId: "BJ5093YlSV6LcM6mO6Re7g",
    eventTime: "2026-11-20T13:52:42Z",
    sequence: 5,
    resource: "deals",
    recordId: deals.example.id,
    record: deals.example,
    created: false,
    from: 1,
    to: 2,
    fromOwnerId: 1,
    fromOwnerName: "Ada Admin",
    toOwnerId: 2,
    toOwnerName: "Bob Seller",
  },
});
