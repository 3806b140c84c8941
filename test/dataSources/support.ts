/**
 * Shared helpers of the data source tests (not a test file itself): run a data source through
 * the component harness, and serve one page of a Sell list exactly as it must be requested.
 */
import type { Element } from "@prismatic-io/spectral";
import { collection, type RecordData } from "../actions/support";
import { harness, oauthConnection, SELL, sellApi } from "../helpers/sell";

/** A data source's result, run with a fresh OAuth connection. */
export const dataSourceResult = async (key: string, params: Record<string, unknown> = {}) =>
  (
    (await harness.dataSource(key, { connection: oauthConnection(), ...params })) as {
      result: unknown;
    }
  ).result;

/** A picklist's elements. */
export const picklist = async (key: string, params: Record<string, unknown> = {}) =>
  (await dataSourceResult(key, params)) as Element[];

/**
 * Serves page `page` of `GET /v2<path>` (per_page=100, plus the fixed query), with a next_page
 * link when `more`; the request must match exactly.
 */
export const servePage = (
  path: string,
  page: number,
  records: RecordData[],
  type: string,
  more: boolean,
  fixed: Record<string, string> = {},
) => {
  const fixedQuery = Object.entries(fixed)
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  const next = `${SELL}/v2${path}?${fixedQuery ? `${fixedQuery}&` : ""}page=${page + 1}&per_page=100`;
  return sellApi()
    .get(`/v2${path}`)
    .query({ ...fixed, page: String(page), per_page: "100" })
    .reply(200, collection(records, type, more ? next : undefined));
};
