/**
 * `npm run sell` (scripts/sell.ts) as a person runs it: a child process, its exit code, stdout
 * and stderr, exactly. One sandbox started here stands for a long-running Sell (reached through
 * SELL_ACCESS_TOKEN and SELL_BASE_URL, or PRISMATIC_CONNECTION_VALUE); each test uses its own
 * token, so the sandbox's request log tells what each run sent.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { type Sandbox, startSandbox } from "../../sandbox";
import component from "../../src/index";

const ROOT = join(__dirname, "..", "..");
// `npm run sell` is `tsx scripts/sell.ts`; tsx's loader in this very process is the same run
// without the extra process the tsx command starts.
const NODE_ARGS = ["--import", "tsx", "scripts/sell.ts"];
// Each run is a process that loads the whole component (about a second).
// The tests run concurrently (each with its own token), a few runs at a time.
jest.setTimeout(30_000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The test process's environment without anything that chooses where the runner goes. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of [
    "SELL_ACCESS_TOKEN",
    "SELL_BASE_URL",
    "PRISMATIC_CONNECTION_VALUE",
    // Set in this process by startSandbox; the runner must set it for itself.
    "ZENDESK_SELL_ALLOW_LOOPBACK",
  ])
    delete env[name];
  return env;
}

// Runs are child processes that each load the component: a few at a time keeps them fast.
let running = 0;
const waiting: Array<() => void> = [];
const slots = Math.max(2, cpus().length);
async function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await new Promise<Run>((resolve, reject) => {
      const child = spawn(process.execPath, [...NODE_ARGS, ...args], {
        cwd: ROOT,
        env: { ...cleanEnv(), ...env },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk;
      });
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        stderr += chunk;
      });
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

const newToken = () => randomBytes(32).toString("hex");
const tokens = Array.from({ length: 10 }, newToken);
let nextToken = 0;
const takeToken = () => tokens[nextToken++] as string;

let sandbox: Sandbox;
let tmp: string;
beforeAll(async () => {
  sandbox = await startSandbox({ tokens, seedData: "demo" });
  tmp = mkdtempSync(join(tmpdir(), "sell-runner-"));
});
afterAll(async () => {
  await sandbox?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** The environment of a run against this file's sandbox as a long-running Sell. */
