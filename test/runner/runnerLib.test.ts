/**
 * The runner's pieces in this process (scripts/lib/runner*.ts): every message of the input and
 * option checks, the suggestions, the connection value, where a run goes, the banner, the logger
 * and the state file. sell.test.ts runs the runner itself.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "../../scripts/lib/runnerArgs";
import {
  liveBanner,
  parseConnectionValue,
  readState,
  runnerLogger,
  sandboxBanner,
  targetFrom,
  writeState,
} from "../../scripts/lib/runnerEnv";
import {
  closest,
  describeInput,
  editDistance,
  paramsFor,
  typeOf,
  UsageError,
} from "../../scripts/lib/runnerInputs";
import component from "../../src/index";

const KEYS = ["oauth", "apiToken"];
const HELP = (key: string) => `(npm run sell -- ${key} --help lists its inputs)`;
const inputsOf = (key: string) =>
  (component.actions[key] ?? component.dataSources[key] ?? component.triggers[key])?.inputs ?? [];
/** The UsageError message of a call that must fail with one. */
function usageError(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("no UsageError was thrown");
}

describe("editDistance and closest", () => {
  it("counts insertions, deletions, substitutions and a swap of neighbours as one edit each", () => {
    expect(editDistance("emial", "email")).toBe(1);
    expect(editDistance("ab", "ba")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });

  it("suggests the closest candidate within a third of the name's length, case-insensitively", () => {
    const candidates = ["lastName", "firstName", "tags"].map((key) => ({
      suggest: key,
      compare: [key],
    }));
    expect(closest("lastname", candidates)).toBe("lastName");
    expect(closest("lastNmae", candidates)).toBe("lastName");
    expect(closest("tgas", candidates)).toBe("tags");
    expect(closest("zzzzzz", candidates)).toBeUndefined();
    expect(closest("xags", candidates)).toBe("tags");
    expect(closest("xxgs", candidates)).toBeUndefined();
  });
});

describe("paramsFor", () => {
  const lead = inputsOf("createLead");

  it("builds params: plain inputs, a group's children, a group given as JSON merged with children", () => {
    expect(
      paramsFor("createLead", lead, [
        "lastName=Hopper",
        "tags=vip,web",
        'customFields={"Region":"EMEA"}',
        'contactInfo={"email":"grace@example.com","phone":5551234}',
        "contactInfo.mobile=555",
        "additionalFields.title=a=b",
        "firstName=",
      ]),
    ).toEqual({
      lastName: "Hopper",
      tags: "vip,web",
      customFields: '{"Region":"EMEA"}',
      contactInfo: { email: "grace@example.com", phone: "5551234", mobile: "555" },
      additionalFields: { title: "a=b" },
      firstName: "",
    });
    expect(paramsFor("createLead", lead, [])).toEqual({});
  });

  it.each<[string, string[], string]>([
    ["createLead", ["lastName"], `'lastName' is not input=value ${HELP("createLead")}`],
    ["createLead", ["=x"], `'=x' has no input key before '=' ${HELP("createLead")}`],
    [
      "createLead",
      ["contactInfo.emial=x@y.com"],
      `Unknown input 'contactInfo.emial' for createLead: did you mean contactInfo.email? ${HELP("createLead")}`,
    ],
    [
      "createLead",
      ["contactinfo.email=x@y.com"],
      `Unknown input 'contactinfo.email' for createLead: did you mean contactInfo.email? ${HELP("createLead")}`,
    ],
    [
      "createLead",
      ["email=x@y.com"],
      `Unknown input 'email' for createLead: did you mean contactInfo.email? ${HELP("createLead")}`,
    ],
    [
      "createLead",
      ["lastname=Hopper"],
      `Unknown input 'lastname' for createLead: did you mean lastName? ${HELP("createLead")}`,
    ],
    [
      "createLead",
      ["contactinfo={}"],
      `Unknown input 'contactinfo' for createLead: did you mean contactInfo? ${HELP("createLead")}`,
    ],
    ["createLead", ["zzzzzz=1"], `Unknown input 'zzzzzz' for createLead ${HELP("createLead")}`],
    [
      "createLead",
      ["contactInfo.zzz=1"],
      `Unknown input 'contactInfo.zzz' for createLead: contactInfo has email, phone, mobile, fax, twitter, facebook, linkedin, skype, website ${HELP("createLead")}`,
    ],
    [
      "createLead",
      ['contactInfo={"emial":"x@y.com"}'],
      `Unknown input 'contactInfo.emial' for createLead: did you mean contactInfo.email? ${HELP("createLead")}`,
    ],
    [
      "createLead",
      ["lastName.first=Grace"],
      `Input 'lastName' of createLead is not a group of inputs: give it as lastName=value, not lastName.first=… ${HELP("createLead")}`,
    ],
    [
      "createLead",
      ["contactInfo=grace@example.com"],
      "Input 'contactInfo' of createLead is a group: give its inputs as contactInfo.<key>=value (email, phone, mobile, fax, twitter, facebook, linkedin, skype, website) or contactInfo as a JSON object",
    ],
    [
      "createLead",
      ["contactInfo=[1]"],
      "Input 'contactInfo' of createLead is a group: give its inputs as contactInfo.<key>=value (email, phone, mobile, fax, twitter, facebook, linkedin, skype, website) or contactInfo as a JSON object",
    ],
    ["createLead", ["lastName=A", "lastName=B"], "Input 'lastName' is given twice"],
    [
      "createLead",
      ['contactInfo={"email":"a@b.c"}', "contactInfo.email=d@e.f"],
      "Input 'contactInfo.email' is given twice",
    ],
    [
      "createLead",
      ["connection=x"],
      "The input 'connection' is set by the runner: PRISMATIC_CONNECTION_VALUE, SELL_ACCESS_TOKEN, or the local sandbox",
    ],
    [
      "selectStage",
      ["pipelinId=1"],
      `Unknown input 'pipelinId' for selectStage: did you mean pipelineId? ${HELP("selectStage")}`,
    ],
    [
      "recordChanges",
      ["resorce=leads"],
      `Unknown input 'resorce' for recordChanges: did you mean resource? ${HELP("recordChanges")}`,
    ],
  ])("%s %j: %s", (key, args, message) => {
    expect(usageError(() => paramsFor(key, inputsOf(key), args))).toBe(message);
  });
});

describe("describing inputs", () => {
  const input = (over: Record<string, unknown>) =>
    ({ key: "k", label: "K", type: "string", ...over }) as Parameters<typeof typeOf>[0];

  it("says Prismatic's input type plainly", () => {
    expect(typeOf(input({}))).toBe("string");
    expect(typeOf(input({ type: "text" }))).toBe("text");
    expect(typeOf(input({ type: "password" }))).toBe("password");
    expect(typeOf(input({ type: "code", language: "json" }))).toBe("code (json)");
    expect(typeOf(input({ type: "code" }))).toBe("code");
    expect(typeOf(input({ type: "boolean" }))).toBe("boolean (true or false)");
    expect(typeOf(input({ collection: "valuelist" }))).toBe("list of values (a,b or a JSON array)");
    expect(typeOf(input({ type: "code", collection: "valuelist" }))).toBe(
      "list of code values (a,b or a JSON array)",
    );
    expect(typeOf(input({ collection: "keyvaluelist" }))).toBe("key/value pairs (a JSON object)");
    expect(typeOf(input({ type: "structuredObject" }))).toBe("group");
  });

  it("shows the default, the example, the values, the picklist and the comments, in that order", () => {
    expect(
      describeInput(
        input({
          required: true,
          default: "b",
          example: "a",
          model: [
            { label: "A", value: "a" },
            { label: "Bee (the second)", value: "b" },
            { label: "None", value: "" },
          ],
          dataSource: "selectThing",
          comments: "Pick one.",
        }),
        "group.k",
      ),
    ).toEqual([
      "  group.k: K — string, required, default b",
      '      values: a | b = Bee (the second) | "" = None',
      "      example: a",
      "      choose from: npm run sell -- selectThing",
      "      Pick one.",
    ]);
    expect(describeInput(input({ default: "", example: "" }), "k")).toEqual([
      "  k: K — string, optional",
    ]);
  });
});

describe("parseArgs", () => {
  it("takes options anywhere, the key first, and --state as a following argument or with =", () => {
    expect(parseArgs(["--debug", "recordChanges", "resource=leads", "--state", "s.json"])).toEqual({
      key: "recordChanges",
      assignments: ["resource=leads"],
      help: false,
      debug: true,
      stateFile: "s.json",
    });
    expect(parseArgs(["createLead", "-h", "a=b", "--state=x=y.json"])).toEqual({
      key: "createLead",
      assignments: ["a=b"],
      help: true,
      debug: false,
      stateFile: "x=y.json",
    });
  });

  it.each<[string[], string]>([
    [["--state"], "--state needs a file for the trigger's state: --state <file>"],
    [["--state="], "--state needs a file for the trigger's state: --state <file>"],
    [
      ["recordChanges", "--state", "--debug"],
      "--state needs a file for the trigger's state: --state <file>, not '--debug'",
    ],
    [
      ["recordChanges", "--state", "resource=leads"],
      "--state needs a file for the trigger's state: --state <file>, not 'resource=leads'",
    ],
    [["--state", "a.json", "--state", "b.json"], "--state is given twice"],
    [
      ["--debgu"],
      "Unknown option '--debgu': did you mean --debug? (options: --help, --debug, --state <file>)",
    ],
    [
      ["--stat=x"],
      "Unknown option '--stat=x': did you mean --state <file>? (options: --help, --debug, --state <file>)",
    ],
    [["-x"], "Unknown option '-x' (options: --help, --debug, --state <file>)"],
  ])("%j: %s", (argv, message) => {
    expect(usageError(() => parseArgs(argv))).toBe(message);
  });
});

describe("the connection value and where a run goes", () => {
  const what =
    "PRISMATIC_CONNECTION_VALUE must be a connection value as JSON (as prism components:dev:run provides it)";

  it("keeps the value's key and the rest of it", () => {
    expect(
      parseConnectionValue(
        JSON.stringify({
          key: "oauth",
          configVarKey: "Sell",
          fields: { clientId: "c" },
          token: { access_token: "t" },
          context: { a: 1 },
        }),
        KEYS,
      ),
    ).toEqual({
      key: "oauth",
      configVarKey: "Sell",
      fields: { clientId: "c" },
      token: { access_token: "t" },
      context: { a: 1 },
    });
  });

  it("takes a value without a key by what it holds: an OAuth token, or an access token field", () => {
    expect(parseConnectionValue('{"token":{"access_token":"t"}}', KEYS)).toEqual({
      key: "oauth",
      configVarKey: "",
      fields: {},
      token: { access_token: "t" },
    });
    expect(parseConnectionValue('{"key":"","fields":{"accessToken":"t"}}', KEYS)).toEqual({
      key: "apiToken",
      configVarKey: "",
      fields: { accessToken: "t" },
    });
  });

  it.each<[string, string]>([
    ['{"key":"apiToken","fields":{"accessToken":"SECRET"', `${what}: it is not valid JSON`],
    ['["SECRET"]', `${what}: it is not a JSON object`],
    ['"SECRET"', `${what}: it is not a JSON object`],
    ['{"key":"apiToken","fields":"SECRET"}', `${what}: its fields is not an object`],
    ['{"key":"oauth","token":["SECRET"]}', `${what}: its token is not an object`],
    ['{"key":7,"fields":{"accessToken":"SECRET"}}', `${what}: its key is not text`],
    [
      '{"key":"basic","fields":{"password":"SECRET"}}',
      "PRISMATIC_CONNECTION_VALUE is a 'basic' connection; this component's connections are oauth or apiToken",
    ],
    [
      '{"fields":{"apiKey":"SECRET"}}',
      'PRISMATIC_CONNECTION_VALUE has no key: add "key" (oauth or apiToken) to the connection value',
    ],
  ])("refuses %s", (value, message) => {
    expect(usageError(() => parseConnectionValue(value, KEYS))).toBe(message);
  });

  it("goes by PRISMATIC_CONNECTION_VALUE, then SELL_ACCESS_TOKEN, then a sandbox; empty is unset", () => {
    const value = '{"key":"apiToken","fields":{"accessToken":"p"}}';
    expect(targetFrom({ PRISMATIC_CONNECTION_VALUE: value, SELL_ACCESS_TOKEN: "t" }, KEYS)).toEqual(
      {
        mode: "prismatic",
        connection: { key: "apiToken", configVarKey: "", fields: { accessToken: "p" } },
      },
    );
    expect(targetFrom({ PRISMATIC_CONNECTION_VALUE: "", SELL_ACCESS_TOKEN: "t" }, KEYS)).toEqual({
      mode: "token",
      token: "t",
      baseUrl: "https://api.getbase.com",
    });
    expect(
      targetFrom({ SELL_ACCESS_TOKEN: "t", SELL_BASE_URL: "http://127.0.0.1:4010" }, KEYS),
    ).toEqual({ mode: "token", token: "t", baseUrl: "http://127.0.0.1:4010" });
    expect(targetFrom({ SELL_ACCESS_TOKEN: "", SELL_BASE_URL: "http://x" }, KEYS)).toEqual({
      mode: "sandbox",
    });
  });

  it("names the host on one line: live Sell, a local sandbox, a sandbox of this run", () => {
    expect(liveBanner("https://api.getbase.com")).toBe(
      "Zendesk Sell at https://api.getbase.com (live: writes are real)",
    );
    expect(
      liveBanner(
        "https://api.getbase.com",
        "with the oauth connection from PRISMATIC_CONNECTION_VALUE",
      ),
    ).toBe(
      "Zendesk Sell at https://api.getbase.com with the oauth connection from PRISMATIC_CONNECTION_VALUE (live: writes are real)",
    );
    expect(liveBanner("http://localhost:4010")).toBe(
      "Zendesk Sell at http://localhost:4010 (local: writes stay in that sandbox)",
    );
    expect(sandboxBanner("http://127.0.0.1:4010", false)).toBe(
      "(local sandbox at http://127.0.0.1:4010; set SELL_ACCESS_TOKEN to use live Sell)",
    );
    expect(sandboxBanner("http://127.0.0.1:4010", true)).toBe(
      "(local sandbox at http://127.0.0.1:4010, fresh for this run: trigger state does not carry over to the next run; use npm run sandbox with SELL_ACCESS_TOKEN and SELL_BASE_URL)",
    );
  });
});

describe("runnerLogger", () => {
  it("writes warnings and errors always, info and debug lines only with --debug, never metrics", () => {
    const quiet: string[] = [];
    const loud: string[] = [];
    for (const [lines, debug] of [
      [quiet, false],
      [loud, true],
    ] as const) {
      const logger = runnerLogger(debug, (line) => lines.push(line));
      logger.info("[Zendesk Sell] GET https://api.getbase.com/v2/leads → 200 OK in 3 ms");
      logger.debug("two\nlines", { a: 1 });
      logger.metric({ timeElapsed: {} });
      logger.warn("careful");
      logger.error("broken");
    }
    expect(quiet).toEqual(["warning: careful", "error: broken"]);
    expect(loud).toEqual([
      "[Zendesk Sell] GET https://api.getbase.com/v2/leads → 200 OK in 3 ms",
      'two lines {"a":1}',
      "warning: careful",
      "error: broken",
    ]);
  });
});

describe("the state file", () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "sell-state-"));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("starts empty when missing or blank, and reads back what was written", () => {
    const file = join(folder, "state.json");
    expect(readState(file)).toEqual({});
    writeState(file, { __prismaticInternal: { polling: { cursor: 1 } } });
    expect(readFileSync(file, "utf8")).toBe(
      '{\n  "__prismaticInternal": {\n    "polling": {\n      "cursor": 1\n    }\n  }\n}\n',
    );
    expect(readState(file)).toEqual({ __prismaticInternal: { polling: { cursor: 1 } } });
    writeFileSync(file, "  \n");
    expect(readState(file)).toEqual({});
  });

  it("refuses a file that is not a JSON object, a missing folder, and a folder as the file", () => {
    const broken = join(folder, "broken.json");
    writeFileSync(broken, "[1]");
    expect(usageError(() => readState(broken))).toBe(
      `--state ${broken} is not a JSON object (a trigger's instance state)`,
    );
    writeFileSync(broken, "{");
    expect(usageError(() => readState(broken))).toBe(
      `--state ${broken} is not JSON (a trigger's instance state, a JSON object)`,
    );
    const nowhere = join(folder, "missing", "state.json");
    expect(usageError(() => readState(nowhere))).toBe(
      `--state ${nowhere}: the folder ${join(folder, "missing")} does not exist`,
    );
    expect(usageError(() => readState(folder))).toBe(`--state ${folder} cannot be read: EISDIR`);
  });
});
