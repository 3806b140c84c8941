import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ActionContext, ActionLogger } from "@prismatic-io/spectral";
import { ConnectionError } from "@prismatic-io/spectral";
import { allowedOrigin, LOOPBACK_SWITCH } from "../src/connections";
import component from "../src/index";
import {
  clientOf,
  harness,
  instantRetries,
  newToken,
  oauthConnection,
  SELL,
  sellApi,
  sellError,
  tokenConnection,
} from "./helpers/sell";

const account = { data: { id: 7, name: "Acme", currency: "USD" }, meta: { type: "account" } };

/** A logger that records every line, for asserting what debug mode prints. */
const recordingLogger = () => {
  const lines: string[] = [];
  const record = (...args: unknown[]) => {
    lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
  };
  const logger = {
    metric: record,
    trace: record,
    debug: record,
    info: record,
    log: record,
    warn: record,
    error: record,
  } as unknown as ActionLogger;
  return { lines, logger };
};
const debugContext = (logger: ActionLogger) =>
  ({ logger, globalDebug: true }) as unknown as Partial<ActionContext>;

describe("component", () => {
  it("is the zendesk-sell component with both connections and a PNG icon", () => {
    expect(component.key).toBe("zendesk-sell");
    expect(component.display).toMatchObject({ label: "Zendesk Sell", iconPath: "icon.png" });
    expect(component.connections.map((c) => c.key)).toEqual(["oauth", "apiToken"]);
    const icon = readFileSync(join(__dirname, "..", "assets", "icon.png"));
    expect(icon.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  });

  it("keeps the incumbent's OAuth input keys and defaults", () => {
    const oauth = component.connections.find((c) => c.key === "oauth");
    expect(oauth?.inputs.map((i) => [i.key, i.default])).toEqual([
      ["authorizeUrl", "https://api.getbase.com/oauth2/authorize"],
      ["tokenUrl", "https://api.getbase.com/oauth2/token"],
      ["scopes", "read write profile"],
      ["clientId", ""],
      ["clientSecret", ""],
    ]);
    expect(oauth).toMatchObject({ oauth2Type: "authorization_code", label: "OAuth 2.0" });
  });

  it("the error hook turns an API failure into an Error with the readable message", async () => {
    sellApi()
      .get("/v2/accounts/self")
      .reply(
        422,
        sellError("422 Unprocessable Entity", [{ code: "invalid", message: "nope" }], "lr-9"),
      );
    const failure = harness.action("listAccountDetails", { connection: oauthConnection() });
    await expect(failure).rejects.toBeInstanceOf(Error);
    await expect(failure).rejects.toThrow(
      "Zendesk Sell rejected GET /v2/accounts/self (422 Unprocessable Entity): nope. (logref lr-9)",
    );
  });
});

describe("connections", () => {
  it("an OAuth connection without an access token raises ConnectionError saying to reconnect", async () => {
    const connection = oauthConnection();
    connection.token = {};
    const failure = harness.action("listAccountDetails", { connection });
    await expect(failure).rejects.toBeInstanceOf(ConnectionError);
    await expect(failure).rejects.toThrow(
      "The Zendesk Sell OAuth 2.0 connection has no access token: authorize (or reconnect) the connection.",
    );
  });

  it("a token connection without a token raises ConnectionError saying where to get one", () => {
    expect(() => clientOf(tokenConnection(""))).toThrow(ConnectionError);
    expect(() => clientOf(tokenConnection("  "))).toThrow(
      /has no Access Token: paste a token from Sell/,
    );
    expect(() => clientOf(tokenConnection("abc def"))).toThrow(/contains spaces or line breaks/);
  });

  it("an unknown connection raises ConnectionError naming the supported ones", () => {
    const connection = { ...oauthConnection(), key: "basic" };
    expect(() => clientOf(connection)).toThrow(ConnectionError);
    expect(() => clientOf(connection)).toThrow(
      "Unknown connection type 'basic': use the Zendesk Sell 'OAuth 2.0' or 'Personal Access Token' connection.",
    );
  });

  it("a personal access token connection works like OAuth", async () => {
    const token = newToken();
    sellApi(token).get("/v2/accounts/self").reply(200, account);
    await expect(
      harness.action("listAccountDetails", { connection: tokenConnection(token) }),
    ).resolves.toEqual({ data: account });
  });

  it("the base URL override accepts only Sell's host, and loopback addresses where the sandbox tooling allows them", () => {
    const previous = process.env[LOOPBACK_SWITCH];
    process.env[LOOPBACK_SWITCH] = "true";
    try {
      expect(allowedOrigin("http://127.0.0.1:4010")).toBe("http://127.0.0.1:4010");
      expect(allowedOrigin("http://localhost:8080/")).toBe("http://localhost:8080");
      expect(allowedOrigin("http://[::1]:9000")).toBe("http://[::1]:9000");
      expect(allowedOrigin("http://user:pw@127.0.0.1:1")).toBeUndefined();
      expect(() => clientOf(tokenConnection(newToken(), "https://evil.example.com"))).toThrow(
        "API Base URL 'https://evil.example.com' is not allowed: use https://api.getbase.com, or a local sandbox address such as http://127.0.0.1:4010.",
      );
    } finally {
      if (previous === undefined) delete process.env[LOOPBACK_SWITCH];
      else process.env[LOOPBACK_SWITCH] = previous;
    }
    expect(allowedOrigin("https://api.getbase.com")).toBe(SELL);
    expect(allowedOrigin("https://api.getbase.com/")).toBe(SELL);
    for (const refused of [
      "https://evil.example.com",
      "http://api.getbase.com",
      "https://api.getbase.com.evil.com",
      "https://api.getbase.com/v2",
      "http://user:pw@127.0.0.1:1",
      "http://10.0.0.5:80",
      "not a url",
    ]) {
      expect(allowedOrigin(refused)).toBeUndefined();
    }
  });
});

describe("debug logging", () => {
  it("logs method, URL, status and duration when step debug is on, and never the token", async () => {
    const token = newToken();
    sellApi(token).get("/v2/accounts/self").reply(200, account);
    const { lines, logger } = recordingLogger();
    await harness.action(
      "listAccountDetails",
      { connection: oauthConnection(token) },
      debugContext(logger),
    );
    const requestLine = lines.find((line) => line.includes("/v2/accounts/self"));
    expect(requestLine).toMatch(
      /^\[Zendesk Sell\] GET https:\/\/api\.getbase\.com\/v2\/accounts\/self → 200 OK in \d+ ms$/,
    );
    expect(lines.join("\n")).not.toContain(token);
  });

  it("logs retries and failures without the token, and the error message has no token either", async () => {
    const retry = instantRetries();
    const token = newToken();
    sellApi(token)
      .get("/v2/accounts/self")
      .reply(503)
      .get("/v2/accounts/self")
      .reply(401, sellError("401 Unauthorized", [{ code: "unauthorized" }]));
    const { lines, logger } = recordingLogger();
    const error = (await harness
      .action("listAccountDetails", { connection: oauthConnection(token) }, debugContext(logger))
      .catch((e: unknown) => e)) as Error;
    retry.restore();
    expect(lines.filter((l) => l.includes("accounts/self"))).toEqual([
      expect.stringMatching(
        /GET https:\/\/api\.getbase\.com\/v2\/accounts\/self → 503 in \d+ ms; retrying in 250 ms$/,
      ),
      expect.stringMatching(
        /GET https:\/\/api\.getbase\.com\/v2\/accounts\/self → 401 in \d+ ms \(not retried\)$/,
      ),
    ]);
    expect(`${lines.join("\n")}\n${error.message}\n${JSON.stringify(error)}`).not.toContain(token);
  });

  it("logs nothing when step debug is off", async () => {
    sellApi().get("/v2/accounts/self").reply(200, account);
    const { lines, logger } = recordingLogger();
    await harness.action("listAccountDetails", { connection: oauthConnection() }, { logger });
    expect(lines.filter((l) => l.includes("Zendesk Sell"))).toEqual([]);
  });
});
