/**
 * Contract tests for every action of Prismatic's component, derived from two independent
 * sources: the incumbent's recorded surface (which input went where in its requests, recorded
 * in fixtures/incumbent-surface.json from the team's notes on Prismatic's component) and our resource
 * table (each input's kind, to generate a valid value). Every input is filled with a distinct
 * value; nock then requires the exact method, path, query and body, and the output must be
 * Sell's body unchanged (which is also the action's example payload).
 *
 * Where we deliberately differ from the incumbent (its defects), FIXES says how.
 */
import type nock from "nock";
import { actions } from "../src/actions";
import { listControls } from "../src/actions/operations/crud";
import { findOrCreateControls } from "../src/actions/operations/findOrCreate";
import { streamLayout } from "../src/inputs/common";
import { choice } from "../src/inputs/fields";
import type { Layout } from "../src/inputs/layout";
import { allOperations } from "../src/resources";
import { contacts } from "../src/resources/contacts";
import { customFieldResourceType } from "../src/resources/customFields";
import { deals } from "../src/resources/deals";
import { leads } from "../src/resources/leads";
import surface from "./fixtures/incumbent-surface.json";
import { fieldAt, type Sample, sampleFor, setParam, setPath } from "./helpers/samples";
import { harness, oauthConnection, sellApi } from "./helpers/sell";

interface Location {
  kind: string;
  target: string | null;
}
interface IncumbentInput {
  key: string;
  type: string;
  usedAs: Location;
}
interface IncumbentAction {
  label: string;
  inputs: IncumbentInput[];
  http?: { method: string; version: string; path: string };
}

const incumbent = surface.actions as Record<string, IncumbentAction>;

/** Where our component sends an input differently from the incumbent, and why. */
const FIXES: Record<string, Record<string, Location>> = {
  // Sell documents `includes`; the incumbent sent `include`.
  listDeals: { "additionalFields.includes": { kind: "query", target: "includes" } },
  // `inclusive` combines filters and `creatorId` was documented as a filter: both are query parameters.
  upsertContact: {
    "additionalFields.inclusive": { kind: "query", target: "inclusive" },
    "additionalFields.creatorId": { kind: "query", target: "creator_id" },
  },
  upsertLead: {
    "additionalFields.inclusive": { kind: "query", target: "inclusive" },
    "additionalFields.creatorId": { kind: "query", target: "creator_id" },
  },
  // Address filters are sent as address parts (`billing_address[city]`), not as free text.
  listContacts: {
    "otherAddresses.billingAddress": { kind: "query", target: "billing_address" },
    "otherAddresses.shippingAddress": { kind: "query", target: "shipping_address" },
  },
  // Update Note has a real Note ID; Resource ID is the record the note is attached to.
  updateNote: { resourceId: { kind: "body", target: "data.resource_id" } },
};

/** Inputs that are new in our component but needed to address the record. */
const EXTRA_INPUTS: Record<string, Record<string, Location>> = {
  updateNote: { id: { kind: "path", target: "/notes/{id}" } },
};
const PATH_FIXES: Record<string, string> = { updateNote: "/notes/{id}" };

/** The inputs of the incumbent's actions that are hand-written here rather than table-built. */
const HAND_WRITTEN: Record<string, Layout> = {
  listAccountDetails: {},
  listCustomFields: { resourceType: customFieldResourceType },
  getStream: { resource: choice([], "Resource", ["leads"]), ...streamLayout },
};

/** Values chosen so the action's own rules are satisfied (every other input gets a generated one). */
/**
 * An upsert filter on a custom field: the body must carry it too (so the record an upsert creates
 * matches its own filters); a generated email filter would contradict the generated Email input.
 */
const customFieldFilter: Sample = {
  input: [{ key: "custom_fields[External ID]", value: "ext-9" }],
  body: undefined,
  query: { "custom_fields[External ID]": "ext-9" },
};

const OVERRIDES: Record<string, Record<string, Sample>> = {
  // A person: organizations cannot have a Contact ID (and people no Parent Organization ID, tested elsewhere).
  createContact: { isOrganization: { input: "false", body: false, query: "false" } },
  upsertContact: { filterableCustomFields: customFieldFilter },
  upsertLead: { filterableCustomFields: customFieldFilter },
};

/** Body attributes the component adds from other inputs: an upsert's filters. */
const BODY_FROM_FILTERS: Record<string, Record<string, unknown>> = {
  upsertContact: { "External ID": "ext-9" },
  upsertLead: { "External ID": "ext-9" },
};
const OMIT: Record<string, string[]> = {
  createContact: ["additionalFields.parentOrganizationId"],
};

const actionEntries = Object.entries(incumbent).filter(([key]) => key !== "rawRequest");

/** Writes with custom fields first read the definitions of these resource types (to type the values). */
const customFieldTypesOf = (key: string): readonly string[] =>
  [contacts, leads, deals].find((resource) => key.endsWith(resource.name.one))?.customFieldTypes ??
  [];

