import { pagination } from "../inputs/common";
import { layout } from "../inputs/layout";
import { op } from "./define";
import dealUnqualifiedReasonExample from "./examples/deal_unqualified_reason.json";
import leadUnqualifiedReasonExample from "./examples/lead_unqualified_reason.json";
import lossReasonExample from "./examples/loss_reason.json";
import { namedOperations, namedPicklist, namedResource, namedSort } from "./named";

/** Why deals are lost or unqualified, and why leads are unqualified. */

export const selectLossReason = namedPicklist(
  "selectLossReason",
  "Loss Reason",
  "Select why a deal was lost.",
);
export const selectDealUnqualifiedReason = namedPicklist(
  "selectDealUnqualifiedReason",
  "Deal Unqualified Reason",
  "Select why a deal was unqualified.",
);
export const selectLeadUnqualifiedReason = namedPicklist(
  "selectLeadUnqualifiedReason",
  "Lead Unqualified Reason",
  "Select why a lead was unqualified.",
);

export const lossReasons = namedResource({
  key: "loss_reasons",
  one: "Loss Reason",
  many: "Loss Reasons",
  type: "loss_reason",
  example: lossReasonExample,
  picklist: selectLossReason,
  operations: namedOperations({
    one: "LossReason",
    many: "LossReasons",
    noun: "loss reason",
    picklist: selectLossReason,
    listDescription: "Returns the reasons a deal can be lost for.",
  }),
});

export const dealUnqualifiedReasons = namedResource({
  key: "deal_unqualified_reasons",
  one: "Deal Unqualified Reason",
  many: "Deal Unqualified Reasons",
  type: "deal_unqualified_reason",
  example: dealUnqualifiedReasonExample,
  picklist: selectDealUnqualifiedReason,
  operations: namedOperations({
    one: "DealUnqualifiedReason",
    many: "DealUnqualifiedReasons",
    noun: "deal unqualified reason",
    picklist: selectDealUnqualifiedReason,
    listDescription: "Returns the reasons a deal can be unqualified for.",
  }),
});

/** Lead unqualified reasons are only listed, in a fixed order. */
export const leadUnqualifiedReasons = namedResource({
  key: "lead_unqualified_reasons",
  one: "Lead Unqualified Reason",
  many: "Lead Unqualified Reasons",
  type: "lead_unqualified_reason",
  example: leadUnqualifiedReasonExample,
  picklist: selectLeadUnqualifiedReason,
  operations: {
    listLeadUnqualifiedReasons: op.list({
      description: "Returns the reasons a lead can be unqualified for.",
      layout: layout({ sortBy: namedSort, pagination }),
    }),
  },
});
