/**
 * Runs one action, data source or trigger of the component from the command line, through
 * spectral's test harness, and prints its JSON result on stdout:
 *
 *   npm run sell -- --help                          list actions, data sources and triggers
 *   npm run sell -- createLead --help               an input's type, required or not, default,
 *                                                   example, allowed values, picklist, comments
 *   npm run sell -- createLead lastName=Hopper contactInfo.email=grace@example.com tags=vip,web
 *   npm run sell -- selectStage                     data sources (picklists) run too
 *   npm run sell -- listLeads --debug               each request (method, URL, status, time) on stderr
 *   npm run sell -- recordChanges resource=leads --state state.json
 *                                                   one poll of a trigger, its state kept in the file
 *
 * Inputs are `key=value`; a grouped input's child `group.key=value` (or the group as a JSON
 * object); lists `a,b` or a JSON array; key/value inputs a JSON object
 * (`customFields={"Region":"EMEA"}`). A key the step does not have is refused with the closest
 * key as a suggestion, before anything is sent.
 *
 * Where it runs, the first that applies: PRISMATIC_CONNECTION_VALUE (a connection value as JSON,
 * as `prism components:dev:run` provides it, used with its own key: `oauth` or `apiToken`);
 * SELL_ACCESS_TOKEN (a personal access token for live Sell; SELL_BASE_URL may point at a sandbox
 * started with `npm run sandbox`); otherwise a fresh local sandbox with demo data, started for
 * the run. One line on stderr names the host. A trigger's state only carries over between runs
 * against one Sell (live, or one `npm run sandbox`), never between fresh sandboxes.
 *
 * Exit codes: 0 done; 1 the step failed (its message, one line, on stderr); 2 a usage error (one
 * line on stderr; nothing was sent).
 */
import type { ActionContext, DataSourceContext } from "@prismatic-io/spectral";
import type { ConnectionValue, Input } from "@prismatic-io/spectral/dist/serverTypes";
import {
  createConnection,
  createHarness,
  defaultTriggerPayload,
} from "@prismatic-io/spectral/dist/testing";
import { allowLoopbackConnections, type Sandbox, startSandbox } from "../sandbox";
import { apiToken, resolveCredentials } from "../src/connections";
import component from "../src/index";
import { parseArgs } from "./lib/runnerArgs";
import {
  CONNECTION_VALUE_VARIABLE,
  liveBanner,
  readState,
  runnerLogger,
  sandboxBanner,
  targetFrom,
  writeState,
} from "./lib/runnerEnv";
import { closest, describeInputs, paramsFor, UsageError } from "./lib/runnerInputs";

type Kind = "action" | "data source" | "trigger";
interface Step {
  key: string;
  kind: Kind;
  label: string;
  description: string;
  inputs: Input[];
}

/** What one poll of a polling trigger returns through the harness. */
interface PollResult {
  payload?: { body?: { data?: unknown } };
  resultType?: string;
  instanceState?: Record<string, unknown>;
}

/** Every step of the converted component by key (actions first, should two kinds share a key). */
const steps = new Map<string, Step>();
const register = (
  kind: Kind,
  definitions: Record<string, { display: { label: string; description: string }; inputs: Input[] }>,
) => {
  for (const [key, { display, inputs }] of Object.entries(definitions)) {
    if (!steps.has(key))
      steps.set(key, { key, kind, label: display.label, description: display.description, inputs });
  }
};
register("action", component.actions);
register("data source", component.dataSources);
register("trigger", component.triggers);

const connectionKeys = component.connections.map((connection) => connection.key);

const out = (text: string) => process.stdout.write(`${text}\n`);
/** One line on stderr, whatever the message holds. */
const err = (text: string) => process.stderr.write(`${text.replace(/\s*\n\s*/g, " ").trim()}\n`);

const sorted = (kind: Kind) =>
  [...steps.values()]
    .filter((step) => step.kind === kind)
    .sort((a, b) => a.key.localeCompare(b.key));

function usage(): string[] {
  const list = (kind: Kind) => sorted(kind).map((step) => `  ${step.key.padEnd(30)} ${step.label}`);
  return [
    "Usage: npm run sell -- <key> [input=value …] [--debug] [--state <file>]",
    "       npm run sell -- <key> --help      the inputs of an action, data source or trigger",
    "",
    "Inputs: key=value; a grouped input's child group.key=value (or the group as a JSON object);",
    'lists a,b or a JSON array; key/value pairs a JSON object (customFields={"Region":"EMEA"}).',
    "A key the step does not have is refused, with the closest key, before anything is sent.",
    "",
    "Options:",
    "  --help, -h       this text; after a key, that step's inputs",
    "  --debug          step debug on: each request (method, URL, status, duration) on stderr,",
    "                   the token redacted",
    "  --state <file>   triggers: the trigger's instance state, read from <file> (created when",
    "                   missing) and written back after a poll that succeeded",
    "",
    "Where it runs (the first that applies; one line on stderr names the host):",
    `  ${CONNECTION_VALUE_VARIABLE}  a connection value as JSON, as prism components:dev:run`,
    "                              provides it, with its key (oauth or apiToken)",
    "  SELL_ACCESS_TOKEN           a personal access token: live Sell, or with",
    "                              SELL_BASE_URL=http://127.0.0.1:<port> a sandbox started with",
    "                              npm run sandbox",
    "  neither                     a fresh local sandbox with demo data, for this run only",
    "",
    "A trigger runs one poll per run. Its state carries over between runs only against one Sell:",
    "live Sell, or one npm run sandbox (SELL_ACCESS_TOKEN and SELL_BASE_URL); a fresh sandbox",
    "per run has nothing to continue from.",
    "",
    "Exit codes: 0 done, 1 the step failed (its message on stderr), 2 usage error (nothing sent).",
    "",
    "Actions:",
    ...list("action"),
    "",
    "Data sources (picklists):",
    ...list("data source"),
    "",
    "Triggers (one poll per run):",
    ...list("trigger"),
  ];
}

