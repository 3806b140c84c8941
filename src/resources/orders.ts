import { z } from "zod";
import { ids, pagination, recordId } from "../inputs/common";
import { currency, decimal, id, integer, sortBy, variant } from "../inputs/fields";
import { layout } from "../inputs/layout";
import { SELL_DOCS } from "../util/values";
import { DealRecord, dealLabel, deals, selectDeal } from "./deals";
import { definePicklist, defineResource, op, parseRecord } from "./define";
import dealExample from "./examples/deal.json";
import lineItemExample from "./examples/line_item.json";
import example from "./examples/order.json";
import { selectProduct } from "./products";
import { count, decimalValue, idRef, recordBase, text } from "./records";

/** Orders: the products sold in a deal (at most one order per deal), with line items. */

export const OrderRecord = z.looseObject({
  ...recordBase,
  deal_id: idRef,
  discount: count,
});
export type OrderRecord = z.infer<typeof OrderRecord>;

export const selectOrder = definePicklist<OrderRecord>({
  key: "selectOrder",
  description: "Select an order from your Zendesk Sell account (shown with the name of its deal).",
  toLabel: (order) => `Order ${order.id}`,
  exampleLabel: `Order ${example.id} — ${dealLabel(dealExample as DealRecord)}`,
  labeller: async (read, records) => {
    const dealIds = [
      ...new Set(
        records.map((order) => order.deal_id).filter((v): v is number => typeof v === "number"),
      ),
    ];
    const dealNames = new Map<number, string>();
    for (let start = 0; start < dealIds.length; start += 100) {
      const chunk = dealIds.slice(start, start + 100);
      for (const record of await read(deals.path, { ids: chunk }, chunk.length)) {
        const deal = parseRecord(DealRecord, record);
        if (deal) dealNames.set(deal.id, dealLabel(deal));
      }
    }
    return {
      label: (order) => {
        const dealName = order.deal_id
          ? (dealNames.get(order.deal_id) ?? `Deal ${order.deal_id}`)
          : undefined;
        return dealName ? `Order ${order.id} — ${dealName}` : `Order ${order.id}`;
      },
    };
  },
});

const dealId = id("deal_id", "Deal ID", {
  comments: "The deal the order belongs to. A deal has at most one order.",
  placeholder: "Enter Deal ID",
  dataSource: selectDeal,
});
const discount = integer("discount", "Discount", {
  min: 0,
  max: 100,
  comments: "Discount on the whole order, in percent (0 to 100).",
  example: "10",
  placeholder: "Enter discount percentage",
});

const orderId = variant(recordId("Order", selectOrder), { placeholder: "Enter order ID" });

export const orders = defineResource({
  key: "orders",
  name: { one: "Order", many: "Orders" },
  type: "order",
  path: "/orders",
  docs: `${SELL_DOCS}/resources/orders/`,
  record: OrderRecord,
  example: example as OrderRecord,
  fields: { dealId, discount },
  picklists: [selectOrder],
  operations: {
    /** Key kept singular as in Prismatic's component, so existing flows keep working. */
    listOrder: op.list({
      label: "List Orders",
      description:
        "Returns the orders visible to the connected user that match the filters: one page, or every page with Fetch All.",
      layout: layout({
        ids: ids(),
        dealId: variant(dealId, { comments: "The order of this deal." }),
        sortBy: sortBy(["id", "created_at", "updated_at"], {
          comments: "Order of the results (Sell's default: id ascending).",
        }),
        pagination,
      }),
    }),
    getOrder: op.get({
      description: "Returns a single order available to the user.",
      layout: layout({ id: orderId }),
    }),
    createOrder: op.create({
      description:
        "Creates the order of a deal (a deal can have one order), with an optional discount.",
      layout: layout({ dealId: variant(dealId, { required: true }), discount }),
    }),
    updateOrder: op.update({
      description: "Updates an order's discount.",
      layout: layout({ id: orderId, discount: variant(discount, { required: true }) }),
    }),
    deleteOrder: op.delete({
      description:
        "Deletes an existing order and removes all associated line items in a single call. This cannot be undone. Returns { data: null }.",
      layout: layout({ id: orderId }),
    }),
    getOrdersStream: op.stream(),
  },
  stream: { attributes: ["id", "deal_id", "discount", "created_at"] },
});

