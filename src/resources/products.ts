import { z } from "zod";
import { ids, pagination, recordId } from "../inputs/common";
import { InputError } from "../inputs/errors";
import {
  currency,
  decimal,
  type FieldSpec,
  integer,
  jsonObject,
  longText,
  sortBy,
  text as textInput,
  triBool,
  variant,
} from "../inputs/fields";
import { layout } from "../inputs/layout";
import { SELL_DOCS } from "../util/values";
import { definePicklist, defineResource, op } from "./define";
import productExample from "./examples/product.json";
import { count, decimalValue, flag, recordBase, text } from "./records";

/** The product catalog (Sell Enterprise and above; admins only for writes). */

export const ProductRecord = z.looseObject({
  ...recordBase,
  name: text,
  sku: text,
  description: text,
  active: flag,
  max_discount: count,
  max_markup: count,
  cost: decimalValue.nullish(),
  cost_currency: text,
  prices: z.array(z.looseObject({ amount: decimalValue, currency: z.string() })).nullish(),
});
export type ProductRecord = z.infer<typeof ProductRecord>;

export const productLabel = (product: ProductRecord): string => {
  const name = product.name?.trim() || `Product ${product.id}`;
  const details = [product.sku, product.active === false ? "inactive" : undefined]
    .filter(Boolean)
    .join(", ");
  return details ? `${name} (${details})` : name;
};

export const selectProduct = definePicklist<ProductRecord>({
  key: "selectProduct",
  description: "Select a product from your Zendesk Sell catalog.",
  toLabel: productLabel,
});

const DECIMAL = /^-?\d+(\.\d+)?$/;
const PRICES_FORMAT = 'must be a JSON list like [{"amount": "1599.99", "currency": "USD"}]';

/** Prices in several currencies: a JSON list `[{"amount": "1599.99", "currency": "USD"}]`. Replaces the whole set. */
const prices: FieldSpec<Array<{ amount: string; currency: string }>> = {
  ...jsonObject("prices", "Prices"),
  kind: "priceList",
  comments:
    'The product\'s prices as JSON, e.g. [{"amount": "1599.99", "currency": "USD"}]. Replaces all of its prices.',
  example: '[{"amount": "1599.99", "currency": "USD"}]',
  parse: (value, label) => {
    if (value === undefined || value === null || (typeof value === "string" && value.trim() === ""))
      return undefined;
    let list: unknown = value;
    if (typeof value === "string") {
      try {
        list = JSON.parse(value);
      } catch {
        throw new InputError(label, PRICES_FORMAT);
      }
    }
    if (!Array.isArray(list)) throw new InputError(label, PRICES_FORMAT);
    if (list.length === 0) return undefined;
    return list.map((entry, index) => {
      const price = entry as { amount?: unknown; currency?: unknown };
      const amount = typeof price?.amount === "number" ? String(price.amount) : price?.amount;
      if (typeof amount !== "string" || !DECIMAL.test(amount.trim())) {
        throw new InputError(label, `price ${index + 1} needs an amount like "1599.99"`);
      }
      if (typeof price.currency !== "string" || !/^[A-Za-z]{3}$/.test(price.currency.trim())) {
        throw new InputError(label, `price ${index + 1} needs a 3-letter currency such as USD`);
      }
      return { amount: amount.trim(), currency: price.currency.trim().toUpperCase() };
    });
  },
};

const productFields = {
  name: textInput("name", "Name", { comments: "Name of the product.", example: "Enterprise Plan" }),
  description: longText("description", "Description"),
  sku: textInput("sku", "SKU", { comments: "Stock keeping unit.", example: "enterprise-plan" }),
  active: triBool("active", "Active", { comments: "Only active products can be added to orders." }),
  maxDiscount: integer("max_discount", "Max Discount", {
    min: 0,
    max: 100,
    comments: "Largest discount allowed, in percent.",
  }),
  maxMarkup: integer("max_markup", "Max Markup", {
    min: 0,
    comments: "Largest markup allowed, in percent.",
  }),
  cost: decimal("cost", "Cost", { comments: "What the product costs you (visible to admins)." }),
  costCurrency: currency("cost_currency", "Cost Currency", { comments: "Currency of the cost." }),
  prices,
};

const productId = recordId("Product", selectProduct);

export const products = defineResource({
  key: "products",
  name: { one: "Product", many: "Products" },
  type: "product",
  path: "/products",
  docs: `${SELL_DOCS}/resources/products/`,
  record: ProductRecord,
  example: productExample as ProductRecord,
  fields: productFields,
  picklists: [selectProduct],
  operations: {
    listProducts: op.list({
      description:
        "Returns the products of the catalog that match the filters. Needs an admin on Sell Enterprise or above.",
      layout: layout({
        name: textInput("name", "Name", { comments: "Products with exactly this name." }),
        sku: textInput("sku", "SKU", { comments: "Products with exactly this SKU." }),
        active: variant(productFields.active, {
          comments: "True: only active products. False: only inactive ones.",
        }),
        ids: ids(),
        sortBy: sortBy(["id", "name", "sku", "created_at", "updated_at"], {
          comments: "Order of the results (Sell's default: id ascending).",
        }),
        pagination,
      }),
    }),
    getProduct: op.get({
      description: "Returns a single product of the catalog.",
      layout: layout({ id: productId }),
    }),
    createProduct: op.create({
      description:
        "Adds a product to the catalog, with its prices per currency and discount/markup limits.",
      layout: layout({
        ...productFields,
        name: variant(productFields.name, { required: true }),
      }),
    }),
    updateProduct: op.update({
      description:
        "Updates a product. Only the fields given change; Prices, when given, replace all of its prices.",
      layout: layout({ id: productId, ...productFields }),
    }),
    deleteProduct: op.delete({
      description:
        "Deletes a product (admins only). Existing orders and line items keep their copy. Returns { data: null }.",
      layout: layout({ id: productId }),
    }),
    getProductsStream: op.stream(),
  },
  stream: {
    attributes: [
      "id",
      "name",
      "sku",
      "description",
      "active",
      "max_discount",
      "max_markup",
      "cost",
      "cost_currency",
      "prices",
      "created_at",
    ],
  },
});
