/**
 * Contract tests for every table-derived action beyond the incumbent's (users, sources, reasons,
 * tags, products, line items, calls, visits, text messages, upsertDeal, associated contacts,
 * qualify/unqualify, conversions list, …). Each input is filled with a distinct valid value of its
 * kind; the expected request is computed here from the table's attribute paths with this file's
 * own conversion rules (not the component's request builder), and nock requires exactly it.
 * Hand-written actions (conversion, stage moves, find-or-create, search, raw request) are
 * covered in lifecycle.test.ts and the action tests.
 */
import type nock from "nock";
import { actions } from "../src/actions";
import type { FieldSpec } from "../src/inputs/fields";
import { fieldsOf } from "../src/inputs/layout";
import { allOperations } from "../src/resources";
import { endpointOf } from "../src/resources/define";
import surface from "./fixtures/incumbent-surface.json";
import { type Sample, sampleFor, setParam, setPath } from "./helpers/samples";
import { harness, oauthConnection, sellApi } from "./helpers/sell";

const definitions = actions as unknown as Record<string, { examplePayload?: { data: unknown } }>;

/** Every operation the registry declares with one endpoint, that is not the incumbent's. */
const newOperations = allOperations
  .filter(({ actionKey }) => !(actionKey in surface.actions))
  .flatMap((registered) => {
    const endpoint = endpointOf(registered.resource, registered.operation);
    return endpoint ? [{ ...registered, endpoint }] : [];
  })
  .sort((a, b) => a.actionKey.localeCompare(b.actionKey));
const newActions = newOperations.map((o) => o.actionKey);

/** Values chosen so the action's own rules hold (everything else gets a generated value). */
const OVERRIDES: Record<string, Record<string, Sample>> = {
  // Deals have no email filter (it would be taken as a custom field name): match on the contact.
  // The filter's value must also be the body's (the record an upsert creates matches its filters).
  upsertDeal: {
    filters: {
      input: [{ key: "contact_id", value: "77" }],
      body: undefined,
      query: { contact_id: "77" },
    },
    contactId: { input: "77", body: 77, query: "77" },
  },
};

const target = (field: FieldSpec & { target?: string }, fallback: string) =>
  field.target ?? fallback;

it("derives contract tests for every table-built action that is not the incumbent's", () => {
  expect(newActions.length).toBeGreaterThan(50);
});

describe.each(newActions)("%s", (key) => {
  it("sends the exact request and returns Sell's body", async () => {
    const definition = definitions[key] as object & { examplePayload?: { data: unknown } };
    const registered = newOperations.find((o) => o.actionKey === key);
    if (!registered) throw new Error(`${key} is not in the registry`);
    const { endpoint: operation } = registered;
    const layout = registered.operation.layout;

    const params: Record<string, unknown> = { connection: oauthConnection() };
    const body: Record<string, unknown> = {};
    const query: Record<string, string> = {};
    const pathValues: Record<string, string> = {};
    const pathKeys = new Set([...operation.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string));
    let n = 1;
    const entries: Array<[string, FieldSpec]> = fieldsOf(layout).map(({ key: inputKey, field }) => [
      inputKey,
      field,
    ]);
    for (const [inputKey, field] of entries) {
      // Controls (Fetch All, Max Items, Read Until Caught Up…) keep their defaults.
      if (
        field.kind === "toggle" ||
        (field.api.length === 0 && !pathKeys.has(inputKey) && field.kind !== "pairs")
      )
        continue;
      const sample = OVERRIDES[key]?.[inputKey] ?? sampleFor(field, n++);
      setParam(params, inputKey, sample.input);
      if (pathKeys.has(inputKey)) {
        pathValues[inputKey] = String(sample.query);
        continue;
      }
      if (target(field, operation.fieldsTo) === "body") {
        setPath(body, field.api.join("."), sample.body);
      } else if (field.kind === "pairs") {
        Object.assign(query, sample.query);
      } else {
        const name = field.api.reduce<string>(
          (acc, part, i) => (i === 0 ? part : `${acc}[${part}]`),
          "",
        );
        if (typeof sample.query === "string") query[name] = sample.query;
        else
          for (const [part, value] of Object.entries(sample.query))
            query[`${name}[${part}]`] = value;
      }
    }

    const path = operation.path.replace(
      /\{(\w+)\}/g,
      (_: string, name: string) => pathValues[name] ?? `{${name}}`,
    );
    const example = definition.examplePayload as { data: unknown };
    const status = operation.method === "DELETE" ? 204 : 200;
    const hasBody = operation.method === "POST" || operation.method === "PUT";
    const custom = body.custom_fields as Record<string, unknown> | undefined;
    if (custom && hasBody) {
      // Writes with custom fields read the definitions first, to type the values.
      sellApi()
        .get("/v2/deal/custom_fields")
        .reply(200, {
          items: Object.keys(custom).map((name, i) => ({
            data: { id: i + 1, name, type: "string" },
            meta: { type: "custom_field" },
          })),
          meta: { type: "collection", count: Object.keys(custom).length, links: {} },
        });
    }
    const scope = sellApi()
      .intercept(
        `/${operation.version}${path}`,
        operation.method,
        hasBody ? ({ data: body } as nock.RequestBodyMatcher) : undefined,
      )
      .query(query)
      .reply(status, status === 204 ? undefined : (example.data as Record<string, unknown>));

    const result = await harness.action(key, params);
    scope.done();
    expect(result).toEqual(example);
  });
});
