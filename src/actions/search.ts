import { z } from "zod";
import { collectItems, type SearchResult } from "../client";
import { layout, need } from "../inputs/layout";
import { searchableResources } from "../resources";
import { customAction } from "./operations";
import { listControls, readListControls } from "./operations/crud";
import { buildSearchQuery, SEARCH_DOCS, searchLayout } from "./operations/searchQuery";

const layoutWithControls = layout({
  ...listControls,
  ...searchLayout(searchableResources.map((resource) => resource.key)),
});

/** A search result: documents with the attributes asked for (projection), and the total count. */
const searchOutput = {
  schema: z.looseObject({
    items: z.array(
      z.looseObject({
        data: z
          .looseObject({ id: z.number(), version: z.number().optional() })
          .describe("The attributes asked for in Fields (id and version when none)."),
        meta: z.looseObject({ type: z.string() }).optional(),
      }),
    ),
    meta: z.looseObject({
      count: z.number().int().optional(),
      total_count: z.number().int().optional().describe("How many records match in all."),
      truncated: z.boolean().optional(),
      links: z.looseObject({ next_page: z.string().nullish() }).optional(),
    }),
  }),
  example: {
    items: [{ data: { id: 1, version: 3, display_name: "Mark Johnson" }, meta: { type: "lead" } }],
    meta: { count: 1, total_count: 1, links: { next_page: "bmV4dFBhZ2VUb2tlbg==" } },
  },
};

/**
 * `POST /v3/<resource>/search`: Sell's Search API, with filters, projection, sort and cursor
 * pagination. One page (with the cursor to continue from), or with Fetch All every page up to
 * Max Items (cursor paging is sequential: each page needs the previous one's cursor). Needs a
 * plan with the Search API.
 */
export const searchRecords = customAction({
  label: "Search Records",
  description:
    "Searches leads, contacts, deals, notes or tasks with Sell's Search API: conditions (equals, ranges, all/any, or a JSON filter), chosen fields, sort, and cursor pagination with the total count. Needs a plan with the Search API.",
  docs: SEARCH_DOCS,
  layout: layoutWithControls,
  effect: "read",
  output: searchOutput,
  perform: async ({ sell, values }) => {
    const controls = readListControls(values);
    const resource = need(values.resource, "Resource");
    const query = buildSearchQuery(values);
    const perPage = values.perPage ?? 100;
    if (!controls.fetchAll) {
      const page = await sell.v3.search(resource, query, { perPage, cursor: values.cursor });
      return { items: page.items, meta: page.meta ?? {} };
    }
    let totalCount: number | undefined;
    const pages = sell.v3.searchPages(resource, query, {
      perPage,
      cursor: values.cursor,
      maxItems: controls.maxItems,
    });
    async function* rememberingTotal(): AsyncGenerator<SearchResult> {
      for await (const page of pages) {
        totalCount = page.meta?.total_count ?? totalCount;
        yield page;
      }
    }
    const { items, truncated } = await collectItems(rememberingTotal(), controls.maxItems);
    return { items, meta: { count: items.length, total_count: totalCount, truncated, links: {} } };
  },
});
