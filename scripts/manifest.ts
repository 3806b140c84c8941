/**
 * `npm run manifest`: the component's CNI manifest, generated with spectral's `component-manifest`
 * bin into `manifest/` (a package named `@component-manifests/zendesk-sell`; not committed, see
 * .gitignore), so code-native integrations can call the component's actions with typed inputs.
 *
 *   npm run manifest                     build dist/ if it is missing or older than its sources,
 *                                        generate manifest/, fix it up (below), print a summary
 *   npm run manifest -- --verify         ask Prismatic for the signature instead of computing it
 *                                        from dist/ (needs `prism login` and this very dist/
 *                                        published: the manifest a deployed CNI needs)
 *   npm run manifest -- --out-dir <dir>  generate somewhere else (relative to the repository)
 *
 * What the generator emits and what is fixed afterwards:
 *
 * - Grouped inputs (structuredObject): the generator types every child of a group as required
 *   (`contactInfo?: { email: string; phone: string; … }`), whatever the component says, so a CNI
 *   call with only `contactInfo.email` does not compile. Each child the component marks optional
 *   (not `required`, or required with a default, the generator's own rule for top-level inputs)
 *   gets its `?` back: `contactInfo?: { email?: string; phone?: string; … }`. The component
 *   treats a missing child as empty, as it does an omitted group.
 * - Output schemas: the generator writes each action's `outputSchema` from the converted
 *   component, where spectral has already serialised the JSON schema to a string, so the manifest
 *   says `outputSchema: { type: "actionOutput", schema: '{"$schema":…}' }`. That is not an
 *   `OutputSchema` (its `schema` is a JSON schema object), so `componentManifests({ zendeskSell })`
 *   does not compile and a CNI loses every typed call. The string becomes
 *   `JSON.parse('{"$schema":…}') as ActionOutputSchema["schema"]`: the same schema, as an object.
 * - `tsconfig.json` says `"moduleResolution": "node"`, which TypeScript 6 refuses (deprecated,
 *   TS5107); it becomes `"bundler"` (the project's), and the package's `typescript`
 *   devDependency becomes the project's version, which accepts it with `"module": "commonjs"`.
 *
 * The rest (the package's timestamped version, the signature, the README) is left as generated.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(__dirname, "..");
export const DEFAULT_OUT_DIR = "manifest";

const DIST_ENTRY = path.join(ROOT, "dist", "index.js");
/** What dist/index.js is built from (a newer file among them means dist/ is stale). */
const BUILD_INPUTS = [
  "src",
  "assets",
  "build",
  "webpack.config.js",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];

/** A step's input as the converted component (dist/index.js) carries it. */
export interface ServerInput {
  key: string;
  label?: string;
  type: string;
  required?: boolean;
  default?: unknown;
  collection?: string;
  inputs?: ServerInput[];
}
interface ServerStep {
  key: string;
  inputs: ServerInput[];
}
export interface ServerComponent {
  key: string;
  actions: Record<string, ServerStep>;
  triggers: Record<string, ServerStep>;
  dataSources: Record<string, ServerStep>;
}

/** A group child the manifest now types as optional. */
export interface OptionalChild {
  file: string;
  step: string;
  group: string;
  child: string;
}

export interface ManifestResult {
  outDir: string;
  built: boolean;
  files: number;
  optionalChildren: OptionalChild[];
  /** Action files whose output schema was parsed back into an object. */
  outputSchemas: string[];
}

type Log = (line: string) => void;

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** Why dist/ must be rebuilt, or undefined when it is current. */
export function distStaleReason(): string | undefined {
  if (!fs.existsSync(DIST_ENTRY)) return "dist/index.js does not exist";
  const built = fs.statSync(DIST_ENTRY).mtimeMs;
  const newer = BUILD_INPUTS.filter((input) => newestMtime(path.join(ROOT, input)) > built);
  return newer.length ? `${newer.join(", ")} changed since dist/ was built` : undefined;
}

