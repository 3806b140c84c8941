/**
 * `npm run docs`: writes docs/actions.md, the action reference, from the component itself
 * (src/index.ts): every action, data source, trigger and connection with its label, description,
 * API reference link, inputs (key, label, type, required, default, the picklist that feeds it)
 * and output shape (the action's `outputSchema`; for triggers `src/triggers/outputs.ts`; for data
 * sources the picklist shape), summarised as a field list.
 *
 *   npm run docs              write docs/actions.md
 *   npm run docs -- --check   exit 1 when docs/actions.md is not what would be written now
 *
 * The output is deterministic: steps sorted by key, inputs and fields in the component's own
 * order, no timestamps, no paths. test/docs/actions.test.ts fails when the file is stale.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import component from "../src/index";
import { API_REFERENCE } from "../src/steps";
import { triggerOutputs } from "../src/triggers/outputs";

export const DOCS_FILE = path.join(__dirname, "..", "docs", "actions.md");

interface Input {
  key: string;
  label: string;
  type: string;
  required?: boolean;
  default?: unknown;
  comments?: string;
  collection?: string;
  dataSource?: string;
  model?: Array<{ label: string; value: string }>;
  inputs?: Input[];
}
interface Step {
  key: string;
  display: { label: string; description: string };
  inputs: Input[];
  outputSchema?: { type: string; schema?: string };
  dataSourceType?: string;
  isPollingTrigger?: boolean;
  scheduleSupport?: string;
}
interface Connection {
  key: string;
  label: string;
  comments?: string;
  oauth2Type?: string;
  inputs: Input[];
}

/** The subset of JSON schema (draft 7, as zod writes it) the summary reads. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  description?: string;
  additionalProperties?: boolean | JsonSchema;
  $ref?: string;
}

const cell = (text: string): string => text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|").trim();
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;
const sortedKeys = <T>(record: Record<string, T>): string[] => Object.keys(record).sort();

/** Splits "text API reference: https://…" into the text and the link. */
export function splitDocs(description: string): { text: string; docs?: string } {
  const at = description.lastIndexOf(` ${API_REFERENCE} `);
  if (at < 0) return { text: description };
  return {
    text: description.slice(0, at).trim(),
    docs: description.slice(at + API_REFERENCE.length + 2).trim(),
  };
}

const alternativesOf = (schema: JsonSchema): JsonSchema[] | undefined =>
  schema.anyOf ?? schema.oneOf;

/** A one-line type: `string | null`, `integer`, `object[]`, `"lead"`, `map<string, any>`. */
export function typeOf(schema: JsonSchema): string {
  const alternatives = alternativesOf(schema);
  if (alternatives) return [...new Set(alternatives.map(typeOf))].join(" | ");
  if (schema.$ref) return `see ${schema.$ref}`;
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (!types.length) return "any";
  return types
    .map((type) => {
      if (type === "array") {
        const item = schema.items ? typeOf(schema.items) : "any";
        return item.includes(" | ") ? `(${item})[]` : `${item}[]`;
      }
      if (type === "object" && !schema.properties) {
        const values = schema.additionalProperties;
        return typeof values === "object" ? `map<string, ${typeOf(values)}>` : "object";
      }
      return type;
    })
    .join(" | ");
}

/** The object schema whose fields a field's children are: itself, a non-null branch, array items. */
function objectOf(schema: JsonSchema): JsonSchema | undefined {
  if (schema.properties && Object.keys(schema.properties).length) return schema;
  for (const branch of alternativesOf(schema) ?? []) {
    const found = objectOf(branch);
    if (found) return found;
  }
  return schema.items ? objectOf(schema.items) : undefined;
}

/** The schema as nested bullets, one field a line: `- \`id\`: integer`. */
export function fieldList(schema: JsonSchema, depth = 0): string[] {
  const object = objectOf(schema);
  if (!object?.properties) return [];
  const lines: string[] = [];
  for (const [name, field] of Object.entries(object.properties)) {
    const optional = object.required?.includes(name) ? "" : "?";
    const description = field.description ? ` — ${field.description}` : "";
    lines.push(`${"  ".repeat(depth)}- ${code(name)}${optional}: ${typeOf(field)}${description}`);
    lines.push(...fieldList(field, depth + 1));
  }
  return lines;
}

