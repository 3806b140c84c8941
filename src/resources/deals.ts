import { z } from "zod";
import associatedContactExample from "../../test/fixtures/records/associated_contact.json";
import example from "../../test/fixtures/records/deal.json";
import { ids, pagination } from "./common";
import { defineResource, group, inQuery, type Layout } from "./define";
import {
  choice,
  currency,
  customFields,
  date,
  dateTime,
  decimal,
  id,
  integer,
  pairs,
  refine,
  sortBy,
  tags,
  text,
  triBool,
} from "./fields";
import { crmRecordBase, decimalValue, sellId, timestamp } from "./records";

/** Deals: an opportunity with a primary contact, moving left to right through a pipeline's stages. */

export const DealRecord = z.looseObject({
  ...crmRecordBase,
  name: z.string().nullish(),
  value: decimalValue.nullish(),
  currency: z.string().nullish(),
  hot: z.boolean().nullish(),
  stage_id: sellId.nullish(),
  contact_id: sellId.nullish(),
  organization_id: sellId.nullish(),
  source_id: sellId.nullish(),
  loss_reason_id: sellId.nullish(),
  unqualified_reason_id: sellId.nullish(),
  last_stage_change_at: timestamp.nullish(),
  estimated_close_date: z.string().nullish(),
});
export type DealRecord = z.infer<typeof DealRecord>;

export const deals = defineResource({
  key: "deals",
  name: { one: "Deal", many: "Deals" },
  type: "deal",
  path: "/deals",
  docs: "https://developer.zendesk.com/api-reference/sales-crm/resources/deals/",
  record: DealRecord,
  example: example as DealRecord,
  stream: true,
  customFieldTypes: ["deal"],
});

export const dealLabel = (deal: DealRecord): string => deal.name?.trim() || `Deal ${deal.id}`;

export const dealFields = {
  name: text("name", "Name", { comments: "Name of the deal.", example: "Website Redesign" }),
  value: decimal("value", "Value", {
    comments: "Value of the deal, e.g. 1000 or 1000.50, in its currency.",
  }),
  currency: currency("currency", "Currency", {
    comments: "ISO 4217 code, e.g. USD. Defaults to the account's currency.",
  }),
  customFields: customFields("custom_fields", "Custom Fields", {
    comments: "Custom field values, keyed by the custom field's name as shown in Sell.",
  }),
  tags: tags("tags", "Tags", {
    comments:
      "Tag names. Sell replaces the deal's whole tag set with this list; leave empty to keep the current tags.",
  }),
  hot: triBool("hot", "Hot", { comments: "Whether the deal is hot." }),
  lastStageChangeAt: dateTime("last_stage_change_at", "Last Stage Change At", {
    comments:
      "When the deal entered its current stage (ISO 8601). Sell sets it when the stage changes.",
  }),
  addedAt: dateTime("added_at", "Added At", { comments: "When the deal was started (ISO 8601)." }),
  estimatedCloseDate: date("estimated_close_date", "Estimated Close Date", {
    comments: "Expected close date, YYYY-MM-DD.",
  }),
  customizedWinLikelihood: integer("customized_win_likelihood", "Customized Win Likelihood", {
    min: 0,
    max: 100,
    comments: "Win likelihood in percent, 0 to 100, overriding the stage's.",
    example: "40",
  }),
  contactId: id("contact_id", "Contact ID", {
    comments: "The deal's primary contact (a person or an organization).",
    dataSource: "selectContact",
  }),
  ownerId: id("owner_id", "Owner ID", {
    comments: "The user the deal is assigned to.",
    dataSource: "selectUser",
  }),
  stageId: id("stage_id", "Stage ID", {
    comments:
      "The stage (and so the pipeline) of the deal. Defaults to the first stage of the default pipeline.",
    dataSource: "selectStage",
  }),
  sourceId: id("source_id", "Source ID", {
    comments: "Where the deal came from (a deal source).",
    dataSource: "selectDealSource",
  }),
  lossReasonId: id("loss_reason_id", "Loss Reason ID", {
    comments: "Why the deal was lost.",
    dataSource: "selectLossReason",
  }),
  unqualifiedReasonId: id("unqualified_reason_id", "Unqualified Reason ID", {
    comments: "Why the deal was unqualified.",
    dataSource: "selectDealUnqualifiedReason",
  }),
};
const f = dealFields;

export const includes = choice("includes", "Includes", ["associated_contacts"], {
  comments: "associated_contacts: also return the contacts attached to each deal.",
});

