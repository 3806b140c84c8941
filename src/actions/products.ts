import { products } from "../resources/products";
import { resourceAction } from "./operations";

export const listProducts = resourceAction(products, "listProducts");
export const getProduct = resourceAction(products, "getProduct");
export const createProduct = resourceAction(products, "createProduct");
export const updateProduct = resourceAction(products, "updateProduct");
export const deleteProduct = resourceAction(products, "deleteProduct");
export const getProductsStream = resourceAction(products, "getProductsStream");