/** "Output `data`: object" and its fields. */
function outputSection(where: string, schema: JsonSchema): string[] {
  const fields = fieldList(schema);
  const type = typeOf(schema);
  const head = `**Output** (${where}): ${type === "any" ? "any JSON" : type}`;
  return fields.length ? [`${head}, with:`, "", ...fields] : [head];
}

function typeCell(input: Input): string {
  const collection =
    input.collection === "valuelist"
      ? " list"
      : input.collection === "keyvaluelist"
        ? " key/value list"
        : "";
  const model = input.model?.length
    ? `, one of ${input.model.map((choice) => code(choice.value === "" ? '""' : choice.value)).join(", ")}`
    : "";
  return `${input.type}${collection}${model}`;
}

function defaultCell(value: unknown): string {
  if (value === undefined || value === null || value === "") return "";
  if (Array.isArray(value) && !value.length) return "";
  return code(typeof value === "string" ? value : JSON.stringify(value));
}

function inputRows(inputs: Input[], prefix = ""): string[] {
  const rows: string[] = [];
  for (const input of inputs) {
    const key = `${prefix}${input.key}`;
    const picklist = input.dataSource ? `[${input.dataSource}](#${input.dataSource})` : "";
    rows.push(
      `| ${code(key)} | ${cell(input.label)} | ${cell(typeCell(input))} | ${input.required ? "yes" : "no"} | ${cell(defaultCell(input.default))} | ${picklist} | ${cell(input.comments ?? "")} |`,
    );
    if (input.type === "structuredObject") rows.push(...inputRows(input.inputs ?? [], `${key}.`));
  }
  return rows;
}

function inputTable(inputs: Input[]): string[] {
  if (!inputs.length) return ["**Inputs**: none"];
  return [
    "**Inputs**",
    "",
    "| Key | Label | Type | Required | Default | Picklist | Description |",
    "|---|---|---|---|---|---|---|",
    ...inputRows(inputs),
  ];
}

function heading(step: Step): string[] {
  return [`<a id="${step.key}"></a>`, "", `### ${step.display.label} (${code(step.key)})`, ""];
}

function describe(step: Step): string[] {
  const { text, docs } = splitDocs(step.display.description);
  return [text, "", `**API reference**: ${docs ?? "none (not one Sell endpoint)"}`, ""];
}

const jsonSchemaOfZod = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, {
    target: "draft-7",
    io: "output",
    unrepresentable: "any",
  }) as JsonSchema;

/** Every input (of every action, trigger and data source) a data source feeds, as `step.input`. */
function fedBy(steps: Record<string, Step>): Map<string, string[]> {
  const fed = new Map<string, string[]>();
  const visit = (stepKey: string, inputs: Input[], prefix: string) => {
    for (const input of inputs) {
      if (input.dataSource) {
        fed.set(input.dataSource, [
          ...(fed.get(input.dataSource) ?? []),
          `${stepKey}.${prefix}${input.key}`,
        ]);
      }
      if (input.inputs) visit(stepKey, input.inputs, `${prefix}${input.key}.`);
    }
  };
  for (const key of sortedKeys(steps)) visit(key, steps[key]?.inputs ?? [], "");
  return fed;
}