function run(command: string, args: string[], what: string): string {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: "utf8",
    shell: process.platform === "win32",
    env: {
      ...process.env,
      // The generator runs `prism components:signature`: the project's prism, not a global one.
      PATH: `${path.join(ROOT, "node_modules", ".bin")}${path.delimiter}${process.env.PATH ?? ""}`,
    },
  });
  if (result.status !== 0) {
    throw new Error(
      `${what} failed (exit ${result.status ?? result.signal}):\n${result.stdout ?? ""}${result.stderr ?? ""}`,
    );
  }
  return result.stdout;
}

/** Builds dist/ when it is missing or older than its sources; true when it built. */
export function ensureDist(log: Log = () => undefined): boolean {
  const reason = distStaleReason();
  if (!reason) return false;
  log(`Building dist/ (${reason})…`);
  run(
    process.platform === "win32" ? "npm.cmd" : "npm",
    ["run", "--silent", "build"],
    "npm run build",
  );
  return true;
}

/** Runs spectral's `component-manifest` bin on dist/ into `outDir` (replacing it). */
export function runGenerator(outDir: string, options: { verifySignature?: boolean } = {}): void {
  const spectral = path.dirname(require.resolve("@prismatic-io/spectral/package.json"));
  const bin = path.join(spectral, "bin", "component-manifest.js");
  const args = [bin, "--output-dir", outDir];
  if (!options.verifySignature) args.push("--skip-signature-verify");
  run(process.execPath, args, "component-manifest");
}

/** The generator's rule for top-level inputs: required, and no default to fall back on. */
export const isRequiredInput = (input: ServerInput): boolean =>
  input.required === true &&
  (input.default === undefined || input.default === null || input.default === "");

const nameOf = (name: ts.PropertyName): string | undefined =>
  ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;

