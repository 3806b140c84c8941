import { dataSource, type InputFieldDefinition } from "@prismatic-io/spectral";
import { sellFor } from "../actions/factories";
import type { RecordData } from "../client";
import { connectionInput } from "../connections";
import {
  AccountRecord,
  CUSTOM_FIELD_RESOURCE_TYPES,
  CustomFieldRecord,
  ProductRecord,
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
  NamedRecord,
  namedLabel,
  TAG_RESOURCE_TYPES,
  tags,
  visitOutcomes,
} from "../resources/catalog";
import { ContactRecord, contactLabel, contacts } from "../resources/contacts";
import { DealRecord, dealLabel, deals } from "../resources/deals";
import { cleanField, toInput } from "../resources/define";
import { choice, refine } from "../resources/fields";
import { LeadRecord, leadLabel, leads } from "../resources/leads";
import { NoteRecord, noteLabel, notes } from "../resources/notes";
import { OrderRecord, orders } from "../resources/orders";
import {
  PipelineRecord,
  pipelineId,
  pipelineLabel,
  pipelines,
  StageRecord,
  stages,
} from "../resources/pipelines";
import { TaskRecord, taskLabel, tasks } from "../resources/tasks";
import { UserRecord, userLabel, users } from "../resources/users";
import { byLabel, listRecords, picklist, typed } from "./picklist";

export const selectAccount = dataSource({
  display: { label: "Select Account", description: "Select the Sell account of the connection." },
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
  examplePayload: { result: [{ key: "1", label: "Design Company" }] },
});

export const selectContact = picklist({
  label: "Select Contact",
  description: "Select a contact (person or organization) from your Zendesk Sell account.",
  path: contacts.path,
  record: ContactRecord,
  noun: "Contact",
  toLabel: contactLabel,
  example: [{ key: "2", label: "Mark Johnson (mark@designservices.com)" }],
});

export const selectOrganization = picklist({
  label: "Select Organization",
  description:
    "Select an organization (a contact with Is Organization True) from your Zendesk Sell account.",
  path: contacts.path,
  record: ContactRecord,
  query: { is_organization: true },
  noun: "Organization",
  toLabel: (contact) => contact.name?.trim() || `Organization ${contact.id}`,
  example: [{ key: "1", label: "Design Services Company" }],
});

export const selectDeal = picklist({
  label: "Select Deal",
  description: "Select a deal from your Zendesk Sell account.",
  path: deals.path,
  record: DealRecord,
  noun: "Deal",
  toLabel: dealLabel,
  example: [{ key: "1", label: "Website Redesign" }],
});

export const selectLead = picklist({
  label: "Select Lead",
  description:
    "Select a lead from your Zendesk Sell account (people by name, organization-only leads by organization).",
  path: leads.path,
  record: LeadRecord,
  noun: "Lead",
  toLabel: leadLabel,
  example: [{ key: "1", label: "Mark Johnson (Design Services Company)" }],
});

export const selectNote = picklist({
  label: "Select Note",
  description: "Select a note from your Zendesk Sell account (shown by the start of its content).",
  path: notes.path,
  record: NoteRecord,
  noun: "Note",
  toLabel: noteLabel,
  example: [{ key: "1", label: "Highly important." }],
});

export const selectOrder = picklist({
  label: "Select Order",
  description: "Select an order from your Zendesk Sell account (shown with the name of its deal).",
  path: orders.path,
  record: OrderRecord,
  noun: "Order",
  toLabel: (order) => `Order ${order.id}`,
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
  example: [{ key: "1", label: "Order 1 — Website Redesign" }],
});

export const selectPipeline = picklist({
  label: "Select Pipeline",
  description: "Select a pipeline from your Zendesk Sell account.",
  path: pipelines.path,
  record: PipelineRecord,
  noun: "Pipeline",
  toLabel: pipelineLabel,
  example: [{ key: "789898", label: "Sales pipeline" }],
});

export const selectProduct = picklist({
  label: "Select Product",
  description: "Select a product from your Zendesk Sell catalog.",
  path: products.path,
  record: ProductRecord,
  noun: "Product",
  toLabel: productLabel,
  example: [{ key: "1", label: "Enterprise Plan (enterprise-plan)" }],
});

