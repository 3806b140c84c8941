import {
  createLayout,
  lineItemCreateLayout,
  lineItemListLayout,
  lineItemParent,
  lineItems,
  listLayout,
  orders,
  updateLayout,
} from "../resources/orders";
import {
  createAction,
  deleteAction,
  getAction,
  listAction,
  recordId,
  streamAction,
  updateAction,
} from "./factories";

const orderId = recordId(orders, { dataSource: "selectOrder" });

/** Key kept singular as in Prismatic's component, so existing flows keep working. */
export const listOrder = listAction(orders, {
  label: "List Orders",
  description:
    "Returns the orders visible to the connected user that match the filters: one page, or every page with Fetch All.",
  layout: listLayout,
});

export const getOrder = getAction(orders, {
  idField: orderId,
  description: "Returns a single order available to the user.",
});

export const createOrder = createAction(orders, {
  description:
    "Creates the order of a deal (a deal can have one order), with an optional discount.",
  layout: createLayout,
});

export const updateOrder = updateAction(orders, {
  idField: orderId,
  description: "Updates an order's discount.",
  layout: updateLayout,
});

export const deleteOrder = deleteAction(orders, {
  idField: orderId,
  description:
    "Deletes an existing order and removes all associated line items in a single call. This cannot be undone. Returns { data: null }.",
});

export const getOrdersStream = streamAction(orders);

const lineItemId = recordId(lineItems);

export const listLineItems = listAction(lineItems, {
  description: "Returns the line items of an order.",
  layout: lineItemListLayout,
});

export const getLineItem = getAction(lineItems, {
  idField: lineItemId,
  parent: lineItemParent,
  description: "Returns a single line item of an order.",
});

export const createLineItem = createAction(lineItems, {
  description:
    "Adds a product to an order. Name, SKU and price are copied from the product's price in the chosen currency; the product must be active.",
  layout: lineItemCreateLayout,
});

export const deleteLineItem = deleteAction(lineItems, {
  idField: lineItemId,
  parent: lineItemParent,
  description: "Removes a line item from an order. Returns { data: null }.",
});

export const getLineItemsStream = streamAction(lineItems);
