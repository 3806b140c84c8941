import { z } from "zod";
import { ids, inclusive, pagination, recordId } from "../inputs/common";
import {
  choice,
  currency,
  date,
  dateTime,
  decimal,
  id,
  integer,
  sortBy,
  text as textInput,
  triBool,
  variant,
} from "../inputs/fields";
import { group, inQuery, layout } from "../inputs/layout";
import { SELL_DOCS } from "../util/values";
import { selectContact, selectOrganization } from "./contacts";
import {
  crmFilters,
  customFieldValues,
  ownerId,
  tagNames,
  upsertFilters,
  upsertFiltersComment,
} from "./crmInputs";
import { definePicklist, defineResource, op } from "./define";
import associatedContactExample from "./examples/associated_contact.json";
import example from "./examples/deal.json";
import { selectPipeline, selectStage } from "./pipelines";
import { selectDealUnqualifiedReason, selectLossReason } from "./reasons";
import { count, crmRecordBase, decimalValue, flag, idRef, text, when } from "./records";
import { selectDealSource } from "./sources";

/** Deals: an opportunity with a primary contact, moving left to right through a pipeline's stages. */

export const DealRecord = z.looseObject({
  ...crmRecordBase,
  name: text,
  value: decimalValue.nullish(),
  currency: text,
  hot: flag,
  stage_id: idRef,
  contact_id: idRef,
  organization_id: idRef,
  source_id: idRef,
  loss_reason_id: idRef,
  unqualified_reason_id: idRef,
  last_stage_change_at: when,
  last_stage_change_by_id: idRef,
  last_activity_at: when,
  estimated_close_date: text,
  customized_win_likelihood: count,
  dropbox_email: text,
  added_at: when,
  associated_contacts: z.unknown().optional(),
});
export type DealRecord = z.infer<typeof DealRecord>;

export const dealLabel = (deal: DealRecord): string => deal.name?.trim() || `Deal ${deal.id}`;

export const selectDeal = definePicklist<DealRecord>({
  key: "selectDeal",
  description: "Select a deal from your Zendesk Sell account.",
  toLabel: dealLabel,
});

export const dealFields = {
  name: textInput("name", "Name", {
    comments: "Name of the deal.",
    example: "Website Redesign",
    placeholder: "Enter name",
  }),
  value: decimal("value", "Value", {
    comments: "Value of the deal, e.g. 1000 or 1000.50, in its currency.",
    placeholder: "Enter deal value",
  }),
  currency: currency("currency", "Currency", {
    comments: "ISO 4217 code, e.g. USD. Defaults to the account's currency.",
    placeholder: "Enter currency code",
  }),
  customFields: customFieldValues,
  tags: tagNames("deal"),
  hot: triBool("hot", "Hot", {
    comments: "Whether the deal is hot.",
    placeholder: "Select whether deal is hot",
  }),
  lastStageChangeAt: dateTime("last_stage_change_at", "Last Stage Change At", {
    comments:
      "When the deal entered its current stage (ISO 8601). Sell sets it when the stage changes.",
  }),
  addedAt: dateTime("added_at", "Added At", { comments: "When the deal was started (ISO 8601)." }),
  estimatedCloseDate: date("estimated_close_date", "Estimated Close Date", {
    comments: "Expected close date, YYYY-MM-DD (a date and time is accepted; its date is kept).",
    placeholder: "Enter estimated close date (YYYY-MM-DD)",
  }),
  customizedWinLikelihood: integer("customized_win_likelihood", "Customized Win Likelihood", {
    min: 0,
    max: 100,
    comments: "Win likelihood in percent, 0 to 100, overriding the stage's.",
    example: "40",
    placeholder: "Enter win likelihood (0-100)",
  }),
  contactId: id("contact_id", "Contact ID", {
    comments: "The deal's primary contact (a person or an organization).",
    placeholder: "Enter Contact ID",
    dataSource: selectContact,
  }),
  ownerId: ownerId("deal"),
  stageId: id("stage_id", "Stage ID", {
    comments:
      "The stage (and so the pipeline) of the deal. Defaults to the first stage of the default pipeline.",
    placeholder: "Enter Stage ID",
    dataSource: selectStage,
  }),
  sourceId: id("source_id", "Source ID", {
    comments: "Where the deal came from (a deal source).",
    placeholder: "Enter Source ID",
    dataSource: selectDealSource,
  }),
  lossReasonId: id("loss_reason_id", "Loss Reason ID", {
    comments: "Why the deal was lost.",
    placeholder: "Enter Loss Reason ID",
    dataSource: selectLossReason,
  }),
  unqualifiedReasonId: id("unqualified_reason_id", "Unqualified Reason ID", {
    comments: "Why the deal was unqualified.",
    placeholder: "Enter Unqualified Reason ID",
    dataSource: selectDealUnqualifiedReason,
  }),
};
const f = dealFields;
const filters = crmFilters("Deals");