export const selectStage = picklist({
  label: "Select Stage",
  description:
    "Select a pipeline stage from your Zendesk Sell account, optionally of one pipeline (shown as Pipeline › position. Stage).",
  path: stages.path,
  record: StageRecord,
  noun: "Stage",
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
  example: [{ key: "6111851", label: "Sales pipeline › 1. Incoming" }],
});

export const selectTask = picklist({
  label: "Select Task",
  description: "Select a task from your Zendesk Sell account (shown by the start of its content).",
  path: tasks.path,
  record: TaskRecord,
  noun: "Task",
  toLabel: taskLabel,
  example: [{ key: "1", label: "Contact Tom" }],
});

export const selectUser = picklist({
  label: "Select User",
  description: "Select a user of the Sell account (owners, assignees). Needs the 'profile' scope.",
  path: users.path,
  record: UserRecord,
  noun: "User",
  toLabel: userLabel,
  example: [{ key: "1089189", label: "Uzi (uzi@getbase.com)" }],
});

const namedPicklist = (resource: typeof leadSources, description: string, exampleLabel: string) =>
  picklist({
    label: `Select ${resource.name.one}`,
    description,
    path: resource.path,
    record: NamedRecord,
    noun: resource.name.one,
    toLabel: namedLabel(resource.name.one),
    example: [{ key: "1", label: exampleLabel }],
  });

export const selectLeadSource = namedPicklist(
  leadSources,
  "Select where a lead came from.",
  "Our website",
);
export const selectDealSource = namedPicklist(
  dealSources,
  "Select where a deal came from.",
  "Referral",
);
export const selectLossReason = namedPicklist(
  lossReasons,
  "Select why a deal was lost.",
  "We were too expensive",
);
export const selectLeadUnqualifiedReason = namedPicklist(
  leadUnqualifiedReasons,
  "Select why a lead was unqualified.",
  "No budget",
);
export const selectDealUnqualifiedReason = namedPicklist(
  dealUnqualifiedReasons,
  "Select why a deal was unqualified.",
  "No budget",
);
export const selectCallOutcome = namedPicklist(
  callOutcomes,
  "Select the outcome of a call.",
  "Interested",
);
export const selectVisitOutcome = namedPicklist(
  visitOutcomes,
  "Select the outcome of a visit.",
  "Meeting held",
);

export const selectTag = picklist({
  label: "Select Tag",
  description: "Select a tag, optionally of one resource type (shown with its type).",
  path: tags.path,
  record: NamedRecord,
  noun: "Tag",
  toLabel: (tag) =>
    `${tag.name?.trim() || `Tag ${tag.id}`}${tag.resource_type ? ` (${tag.resource_type})` : ""}`,
  filters: {
    resourceType: choice("resource_type", "Resource Type", TAG_RESOURCE_TYPES, {
      comments: "Only tags for leads, contacts or deals. Leave empty for all.",
    }),
  },
  example: [{ key: "1", label: "publisher (contact)" }],
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
    description:
      "Select a custom field of leads, contacts, deals or customers/prospects (the key is the field's name).",
  },
  dataSourceType: "picklist",
  inputs: {
    connection: connectionInput as InputFieldDefinition,
    resourceType: toInput(customFieldResourceType),
  },
  perform: async (context, params: Record<string, unknown>) => {
    const resourceType = cleanField(customFieldResourceType, params.resourceType) as string;
    const { items } = await sellFor({ logger: context.logger }, params).v2.list(
      `/${resourceType}/custom_fields`,
    );
    const result = items
      .map((item) => typed(CustomFieldRecord, item.data))
      .filter(
        (field): field is CustomFieldRecord =>
          field !== undefined && typeof field.name === "string",
      )
      .map((field) => ({
        key: field.name as string,
        label: `${field.name}${field.type ? ` (${field.type})` : ""}`,
      }));
    return { result: result.sort(byLabel) };
  },
  examplePayload: { result: [{ key: "Referral website", label: "Referral website (url)" }] },
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