function stepHelp(step: Step): string[] {
  const lines = [
    `${step.key}: ${step.label} (${step.kind})`,
    step.description,
    "",
    `Inputs (npm run sell -- ${step.key} key=value …):`,
    ...describeInputs(step.inputs),
  ];
  if (step.kind === "trigger")
    lines.push(
      "",
      `Runs one poll and prints { polledNoChanges, data }. With --state <file> the trigger's`,
      "instance state is read from the file (created when missing) and written back after a",
      "poll that succeeded, so the next run continues where this one stopped. That only makes",
      "sense against one Sell across runs: live Sell, or one npm run sandbox with",
      "SELL_ACCESS_TOKEN and SELL_BASE_URL; without them each run starts a fresh sandbox.",
    );
  return lines;
}

function stepFor(key: string): Step {
  const step = steps.get(key);
  if (step) return step;
  const suggestion = closest(
    key,
    [...steps.keys()].map((name) => ({ suggest: name, compare: [name] })),
  );
  throw new UsageError(
    `Unknown action, data source or trigger '${key}'${suggestion ? `: did you mean ${suggestion}?` : ""} (npm run sell -- --help lists them)`,
  );
}

export async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<number> {
  if (argv.length === 0) {
    for (const line of usage()) out(line);
    return 0;
  }
  let step: Step;
  let params: Record<string, unknown>;
  let instanceState: Record<string, unknown> = {};
  let debug: boolean;
  let stateFile: string | undefined;
  let target: ReturnType<typeof targetFrom>;
  try {
    const args = parseArgs(argv);
    if (args.key === undefined) {
      if (args.help) {
        for (const line of usage()) out(line);
        return 0;
      }
      throw new UsageError(
        "Give an action, data source or trigger key first: npm run sell -- <key> [input=value …] (npm run sell -- --help lists them)",
      );
    }
    step = stepFor(args.key);
    if (args.help) {
      for (const line of stepHelp(step)) out(line);
      return 0;
    }
    if (args.stateFile !== undefined && step.kind !== "trigger")
      throw new UsageError(
        `--state is for triggers; ${step.key} is ${step.kind === "action" ? "an action" : "a data source"}`,
      );
    params = paramsFor(step.key, step.inputs, args.assignments);
    target = targetFrom(env, connectionKeys);
    debug = args.debug;
    stateFile = args.stateFile;
    if (stateFile !== undefined) instanceState = readState(stateFile);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(error.message);
    return 2;
  }

  // A base URL (SELL_BASE_URL, or the connection value's) may name a sandbox started with
  // `npm run sandbox`: a loopback address, which the component accepts only with this switch.
  allowLoopbackConnections();
  let sandbox: Sandbox | undefined;
  try {
    let connection: ConnectionValue;
    if (target.mode === "prismatic") connection = target.connection;
    else if (target.mode === "token")
      connection = createConnection(apiToken, {
        accessToken: target.token,
        baseUrl: target.baseUrl,
      });
    else {
      sandbox = await startSandbox({ seedData: "demo" });
      connection = createConnection(apiToken, { accessToken: sandbox.token, baseUrl: sandbox.url });
    }
    // The host, checked as the component checks it, before anything is sent.
    const { origin } = resolveCredentials(connection);
    err(
      sandbox
        ? sandboxBanner(sandbox.url, stateFile !== undefined)
        : liveBanner(
            origin,
            target.mode === "prismatic"
              ? `with the ${connection.key} connection from ${CONNECTION_VALUE_VARIABLE}`
              : undefined,
          ),
    );

    const harness = createHarness(component);
    // Spectral rebuilds `context.debug` for each step from `globalDebug` (a `debug` given here
    // would be replaced), and the component's client logs each request when `debug.enabled`.
    const context = { logger: runnerLogger(debug), ...(debug ? { globalDebug: true } : {}) };
    const inputs = { ...params, connection };
    if (step.kind === "action") {
      out(JSON.stringify(await harness.action(step.key, inputs, context), null, 2));
    } else if (step.kind === "data source") {
      const result = await harness.dataSource(step.key, inputs, context as DataSourceContext);
      out(JSON.stringify(result, null, 2));
    } else {
      // A polling trigger keeps its state in `instanceState` (spectral's polling.setState).
      const result = (await harness.trigger(step.key, defaultTriggerPayload(), inputs, {
        ...(context as Partial<ActionContext>),
        instanceState,
      })) as PollResult | undefined;
      const polled = {
        polledNoChanges: result?.resultType === "polled_no_changes",
        data: result?.payload?.body?.data,
      };
      out(JSON.stringify(polled, null, 2));
      if (stateFile !== undefined) writeState(stateFile, result?.instanceState ?? instanceState);
    }
    return 0;
  } catch (error) {
    err(error instanceof Error ? error.message || error.name : String(error));
    return 1;
  } finally {
    await sandbox?.close();
  }
}

if (require.main === module) {
  // Output piped into a command that stops reading (`| head`) ends the run quietly.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(process.exitCode ?? 0);
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      err(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