export const includes = choice("includes", "Includes", ["associated_contacts"], {
  comments: "associated_contacts: also return the contacts attached to each deal.",
  placeholder: "Enter related resources",
});

export const dealId = variant(recordId("Deal", selectDeal), { placeholder: "Enter deal ID" });

const listLayout = layout({
  name: variant(f.name, { comments: "Deals with exactly this name." }),
  ids: variant(ids(), { placeholder: "Enter comma-separated IDs" }),
  creatorId: filters.creatorId,
  ownerId: filters.ownerId,
  contactId: variant(f.contactId, { comments: "Deals whose primary contact is this contact." }),
  organizationId: id("organization_id", "Organization ID", {
    comments: "Deals of this organization (a contact with Is Organization True).",
    dataSource: selectOrganization,
  }),
  sourceId: variant(f.sourceId, { comments: "Deals from this source." }),
  stageId: variant(f.stageId, { comments: "Deals in this stage." }),
  customFields: filters.customFields,
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
      { comments: "Order of the results (Sell's default: id ascending)." },
    ),
    includes,
    inclusive,
    value: variant(f.value, { comments: "Deals with exactly this value." }),
    hot: variant(f.hot, { comments: "True: only hot deals. False: only deals that are not hot." }),
    estimatedCloseDate: variant(f.estimatedCloseDate, {
      comments: "Deals expected to close on this date (YYYY-MM-DD).",
    }),
  }),
});

/** Every writable field, none required: the fields of an update (and of an upsert). */
const writable = layout({ ...f });

/** A new deal needs a name and a primary contact; same input order as Prismatic's component. */
const createLayout = layout({
  ...writable,
  name: variant(f.name, { required: true }),
  contactId: variant(f.contactId, { required: true }),
});

/** Moving a deal to a stage chosen with its pipeline (Move Deal to Stage). */
export const moveLayout = layout({
  id: dealId,
  pipelineId: id([], "Pipeline ID", {
    required: true,
    comments: "The pipeline of the stage. The stage must belong to it.",
    dataSource: selectPipeline,
  }),
  stageId: variant(f.stageId, { required: true, comments: "The stage to move the deal to." }),
  lossReasonId: variant(f.lossReasonId, {
    comments: "When the stage is a lost stage: why the deal was lost.",
  }),
  unqualifiedReasonId: variant(f.unqualifiedReasonId, {
    comments: "When the stage is an unqualified stage: why.",
  }),
});

