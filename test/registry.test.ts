/**
 * The resource registry and what is derived from it: every resource's example fits its record
 * schema, record schemas describe every field of the public schemas, every action has an output
 * schema its example payload satisfies and says whether Prismatic may run it, the picklists and
 * resource choices come from the registry, and the layers depend on each other only downwards.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import Ajv from "ajv";
import type { z } from "zod";
import { actions } from "../src/actions";
import { dataSources } from "../src/dataSources";
import component from "../src/index";
import { fieldsOf } from "../src/inputs/layout";
import {
  allOperations,
  allPicklists,
  allResources,
  pollableResources,
  searchableResources,
  streamableResources,
} from "../src/resources";
import { endpointOf } from "../src/resources/define";

const root = join(__dirname, "..");

describe.each(allResources.map((resource) => [resource.key, resource] as const))(
  "resource %s",
  (_, resource) => {
    it("its example record fits its record schema", () => {
      expect(resource.record.safeParse(resource.example).success).toBe(true);
    });

    it("its example is a file in src/resources/examples", () => {
      const examples = readdirSync(join(root, "src", "resources", "examples")).map((file) =>
        JSON.parse(readFileSync(join(root, "src", "resources", "examples", file), "utf8")),
      );
      expect(examples).toContainEqual(resource.example);
    });
  },
);

/** Public schemas by resource key (see test/fixtures/sell-schemas/README.md). */
function publicSchemas(): Array<[string, string[]]> {
  const dir = join(__dirname, "fixtures", "sell-schemas");
  return readdirSync(dir)
    .filter((folder) => statSync(join(dir, folder)).isDirectory())
    .flatMap((folder) =>
      readdirSync(join(dir, folder))
        .filter((file) => file.endsWith(".json") && file !== "events.json")
        .map((file): [string, string[]] => [
          file.replace(/\.json$/, ""),
          Object.keys(
            (JSON.parse(readFileSync(join(dir, folder, file), "utf8")) as { properties?: object })
              .properties ?? {},
          ),
        ]),
    );
}

describe("record schemas describe every field of the public record schemas", () => {
  const schemas = publicSchemas();
  it("covers 26 public schemas", () => expect(schemas).toHaveLength(26));
  it.each(schemas)("%s", (key, properties) => {
    const resource = allResources.find((r) => r.key === key);
    if (!resource) throw new Error(`no resource ${key}`);
    const shape = Object.keys((resource.record as z.ZodObject).shape);
    expect(properties.filter((property) => !shape.includes(property))).toEqual([]);
  });
});

type ActionDefinition = {
  examplePayload?: { data: unknown };
  outputSchema?: { type: string; schema: object };
  performSafety?: string;
};
const definitions = actions as unknown as Record<string, ActionDefinition>;
const ajv = new Ajv({ strict: false, allErrors: true });