/** The step key a generated file describes (its `key: "…"` object property). */
function stepKeyOf(source: ts.SourceFile): string | undefined {
  let key: string | undefined;
  const visit = (node: ts.Node): void => {
    if (key) return;
    if (
      ts.isVariableDeclaration(node) &&
      node.initializer &&
      ts.isAsExpression(node.initializer) &&
      ts.isObjectLiteralExpression(node.initializer.expression)
    ) {
      for (const property of node.initializer.expression.properties) {
        if (
          ts.isPropertyAssignment(property) &&
          nameOf(property.name) === "key" &&
          ts.isStringLiteral(property.initializer)
        ) {
          key = property.initializer.text;
          return;
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return key;
}

/**
 * Positions in `source` where a `?` must follow a group child's name: every property signature
 * named after one of the step's structuredObject inputs (in the values interface, and in the
 * trigger/data source helpers' `{ value: … }` wrappers) whose object type lists children the
 * component marks optional.
 */
function optionalChildPositions(
  source: ts.SourceFile,
  step: ServerStep,
  file: string,
): Array<{ at: number; child: OptionalChild }> {
  const groups = new Map(
    step.inputs.filter((input) => input.type === "structuredObject").map((g) => [g.key, g]),
  );
  const found: Array<{ at: number; child: OptionalChild }> = [];
  if (!groups.size) return found;

  const visitGroupType = (node: ts.Node, group: ServerInput, groupPath: string): void => {
    if (ts.isTypeLiteralNode(node)) {
      const children = new Map((group.inputs ?? []).map((child) => [child.key, child]));
      const members = node.members.filter(ts.isPropertySignature);
      if (members.some((member) => children.has(nameOf(member.name) ?? ""))) {
        for (const member of members) {
          const child = children.get(nameOf(member.name) ?? "");
          if (!child) continue;
          if (!member.questionToken && !isRequiredInput(child)) {
            found.push({
              at: member.name.end,
              child: { file, step: step.key, group: groupPath, child: child.key },
            });
          }
          if (child.type === "structuredObject" && member.type) {
            visitGroupType(member.type, child, `${groupPath}.${child.key}`);
          }
        }
        return;
      }
    }
    // Array<{…}>, Record<string, {…}> | Array<…>, ({ value: {…} } | ConfigVarExpression) & …
    ts.forEachChild(node, (child) => visitGroupType(child, group, groupPath));
  };

  const visit = (node: ts.Node): void => {
    if (ts.isPropertySignature(node) && node.type) {
      const group = groups.get(nameOf(node.name) ?? "");
      if (group) {
        visitGroupType(node.type, group, group.key);
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Gives every optional group child in the generated step files its `?`; returns what changed. */
export function makeGroupChildrenOptional(
  outDir: string,
  component: ServerComponent,
): OptionalChild[] {
  const changed: OptionalChild[] = [];
  const kinds = {
    actions: component.actions,
    triggers: component.triggers,
    dataSources: component.dataSources,
  };
  for (const [kind, steps] of Object.entries(kinds)) {
    const dir = path.join(outDir, "src", kind);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      if (!name.endsWith(".ts") || name === "index.ts") continue;
      const file = path.join(dir, name);
      const text = fs.readFileSync(file, "utf8");
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const key = stepKeyOf(source);
      const step = key ? steps[key] : undefined;
      if (!step) continue;
      const positions = optionalChildPositions(source, step, `src/${kind}/${name}`);
      if (!positions.length) continue;
      let patched = text;
      for (const { at } of [...positions].sort((a, b) => b.at - a.at)) {
        patched = `${patched.slice(0, at)}?${patched.slice(at)}`;
      }
      fs.writeFileSync(file, patched);
      changed.push(...positions.map((p) => p.child));
    }
  }
  return changed;
}

const OUTPUT_SCHEMA_IMPORT =
  'import type { ActionOutputSchema } from "@prismatic-io/spectral/dist/types";\n';

/**
 * Turns each action's serialised `outputSchema.schema` (a string of JSON) back into the object
 * `OutputSchema` expects; returns the files changed.
 */
export function parseOutputSchemas(outDir: string): string[] {
  const dir = path.join(outDir, "src", "actions");
  const changed: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith(".ts") || name === "index.ts") continue;
    const file = path.join(dir, name);
    const text = fs.readFileSync(file, "utf8");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const edits: Array<{ start: number; end: number; text: string }> = [];
    const visit = (node: ts.Node): void => {
      if (
        ts.isPropertyAssignment(node) &&
        nameOf(node.name) === "outputSchema" &&
        ts.isObjectLiteralExpression(node.initializer)
      ) {
        for (const property of node.initializer.properties) {
          if (!ts.isPropertyAssignment(property)) continue;
          const key = nameOf(property.name);
          if (key === "branchSchemas") {
            throw new Error(
              `src/actions/${name}: a branching output schema; teach scripts/manifest.ts its form`,
            );
          }
          if (key === "schema" && ts.isStringLiteralLike(property.initializer)) {
            JSON.parse(property.initializer.text); // must be JSON, or the generator changed
            edits.push({
              start: property.initializer.getStart(source),
              end: property.initializer.end,
              text: `JSON.parse(${property.initializer.getText(source)}) as ActionOutputSchema["schema"]`,
            });
          }
        }
        return;
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    if (!edits.length) continue;
    let patched = text;
    for (const edit of edits.sort((a, b) => b.start - a.start)) {
      patched = `${patched.slice(0, edit.start)}${edit.text}${patched.slice(edit.end)}`;
    }
    const firstImport = source.statements.find(ts.isImportDeclaration);
    const at = firstImport ? firstImport.getStart(source) : 0;
    patched = `${patched.slice(0, at)}${OUTPUT_SCHEMA_IMPORT}${patched.slice(at)}`;
    fs.writeFileSync(file, patched);
    changed.push(`src/actions/${name}`);
  }
  return changed;
}

/** Makes the generated package compile with the project's TypeScript (6.x). */
export function adaptToProjectTypeScript(outDir: string): void {
  const tsconfig = path.join(outDir, "tsconfig.json");
  const text = fs.readFileSync(tsconfig, "utf8");
  const adapted = text.replace(/("moduleResolution"\s*:\s*)"node(?:10)?"/, '$1"bundler"');
  if (adapted === text && !/"moduleResolution"\s*:\s*"bundler"/.test(text)) {
    throw new Error(
      'the manifest\'s tsconfig.json has no "moduleResolution": "node" to replace; check the generator',
    );
  }
  fs.writeFileSync(tsconfig, adapted);

  const packageJson = path.join(outDir, "package.json");
  const manifestPackage = JSON.parse(fs.readFileSync(packageJson, "utf8"));
  const { version } = require("typescript/package.json") as { version: string };
  if (manifestPackage.devDependencies?.typescript) {
    manifestPackage.devDependencies.typescript = version;
  }
  fs.writeFileSync(packageJson, `${JSON.stringify(manifestPackage, null, 2)}\n`);
}

const countFiles = (dir: string): number =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .reduce(
      (sum, entry) => sum + (entry.isDirectory() ? countFiles(path.join(dir, entry.name)) : 1),
      0,
    );

/** Which of the fixes described at the top of this file to apply (all by default). */
export interface Fixes {
  groupChildren?: boolean;
  outputSchemas?: boolean;
  typescript?: boolean;
}

/** Applies the fixes to a generated manifest in `outDir` (absolute). */
export function fixManifest(
  outDir: string,
  component: ServerComponent,
  fixes: Fixes = { groupChildren: true, outputSchemas: true, typescript: true },
): Pick<ManifestResult, "optionalChildren" | "outputSchemas"> {
  const optionalChildren = fixes.groupChildren ? makeGroupChildrenOptional(outDir, component) : [];
  const outputSchemas = fixes.outputSchemas ? parseOutputSchemas(outDir) : [];
  if (fixes.typescript) adaptToProjectTypeScript(outDir);
  return { optionalChildren, outputSchemas };
}

/** The component the generator reads: dist/index.js's default export. */
export function loadComponent(): ServerComponent {
  delete require.cache[DIST_ENTRY];
  return require(DIST_ENTRY).default as ServerComponent;
}

/**
 * Builds dist/ if needed, generates the manifest into `outDir` (relative to the repository, or
 * absolute) and, unless `raw`, applies the fixes described at the top of this file.
 */
export function generateManifest(
  options: { outDir?: string; verifySignature?: boolean; raw?: boolean; log?: Log } = {},
): ManifestResult {
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const absolute = path.resolve(ROOT, outDir);
  const built = ensureDist(options.log);
  runGenerator(outDir, { verifySignature: options.verifySignature });
  const fixed = options.raw
    ? { optionalChildren: [], outputSchemas: [] }
    : fixManifest(absolute, loadComponent());
  return { outDir, built, files: countFiles(absolute), ...fixed };
}

function main(argv: string[]): number {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(
      "Usage: npm run manifest [-- --out-dir <dir>] [-- --verify]\n" +
        "  generates the CNI manifest (default manifest/) from dist/, building it when stale\n" +
        "  --verify  ask Prismatic for the signature (prism login; this dist/ published)\n",
    );
    return 0;
  }
  const outAt = argv.indexOf("--out-dir");
  const outDir = outAt >= 0 ? argv[outAt + 1] : DEFAULT_OUT_DIR;
  if (!outDir || path.isAbsolute(outDir)) {
    process.stderr.write("--out-dir takes a folder relative to the repository\n");
    return 2;
  }
  const log: Log = (line) => process.stdout.write(`${line}\n`);
  const result = generateManifest({ outDir, verifySignature: argv.includes("--verify"), log });
  const component = loadComponent();
  const groups = new Set(result.optionalChildren.map((c) => `${c.step}.${c.group}`));
  log(
    `Manifest of ${component.key} in ${outDir}/ ` +
      `(${result.files} files): ${Object.keys(component.actions).length} actions, ` +
      `${Object.keys(component.dataSources).length} data sources, ` +
      `${Object.keys(component.triggers).length} triggers.`,
  );
  log(
    `Group children made optional: ${result.optionalChildren.length} in ${groups.size} groups ` +
      `(the generator typed them all as required).`,
  );
  log(
    `Output schemas parsed back into JSON schema objects: ${result.outputSchemas.length} actions.`,
  );
  log(`Type-check it: npx tsc --noEmit -p ${outDir}/tsconfig.json`);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