export const deals = defineResource({
  key: "deals",
  name: { one: "Deal", many: "Deals" },
  type: "deal",
  path: "/deals",
  docs: `${SELL_DOCS}/resources/deals/`,
  record: DealRecord,
  example: example as DealRecord,
  fields: dealFields,
  picklists: [selectDeal],
  customFieldTypes: ["deal"],
  search: true,
  poll: true,
  operations: {
    listDeals: op.list({
      description:
        "Returns the deals visible to the connected user that match the filters: one page, or every page with Fetch All.",
      layout: listLayout,
    }),
    getDeal: op.get({
      description:
        "Returns a single deal available to the user, optionally with its associated contacts.",
      layout: layout({ id: dealId, includes }),
    }),
    createDeal: op.create({
      description:
        "Creates a deal for a primary contact. Without a stage it starts in the first stage of the default pipeline.",
      layout: createLayout,
    }),
    updateDeal: op.update({
      description:
        "Updates a deal. Only the fields given are changed; Tags, when given, replace the deal's tags.",
      layout: layout({ id: dealId, ...writable }),
    }),
    deleteDeal: op.delete({
      description:
        "Deletes an existing deal and removes all associated contacts from the deal in a single call. This cannot be undone. Returns { data: null }.",
      layout: layout({ id: dealId }),
    }),
    getDealsStream: op.stream({ changed: "stage_id" }),
    upsertDeal: op.upsert({
      description:
        "Creates a deal or updates the one that matches the Filters (sent as query parameters), e.g. a contact and an external-ID custom field. No match: created, with the filters' values; one match: updated; several: fails with a clear error. At least one filter is required.",
      layout: layout({
        filters: inQuery(
          upsertFilters(
            upsertFiltersComment(
              "deal",
              "contact_id = 12",
              " (then Name and Contact ID are needed)",
            ),
          ),
        ),
        inclusive: inQuery(inclusive),
        ...writable,
      }),
      filtersKey: "filters",
    }),
  },
  stream: {
    attributes: [
      "id",
      "creator_id",
      "owner_id",
      "name",
      "value",
      "currency",
      "hot",
      "stage_id",
      "source_id",
      "loss_reason_id",
      "last_stage_change_at",
      "last_stage_change_by_id",
      "dropbox_email",
      "contact_id",
      "organization_id",
      "estimated_close_date",
      "customized_win_likelihood",
      "tags",
      "custom_field_values",
      "created_at",
    ],
  },
});

// ---- associated contacts -------------------------------------------------------------------

export const AssociatedContactRecord = z.looseObject({
  contact_id: z.number().int(),
  deal_id: idRef,
  role: text,
  created_at: when,
  updated_at: when,
});

const dealOfAssociation = id([], "Deal ID", {
  required: true,
  comments: "The deal.",
  dataSource: selectDeal,
});

/** Contacts attached to a deal besides its primary contact, each with a role. */
export const associatedContacts = defineResource({
  key: "associated_contacts",
  name: { one: "Associated Contact", many: "Associated Contacts" },
  type: "associated_contact",
  path: "/deals/{dealId}/associated_contacts",
  docs: `${SELL_DOCS}/resources/associated-contacts/`,
  record: AssociatedContactRecord,
  example: associatedContactExample as z.infer<typeof AssociatedContactRecord>,
  operations: {
    listAssociatedContacts: op.list({
      label: "List Deal Associated Contacts",
      description:
        "Returns the contacts attached to a deal (besides its primary contact), with their role.",
      layout: layout({ dealId: dealOfAssociation, pagination }),
    }),
    addAssociatedContact: op.create({
      label: "Add Deal Associated Contact",
      description:
        "Attaches a contact to a deal with a role (e.g. involved). The deal and the contact must exist.",
      layout: layout({
        dealId: dealOfAssociation,
        contactId: id("contact_id", "Contact ID", {
          required: true,
          comments: "The contact to attach to the deal.",
          dataSource: selectContact,
        }),
        role: textInput("role", "Role", {
          comments: "The contact's role in the deal, e.g. involved (Sell's default).",
          example: "involved",
        }),
      }),
    }),
    removeAssociatedContact: op.delete({
      label: "Remove Deal Associated Contact",
      description:
        "Detaches a contact from a deal (the contact itself is kept). Returns { data: null }.",
      layout: layout({
        dealId: dealOfAssociation,
        id: id("id", "Contact ID", {
          required: true,
          comments: "The contact to detach from the deal.",
          dataSource: selectContact,
        }),
      }),
    }),
  },
  stream: { attributes: ["id", "contact_id", "deal_id", "created_at"] },
});
