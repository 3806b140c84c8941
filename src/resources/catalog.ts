import { z } from "zod";
import callOutcomeExample from "../../test/fixtures/records/call_outcome.json";
import dealSourceExample from "../../test/fixtures/records/deal_source.json";
import leadSourceExample from "../../test/fixtures/records/lead_source.json";
import lossReasonExample from "../../test/fixtures/records/loss_reason.json";
import tagExample from "../../test/fixtures/records/tag.json";
import unqualifiedReasonExample from "../../test/fixtures/records/unqualified_reason.json";
import visitOutcomeExample from "../../test/fixtures/records/visit_outcome.json";
import { ids, pagination } from "./common";
import { defineResource, type Layout, type Resource } from "./define";
import { choice, id, refine, sortBy, text } from "./fields";
import { recordBase, sellId } from "./records";

/**
 * The account's picklist values: lead and deal sources, loss and unqualified reasons, tags,
 * call and visit outcomes. Each is a named record; names are unique (tags: per resource type).
 */

export const NamedRecord = z.looseObject({
  ...recordBase,
  name: z.string().nullish(),
  resource_type: z.string().nullish(),
  creator_id: sellId.nullish(),
});
export type NamedRecord = z.infer<typeof NamedRecord>;

export const namedLabel =
  (noun: string) =>
  (record: NamedRecord): string =>
    record.name?.trim() || `${noun} ${record.id}`;

const named = (
  key: string,
  one: string,
  many: string,
  type: string,
  docsPage: string,
  example: Record<string, unknown>,
): Resource<NamedRecord> =>
  defineResource({
    key,
    name: { one, many },
    type,
    path: `/${key}`,
    docs: `https://developer.zendesk.com/api-reference/sales-crm/resources/${docsPage}/`,
    record: NamedRecord,
    example: example as NamedRecord,
  });

export const leadSources = named(
  "lead_sources",
  "Lead Source",
  "Lead Sources",
  "source",
  "lead-sources",
  leadSourceExample,
);
export const dealSources = named(
  "deal_sources",
  "Deal Source",
  "Deal Sources",
  "source",
  "deal-sources",
  dealSourceExample,
);
export const lossReasons = named(
  "loss_reasons",
  "Loss Reason",
  "Loss Reasons",
  "loss_reason",
  "loss-reasons",
  lossReasonExample,
);
export const leadUnqualifiedReasons = named(
  "lead_unqualified_reasons",
  "Lead Unqualified Reason",
  "Lead Unqualified Reasons",
  "lead_unqualified_reason",
  "lead-unqualified-reasons",
  unqualifiedReasonExample,
);
export const dealUnqualifiedReasons = named(
  "deal_unqualified_reasons",
  "Deal Unqualified Reason",
  "Deal Unqualified Reasons",
  "deal_unqualified_reason",
  "deal-unqualified-reasons",
  unqualifiedReasonExample,
);
export const callOutcomes = named(
  "call_outcomes",
  "Call Outcome",
  "Call Outcomes",
  "call_outcome",
  "call-outcomes",
  callOutcomeExample,
);
export const visitOutcomes = named(
  "visit_outcomes",
  "Visit Outcome",
  "Visit Outcomes",
  "visit_outcome",
  "visit-outcomes",
  visitOutcomeExample,
);
export const tags = { ...named("tags", "Tag", "Tags", "tag", "tags", tagExample), stream: true };

const nameFilter = (noun: string) =>
  text("name", "Name", { comments: `The ${noun} with exactly this name.` });
const namedSort = sortBy(["id", "name", "created_at", "updated_at"], {
  comments: "Order of the results (Sell's default: id ascending).",
});

/** List filters of a named resource: name, IDs, sort order, page. */
export const namedListLayout = (noun: string): Layout => ({
  name: nameFilter(noun),
  ids: ids(),
  sortBy: namedSort,
  pagination,
});

/** Create/update of a named resource: just its (unique) name. */
export const nameLayout = (noun: string, required: boolean): Layout => ({
  name: text("name", "Name", { required, comments: `Name of the ${noun}; must be unique.` }),
});

/** Outcomes and lead unqualified reasons are only listed, in a fixed order. */
export const pagesOnlyLayout: Layout = { pagination };
export const leadUnqualifiedReasonListLayout: Layout = { sortBy: namedSort, pagination };

export const TAG_RESOURCE_TYPES = ["lead", "contact", "deal"];

const tagResourceType = choice("resource_type", "Resource Type", TAG_RESOURCE_TYPES, {
  comments: "What the tag is for: lead, contact or deal (tag names are unique per type).",
});

export const tagListLayout: Layout = {
  resourceType: refine(tagResourceType, { comments: "Tags of this resource type." }),
  name: nameFilter("tag"),
  creatorId: id("creator_id", "Creator ID", {
    comments: "Tags created by this user.",
    dataSource: "selectUser",
  }),
  ids: ids(),
  sortBy: sortBy(["id", "name", "created_at", "updated_at"], {
    comments: "Order of the results (Sell's default: updated_at ascending).",
  }),
  pagination,
};

export const tagCreateLayout: Layout = {
  name: text("name", "Name", {
    required: true,
    comments: "The tag; unique within its resource type.",
    example: "vip",
  }),
  resourceType: refine(tagResourceType, { required: true }),
};

export const tagUpdateLayout: Layout = {
  name: text("name", "Name", { comments: "New name of the tag; unique within its resource type." }),
};
