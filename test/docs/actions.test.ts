/**
 * docs/actions.md is the action reference `npm run docs` (scripts/docs.ts) writes from the
 * component. It must be exactly what the script writes now: an action, input or output schema
 * changed without `npm run docs` fails here, so CI never ships a stale reference.
 */
import fs from "node:fs";
import path from "node:path";
import {
  DOCS_FILE,
  fieldList,
  type JsonSchema,
  renderActionReference,
  splitDocs,
  typeOf,
} from "../../scripts/docs";
import component from "../../src/index";

const rendered = renderActionReference();

it("docs/actions.md is what `npm run docs` writes now", () => {
  const committed = fs.existsSync(DOCS_FILE) ? fs.readFileSync(DOCS_FILE, "utf8") : "(missing)";
  if (committed !== rendered) {
    // Name the first line that differs, so the failure says what is stale.
    const a = committed.split("\n");
    const b = rendered.split("\n");
    const differing = a.findIndex((text, i) => text !== b[i]);
    const line = differing >= 0 ? differing : Math.min(a.length, b.length);
    throw new Error(
      `docs/actions.md is stale: run \`npm run docs\` and commit it.\n` +
        `First difference at line ${line + 1}:\n  committed: ${a[line] ?? "(end of file)"}\n` +
        `  now:       ${b[line] ?? "(end of file)"}`,
    );
  }
});

it("is deterministic and names no path of this machine", () => {
  expect(renderActionReference()).toBe(rendered);
  expect(rendered).not.toContain(path.resolve(__dirname, "..", ".."));
  expect(rendered).not.toMatch(/\/(home|Users|tmp|work)\//);
});

it("has a section for every action, data source and trigger, in key order", () => {
  for (const steps of [component.actions, component.dataSources, component.triggers]) {
    const keys = Object.keys(steps ?? {}).sort();
    const positions = keys.map((key) => rendered.indexOf(`<a id="${key}"></a>`));
    expect(positions.every((at) => at >= 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
  }
});

it("documents inputs with group paths, picklists and defaults, and outputs as fields", () => {
  const section = (key: string) => {
    const start = rendered.indexOf(`<a id="${key}"></a>`);
    return rendered.slice(start, rendered.indexOf('<a id="', start + 1));
  };
  const createLead = section("createLead");
  expect(createLead).toContain("### Create Lead (`createLead`)");
  expect(createLead).toContain(
    "**API reference**: https://developer.zendesk.com/api-reference/sales-crm/resources/leads/",
  );
  expect(createLead).toMatch(/\| `contactInfo\.email` \| Email \| string \| no \|/);
  expect(createLead).toMatch(
    /\| `additionalFields\.ownerId` \|[^\n]*\[selectUser\]\(#selectUser\)/,
  );
  expect(createLead).toContain("- `data`: object\n  - `id`: integer\n");
  expect(createLead).toContain("  - `last_name`?: string | null");
  expect(section("listLeads")).toMatch(/\| `fetchAll` \| Fetch All \| boolean \| no \| `false` \|/);
  expect(section("deleteLead")).toContain("**Output** (`data`): null");
  expect(section("selectLead")).toMatch(/\*\*Feeds\*\*: [^\n]*`getLead\.id`/);
  // Triggers: the shape of payload.body.data from src/triggers/outputs.ts.
  expect(section("pollChangesTrigger")).toContain("**Output** (`payload.body.data`): object");
  expect(section("pollChangesTrigger")).toContain("- `more`?: true — More than 10,000");
});

describe("the schema summary", () => {
  const schema: JsonSchema = {
    type: "object",
    required: ["id", "tags"],
    properties: {
      id: { type: "integer" },
      tags: { type: "array", items: { type: "string" } },
      owner: {
        anyOf: [
          { type: "object", required: ["id"], properties: { id: { type: "integer" } } },
          { type: "null" },
        ],
        description: "Who owns it.",
      },
      custom: { type: "object", additionalProperties: { type: ["string", "number"] } },
      kind: { const: "lead" },
      either: { type: "array", items: { anyOf: [{ type: "string" }, { type: "integer" }] } },
      anything: {},
    },
  };

  it("writes one line per field, nested, with `?` for fields that may be absent", () => {
    expect(fieldList(schema)).toEqual([
      "- `id`: integer",
      "- `tags`: string[]",
      "- `owner`?: object | null — Who owns it.",
      "  - `id`: integer",
      "- `custom`?: map<string, string | number>",
      '- `kind`?: "lead"',
      "- `either`?: (string | integer)[]",
      "- `anything`?: any",
    ]);
  });

  it("names non-object outputs by their type", () => {
    expect(typeOf({ type: "null" })).toBe("null");
    expect(typeOf({})).toBe("any");
    expect(fieldList({ type: "null" })).toEqual([]);
  });

  it("splits a description from its API reference link", () => {
    expect(splitDocs("Gets a lead. API reference: https://example.com/leads")).toEqual({
      text: "Gets a lead.",
      docs: "https://example.com/leads",
    });
    expect(splitDocs("No link.")).toEqual({ text: "No link." });
  });
});
