/**
 * Drop-in compatibility with Prismatic's zendesk-sell component: every action key, data source
 * key and input key (with its group) it has, ours has too, with compatible input types and no
 * input made stricter. The committed list (fixtures/incumbent-surface.json) was recorded
 * from Prismatic's component, so renaming or dropping a key fails the build.
 */
import component from "../src/index";
import surface from "./fixtures/incumbent-surface.json";

interface ServerInput {
  key: string;
  type: string;
  label: string;
  required?: boolean;
  dataSource?: string;
  inputs?: ServerInput[];
}

const incumbentActions = surface.actions as Record<
  string,
  { label: string; inputs: Array<{ key: string; type: string; label: string; required: boolean }> }
>;

/** Input key paths of a converted action: `connection`, `contactInfo`, `contactInfo.email`… */
const keyPaths = (inputs: ServerInput[]): Map<string, ServerInput> => {
  const paths = new Map<string, ServerInput>();
  for (const input of inputs) {
    paths.set(input.key, input);
    for (const child of input.inputs ?? []) paths.set(`${input.key}.${child.key}`, child);
  }
  return paths;
};

const actionInputs = (key: string) =>
  keyPaths((component.actions as Record<string, { inputs: ServerInput[] }>)[key]?.inputs ?? []);

/** The incumbent's type column: "string / keyvaluelist", "code(json)", "structuredObject"… */
const baseType = (type: string) => type.split(/[ /(]/)[0];

/** Types that hold the same value: a multi-line "text" input is a string input with a bigger box. */
const compatible = (incumbentType: string, ours: string) =>
  ours === incumbentType || (incumbentType === "string" && ours === "text");

describe("drop-in surface", () => {
  it("has every action key of the incumbent, including the odd listOrder", () => {
    const missing = Object.keys(incumbentActions).filter((key) => !(key in component.actions));
    expect(missing).toEqual([]);
    expect(Object.keys(incumbentActions)).toHaveLength(47);
  });

  it("has every data source key of the incumbent", () => {
    const missing = Object.keys(surface.dataSources).filter(
      (key) => !(key in component.dataSources),
    );
    expect(missing).toEqual([]);
    expect(Object.keys(surface.dataSources)).toHaveLength(10);
  });

  it("keeps the component key and the oauth connection key", () => {
    expect(component.key).toBe("zendesk-sell");
    expect(component.connections.map((c) => c.key)).toContain("oauth");
  });

  it.each(Object.entries(incumbentActions))(
    "%s keeps every input key and its label, type and group",
    (key, spec) => {
      const ours = actionInputs(key);
      for (const input of spec.inputs) {
        const mine = ours.get(input.key);
        expect({ key: input.key, present: mine !== undefined }).toEqual({
          key: input.key,
          present: true,
        });
        if (!mine) continue;
        expect({
          key: input.key,
          type: mine.type,
          compatible: compatible(baseType(input.type) ?? "", mine.type),
        }).toEqual({
          key: input.key,
          type: mine.type,
          compatible: true,
        });
        expect({ key: input.key, label: mine.label }).toEqual({
          key: input.key,
          label: input.label,
        });
        // An input the incumbent did not require must not become required: old flows may leave it empty.
        if (!input.required)
          expect({ key: input.key, required: mine.required === true }).toEqual({
            key: input.key,
            required: false,
          });
      }
      expect(component.actions[key as keyof typeof component.actions]?.display.label).toBe(
        spec.label,
      );
    },
  );

  it("every data source an input refers to exists in the component", () => {
    const known = new Set(Object.keys(component.dataSources));
    const dangling: string[] = [];
    for (const [key, definition] of Object.entries(
      component.actions as Record<string, { inputs: ServerInput[] }>,
    )) {
      for (const [path, input] of keyPaths(definition.inputs)) {
        if (input.dataSource && !known.has(input.dataSource))
          dangling.push(`${key}.${path} → ${input.dataSource}`);
      }
    }
    expect(dangling).toEqual([]);
  });
});

describe("docs in code", () => {
  const allActions = Object.entries(
    component.actions as Record<
      string,
      { display: { label: string; description: string }; examplePayload?: unknown }
    >,
  );
  const allDataSources = Object.entries(
    component.dataSources as Record<
      string,
      {
        display: { label: string; description: string };
        dataSourceType: string;
        examplePayload?: unknown;
      }
    >,
  );

  it.each(allActions)(
    "action %s has a label, a description ending with its Sell API reference link, and an example payload",
    (_key, definition) => {
      expect(definition.display.label.length).toBeGreaterThan(3);
      expect(definition.display.description).toMatch(
        / https:\/\/developer\.zendesk\.com\/api-reference\/sales-crm\/[a-z0-9/_-]+\/$/,
      );
      expect(definition.examplePayload).toBeDefined();
    },
  );

  it.each(allDataSources)(
    "data source %s has a label, a description and an example payload",
    (_key, definition) => {
      expect(definition.display.label).toMatch(/^Select /);
      expect(definition.display.description.length).toBeGreaterThan(10);
      // A picklist's result is a list of elements; a field mapping's is an ObjectFieldMap.
      expect(definition.examplePayload).toMatchObject({
        result:
          definition.dataSourceType === "objectFieldMap"
            ? { fields: expect.any(Array), options: expect.any(Array) }
            : expect.any(Array),
      });
    },
  );

  it("every input has a clean function (empty means not sent; bad values fail before any request)", () => {
    const uncleaned: string[] = [];
    for (const [key, definition] of Object.entries(
      component.actions as Record<string, { inputs: Array<ServerInput & { clean?: unknown }> }>,
    )) {
      for (const input of definition.inputs) {
        if (input.type === "connection" || input.type === "structuredObject") continue;
        if (typeof input.clean !== "function") uncleaned.push(`${key}.${input.key}`);
      }
    }
    expect(uncleaned).toEqual([]);
  });
});