const viaToken = (token: string) => ({ SELL_ACCESS_TOKEN: token, SELL_BASE_URL: sandbox.url });
const requestsOf = (token: string) => sandbox.requests.filter((entry) => entry.token === token);
const banner = () => `Zendesk Sell at ${sandbox.url} (local: writes stay in that sandbox)\n`;
/** A text as a regular expression matching exactly it. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const HELP = (key: string) => `(npm run sell -- ${key} --help lists its inputs)`;

// ---- usage errors: one line on stderr, exit code 2, nothing sent -------------------------------
it.concurrent("refuses a misspelt child of a grouped input, suggesting the closest key", async () => {
  const token = takeToken();
  const leadsBefore = sandbox.records("leads").length;
  const result = await run(
    ["createLead", "lastName=X", "contactInfo.emial=x@y.com"],
    viaToken(token),
  );
  expect(result).toEqual({
    code: 2,
    stdout: "",
    stderr: `Unknown input 'contactInfo.emial' for createLead: did you mean contactInfo.email? ${HELP("createLead")}\n`,
  });
  expect(requestsOf(token)).toEqual([]);
  expect(sandbox.records("leads")).toHaveLength(leadsBefore);
});

// Every message of the input and option checks is in runnerLib.test.ts; these are one of each.
it.concurrent("refuses the other mistakes of a command line, before any request", async () => {
  const token = takeToken();
  const cases: Array<[string[], string]> = [
    [["createLead", "lastName"], `'lastName' is not input=value ${HELP("createLead")}`],
    [
      ["createLead", "email=grace@example.com"],
      `Unknown input 'email' for createLead: did you mean contactInfo.email? ${HELP("createLead")}`,
    ],
    [
      ["createLead", "lastName.first=Grace"],
      `Input 'lastName' of createLead is not a group of inputs: give it as lastName=value, not lastName.first=… ${HELP("createLead")}`,
    ],
    [
      ["creatLead", "lastName=A"],
      "Unknown action, data source or trigger 'creatLead': did you mean createLead? (npm run sell -- --help lists them)",
    ],
    [
      ["createLead", "lastName=A", "--debgu"],
      "Unknown option '--debgu': did you mean --debug? (options: --help, --debug, --state <file>)",
    ],
    [
      ["recordChanges", "resource=leads", "--state"],
      "--state needs a file for the trigger's state: --state <file>",
    ],
    [
      ["createLead", "lastName=A", "--state", join(tmp, "lead.json")],
      "--state is for triggers; createLead is an action",
    ],
    [
      ["--debug"],
      "Give an action, data source or trigger key first: npm run sell -- <key> [input=value …] (npm run sell -- --help lists them)",
    ],
  ];
  const results = await Promise.all(cases.map(([args]) => run(args, viaToken(token))));
  expect(results).toEqual(cases.map(([, line]) => ({ code: 2, stdout: "", stderr: `${line}\n` })));
  expect(requestsOf(token)).toEqual([]);
  expect(existsSync(join(tmp, "lead.json"))).toBe(false);
});

// ---- --help ------------------------------------------------------------------------------------
it.concurrent("lists every action, data source and trigger under its heading, with how to run them", async () => {
  const { code, stdout, stderr } = await run(["--help"]);
  expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  const lines = stdout.split("\n");
  const section = (heading: string) => {
    const start = lines.indexOf(heading) + 1;
    const end = lines.indexOf("", start);
    return lines
      .slice(start, end === -1 ? undefined : end)
      .map((line) => line.trim().split(/\s+/)[0]);
  };
  const keysOf = (steps: object) => Object.keys(steps).sort((a, b) => a.localeCompare(b));
  expect(section("Actions:")).toEqual(keysOf(component.actions));
  expect(section("Data sources (picklists):")).toEqual(keysOf(component.dataSources));
  expect(section("Triggers (one poll per run):")).toEqual(keysOf(component.triggers));
  expect(lines).toEqual(
    expect.arrayContaining([
      "Usage: npm run sell -- <key> [input=value …] [--debug] [--state <file>]",
      "  --debug          step debug on: each request (method, URL, status, duration) on stderr,",
      "  --state <file>   triggers: the trigger's instance state, read from <file> (created when",
      "  PRISMATIC_CONNECTION_VALUE  a connection value as JSON, as prism components:dev:run",
      "live Sell, or one npm run sandbox (SELL_ACCESS_TOKEN and SELL_BASE_URL); a fresh sandbox",
      "Exit codes: 0 done, 1 the step failed (its message on stderr), 2 usage error (nothing sent).",
    ]),
  );
});

it.concurrent("describes each input: type, required, default, example, allowed values, picklist, comments", async () => {
  const [lead, findOrCreate] = await Promise.all([
    run(["createLead", "--help"]),
    run(["findOrCreateLead", "--help"]),
  ]);
  expect([lead.code, lead.stderr, findOrCreate.code, findOrCreate.stderr]).toEqual([0, "", 0, ""]);
  const lines = lead.stdout.split("\n");
  expect(lines.slice(0, 1)).toEqual(["createLead: Create Lead (action)"]);
  const block = (first: string) => {
    const start = lines.indexOf(first);
    expect(start).toBeGreaterThan(0);
    const end = lines.findIndex(
      (line, i) => i > start && line.startsWith("  ") && !line.startsWith("      "),
    );
    return lines.slice(start, end === -1 ? undefined : end);
  };
  expect(
    block(
      "  contactInfo: Contact Information — group of email, phone, mobile, fax, twitter, facebook, linkedin, skype, website",
    ),
  ).toEqual([
    "  contactInfo: Contact Information — group of email, phone, mobile, fax, twitter, facebook, linkedin, skype, website",
    "      Give its inputs as contactInfo.<key>=value, or contactInfo as a JSON object.",
  ]);
  expect(block("  contactInfo.email: Email — string, optional")).toEqual([
    "  contactInfo.email: Email — string, optional",
    "      example: mark@example.com",
  ]);
  expect(block("  additionalFields.ownerId: Owner ID — string, optional")).toEqual([
    "  additionalFields.ownerId: Owner ID — string, optional",
    "      example: 12345",
    "      choose from: npm run sell -- selectUser",
    "      The user the lead is assigned to.",
  ]);
  expect(block("  tags: Tags — list of values (a,b or a JSON array), optional")).toEqual([
    "  tags: Tags — list of values (a,b or a JSON array), optional",
    "      example: important",
    "      Tag names. Sell replaces the lead's whole tag set with this list; leave empty to keep the current tags.",
  ]);
  expect(
    block("  customFields: Custom Fields — key/value pairs (a JSON object), optional"),
  ).toEqual([
    "  customFields: Custom Fields — key/value pairs (a JSON object), optional",
    "      Custom field values, keyed by the custom field's name as shown in Sell.",
  ]);
  expect(lines).toContain("  address: Address — code (json), optional");
  expect(lines).toContain("  additionalFields.description: Description — text, optional");
  expect(lines).toContain("  connection: Connection — connection, required");
  // Every input and every child of a group, as the component declares them, and nothing else.
  const paths = (component.actions.createLead?.inputs ?? []).flatMap((input) => [
    input.key,
    ...(input.inputs ?? []).map((child) => `${input.key}.${child.key}`),
  ]);
  const described = lines
    .filter((line) => /^ {2}\S/.test(line))
    .map((line) => line.trim().split(":")[0]);
  expect(paths.length).toBeGreaterThan(20);
  expect(described).toEqual(paths);

  const other = findOrCreate.stdout.split("\n");
  expect(other).toEqual(
    expect.arrayContaining([
      "  matchOn: Match On — string, required, default email",
      "      values: email | custom_field",
      "  updateExisting: Update When Found — boolean (true or false), optional, default false",
    ]),
  );
});

it.concurrent("describes a trigger, a dropdown's labelled values, and where its state carries over", async () => {
  const { code, stdout, stderr } = await run(["recordChanges", "--help"]);
  expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  const lines = stdout.split("\n");
  expect(lines[0]).toBe("recordChanges: Record Changes (trigger)");
  expect(lines).toEqual(
    expect.arrayContaining([
      "  startFrom: Start From — string, required, default now",
      "      values: now = Now (only changes from now on) | oldest = Oldest (everything Firehose still keeps, up to 72 hours)",
      "  maxEventsPerPoll: Max Events Per Poll — string, optional, default 1000",
      "Runs one poll and prints { polledNoChanges, data }. With --state <file> the trigger's",
      "sense against one Sell across runs: live Sell, or one npm run sandbox with",
      "SELL_ACCESS_TOKEN and SELL_BASE_URL; without them each run starts a fresh sandbox.",
    ]),
  );
});

// ---- running a step ----------------------------------------------------------------------------
it.concurrent("runs an action in a fresh sandbox of its own, with grouped and list inputs", async () => {
  const { code, stdout, stderr } = await run([
    "createLead",
    "lastName=Hopper",
    "contactInfo.email=grace@example.com",
    "tags=vip,web",
  ]);
  expect(code).toBe(0);
  expect(stderr).toMatch(
    /^\(local sandbox at http:\/\/127\.0\.0\.1:\d+; set SELL_ACCESS_TOKEN to use live Sell\)\n$/,
  );
  expect(JSON.parse(stdout).data.data).toMatchObject({
    last_name: "Hopper",
    email: "grace@example.com",
    tags: ["vip", "web"],
  });
});

it.concurrent("names the host on one line, and takes a group as a JSON object", async () => {
  const token = takeToken();
  const result = await run(
    ["createLead", "lastName=Lovelace", 'contactInfo={"email":"ada@example.com","phone":"123"}'],
    viaToken(token),
  );
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: banner() });
  const lead = JSON.parse(result.stdout).data.data;
  expect(lead).toMatchObject({ last_name: "Lovelace", email: "ada@example.com", phone: "123" });
  expect(sandbox.records("leads").find((record) => record.id === lead.id)).toMatchObject({
    email: "ada@example.com",
    phone: "123",
  });
});

it.concurrent("prints a failure's message on one line, without a stack, and exits 1", async () => {
  const token = takeToken();
  const [invalid, missing] = await Promise.all([
    run(["createLead", "firstName=Ada"], viaToken(token)),
    run(["getLead", "id=999999999"], viaToken(token)),
  ]);
  expect(invalid).toMatchObject({ code: 1, stdout: "" });
  expect(invalid.stderr).toMatch(
    new RegExp(`^${literal(banner())}Last Name[^\\n]*Organization Name[^\\n]*\\n$`),
  );
  expect(missing).toMatchObject({ code: 1, stdout: "" });
  expect(missing.stderr).toMatch(
    new RegExp(
      `^${literal(banner())}Zendesk Sell rejected GET /v2/leads/999999999 \\(404 Not Found\\)[^\\n]*\\n$`,
    ),
  );
  // The invalid lead was refused before it was sent; the missing one was asked for once.
  expect(requestsOf(token).map((entry) => `${entry.method} ${entry.path}`)).toEqual([
    "GET /v2/leads/999999999",
  ]);
});

// ---- --debug -----------------------------------------------------------------------------------
it.concurrent("logs each request with method, URL, status and duration, and never the token", async () => {
  const debugToken = takeToken();
  const debug = await run(
    ["createLead", "lastName=Debug", "contactInfo.email=debug@example.com", "--debug"],
    viaToken(debugToken),
  );
  expect(debug.code).toBe(0);
  const sent = requestsOf(debugToken);
  expect(sent.length).toBeGreaterThan(0);
  const lines = debug.stderr.split("\n");
  expect(lines[0]).toBe(banner().trimEnd());
  expect(lines.at(-1)).toBe("");
  const logged = lines.slice(1, -1);
  expect(logged).toHaveLength(sent.length);
  logged.forEach((line, i) => {
    const request = sent[i];
    const url = `${sandbox.url}${request?.path}${request?.query ? `?${request.query}` : ""}`;
    expect(line).toMatch(
      new RegExp(
        `^\\[Zendesk Sell\\] ${request?.method} ${literal(url)} → ${request?.status} [A-Za-z ]+ in \\d+ ms$`,
      ),
    );
  });
  expect(logged).toContainEqual(
    expect.stringMatching(/^\[Zendesk Sell\] POST \S+\/v2\/leads → 200 OK in \d+ ms$/),
  );
  expect(`${debug.stdout}${debug.stderr}`).not.toContain(debugToken);
  expect(JSON.parse(debug.stdout).data.data).toMatchObject({ last_name: "Debug" });
  // Without --debug the same kind of run prints the banner only: see "names the host on one line".
});

// ---- triggers ----------------------------------------------------------------------------------
it.concurrent("runs one poll per run, its state read from and written back to the --state file", async () => {
  const token = takeToken();
  const file = join(tmp, "record-changes.json");
  const poll = () => run(["recordChanges", "resource=contacts", "--state", file], viaToken(token));

  const first = await poll();
  expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: banner() });
  const started = JSON.parse(first.stdout);
  expect(started).toEqual({
    polledNoChanges: true,
    data: {
      events: [],
      position: expect.any(String),
      caughtUp: true,
      started: { from: "now", position: started.data.position, at: expect.any(String) },
    },
  });
  const saved = () => JSON.parse(readFileSync(file, "utf8"));
  expect(saved()).toMatchObject({
    __prismaticInternal: {
      polling: { stream: { resource: "contacts", position: started.data.position } },
    },
  });

  // Contacts: no other test of this file writes them, so this poll sees this change only.
  const contact = sandbox.insert("contacts", { last_name: "Polled", is_organization: false });
  const second = await poll();
  expect({ code: second.code, stderr: second.stderr }).toEqual({ code: 0, stderr: banner() });
  const changed = JSON.parse(second.stdout);
  expect(changed).toMatchObject({ polledNoChanges: false, data: { caughtUp: true } });
  expect(changed.data.started).toBeUndefined();
  expect(changed.data.events).toEqual([
    expect.objectContaining({
      eventType: "created",
      resource: "contacts",
      record: expect.objectContaining({ id: contact.id, last_name: "Polled" }),
    }),
  ]);
  expect(changed.data.position).not.toBe(started.data.position);
  expect(saved().__prismaticInternal.polling.stream.position).toBe(changed.data.position);

  const third = await poll();
  expect(third.code).toBe(0);
  expect(JSON.parse(third.stdout)).toEqual({
    polledNoChanges: true,
    data: { events: [], position: changed.data.position, caughtUp: true },
  });
});

it.concurrent("leaves the state file as it was when the poll fails, and refuses one that is not JSON", async () => {
  const token = takeToken();
  const kept = join(tmp, "kept.json");
  const content = '{\n  "note": "as it was"\n}\n';
  writeFileSync(kept, content);
  const broken = join(tmp, "broken.json");
  writeFileSync(broken, "not json");
  const [failed, refused] = await Promise.all([
    run(
      ["recordChanges", "resource=leads", "changedFields=bogus", "--state", kept],
      viaToken(token),
    ),
    run(["recordChanges", "resource=leads", `--state=${broken}`], viaToken(token)),
  ]);
  expect(failed).toMatchObject({ code: 1, stdout: "" });
  expect(failed.stderr).toMatch(
    new RegExp(`^${literal(banner())}Changed Fields[^\\n]*bogus[^\\n]*\\n$`),
  );
  expect(readFileSync(kept, "utf8")).toBe(content);
  expect(refused).toEqual({
    code: 2,
    stdout: "",
    stderr: `--state ${broken} is not JSON (a trigger's instance state, a JSON object)\n`,
  });
  expect(requestsOf(token)).toEqual([]);
});

// ---- PRISMATIC_CONNECTION_VALUE ----------------------------------------------------------------
it.concurrent("is used as the connection, with its key, before SELL_ACCESS_TOKEN", async () => {
  const token = takeToken();
  const decoy = takeToken();
  const value = JSON.stringify({
    key: "apiToken",
    configVarKey: "Zendesk Sell Connection",
    fields: { accessToken: token, baseUrl: sandbox.url },
  });
  const result = await run(["selectPipeline"], {
    PRISMATIC_CONNECTION_VALUE: value,
    ...viaToken(decoy),
  });
  expect({ code: result.code, stderr: result.stderr }).toEqual({
    code: 0,
    stderr: `Zendesk Sell at ${sandbox.url} with the apiToken connection from PRISMATIC_CONNECTION_VALUE (local: writes stay in that sandbox)\n`,
  });
  const pipelines = sandbox.records("pipelines").map((pipeline) => String(pipeline.id));
  const listed = (JSON.parse(result.stdout).result as Array<{ key: string }>).map((e) => e.key);
  expect(listed.length).toBeGreaterThan(0);
  expect([...listed].sort()).toEqual([...pipelines].sort());
  expect(requestsOf(token).length).toBeGreaterThan(0);
  expect(requestsOf(decoy)).toEqual([]);
});

it.concurrent("refuses a malformed value on one line, exit 2, without repeating it", async () => {
  const secret = newToken();
  const what =
    "PRISMATIC_CONNECTION_VALUE must be a connection value as JSON (as prism components:dev:run provides it)";
  const cases: Array<[string, string]> = [
    [`{"key":"apiToken","fields":{"accessToken":"${secret}"`, `${what}: it is not valid JSON`],
    [
      `{"key":"basic","fields":{"password":"${secret}"}}`,
      "PRISMATIC_CONNECTION_VALUE is a 'basic' connection; this component's connections are oauth or apiToken",
    ],
  ];
  const results = await Promise.all(
    cases.map(([value]) => run(["selectPipeline"], { PRISMATIC_CONNECTION_VALUE: value })),
  );
  expect(results).toEqual(cases.map(([, line]) => ({ code: 2, stdout: "", stderr: `${line}\n` })));
});