/** The whole reference, as Markdown. */
export function renderActionReference(): string {
  const actions = component.actions as unknown as Record<string, Step>;
  const dataSources = component.dataSources as unknown as Record<string, Step>;
  const triggers = component.triggers as unknown as Record<string, Step>;
  const connections = component.connections as unknown as Connection[];
  const feeds = fedBy({ ...actions, ...triggers, ...dataSources });

  const toc = (title: string, steps: Record<string, Step>) => [
    `**${title}**: ${sortedKeys(steps)
      .map((key) => `[${key}](#${key})`)
      .join(" · ")}`,
    "",
  ];

  const out: string[] = [
    "# Zendesk Sell component: action reference",
    "",
    "<!-- Generated by `npm run docs` (scripts/docs.ts) from the component. Do not edit: run",
    "     `npm run docs` after changing an action, data source, trigger or connection. -->",
    "",
    `Component ${code(component.key)}: ${Object.keys(actions).length} actions, ` +
      `${Object.keys(dataSources).length} data sources, ${Object.keys(triggers).length} triggers, ` +
      `${connections.length} connections. Every step takes the connection as the input ${code("connection")}.`,
    "",
    "Inputs of a group (structured object) are listed as `group.child`. Types are Prismatic input",
    "types; every value arrives as text unless the type says otherwise. Outputs list the fields",
    "the output schema declares (`name?`: may be absent); records may carry more (Sell adds",
    "fields over time). Actions return `{ data: … }`: the fields below are those of `data`.",
    "",
    ...toc("Actions", actions),
    ...toc("Data sources", dataSources),
    ...toc("Triggers", triggers),
    "## Actions",
    "",
  ];

  for (const key of sortedKeys(actions)) {
    const action = actions[key] as Step;
    out.push(...heading(action), ...describe(action), ...inputTable(action.inputs), "");
    const schema = action.outputSchema;
    if (schema?.type === "actionOutput" && schema.schema !== undefined) {
      out.push(...outputSection("`data`", JSON.parse(schema.schema) as JsonSchema), "");
    } else {
      out.push("**Output**: not declared", "");
    }
  }

  out.push("## Data sources", "");
  for (const key of sortedKeys(dataSources)) {
    const dataSource = dataSources[key] as Step;
    out.push(...heading(dataSource), ...describe(dataSource), ...inputTable(dataSource.inputs), "");
    out.push(
      `**Output**: a ${dataSource.dataSourceType ?? "picklist"}, ${code("result")}: ` +
        `${code("{ key, label }[]")} (${code("key")} is the ID the inputs below receive)`,
      "",
    );
    const fed = feeds.get(key) ?? [];
    out.push(
      `**Feeds**: ${fed.length ? fed.map(code).join(", ") : "no input (use it in config pages)"}`,
      "",
    );
  }

  out.push("## Triggers", "");
  for (const key of sortedKeys(triggers)) {
    const trigger = triggers[key] as Step;
    out.push(...heading(trigger), ...describe(trigger));
    out.push(
      `**Kind**: ${trigger.isPollingTrigger ? "polling trigger" : "trigger"}, schedule ${trigger.scheduleSupport ?? "n/a"}`,
      "",
      ...inputTable(trigger.inputs),
      "",
    );
    const output = triggerOutputs[key];
    out.push(
      ...(output
        ? outputSection("`payload.body.data`", jsonSchemaOfZod(output))
        : ["**Output**: not declared"]),
      "",
    );
  }

  out.push("## Connections", "");
  for (const connection of [...connections].sort((a, b) => a.key.localeCompare(b.key))) {
    out.push(
      `<a id="connection-${connection.key}"></a>`,
      "",
      `### ${connection.label} (${code(connection.key)})`,
      "",
    );
    if (connection.comments) out.push(connection.comments, "");
    if (connection.oauth2Type) out.push(`**OAuth 2.0 flow**: ${code(connection.oauth2Type)}`, "");
    out.push(...inputTable(connection.inputs), "");
  }

  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

function main(argv: string[]): number {
  const rendered = renderActionReference();
  const relative = "docs/actions.md";
  if (argv.includes("--check")) {
    const current = fs.existsSync(DOCS_FILE) ? fs.readFileSync(DOCS_FILE, "utf8") : "";
    if (current === rendered) {
      process.stdout.write(`${relative} is up to date.\n`);
      return 0;
    }
    process.stderr.write(`${relative} is stale: run npm run docs\n`);
    return 1;
  }
  fs.mkdirSync(path.dirname(DOCS_FILE), { recursive: true });
  const before = fs.existsSync(DOCS_FILE) ? fs.readFileSync(DOCS_FILE, "utf8") : undefined;
  fs.writeFileSync(DOCS_FILE, rendered);
  const lines = rendered.split("\n").length - 1;
  process.stdout.write(
    `${before === rendered ? "Unchanged" : "Wrote"} ${relative} (${lines} lines): ` +
      `${Object.keys(component.actions).length} actions, ${Object.keys(component.dataSources).length} data sources, ` +
      `${Object.keys(component.triggers).length} triggers, ${component.connections?.length ?? 0} connections.\n`,
  );
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
