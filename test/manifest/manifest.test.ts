/**
 * The CNI manifest (`npm run manifest`, scripts/manifest.ts): generated with spectral's
 * `component-manifest` bin from dist/ (built first when stale) into a temporary folder, then
 * type-checked with the project's TypeScript, as a package and as code-native integrations use
 * it: docs/cni/newWebLead.ts (Create Lead with only `lastName` and `contactInfo.email`) must
 * compile, calls the component would refuse must not, and each fix the script applies to the
 * generator's output must be needed (without it, the example does not compile).
 *
 * Takes about 10 s (plus about 15 s when dist/ has to be built first).
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import {
  ensureDist,
  fixManifest,
  isRequiredInput,
  loadComponent,
  ROOT,
  runGenerator,
  type ServerComponent,
  type ServerInput,
} from "../../scripts/manifest";

const exec = promisify(execFile);
const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
const EXAMPLE_TSCONFIG = path.join(ROOT, "docs", "cni", "tsconfig.json");

let tmp: string;
let component: ServerComponent;
/** Copies of the generator's output: as generated, with each fix alone, with both. */
const variants = { raw: "", childrenOnly: "", schemasOnly: "", fixed: "" };

/** Runs the project's tsc; resolves with its exit code and output (never rejects). */
async function tsc(args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [TSC, ...args], { cwd: ROOT });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

/** A tsconfig (in the temporary folder) that compiles `files` against one manifest variant. */
function tsconfigFor(name: string, manifest: string, settings: Record<string, unknown>): string {
  const file = path.join(tmp, `tsconfig.${name}.json`);
  const relative = `./${path.relative(tmp, path.join(manifest, "src")).split(path.sep).join("/")}`;
  fs.writeFileSync(
    file,
    JSON.stringify({
      ...settings,
      compilerOptions: {
        ...((settings.compilerOptions as object) ?? {}),
        paths: { "@component-manifests/zendesk-sell": [relative] },
      },
    }),
  );
  return file;
}

/** Compiles docs/cni/newWebLead.ts (with its own tsconfig) against a manifest variant. */
const compileExample = (variant: keyof typeof variants) =>
  tsc(["-p", tsconfigFor(`example-${variant}`, variants[variant], { extends: EXAMPLE_TSCONFIG })]);

beforeAll(async () => {
  ensureDist();
  component = loadComponent();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "zendesk-sell-manifest-"));
  // The generated files import @prismatic-io/spectral: resolve it from the project.
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(tmp, "node_modules"), "junction");
  variants.raw = path.join(tmp, "raw");
  runGenerator(variants.raw);
  for (const name of ["childrenOnly", "schemasOnly", "fixed"] as const) {
    variants[name] = path.join(tmp, name);
    fs.cpSync(variants.raw, variants[name], { recursive: true });
  }
  // What `npm run manifest` does, and each fix alone (TypeScript's in both, for the examples).
  fixManifest(variants.fixed, component);
  fixManifest(variants.childrenOnly, component, { groupChildren: true, typescript: true });
  fixManifest(variants.schemasOnly, component, { outputSchemas: true, typescript: true });
}, 180_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** The group-child property signatures of a generated step file: `group.child` → optional? */
function groupChildren(file: string, groupKeys: Set<string>): Map<string, boolean> {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const found = new Map<string, boolean>();
  const values = source.statements.find(
    (s): s is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(s) && s.name.text.endsWith("Values"),
  );
  for (const member of values?.members ?? []) {
    if (!ts.isPropertySignature(member) || !member.type || !ts.isTypeLiteralNode(member.type))
      continue;
    const group = (member.name as ts.Identifier).text;
    if (!groupKeys.has(group)) continue;
    for (const child of member.type.members) {
      if (ts.isPropertySignature(child))
        found.set(`${group}.${(child.name as ts.Identifier).text}`, Boolean(child.questionToken));
    }
  }
  return found;
}