export const listLayout: Layout = {
  name: refine(f.name, { comments: "Deals with exactly this name." }),
  ids: ids(),
  creatorId: id("creator_id", "Creator ID", {
    comments: "Deals created by this user.",
    dataSource: "selectUser",
  }),
  ownerId: refine(f.ownerId, { comments: "Deals owned by this user." }),
  contactId: refine(f.contactId, { comments: "Deals whose primary contact is this contact." }),
  organizationId: id("organization_id", "Organization ID", {
    comments: "Deals of this organization (a contact with Is Organization True).",
    dataSource: "selectOrganization",
  }),
  sourceId: refine(f.sourceId, { comments: "Deals from this source." }),
  stageId: refine(f.stageId, { comments: "Deals in this stage." }),
  customFields: refine(f.customFields, {
    comments:
      "Filter by custom field values (exact match). Sell only filters on custom fields marked Filterable.",
  }),
  pagination,
  additionalFields: group("Additional Fields", {
    sortBy: sortBy(
      [
        "id",
        "name",
        "value",
        "created_at",
        "updated_at",
        "last_stage_change_at",
        "estimated_close_date",
        "last_activity_at",
      ],
      {
        comments: "Order of the results (Sell's default: id ascending).",
      },
    ),
    includes,
    inclusive: triBool("inclusive", "Inclusive", {
      comments:
        "How several filters combine: True (default) = all must match, False = any may match.",
    }),
    value: refine(f.value, { comments: "Deals with exactly this value." }),
    hot: refine(f.hot, { comments: "True: only hot deals. False: only deals that are not hot." }),
    estimatedCloseDate: refine(f.estimatedCloseDate, {
      comments: "Deals expected to close on this date (YYYY-MM-DD).",
    }),
  }),
};

/** Every writable field, none required: the fields of an update (and of an upsert). */
export const updateLayout: Layout = { ...f };

/** A new deal needs a name and a primary contact; same input order as Prismatic's component. */
export const createLayout: Layout = {
  ...updateLayout,
  name: refine(f.name, { required: true }),
  contactId: refine(f.contactId, { required: true }),
};

// ---- associated contacts -------------------------------------------------------------------

export const AssociatedContactRecord = z.looseObject({
  contact_id: sellId,
  role: z.string().nullish(),
  created_at: timestamp.nullish(),
  updated_at: timestamp.nullish(),
});

/** Contacts attached to a deal besides its primary contact, each with a role. */
export const associatedContacts = defineResource({
  key: "associated_contacts",
  name: { one: "Associated Contact", many: "Associated Contacts" },
  type: "associated_contact",
  path: "/deals/{dealId}/associated_contacts",
  docs: "https://developer.zendesk.com/api-reference/sales-crm/resources/associated-contacts/",
  record: AssociatedContactRecord,
  example: associatedContactExample as z.infer<typeof AssociatedContactRecord>,
  stream: true,
});

export const dealOfAssociation = id([], "Deal ID", {
  required: true,
  comments: "The deal.",
  dataSource: "selectDeal",
});

export const associatedContactListLayout: Layout = { dealId: dealOfAssociation, pagination };

export const associatedContactCreateLayout: Layout = {
  dealId: dealOfAssociation,
  contactId: id("contact_id", "Contact ID", {
    required: true,
    comments: "The contact to attach to the deal.",
    dataSource: "selectContact",
  }),
  role: text("role", "Role", {
    comments: "The contact's role in the deal, e.g. involved (Sell's default).",
    example: "involved",
  }),
};

// ---- upsert and stage moves -------------------------------------------------------------------

export const upsertLayout: Layout = {
  filters: inQuery(
    pairs([], "Filters", {
      required: true,
      comments:
        "How Sell finds the deal to update: pairs of list filter and value, e.g. contact_id = 12, or a custom field name (marked Filterable in Sell) and its value. At least one is required. No match: a deal is created (then Name and Contact ID are needed); one match: it is updated; several: the upsert fails.",
    }),
  ),
  inclusive: inQuery(
    triBool("inclusive", "Inclusive", {
      comments:
        "How several filters combine: True (default) = all must match, False = any may match.",
    }),
  ),
  ...updateLayout,
};

export const moveLayout: Layout = {
  pipelineId: id([], "Pipeline ID", {
    required: true,
    comments: "The pipeline of the stage. The stage must belong to it.",
    dataSource: "selectPipeline",
  }),
  stageId: refine(f.stageId, { required: true, comments: "The stage to move the deal to." }),
  lossReasonId: refine(f.lossReasonId, {
    comments: "When the stage is a lost stage: why the deal was lost.",
  }),
  unqualifiedReasonId: refine(f.unqualifiedReasonId, {
    comments: "When the stage is an unqualified stage: why.",
  }),
};
