import { pagination } from "../inputs/common";
import { layout } from "../inputs/layout";
import { op } from "./define";
import callOutcomeExample from "./examples/call_outcome.json";
import visitOutcomeExample from "./examples/visit_outcome.json";
import { namedPicklist, namedResource } from "./named";

/** How calls and visits went (read-only, listed in a fixed order). */

export const selectCallOutcome = namedPicklist(
  "selectCallOutcome",
  "Call Outcome",
  "Select the outcome of a call.",
);
export const selectVisitOutcome = namedPicklist(
  "selectVisitOutcome",
  "Visit Outcome",
  "Select the outcome of a visit.",
);

const pagesOnly = layout({ pagination });

export const callOutcomes = namedResource({
  key: "call_outcomes",
  one: "Call Outcome",
  many: "Call Outcomes",
  type: "call_outcome",
  example: callOutcomeExample,
  picklist: selectCallOutcome,
  operations: {
    listCallOutcomes: op.list({
      description: "Returns the possible outcomes of a call (fixed order: by ID).",
      layout: pagesOnly,
    }),
  },
});

export const visitOutcomes = namedResource({
  key: "visit_outcomes",
  one: "Visit Outcome",
  many: "Visit Outcomes",
  type: "visit_outcome",
  example: visitOutcomeExample,
  picklist: selectVisitOutcome,
  operations: {
    listVisitOutcomes: op.list({
      description: "Returns the possible outcomes of a visit.",
      layout: pagesOnly,
    }),
  },
});