describe("the generated manifest", () => {
  it("has every action, data source and trigger of the component", () => {
    const listed = (kind: string) =>
      fs
        .readdirSync(path.join(variants.fixed, "src", kind))
        .filter((name) => name !== "index.ts")
        .map((name) => name.replace(/\.ts$/, ""))
        .sort();
    expect(listed("actions")).toEqual(Object.keys(component.actions).sort());
    expect(listed("dataSources")).toEqual(Object.keys(component.dataSources).sort());
    expect(listed("triggers")).toEqual(Object.keys(component.triggers).sort());
    const index = fs.readFileSync(path.join(variants.fixed, "src", "index.ts"), "utf8");
    expect(index).toContain('key: "zendesk-sell"');
    expect(index).toContain("public: false");
  });

  it("types a group child as optional exactly when the component does", () => {
    let checked = 0;
    for (const [key, action] of Object.entries(component.actions)) {
      const groups = action.inputs.filter((input) => input.type === "structuredObject");
      if (!groups.length) continue;
      const file = path.join(variants.fixed, "src", "actions", `${key}.ts`);
      const generated = groupChildren(file, new Set(groups.map((g) => g.key)));
      const expected = new Map(
        groups.flatMap((group) =>
          (group.inputs ?? []).map(
            (child: ServerInput) => [`${group.key}.${child.key}`, !isRequiredInput(child)] as const,
          ),
        ),
      );
      expect([key, generated]).toEqual([key, expected]);
      checked += expected.size;
    }
    // createLead alone has 16 group children; the component has more than 200.
    expect(checked).toBeGreaterThan(200);
  });

  it("type-checks as a package with the project's TypeScript", async () => {
    const result = await tsc(["--noEmit", "-p", path.join(variants.fixed, "tsconfig.json")]);
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  }, 60_000);

  it("as generated, does not type-check with TypeScript 6 (its tsconfig is why it is adapted)", async () => {
    const result = await tsc(["--noEmit", "-p", path.join(variants.raw, "tsconfig.json")]);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/TS5107: Option 'moduleResolution=node10' is deprecated/);
  }, 60_000);
});

describe("a code-native integration using it (docs/cni/newWebLead.ts)", () => {
  it("compiles: Create Lead with only lastName and contactInfo.email", async () => {
    const result = await compileExample("fixed");
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  }, 60_000);

  it("does not compile calls the component would refuse", async () => {
    // Each line marked @ts-expect-error must be an error (else TS2578 fails the compilation).
    const file = path.join(tmp, "refused.ts");
    fs.writeFileSync(
      file,
      `import zendeskSell from "@component-manifests/zendesk-sell";
import { componentManifests, flow, type Connection } from "@prismatic-io/spectral";

const componentRegistry = componentManifests({ zendeskSell });
type TComponentRegistry = typeof componentRegistry;
declare module "@prismatic-io/spectral" {
  interface IntegrationDefinitionComponentRegistry extends TComponentRegistry {}
}
declare const connection: Connection;

export const refused = flow({
  name: "Refused",
  stableKey: "refused",
  description: "Calls that must not compile.",
  onExecution: async (context) => {
    const sell = context.components.zendeskSell;
    await sell.createLead({ connection, lastName: "Hopper", contactInfo: { email: "g@example.com" } });
    // @ts-expect-error: the connection is required
    await sell.createLead({ lastName: "Hopper" });
    // @ts-expect-error: Contact Information has no such field
    await sell.createLead({ connection, contactInfo: { emial: "g@example.com" } });
    // @ts-expect-error: a group child is a string, not a number
    await sell.createLead({ connection, contactInfo: { phone: 5550100 } });
    // @ts-expect-error: Get Lead needs the lead's ID
    await sell.getLead({ connection });
    // @ts-expect-error: a picklist-backed choice outside its model
    await sell.getStream({ connection, resource: "widgets", position: "tail" });
    // @ts-expect-error: no such action
    await sell.createWidget({ connection });
    return { data: null };
  },
});
`,
    );
    const result = await tsc([
      "-p",
      tsconfigFor("refused", variants.fixed, {
        compilerOptions: {
          target: "es2022",
          lib: ["es2022"],
          module: "commonjs",
          moduleResolution: "bundler",
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ["refused.ts"],
      }),
    ]);
    expect(result.output).toBe("");
    expect(result.code).toBe(0);
  }, 60_000);

  it("needs both fixes: group children as generated do not compile", async () => {
    const result = await compileExample("schemasOnly");
    expect(result.code).not.toBe(0);
    // "{ email: string; }" is missing phone, mobile, fax… of Contact Information.
    expect(result.output).toMatch(/newWebLead\.ts.*missing the following properties[^\n]*phone/s);
  }, 60_000);

  it("needs both fixes: output schemas as generated do not compile", async () => {
    const result = await compileExample("childrenOnly");
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/not assignable to type 'ComponentManifest'/);
    expect(result.output).toMatch(/Type 'string' is not assignable to type 'JsonSchema'/);
  }, 60_000);
});
