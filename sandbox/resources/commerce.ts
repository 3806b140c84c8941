/** Orders, line items and products (§5A). */
import type { ResourceDef } from "../types";
import { centsToDecimal, decimalToCents, isRec, type Rec } from "../util";
import { F, filters, RO_INT, RO_STR, STR, timestamps } from "./common";

const orders: ResourceDef = {
  table: "orders",
  path: "orders",
  type: "order",
  ops: ["list", "get", "create", "update", "delete"],
  fields: {
    id: RO_INT,
    deal_id: { type: "int", required: true, createOnly: true, ref: "deals" },
    discount: { type: "int", min: 0, max: 100, default: 0 },
    ...timestamps(),
  },
  filters: filters("int", "deal_id"),
  defaultSort: "id:asc",
  hooks: {
    prepare(ctx, next, existing, errors) {
      if (existing || typeof next.deal_id !== "number" || errors.has("deal_id")) return;
      const other = ctx.store.all("orders").find((o) => o.deal_id === next.deal_id);
      if (other)
        errors.add(
          "deal_id",
          "already_exists",
          `Each deal can have at most one order; deal ${next.deal_id} already has order ${String(other.id)}.`,
        );
    },
    afterDelete(ctx, record) {
      for (const li of ctx.store.all("line_items"))
        if (li.order_id === record.id) ctx.store.remove("line_items", li.id as number);
    },
  },
  firehose: true,
};

const lineItems: ResourceDef = {
  table: "line_items",
  path: "orders/:order_id/line_items",
  parent: { table: "orders", param: "order_id", field: "order_id" },
  type: "line_item",
  ops: ["list", "get", "create", "delete"],
  fields: {
    id: RO_INT,
    product_id: { type: "int", required: true, createOnly: true, hidden: true, ref: "products" },
    deal_id: { type: "int", readOnly: true, hidden: true },
    order_id: RO_INT,
    name: RO_STR,
    sku: RO_STR,
    description: RO_STR,
    value: { type: "decimal" },
    variation: { type: "decimal", default: "0.00" },
    price: { type: "decimal", readOnly: true },
    currency: { type: "string", required: true },
    quantity: { type: "int", min: 1, default: 1 },
    ...timestamps(),
  },
  filters: { quantity: F.int(), value: { kind: "decimal" } },
  defaultSort: "id:asc",
  hooks: {
    prepare(ctx, next, _existing, errors, input) {
      const order = ctx.store.get("orders", next.order_id as number);
      next.deal_id = order?.deal_id ?? null;
      if (typeof next.product_id !== "number" || errors.has("product_id")) return;
      const product = ctx.store.get("products", next.product_id);
      if (!product) return;
      if (product.active !== true) {
        errors.add(
          "product_id",
          "incorrect_value",
          "Line items cannot be created from inactive products.",
        );
        return;
      }
      const prices = Array.isArray(product.prices) ? product.prices.filter(isRec) : [];
      const price = prices.find((p: Rec) => p.currency === next.currency);
      if (typeof next.currency === "string" && !price) {
        errors.add(
          "currency",
          "incorrect_value",
          `The product ${String(product.id)} has no price in currency '${next.currency}' (prices: ${prices
            .map((p) => String(p.currency))
            .join(", ")}).`,
        );
        return;
      }
      const variation = typeof next.variation === "string" ? decimalToCents(next.variation) : 0n;
      const maxDiscount =
        typeof product.max_discount === "number" ? BigInt(product.max_discount) * 100n : null;
      const maxMarkup =
        typeof product.max_markup === "number" ? BigInt(product.max_markup) * 100n : null;
      if (variation < 0n && maxDiscount !== null && -variation > maxDiscount)
        errors.add(
          "variation",
          "incorrect_value",
          `The discount exceeds the product's max_discount (${String(product.max_discount)}%).`,
        );
      if (variation > 0n && maxMarkup !== null && variation > maxMarkup)
        errors.add(
          "variation",
          "incorrect_value",
          `The markup exceeds the product's max_markup (${String(product.max_markup)}%).`,
        );
      next.name = product.name ?? null;
      next.sku = product.sku ?? null;
      next.description = product.description ?? null;
      const priceCents = decimalToCents(String(price?.amount ?? "0"));
      next.price = centsToDecimal(priceCents);
      if (!("value" in input) || next.value === null) {
        // value = price after variation, rounded half up to cents
        const scaled = priceCents * (10000n + variation);
        next.value = centsToDecimal((scaled + 5000n) / 10000n);
      }
    },
  },
  firehose: true,
};

const products: ResourceDef = {
  table: "products",
  path: "products",
  type: "product",
  ops: ["list", "get", "create", "update", "delete"],
  fields: {
    id: RO_INT,
    name: { type: "string", required: true },
    description: STR,
    sku: STR,
    active: { type: "bool", default: true },
    max_discount: { type: "int", min: 0, max: 100 },
    // Only the discount is capped at 100 %; Sell accepts any markup.
    max_markup: { type: "int", min: 0 },
    cost: { type: "decimal" },
    cost_currency: STR,
    prices: { type: "prices" },
    ...timestamps(),
  },
  adminDelete: true,
  filters: {
    ...filters("str", "name", "sku"),
    ...filters("bool", "active"),
    // Accepted as documented; products carry no such attributes here, so they match nothing.
    ...filters("int", "organization_id", "owner_id"),
  },
  defaultSort: "id:asc",
};

export const commerceResources: ResourceDef[] = [orders, lineItems, products];
