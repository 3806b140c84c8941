import { z } from "zod";
import accountExample from "../../test/fixtures/records/account.json";
import customFieldExample from "../../test/fixtures/records/custom_field.json";
import productExample from "../../test/fixtures/records/product.json";
import { InputError } from "../client/errors";
import { ids, pagination } from "./common";
import { defineResource, type Layout } from "./define";
import {
  currency,
  decimal,
  type FieldSpec,
  integer,
  jsonObject,
  longText,
  refine,
  sortBy,
  text,
  triBool,
} from "./fields";
import { decimalValue, recordBase, sellId, timestamp } from "./records";

/** The account itself, custom field definitions and the product catalog. */

export const AccountRecord = z.looseObject({
  ...recordBase,
  name: z.string().nullish(),
  currency: z.string().nullish(),
  time_format: z.string().nullish(),
  timezone: z.string().nullish(),
});
export type AccountRecord = z.infer<typeof AccountRecord>;

export const account = defineResource({
  key: "accounts",
  name: { one: "Account", many: "Accounts" },
  type: "account",
  path: "/accounts",
  docs: "https://developer.zendesk.com/api-reference/sales-crm/resources/accounts/",
  record: AccountRecord,
  example: accountExample as AccountRecord,
});

export const CustomFieldRecord = z.looseObject({
  id: z.union([sellId, z.string()]),
  name: z.string().nullish(),
  type: z.string().nullish(),
  choices: z
    .array(z.looseObject({ id: z.union([sellId, z.string()]).nullish(), name: z.string() }))
    .nullish(),
  options: z
    .array(z.looseObject({ id: z.union([sellId, z.string()]).nullish(), name: z.string() }))
    .nullish(),
  for_contact: z.boolean().nullish(),
  for_organisation: z.boolean().nullish(),
  created_at: timestamp.nullish(),
  updated_at: timestamp.nullish(),
});
export type CustomFieldRecord = z.infer<typeof CustomFieldRecord>;

/** Custom field definitions live under the resource type: `/v2/deal/custom_fields`. */
export const CUSTOM_FIELD_RESOURCE_TYPES = ["lead", "contact", "deal", "prospect_and_customer"];

export const customFieldDefinitions = defineResource({
  key: "custom_fields",
  name: { one: "Custom Field", many: "Custom Fields" },
  type: "custom_field",
  path: "/custom_fields",
  docs: "https://developer.zendesk.com/api-reference/sales-crm/resources/custom-fields/",
  record: CustomFieldRecord,
  example: customFieldExample as CustomFieldRecord,
  stream: true,
});

export const ProductRecord = z.looseObject({
  id: sellId,
  name: z.string().nullish(),
  sku: z.string().nullish(),
  description: z.string().nullish(),
  active: z.boolean().nullish(),
  max_discount: z.number().nullish(),
  max_markup: z.number().nullish(),
  cost: decimalValue.nullish(),
  cost_currency: z.string().nullish(),
  prices: z.array(z.looseObject({ amount: decimalValue, currency: z.string() })).nullish(),
  created_at: timestamp.nullish(),
  updated_at: timestamp.nullish(),
});
export type ProductRecord = z.infer<typeof ProductRecord>;

export const products = defineResource({
  key: "products",
  name: { one: "Product", many: "Products" },
  type: "product",
  path: "/products",
  docs: "https://developer.zendesk.com/api-reference/sales-crm/resources/products/",
  record: ProductRecord,
  example: productExample as ProductRecord,
  stream: true,
});

export const productLabel = (product: ProductRecord): string => {
  const name = product.name?.trim() || `Product ${product.id}`;
  const details = [product.sku, product.active === false ? "inactive" : undefined]
    .filter(Boolean)
    .join(", ");
  return details ? `${name} (${details})` : name;
};

const DECIMAL = /^-?\d+(\.\d+)?$/;

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
        throw new InputError(
          label,
          'must be a JSON list like [{"amount": "1599.99", "currency": "USD"}]',
        );
      }
    }
    if (!Array.isArray(list))
      throw new InputError(
        label,
        'must be a JSON list like [{"amount": "1599.99", "currency": "USD"}]',
      );
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
  name: text("name", "Name", { comments: "Name of the product.", example: "Enterprise Plan" }),
  description: longText("description", "Description"),
  sku: text("sku", "SKU", { comments: "Stock keeping unit.", example: "enterprise-plan" }),
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

export const productListLayout: Layout = {
  name: text("name", "Name", { comments: "Products with exactly this name." }),
  sku: text("sku", "SKU", { comments: "Products with exactly this SKU." }),
  active: refine(productFields.active, {
    comments: "True: only active products. False: only inactive ones.",
  }),
  ids: ids(),
  sortBy: sortBy(["id", "name", "sku", "created_at", "updated_at"], {
    comments: "Order of the results (Sell's default: id ascending).",
  }),
  pagination,
};

export const productCreateLayout: Layout = {
  ...productFields,
  name: refine(productFields.name, { required: true }),
};
export const productUpdateLayout: Layout = productFields;