export const LineItemRecord = z.looseObject({
  ...recordBase,
  product_id: idRef,
  order_id: idRef,
  deal_id: idRef,
  line_item_id: idRef,
  name: text,
  sku: text,
  description: text,
  value: decimalValue.nullish(),
  price: decimalValue.nullish(),
  variation: decimalValue.nullish(),
  currency: text,
  quantity: count,
});
export type LineItemRecord = z.infer<typeof LineItemRecord>;

const orderOfLineItem = id([], "Order ID", {
  required: true,
  comments: "The order the line items belong to.",
  dataSource: selectOrder,
});

/**
 * Picklist label of a line item: the product's name and SKU, then quantity × unit value,
 * e.g. `Enterprise Plan (enterprise-plan) · 2 × 1599.99 USD`.
 */
export const lineItemLabel = (item: LineItemRecord): string => {
  const name = item.name?.trim() || `Line Item ${item.id}`;
  const sku = item.sku?.trim();
  const value = item.value ?? item.price;
  const amount =
    value === undefined || value === null
      ? undefined
      : [String(value), item.currency?.trim()].filter(Boolean).join(" ");
  const quantity = typeof item.quantity === "number" ? `${item.quantity} ×` : undefined;
  const sold = [quantity, amount].filter(Boolean).join(" ");
  return `${name}${sku ? ` (${sku})` : ""}${sold ? ` · ${sold}` : ""}`;
};

/** Line items of one order: the Order ID fills `{orderId}` of the resource's path. */
export const selectLineItem = definePicklist<LineItemRecord>({
  key: "selectLineItem",
  description:
    "Select a line item of an order (shown as product name (SKU) · quantity × unit value).",
  toLabel: lineItemLabel,
  filters: {
    orderId: variant(orderOfLineItem, { comments: "The order whose line items are listed." }),
  },
});

const lineItemId = recordId("Line Item", selectLineItem);

/** Line items live under their order: `/v2/orders/:order_id/line_items`. No update. */
export const lineItems = defineResource({
  key: "line_items",
  name: { one: "Line Item", many: "Line Items" },
  type: "line_item",
  path: "/orders/{orderId}/line_items",
  docs: `${SELL_DOCS}/resources/line-items/`,
  record: LineItemRecord,
  example: lineItemExample as LineItemRecord,
  picklists: [selectLineItem],
  operations: {
    listLineItems: op.list({
      description: "Returns the line items of an order.",
      layout: layout({
        orderId: orderOfLineItem,
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
      }),
    }),
    getLineItem: op.get({
      description: "Returns a single line item of an order.",
      layout: layout({ orderId: orderOfLineItem, id: lineItemId }),
    }),
    createLineItem: op.create({
      description:
        "Adds a product to an order. Name, SKU and price are copied from the product's price in the chosen currency; the product must be active.",
      layout: layout({
        orderId: orderOfLineItem,
        productId: id("product_id", "Product ID", {
          required: true,
          comments: "The product sold; it must be active. Name, SKU and price are copied from it.",
          dataSource: selectProduct,
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
      }),
    }),
    deleteLineItem: op.delete({
      description: "Removes a line item from an order. Returns { data: null }.",
      layout: layout({ orderId: orderOfLineItem, id: lineItemId }),
    }),
    getLineItemsStream: op.stream(),
  },
  stream: {
    attributes: [
      "id",
      "product_id",
      "deal_id",
      "order_id",
      "value",
      "variation",
      "currency",
      "quantity",
      "price",
      "name",
      "sku",
      "description",
      "created_at",
    ],
  },
});