/** Definitions that declare every custom field a sample uses, as text. */
function mockDefinitions(key: string, customFields: unknown) {
  if (!customFields || typeof customFields !== "object") return;
  for (const type of customFieldTypesOf(key)) {
    sellApi()
      .get(`/v2/${type}/custom_fields`)
      .reply(200, {
        items: Object.keys(customFields).map((name, index) => ({
          data: { id: index + 1, name, type: "string" },
          meta: { type: "custom_field" },
        })),
        meta: { type: "collection", count: Object.keys(customFields).length, links: {} },
      });
  }
}

describe.each(actionEntries)("%s", (key, spec) => {
  it(`sends ${spec.http?.method} ${spec.http?.version} ${spec.http?.path} with every input where it belongs, and returns Sell's body`, async () => {
    const definition = (actions as Record<string, { examplePayload?: { data: unknown } }>)[key];
    expect(definition).toBeDefined();
    const registered = allOperations.find((o) => o.actionKey === key);
    // The layout the action was built from (list and find-or-create add their controls).
    const layout = registered
      ? {
          ...(registered.operation.kind === "list" ? listControls : {}),
          ...(registered.operation.kind === "findOrCreate" ? findOrCreateControls : {}),
          ...registered.operation.layout,
        }
      : HAND_WRITTEN[key];
    expect(layout).toBeDefined();
    if (!definition || !layout || !spec.http) return;

    const params: Record<string, unknown> = { connection: oauthConnection() };
    const body: Record<string, unknown> = {};
    const query: Record<string, string> = {};
    const pathValues: Record<string, string> = {};
    const inputs: Array<[string, Location]> = [
      ...spec.inputs.map((input): [string, Location] => [
        input.key,
        FIXES[key]?.[input.key] ?? input.usedAs,
      ]),
      ...Object.entries(EXTRA_INPUTS[key] ?? {}),
    ];
    let n = 1;
    for (const [inputKey, location] of inputs) {
      if (location.kind === "other" || OMIT[key]?.includes(inputKey)) continue;
      const field = fieldAt(layout, inputKey);
      if (!field) throw new Error(`${key}: input ${inputKey} is missing from the component`);
      const sample = OVERRIDES[key]?.[inputKey] ?? sampleFor(field, n++);
      setParam(params, inputKey, sample.input);
      const target = location.target ?? "";
      switch (location.kind) {
        case "body":
          setPath(body, target.replace(/^data\./, ""), sample.body);
          break;
        case "query":
          if (typeof sample.query === "string") query[target] = sample.query;
          else
            for (const [part, value] of Object.entries(sample.query))
              query[`${target}[${part}]`] = value;
          break;
        case "pairs-query":
          for (const [pairKey, value] of Object.entries(sample.query as Record<string, string>)) {
            query[target.startsWith("custom_fields") ? `custom_fields[${pairKey}]` : pairKey] =
              value;
          }
          break;
        case "path":
          pathValues[/\{(\w+)\}/.exec(target)?.[1] ?? inputKey] = String(sample.query);
          break;
        default:
          throw new Error(`${key}: unknown location ${location.kind}`);
      }
    }

    const path = (PATH_FIXES[key] ?? spec.http.path).replace(
      /\{(\w+)\}/g,
      (_, name: string) => pathValues[name] ?? `{${name}}`,
    );
    const example = definition.examplePayload as { data: unknown };
    const status = spec.http.method === "DELETE" ? 204 : 200;
    const scope = sellApi()
      .intercept(
        `/${spec.http.version}${path}`,
        spec.http.method,
        spec.http.method === "POST" || spec.http.method === "PUT"
          ? ({ data: body } as nock.RequestBodyMatcher)
          : undefined,
      )
      .query(query)
      .reply(status, status === 204 ? undefined : (example.data as Record<string, unknown>));

    const fromFilters = BODY_FROM_FILTERS[key];
    if (fromFilters)
      body.custom_fields = { ...(body.custom_fields as Record<string, unknown>), ...fromFilters };
    // A creator_id filter is checked against the connected user (the creator of what an upsert creates).
    if (key.startsWith("upsert") && query.creator_id !== undefined)
      sellApi()
        .get("/v2/users/self")
        .reply(200, { data: { id: Number(query.creator_id) }, meta: { type: "user" } });
    if (spec.http.method === "POST" || spec.http.method === "PUT")
      mockDefinitions(key, body.custom_fields);
    const result = await harness.action(key, params);
    scope.done();
    expect(result).toEqual(example);
    if (spec.http.method !== "POST" && spec.http.method !== "PUT") expect(body).toEqual({});
  });
});

it("covers every action of the incumbent but Raw Request (tested on its own)", () => {
  expect(actionEntries).toHaveLength(46);
});