describe.each(Object.keys(definitions).sort())("action %s", (key) => {
  const definition = definitions[key] as ActionDefinition;

  it("has an output schema that its example payload satisfies", () => {
    expect(definition.outputSchema?.type).toBe("actionOutput");
    const validate = ajv.compile(definition.outputSchema?.schema ?? {});
    const valid = validate(definition.examplePayload?.data);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("says whether Prismatic may run it to show sample data: reads yes, writes never", () => {
    const registered = allOperations.find((o) => o.actionKey === key);
    const endpoint = registered && endpointOf(registered.resource, registered.operation);
    const reads =
      endpoint?.method === "GET" ||
      [
        "getCurrentUser",
        "listAccountDetails",
        "listCustomFields",
        "getStream",
        "searchRecords",
      ].includes(key);
    expect(definition.performSafety).toBe(reads ? "safe" : "notAllowed");
  });
});

it("output schemas are complete: a lead's lists every documented lead field", () => {
  const schema = definitions.getLead?.outputSchema?.schema as {
    properties: { data: { properties: Record<string, unknown> } };
  };
  const leadFields = publicSchemas().find(([key]) => key === "leads")?.[1] ?? [];
  expect(Object.keys(schema.properties.data.properties).sort()).toEqual(
    [...leadFields, "custom_fields"].sort(),
  );
});

it("a record that does not fit an output schema is caught (the check can fail)", () => {
  const validate = ajv.compile(definitions.getLead?.outputSchema?.schema ?? {});
  expect(validate({ data: { id: "not a number" }, meta: { type: "lead" } })).toBe(false);
  expect(validate({ data: { id: 1 }, meta: { type: "contact" } })).toBe(false);
});

describe("what is derived from the registry", () => {
  it("the data sources are the resources' picklists, and the field mapping built from their fields", () => {
    expect(Object.keys(dataSources).sort()).toEqual(
      [...allPicklists.map(({ picklist }) => picklist.key), "selectFieldMapping"].sort(),
    );
  });

  it("every input of every action and data source that names a picklist names a data source", () => {
    const keys = new Set(Object.keys(dataSources));
    const dangling: string[] = [];
    for (const [key, definition] of Object.entries(component.actions)) {
      const walk = (inputs: Array<{ key: string; dataSource?: string; inputs?: unknown }>) => {
        for (const input of inputs) {
          if (input.dataSource && !keys.has(input.dataSource))
            dangling.push(`${key}.${input.key} → ${input.dataSource}`);
          if (Array.isArray(input.inputs)) walk(input.inputs);
        }
      };
      walk(definition.inputs as never);
    }
    expect(dangling).toEqual([]);
  });

  it("every table-built operation is exported under its action key", () => {
    expect(allOperations.filter(({ actionKey }) => !(actionKey in actions))).toEqual([]);
  });

  const choices = (key: string, inputKey: string): string[] => {
    const action = component.actions[key as keyof typeof component.actions] as unknown as {
      inputs: Array<{ key: string; model?: Array<{ value: string }> }>;
    };
    return (action.inputs.find((input) => input.key === inputKey)?.model ?? [])
      .map((choice) => choice.value)
      .filter((value) => value !== "");
  };

  it("Get Stream offers every streamable resource", () => {
    expect(choices("getStream", "resource").sort()).toEqual(
      streamableResources.map((r) => r.key).sort(),
    );
  });

  it("Search Records offers every searchable resource", () => {
    expect(choices("searchRecords", "resource").sort()).toEqual(
      searchableResources.map((r) => r.key).sort(),
    );
    expect(searchableResources.map((r) => r.key).sort()).toEqual([
      "contacts",
      "deals",
      "leads",
      "notes",
      "tasks",
    ]);
  });

  it("New and Updated Records offers every pollable resource, deals first as the incumbent", () => {
    const trigger = component.triggers.pollChangesTrigger as unknown as {
      inputs: Array<{ key: string; model?: Array<{ value: string }> }>;
    };
    const values = (trigger.inputs.find((i) => i.key === "pollResourceType")?.model ?? []).map(
      (m) => m.value,
    );
    expect(values).toEqual(["deals", "leads", "contacts", "tasks", "notes"]);
    expect(pollableResources.map((r) => r.key).sort()).toEqual([...values].sort());
  });

  it("every streamable resource lists its Firehose attributes, id first", () => {
    for (const resource of streamableResources) {
      expect({ key: resource.key, first: resource.stream?.attributes[0] }).toEqual({
        key: resource.key,
        first: "id",
      });
    }
  });

  it("every picklist reference of an operation is registered (checked when the registry loads)", () => {
    const offered = new Set(allPicklists.map(({ picklist }) => picklist));
    for (const { operation } of allOperations)
      for (const { field } of fieldsOf(operation.layout))
        if (field.dataSource) expect(offered.has(field.dataSource as never)).toBe(true);
  });
});

// ---- dependencies point down ---------------------------------------------------------------------

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** `src/<layer>/…` → the layers its imports reach. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/from "(\.[^"]+)"/g)].map((m) =>
    relative(root, join(file, "..", m[1] as string)),
  );
}

describe("dependencies point down", () => {
  const files = sourceFiles(join(root, "src"));
  const layer = (path: string) => path.split("/")[1] ?? "";
  const reaches = (from: string) =>
    files
      .filter((file) => layer(relative(root, file)) === from)
      .flatMap((file) => importsOf(file).map((target) => [relative(root, file), target] as const));

  it("src imports nothing from test/", () => {
    expect(
      files.flatMap((file) => importsOf(file).filter((target) => !target.startsWith("src/"))),
    ).toEqual(["package.json"]);
  });

  it.each([
    [
      "client",
      ["connections", "inputs", "resources", "actions", "dataSources", "triggers", "steps"],
    ],
    [
      "connections",
      ["client", "inputs", "resources", "actions", "dataSources", "triggers", "steps"],
    ],
    ["inputs", ["connections", "resources", "actions", "dataSources", "triggers", "steps"]],
    ["resources", ["client", "connections", "actions", "dataSources", "triggers", "steps"]],
    ["steps", ["resources", "actions", "dataSources", "triggers"]],
    ["dataSources", ["actions", "triggers"]],
    ["triggers", ["actions", "dataSources"]],
  ])("src/%s imports none of %j", (from, forbidden) => {
    const wrong = reaches(from).filter(([, target]) =>
      (forbidden as string[]).includes(layer(target)),
    );
    expect(wrong).toEqual([]);
  });
});

describe.each(Object.keys(component.triggers).sort())("trigger %s", (key) => {
  it("has an output schema its example payload satisfies, and a description with its docs link or purpose", async () => {
    const { triggerOutputs } = await import("../src/triggers/outputs");
    const trigger = component.triggers[key as keyof typeof component.triggers] as unknown as {
      examplePayload: { payload: { body: { data: unknown } } };
      display: { description: string };
    };
    const schema = triggerOutputs[key];
    expect(schema).toBeDefined();
    const parsed = schema?.safeParse(trigger.examplePayload.payload.body.data);
    expect(parsed?.error?.issues ?? []).toEqual([]);
    expect(trigger.display.description.length).toBeGreaterThan(40);
  });
});
