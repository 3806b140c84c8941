/**
 * Runs any action (or data source) of the component from the command line and prints its JSON
 * result:
 *
 *   npm run sell -- --help                          list actions and data sources
 *   npm run sell -- createLead --help               list an action's inputs
 *   npm run sell -- createLead lastName=Hopper contactInfo.email=grace@example.com tags=vip,web
 *
 * Against a local sandbox (started for the command, with demo data) by default; against live Sell
 * when SELL_ACCESS_TOKEN is set (a personal access token; SELL_BASE_URL may point at a running
 * `npm run sandbox` instead). Values: `key=value`; `group.key=value` for grouped inputs; lists as
 * `a,b` or JSON; key/value inputs as JSON objects (`customFields={"Region":"EMEA"}`).
 */
import type { ActionContext } from "@prismatic-io/spectral";
import { createConnection, createHarness } from "@prismatic-io/spectral/dist/testing";
import { allowLoopbackConnections, startSandbox } from "../sandbox";
import { apiToken } from "../src/connections";
import component from "../src/index";
import { quietLogger } from "./lib/tooling";

interface ServerInput {
  key: string;
  label: string;
  type: string;
  required?: boolean;
  default?: unknown;
  comments?: string;
  collection?: string;
  model?: Array<{ value: string }>;
  inputs?: ServerInput[];
}
interface Runnable {
  display: { label: string; description: string };
  inputs: ServerInput[];
}

const actions = component.actions as Record<string, Runnable>;
const dataSources = component.dataSources as Record<string, Runnable>;

const out = (text: string) => process.stdout.write(`${text}\n`);

function usage(): void {
  out(
    "Usage: npm run sell -- <actionKey> [input=value …]   (add --help after a key for its inputs)\n",
  );
  out("Actions:");
  for (const [key, definition] of Object.entries(actions).sort(([a], [b]) => a.localeCompare(b))) {
    out(`  ${key.padEnd(30)} ${definition.display.label}`);
  }
  out("\nData sources (picklists):");
  for (const [key, definition] of Object.entries(dataSources).sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    out(`  ${key.padEnd(30)} ${definition.display.label}`);
  }
  out("\nRuns against a local sandbox with demo data, or live Sell when SELL_ACCESS_TOKEN is set.");
}

function describeInputs(key: string, definition: Runnable): void {
  out(`${key}: ${definition.display.label}\n${definition.display.description}\n\nInputs:`);
  const show = (input: ServerInput, path: string) => {
    const details = [
      input.required ? "required" : "optional",
      input.type,
      input.collection,
      input.model?.length
        ? `one of ${input.model.map((m) => m.value || '""').join("|")}`
        : undefined,
      input.default !== undefined && input.default !== ""
        ? `default ${String(input.default)}`
        : undefined,
    ].filter(Boolean);
    out(`  ${path.padEnd(38)} ${input.label} (${details.join(", ")})`);
    if (input.comments) out(`  ${"".padEnd(38)}   ${input.comments}`);
  };
  for (const input of definition.inputs) {
    if (input.type === "connection") continue;
    if (input.type === "structuredObject") {
      out(`  ${input.key}: ${input.label}`);
      for (const child of input.inputs ?? []) show(child, `${input.key}.${child.key}`);
    } else show(input, input.key);
  }
}

/** `key=value` arguments into params, with `group.key` nesting. */
export function parseAssignments(args: string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const arg of args) {
    const at = arg.indexOf("=");
    if (at <= 0) throw new Error(`'${arg}' is not key=value`);
    const key = arg.slice(0, at);
    const value = arg.slice(at + 1);
    const [head, child] = key.split(".", 2) as [string, string | undefined];
    if (child === undefined) params[head] = value;
    else {
      const groupValue = (params[head] as Record<string, unknown> | undefined) ?? {};
      groupValue[child] = value;
      params[head] = groupValue;
    }
  }
  return params;
}

async function main(argv: string[]): Promise<number> {
  const [key, ...rest] = argv;
  if (!key || key === "--help" || key === "-h") {
    usage();
    return 0;
  }
  const definition = actions[key] ?? dataSources[key];
  if (!definition) {
    process.stderr.write(`Unknown action or data source '${key}'. Run: npm run sell -- --help\n`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    describeInputs(key, definition);
    return 0;
  }
  const params = parseAssignments(rest);
  const token = process.env.SELL_ACCESS_TOKEN;
  // SELL_BASE_URL may name a sandbox started with `npm run sandbox` (a loopback address).
  allowLoopbackConnections();
  const sandbox = token ? undefined : await startSandbox({ seedData: "demo" });
  try {
    const connection = createConnection(apiToken, {
      accessToken: token ?? sandbox?.token,
      baseUrl: token ? (process.env.SELL_BASE_URL ?? "https://api.getbase.com") : sandbox?.url,
    });
    if (sandbox)
      process.stderr.write(
        `(local sandbox at ${sandbox.url}; set SELL_ACCESS_TOKEN to use live Sell)\n`,
      );
    const harness = createHarness(component);
    const context = { logger: quietLogger() } as Partial<ActionContext>;
    const result =
      key in actions
        ? await harness.action(key, { connection, ...params }, context)
        : await harness.dataSource(key, { connection, ...params }, context);
    out(JSON.stringify(result, null, 2));
    return 0;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await sandbox?.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
