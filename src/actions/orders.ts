import { lineItems, orders } from "../resources/orders";
import { resourceAction } from "./operations";

/** Key kept singular as in Prismatic's component, so existing flows keep working. */
export const listOrder = resourceAction(orders, "listOrder");
export const getOrder = resourceAction(orders, "getOrder");
export const createOrder = resourceAction(orders, "createOrder");
export const updateOrder = resourceAction(orders, "updateOrder");
export const deleteOrder = resourceAction(orders, "deleteOrder");
export const getOrdersStream = resourceAction(orders, "getOrdersStream");
export const listLineItems = resourceAction(lineItems, "listLineItems");
export const getLineItem = resourceAction(lineItems, "getLineItem");
export const createLineItem = resourceAction(lineItems, "createLineItem");
export const deleteLineItem = resourceAction(lineItems, "deleteLineItem");
export const getLineItemsStream = resourceAction(lineItems, "getLineItemsStream");
