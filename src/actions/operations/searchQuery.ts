import type { SearchQuery } from "../../client/envelopes";
import { InputError } from "../../inputs/errors";
import { choice, integer, jsonObject, pairs, tags, text } from "../../inputs/fields";
import { layout } from "../../inputs/layout";
import { SELL_DOCS } from "../../util/values";

/**
 * Search API (v3) inputs and how they become a Sell query. Simple inputs cover the common cases
 * (equals, ranges, all/any); a raw JSON filter covers the rest of Sell's query language.
 */

export const SEARCH_DOCS = `${SELL_DOCS}/search/introduction/`;
export const MAX_SEARCH_PER_PAGE = 200;

/** The Search inputs for the resources the Search API indexes (from the registry). */
export const searchLayout = (resources: readonly string[]) =>
  layout({
    resource: choice([], "Resource", resources, {
      required: true,
      comments: `What to search: ${resources.join(", ")}.`,
    }),
    equals: pairs([], "Equals", {
      keyLabel: "Attribute",
      comments:
        "Attribute = value conditions, e.g. owner.id = 12 or email = mark@example.com (numbers and true/false are sent as such). Attribute names are the Search API's (see its index schema), e.g. display_name, stage.id, custom_fields.<id>.",
    }),
    ranges: pairs([], "Ranges", {
      keyLabel: "Attribute",
      comments:
        "Attribute = from..to conditions, e.g. added_at = 2026-01-01..2026-03-31 or value = 1000.. (either end may be left out).",
    }),
    match: choice([], "Match", ["all", "any"], {
      default: "all",
      comments: "all: every Equals and Ranges condition must hold; any: at least one.",
    }),
    filter: jsonObject([], "Filter (JSON)", {
      comments:
        'A filter in Sell\'s search query language, combined (AND) with the conditions above, e.g. {"or": [{"filter": {"attribute": {"name": "hot"}, "parameter": {"eq": true}}}, …]}.',
    }),
    fields: tags([], "Fields", {
      comments:
        "Attributes to return (projection), e.g. display_name, email, owner. Sell returns only id and version when empty.",
    }),
    sort: tags([], "Sort", {
      comments: "Attributes to sort by, each optionally followed by :desc, e.g. added_at:desc.",
    }),
    perPage: integer([], "Per Page", {
      min: 1,
      max: MAX_SEARCH_PER_PAGE,
      default: "100",
      comments: "Results per request, 1 to 200.",
    }),
    cursor: text([], "Cursor", {
      comments: "Continue a previous search: the meta.links.next_page it returned.",
    }),
  });

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Search values keep their JSON type: numbers and booleans are not sent as text. */
export const searchValue = (value: string): string | number | boolean => {
  const trimmed = value.trim();
  if (trimmed === "true") return true;
  if (trimmed === "false") return false;
  return NUMBER.test(trimmed) ? Number(trimmed) : trimmed;
};

const condition = (attribute: string, parameter: Record<string, unknown>) => ({
  filter: { attribute: { name: attribute }, parameter },
});

/** Builds the Search API query from the inputs' values. */
export function buildSearchQuery(input: {
  equals?: Array<[string, string]>;
  ranges?: Array<[string, string]>;
  match?: string;
  filter?: Record<string, unknown>;
  fields?: string[];
  sort?: string[];
}): SearchQuery {
  const nodes: Record<string, unknown>[] = (input.equals ?? []).map(([attribute, value]) =>
    condition(attribute, { eq: searchValue(value) }),
  );
  for (const [attribute, value] of input.ranges ?? []) {
    const bounds = /^(.*?)\.\.(.*)$/.exec(value.trim());
    if (!bounds || (bounds[1] === "" && bounds[2] === "")) {
      throw new InputError(
        "Ranges",
        `${attribute} must be written from..to, e.g. 2026-01-01..2026-03-31 or 100.. (either end may be left out)`,
      );
    }
    const range: Record<string, unknown> = {};
    if (bounds[1]) range.gte = searchValue(bounds[1]);
    if (bounds[2]) range.lte = searchValue(bounds[2]);
    nodes.push(condition(attribute, { range }));
  }
  const combined =
    nodes.length === 0
      ? undefined
      : nodes.length === 1
        ? nodes[0]
        : { [input.match === "any" ? "or" : "and"]: nodes };
  const filter = input.filter
    ? combined
      ? { and: [combined, input.filter] }
      : input.filter
    : combined;
  const sort = (input.sort ?? []).map((entry) => {
    const [name, direction] = entry.split(":");
    if (!name || (direction !== undefined && direction !== "asc" && direction !== "desc")) {
      throw new InputError(
        "Sort",
        `'${entry}' must be an attribute name, optionally followed by :asc or :desc`,
      );
    }
    return {
      attribute: { name },
      order: direction === "desc" ? ("descending" as const) : ("ascending" as const),
    };
  });
  return {
    ...(input.fields?.length ? { projection: input.fields.map((name) => ({ name })) } : {}),
    ...(filter ? { filter } : {}),
    ...(sort.length ? { sort } : {}),
  };
}
