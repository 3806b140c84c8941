import { dataSource, type InputFieldDefinition } from "@prismatic-io/spectral";
import { describe, sellFor } from "../actions/factories";
import type { RecordData } from "../client";
import { connectionInput } from "../connections";
import {
  AccountRecord,
  account,
  CUSTOM_FIELD_RESOURCE_TYPES,
  customFieldDefinitions,
  productLabel,
  products,
} from "../resources/account";
import {
  callOutcomes,
  dealSources,
  dealUnqualifiedReasons,
  leadSources,
  leadUnqualifiedReasons,
  lossReasons,
  namedLabel,
  TAG_RESOURCE_TYPES,
  tags,
  visitOutcomes,
} from "../resources/catalog";
import { contactLabel, contacts } from "../resources/contacts";
import { readCustomFieldDefinitions } from "../resources/customFieldTypes";
import { DealRecord, dealLabel, deals } from "../resources/deals";
import { cleanField, toInput } from "../resources/define";
import { choice, refine } from "../resources/fields";
import { leadLabel, leads } from "../resources/leads";
import { noteLabel, notes } from "../resources/notes";
import { OrderRecord, orders } from "../resources/orders";
import {
  PipelineRecord,
  pipelineId,
  pipelineLabel,
  pipelines,
  StageRecord,
  stages,
} from "../resources/pipelines";
import { taskLabel, tasks } from "../resources/tasks";
import { userLabel, users } from "../resources/users";
import { byLabel, listRecords, picklist, typed } from "./picklist";

export const selectAccount = dataSource({
  display: {
    label: "Select Account",
    description: describe("Select the Sell account of the connection.", account.docs),
  },
  dataSourceType: "picklist",
  inputs: { connection: connectionInput as InputFieldDefinition },
  perform: async (context, params: Record<string, unknown>) => {
    const { data } = await sellFor({ logger: context.logger }, params).v2.get("/accounts/self");
    const accountRecord = typed(AccountRecord, data);
    return {
      result: [
        {
          key: String(data.id),
          label: accountRecord?.name?.trim() || `Account ${String(data.id)}`,
        },
      ],
    };
  },
  examplePayload: {
    result: [{ key: String(account.example.id), label: String(account.example.name) }],
  },
});

export const selectContact = picklist({
  description: "Select a contact (person or organization) from your Zendesk Sell account.",
  resource: contacts,
  toLabel: contactLabel,
});

export const selectOrganization = picklist({
  label: "Select Organization",
  description:
    "Select an organization (a contact with Is Organization True) from your Zendesk Sell account.",
  resource: contacts,
  query: { is_organization: true },
  noun: "Organization",
  toLabel: (contact) => contact.name?.trim() || `Organization ${contact.id}`,
});

export const selectDeal = picklist({
  description: "Select a deal from your Zendesk Sell account.",
  resource: deals,
  toLabel: dealLabel,
});

export const selectLead = picklist({
  description:
    "Select a lead from your Zendesk Sell account (people by name, organization-only leads by organization).",
  resource: leads,
  toLabel: leadLabel,
});

export const selectNote = picklist({
  description: "Select a note from your Zendesk Sell account (shown by the start of its content).",
  resource: notes,
  toLabel: noteLabel,
});

export const selectOrder = picklist({
  description: "Select an order from your Zendesk Sell account (shown with the name of its deal).",
  resource: orders,
  toLabel: (order) => `Order ${order.id}`,
  exampleLabel: `Order ${orders.example.id} — ${dealLabel(deals.example)}`,
  labeller: async (sell, records) => {
    const dealIds = [
      ...new Set(
        records
          .map((r) => typed(OrderRecord, r)?.deal_id)
          .filter((v): v is number => typeof v === "number"),
      ),
    ];
    const dealNames = new Map<number, string>();
    for (let start = 0; start < dealIds.length; start += 100) {
      const chunk = dealIds.slice(start, start + 100);
      for (const deal of await listRecords(sell, deals.path, { ids: chunk }, chunk.length)) {
        const parsed = typed(DealRecord, deal);
        if (parsed) dealNames.set(parsed.id, dealLabel(parsed));
      }
    }
    return (record: RecordData) => {
      const order = typed(OrderRecord, record);
      if (!order) return `Order ${String(record.id)}`;
      const dealName = order.deal_id
        ? (dealNames.get(order.deal_id) ?? `Deal ${order.deal_id}`)
        : undefined;
      return dealName ? `Order ${order.id} — ${dealName}` : `Order ${order.id}`;
    };
  },
});

export const selectPipeline = picklist({
  description: "Select a pipeline from your Zendesk Sell account.",
  resource: pipelines,
  toLabel: pipelineLabel,
});

export const selectProduct = picklist({
  description: "Select a product from your Zendesk Sell catalog.",
  resource: products,
  toLabel: productLabel,
});

