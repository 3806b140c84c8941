import {
  productCreateLayout,
  productListLayout,
  products,
  productUpdateLayout,
} from "../resources/account";
import {
  createAction,
  deleteAction,
  getAction,
  listAction,
  recordId,
  updateAction,
} from "./factories";

const productId = recordId(products, { dataSource: "selectProduct" });

export const listProducts = listAction(products, {
  description:
    "Returns the products of the catalog that match the filters. Needs an admin on Sell Enterprise or above.",
  layout: productListLayout,
});
export const getProduct = getAction(products, {
  idField: productId,
  description: "Returns a single product of the catalog.",
});
export const createProduct = createAction(products, {
  description:
    "Adds a product to the catalog, with its prices per currency and discount/markup limits.",
  layout: productCreateLayout,
});
export const updateProduct = updateAction(products, {
  idField: productId,
  description:
    "Updates a product. Only the fields given change; Prices, when given, replace all of its prices.",
  layout: productUpdateLayout,
});
export const deleteProduct = deleteAction(products, {
  idField: productId,
  description:
    "Deletes a product (admins only). Existing orders and line items keep their copy. Returns { data: null }.",
});
