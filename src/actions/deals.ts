import { action } from "@prismatic-io/spectral";
import { InputError } from "../client/errors";
import { connectionInput } from "../connections";
import {
  associatedContactCreateLayout,
  associatedContactListLayout,
  associatedContacts,
  createLayout,
  dealOfAssociation,
  deals,
  includes,
  listLayout,
  moveLayout,
  updateLayout,
  upsertLayout,
} from "../resources/deals";
import { inputValue, layoutInputs, readLayout, toBody } from "../resources/define";
import { id } from "../resources/fields";
import { StageRecord, stages } from "../resources/pipelines";
import {
  createAction,
  deleteAction,
  describe,
  filterNames,
  getAction,
  listAction,
  recordId,
  registerLayout,
  sellFor,
  singleExample,
  streamAction,
  updateAction,
  upsertAction,
} from "./factories";

const dealId = recordId(deals, { dataSource: "selectDeal" });

export const listDeals = listAction(deals, {
  description:
    "Returns the deals visible to the connected user that match the filters: one page, or every page with Fetch All.",
  layout: listLayout,
});

export const getDeal = getAction(deals, {
  idField: dealId,
  description:
    "Returns a single deal available to the user, optionally with its associated contacts.",
  layout: { includes },
});

export const createDeal = createAction(deals, {
  description:
    "Creates a deal for a primary contact. Without a stage it starts in the first stage of the default pipeline.",
  layout: createLayout,
});

export const updateDeal = updateAction(deals, {
  idField: dealId,
  description:
    "Updates a deal. Only the fields given are changed; Tags, when given, replace the deal's tags.",
  layout: updateLayout,
});

export const deleteDeal = deleteAction(deals, {
  idField: dealId,
  description:
    "Deletes an existing deal and removes all associated contacts from the deal in a single call. This cannot be undone. Returns { data: null }.",
});

export const getDealsStream = streamAction(deals, { changed: "stage_id" });

// ---- upsert, associated contacts, stage moves ------------------------------------------------

export const upsertDeal = upsertAction(deals, {
  description:
    "Creates a deal or updates the one that matches the Filters (sent as query parameters), e.g. a contact and an external-ID custom field. No match: created; one match: updated; several: fails with a clear error. At least one filter is required.",
  layout: upsertLayout,
  filtersKey: "filters",
  knownFilters: filterNames(listLayout),
  writable: createLayout,
});

export const listAssociatedContacts = listAction(associatedContacts, {
  label: "List Deal Associated Contacts",
  description:
    "Returns the contacts attached to a deal (besides its primary contact), with their role.",
  layout: associatedContactListLayout,
});

export const addAssociatedContact = createAction(associatedContacts, {
  label: "Add Deal Associated Contact",
  description:
    "Attaches a contact to a deal with a role (e.g. involved). The deal and the contact must exist.",
  layout: associatedContactCreateLayout,
});

export const removeAssociatedContact = deleteAction(associatedContacts, {
  label: "Remove Deal Associated Contact",
  idField: id("id", "Contact ID", {
    required: true,
    comments: "The contact to detach from the deal.",
    dataSource: "selectContact",
  }),
  parent: { dealId: dealOfAssociation },
  description:
    "Detaches a contact from a deal (the contact itself is kept). Returns { data: null }.",
});

/**
 * Moves a deal to a stage chosen with its pipeline. The stage is read first: a stage of another
 * pipeline, or a loss/unqualified reason on a stage that is not lost/unqualified, is refused
 * before the deal is touched.
 */
export const moveDealToStage = registerLayout(
  action({
    display: {
      label: "Move Deal to Stage",
      description: describe(
        "Moves a deal to a stage of a pipeline (both chosen from picklists), e.g. to Won, with a loss or unqualified reason for those stages. Refuses a stage that belongs to another pipeline.",
        deals.docs,
      ),
    },
    inputs: { connection: connectionInput, ...layoutInputs({ id: dealId, ...moveLayout }) },
    perform: async (context, params): Promise<{ data: unknown }> => {
      const values = readLayout({ id: dealId, ...moveLayout }, params);
      const pipeline = inputValue(values, "pipelineId") as number;
      const stageIdValue = inputValue(values, "stageId") as number;
      const sell = sellFor(context, params);
      const { items } = await sell.v2.list(stages.path, { ids: [stageIdValue] });
      const stage = items
        .map((item) => StageRecord.safeParse(item.data))
        .find((r) => r.success && r.data.id === stageIdValue);
      if (!stage?.success)
        throw new InputError("Stage ID", `stage ${stageIdValue} was not found in Sell`);
      const { name, pipeline_id: stagePipeline, category } = stage.data;
      if (stagePipeline !== pipeline) {
        throw new InputError(
          "Stage ID",
          `stage '${name ?? stageIdValue}' (${stageIdValue}) belongs to pipeline ${stagePipeline ?? "unknown"}, not to the chosen pipeline ${pipeline}: choose a stage of pipeline ${pipeline}`,
        );
      }
      if (inputValue(values, "lossReasonId") !== undefined && category !== "lost") {
        throw new InputError(
          "Loss Reason ID",
          `only applies to a lost stage; '${name ?? stageIdValue}' is ${category ?? "not a lost stage"}`,
        );
      }
      if (inputValue(values, "unqualifiedReasonId") !== undefined && category !== "unqualified") {
        throw new InputError(
          "Unqualified Reason ID",
          `only applies to an unqualified stage; '${name ?? stageIdValue}' is ${category ?? "not an unqualified stage"}`,
        );
      }
      const body = toBody(
        values.filter((v) => ["stageId", "lossReasonId", "unqualifiedReasonId"].includes(v.key)),
      );
      return { data: await sell.v2.update(`${deals.path}/${inputValue(values, "id")}`, body) };
    },
    examplePayload: singleExample(deals),
  }),
  { id: dealId, ...moveLayout },
);
