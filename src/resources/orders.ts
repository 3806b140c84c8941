import { z } from "zod";
import lineItemExample from "../../test/fixtures/records/line_item.json";
import example from "../../test/fixtures/records/order.json";
import { ids, pagination } from "./common";
import { defineResource, type Layout } from "./define";
import { currency, decimal, id, integer, refine, sortBy } from "./fields";
import { recordBase, sellId } from "./records";

/** Orders: the products sold in a deal (at most one order per deal), with line items. */

export const OrderRecord = z.looseObject({
  ...recordBase,
  deal_id: sellId.nullish(),
  discount: z.number().nullish(),
});
export type OrderRecord = z.infer<typeof OrderRecord>;

export const orders = defineResource({
  key: "orders",
  name: { one: "Order", many: "Orders" },
  type: "order",
  path: "/orders",
  docs: "https://developer.zendesk.com/api-reference/sales-crm/resources/orders/",
  record: OrderRecord,
  example: example as OrderRecord,
  stream: true,
});

const dealId = id("deal_id", "Deal ID", {
  comments: "The deal the order belongs to. A deal has at most one order.",
  dataSource: "selectDeal",
});
const discount = integer("discount", "Discount", {
  min: 0,
  max: 100,
  comments: "Discount on the whole order, in percent (0 to 100).",
  example: "10",
});

export const listLayout: Layout = {
  ids: ids(),
  dealId: refine(dealId, { comments: "The order of this deal." }),
  sortBy: sortBy(["id", "created_at", "updated_at"], {
    comments: "Order of the results (Sell's default: id ascending).",
  }),
  pagination,
};

export const createLayout: Layout = { dealId: refine(dealId, { required: true }), discount };

export const updateLayout: Layout = { discount: refine(discount, { required: true }) };

export const LineItemRecord = z.looseObject({
  ...recordBase,
  product_id: sellId.nullish(),
  name: z.string().nullish(),
  sku: z.string().nullish(),
  value: z.union([z.number(), z.string()]).nullish(),
  price: z.union([z.number(), z.string()]).nullish(),
  variation: z.union([z.number(), z.string()]).nullish(),
  currency: z.string().nullish(),
  quantity: z.number().nullish(),
});
export type LineItemRecord = z.infer<typeof LineItemRecord>;

/** Line items live under their order: `/v2/orders/:order_id/line_items`. No update. */
export const lineItems = defineResource({
  key: "line_items",
  name: { one: "Line Item", many: "Line Items" },
  type: "line_item",
  path: "/orders/{orderId}/line_items",
  docs: "https://developer.zendesk.com/api-reference/sales-crm/resources/line-items/",
  record: LineItemRecord,
  example: lineItemExample as LineItemRecord,
  stream: true,
});

export const orderIdOfLineItem = id([], "Order ID", {
  required: true,
  comments: "The order the line items belong to.",
  dataSource: "selectOrder",
});

export const lineItemParent: Layout = { orderId: orderIdOfLineItem };

export const lineItemListLayout: Layout = {
  orderId: orderIdOfLineItem,
  quantity: integer("quantity", "Quantity", {
    min: 1,
    comments: "Line items with exactly this quantity.",
  }),
  value: decimal("value", "Value", { comments: "Line items with exactly this unit value." }),
  ids: ids(),
  sortBy: sortBy(["id", "value", "quantity", "created_at", "updated_at"], {
    comments: "Order of the results (Sell's default: id ascending).",
  }),
  pagination,
};

export const lineItemCreateLayout: Layout = {
  orderId: orderIdOfLineItem,
  productId: id("product_id", "Product ID", {
    required: true,
    comments: "The product sold; it must be active. Name, SKU and price are copied from it.",
    dataSource: "selectProduct",
  }),
  currency: currency("currency", "Currency", {
    required: true,
    comments: "Currency of the line item; the product's price in this currency is used.",
  }),
  quantity: integer("quantity", "Quantity", {
    min: 1,
    comments: "How many (default 1).",
    example: "2",
  }),
  value: decimal("value", "Value", {
    comments: "Unit value after markup or discount. Defaults to the product's price.",
  }),
  variation: decimal("variation", "Variation", {
    comments:
      "Markup (positive) or discount (negative) in percent, e.g. 5 or -10, within the product's limits.",
    example: "-10",
  }),
};
