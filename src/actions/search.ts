import { action } from "@prismatic-io/spectral";
import { collectItems } from "../client/api";
import { connectionInput } from "../connections";
import { inputValue, layoutInputs, readLayout } from "../resources/define";
import { buildSearchQuery, SEARCH_DOCS, searchLayout } from "../resources/search";
import {
  describe,
  listControlFields,
  readListControls,
  registerLayout,
  sellFor,
} from "./factories";

const layout = { ...listControlFields, ...searchLayout };

/**
 * `POST /v3/<resource>/search`: Sell's Search API, with filters, projection, sort and cursor
 * pagination. One page (with the cursor to continue from), or with Fetch All every page up to
 * Max Items. Needs a plan with the Search API.
 */
export const searchRecords = registerLayout(
  action({
    display: {
      label: "Search Records",
      description: describe(
        "Searches leads, contacts, deals, notes or tasks with Sell's Search API: conditions (equals, ranges, all/any, or a JSON filter), chosen fields, sort, and cursor pagination with the total count. Needs a plan with the Search API.",
        SEARCH_DOCS,
      ),
    },
    inputs: { connection: connectionInput, ...layoutInputs(layout) },
    perform: async (context, params): Promise<{ data: unknown }> => {
      const values = readLayout(searchLayout, params);
      const controls = readListControls(params);
      const resource = inputValue(values, "resource") as string;
      const query = buildSearchQuery({
        equals: inputValue(values, "equals") as Array<[string, string]> | undefined,
        ranges: inputValue(values, "ranges") as Array<[string, string]> | undefined,
        match: inputValue(values, "match") as string | undefined,
        filter: inputValue(values, "filter") as Record<string, unknown> | undefined,
        fields: inputValue(values, "fields") as string[] | undefined,
        sort: inputValue(values, "sort") as string[] | undefined,
      });
      const perPage = (inputValue(values, "perPage") as number | undefined) ?? 100;
      const cursor = inputValue(values, "cursor") as string | undefined;
      const sell = sellFor(context, params);
      if (!controls.fetchAll) {
        const page = await sell.v3.search(resource, query, { perPage, cursor });
        return { data: { items: page.items, meta: page.meta ?? {} } };
      }
      let totalCount: number | undefined;
      const pages = sell.v3.searchPages(resource, query, {
        perPage,
        cursor,
        maxItems: controls.maxItems,
      });
      async function* rememberingTotal() {
        for await (const page of pages) {
          totalCount = page.meta?.total_count ?? totalCount;
          yield page;
        }
      }
      const { items, truncated } = await collectItems(rememberingTotal(), controls.maxItems);
      return {
        data: {
          items,
          meta: { count: items.length, total_count: totalCount, truncated, links: {} },
        },
      };
    },
    examplePayload: {
      data: {
        items: [
          { data: { id: 1, version: 3, display_name: "Mark Johnson" }, meta: { type: "lead" } },
        ],
        meta: { count: 1, total_count: 1, links: { next_page: "bmV4dFBhZ2VUb2tlbg==" } },
      },
    },
  }),
  layout,
);