export const selectStage = picklist({
  exampleLabel: `${pipelineLabel(pipelines.example)} › ${stages.example.position}. ${stages.example.name}`,
  description:
    "Select a pipeline stage from your Zendesk Sell account, optionally of one pipeline (shown as Pipeline › position. Stage).",
  resource: stages,
  toLabel: (stage) => stage.name ?? `Stage ${stage.id}`,
  filters: {
    pipelineId: refine(pipelineId, {
      comments: "Only stages of this pipeline. Leave empty for all pipelines.",
    }),
  },
  labeller: async (sell) => {
    const pipelineNames = new Map<number, string>();
    for (const pipeline of await listRecords(sell, pipelines.path, {}, 1000)) {
      const parsed = typed(PipelineRecord, pipeline);
      if (parsed) pipelineNames.set(parsed.id, pipelineLabel(parsed));
    }
    return (record: RecordData) => {
      const stage = typed(StageRecord, record);
      if (!stage) return `Stage ${String(record.id)}`;
      const pipeline = stage.pipeline_id
        ? (pipelineNames.get(stage.pipeline_id) ?? `Pipeline ${stage.pipeline_id}`)
        : "No pipeline";
      const position = typeof stage.position === "number" ? `${stage.position}. ` : "";
      return `${pipeline} › ${position}${stage.name ?? `Stage ${stage.id}`}`;
    };
  },
});

export const selectTask = picklist({
  description: "Select a task from your Zendesk Sell account (shown by the start of its content).",
  resource: tasks,
  toLabel: taskLabel,
});

export const selectUser = picklist({
  description: "Select a user of the Sell account (owners, assignees). Needs the 'profile' scope.",
  resource: users,
  toLabel: userLabel,
});

const namedPicklist = (resource: typeof leadSources, description: string) =>
  picklist({ description, resource, toLabel: namedLabel(resource.name.one) });

export const selectLeadSource = namedPicklist(leadSources, "Select where a lead came from.");
export const selectDealSource = namedPicklist(dealSources, "Select where a deal came from.");
export const selectLossReason = namedPicklist(lossReasons, "Select why a deal was lost.");
export const selectLeadUnqualifiedReason = namedPicklist(
  leadUnqualifiedReasons,
  "Select why a lead was unqualified.",
);
export const selectDealUnqualifiedReason = namedPicklist(
  dealUnqualifiedReasons,
  "Select why a deal was unqualified.",
);
export const selectCallOutcome = namedPicklist(callOutcomes, "Select the outcome of a call.");
export const selectVisitOutcome = namedPicklist(visitOutcomes, "Select the outcome of a visit.");

export const selectTag = picklist({
  description: "Select a tag, optionally of one resource type (shown with its type).",
  resource: tags,
  toLabel: (tag) =>
    `${tag.name?.trim() || `Tag ${tag.id}`}${tag.resource_type ? ` (${tag.resource_type})` : ""}`,
  filters: {
    resourceType: choice("resource_type", "Resource Type", TAG_RESOURCE_TYPES, {
      comments: "Only tags for leads, contacts or deals. Leave empty for all.",
    }),
  },
});

const customFieldResourceType = choice(
  "resource_type",
  "Resource Type",
  CUSTOM_FIELD_RESOURCE_TYPES,
  {
    required: true,
    comments: "Whose custom fields to list.",
  },
);

/** Custom fields are chosen by name: that is how Sell's v2 API addresses their values and filters. */
export const selectCustomField = dataSource({
  display: {
    label: "Select Custom Field",
    description: describe(
      "Select a custom field of leads, contacts, deals or customers/prospects (the key is the field's name).",
      customFieldDefinitions.docs,
    ),
  },
  dataSourceType: "picklist",
  inputs: {
    connection: connectionInput as InputFieldDefinition,
    resourceType: toInput(customFieldResourceType),
  },
  perform: async (context, params: Record<string, unknown>) => {
    const resourceType = cleanField(customFieldResourceType, params.resourceType) as string;
    const sell = sellFor({ logger: context.logger }, params);
    // Uncached: a field just added in Sell should be offered at once.
    const definitions = await readCustomFieldDefinitions(sell, resourceType);
    const result = definitions.map((field) => ({
      key: field.name,
      label: `${field.name}${field.type ? ` (${field.type})` : ""}`,
    }));
    return { result: result.sort(byLabel) };
  },
  examplePayload: {
    result: [
      {
        key: String(customFieldDefinitions.example.name),
        label: `${customFieldDefinitions.example.name} (${customFieldDefinitions.example.type})`,
      },
    ],
  },
});

export const dataSources = {
  selectAccount,
  selectContact,
  selectOrganization,
  selectDeal,
  selectLead,
  selectNote,
  selectOrder,
  selectPipeline,
  selectProduct,
  selectStage,
  selectTask,
  selectUser,
  selectLeadSource,
  selectDealSource,
  selectLossReason,
  selectLeadUnqualifiedReason,
  selectDealUnqualifiedReason,
  selectTag,
  selectCallOutcome,
  selectVisitOutcome,
  selectCustomField,
};
