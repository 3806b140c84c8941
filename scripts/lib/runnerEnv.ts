/**
 * Where `npm run sell` runs and what it prints besides a step's result: which connection it uses
 * (a Prismatic connection value, a personal access token, or a fresh local sandbox), the one-line
 * banner naming the host, the logger that puts the component's log lines on stderr, and a
 * trigger's instance state kept in a file between runs.
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { ActionLogger } from "@prismatic-io/spectral";
import type { ConnectionValue } from "@prismatic-io/spectral/dist/serverTypes";
import { SELL_ORIGIN } from "../../src/util/values";
import { UsageError } from "./runnerInputs";

/** The environment variable `prism components:dev:run` puts a Prismatic connection in. */
export const CONNECTION_VALUE_VARIABLE = "PRISMATIC_CONNECTION_VALUE";

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A connection value as JSON (as `prism components:dev:run` provides it), keeping its `key`
 * (spectral's own `connectionValue()` blanks it). A value without a key is taken as an OAuth
 * connection when it has `token.access_token`, as a personal access token when it has
 * `fields.accessToken`. Anything else is a `UsageError`; no message repeats the value (it holds
 * a secret).
 */
export function parseConnectionValue(
  text: string,
  connectionKeys: readonly string[],
): ConnectionValue {
  const what = `${CONNECTION_VALUE_VARIABLE} must be a connection value as JSON (as prism components:dev:run provides it)`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`${what}: it is not valid JSON`);
  }
  if (!isPlainObject(parsed)) throw new UsageError(`${what}: it is not a JSON object`);
  for (const part of ["fields", "token", "context"] as const) {
    if (parsed[part] !== undefined && parsed[part] !== null && !isPlainObject(parsed[part]))
      throw new UsageError(`${what}: its ${part} is not an object`);
  }
  const fields = isPlainObject(parsed.fields) ? parsed.fields : {};
  const token = isPlainObject(parsed.token) ? parsed.token : undefined;
  const keys = connectionKeys.join(" or ");
  let key: string;
  if (typeof parsed.key === "string" && parsed.key !== "") {
    if (!connectionKeys.includes(parsed.key))
      throw new UsageError(
        `${CONNECTION_VALUE_VARIABLE} is a '${parsed.key}' connection; this component's connections are ${keys}`,
      );
    key = parsed.key;
  } else if (parsed.key !== undefined && parsed.key !== "" && parsed.key !== null) {
    throw new UsageError(`${what}: its key is not text`);
  } else if (token?.access_token !== undefined && connectionKeys.includes("oauth")) key = "oauth";
  else if (fields.accessToken !== undefined && connectionKeys.includes("apiToken"))
    key = "apiToken";
  else
    throw new UsageError(
      `${CONNECTION_VALUE_VARIABLE} has no key: add "key" (${keys}) to the connection value`,
    );
  return {
    ...parsed,
    key,
    configVarKey: typeof parsed.configVarKey === "string" ? parsed.configVarKey : "",
    fields,
    ...(token ? { token } : {}),
  } as ConnectionValue;
}

/** Where the runner sends requests, by precedence. */
export type Target =
  | { mode: "prismatic"; connection: ConnectionValue }
  | { mode: "token"; token: string; baseUrl: string }
  | { mode: "sandbox" };

/** PRISMATIC_CONNECTION_VALUE, then SELL_ACCESS_TOKEN (with SELL_BASE_URL), then a sandbox. */
export function targetFrom(
  env: Readonly<Record<string, string | undefined>>,
  connectionKeys: readonly string[],
): Target {
  const value = env[CONNECTION_VALUE_VARIABLE];
  if (value) return { mode: "prismatic", connection: parseConnectionValue(value, connectionKeys) };
  const token = env.SELL_ACCESS_TOKEN;
  if (token) return { mode: "token", token, baseUrl: env.SELL_BASE_URL || SELL_ORIGIN };
  return { mode: "sandbox" };
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The line naming the host requests go to when they do not go to a sandbox of this run. */
export function liveBanner(origin: string, via?: string): string {
  let local = false;
  try {
    local = LOOPBACK.has(new URL(origin).hostname);
  } catch {
    local = false;
  }
  return `Zendesk Sell at ${origin}${via ? ` ${via}` : ""} (${local ? "local: writes stay in that sandbox" : "live: writes are real"})`;
}

/** The line naming the sandbox started for this run. */
export const sandboxBanner = (url: string, keepsState: boolean): string =>
  keepsState
    ? `(local sandbox at ${url}, fresh for this run: trigger state does not carry over to the next run; use npm run sandbox with SELL_ACCESS_TOKEN and SELL_BASE_URL)`
    : `(local sandbox at ${url}; set SELL_ACCESS_TOKEN to use live Sell)`;

const text = (parts: unknown[]): string =>
  parts
    .map((part) => (typeof part === "string" ? part : JSON.stringify(part)))
    .join(" ")
    .replace(/\s*\n\s*/g, " ");

/**
 * The step's logger: warnings and errors always on stderr; info, debug and trace lines (each
 * request when step debug is on) only with `--debug`; metrics (spectral's debug timings) dropped.
 */
export function runnerLogger(
  debug: boolean,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): ActionLogger {
  const noop = () => undefined;
  const verbose = debug ? (...parts: unknown[]) => write(text(parts)) : noop;
  return {
    metric: noop,
    trace: verbose,
    debug: verbose,
    info: verbose,
    log: verbose,
    warn: (...parts: unknown[]) => write(`warning: ${text(parts)}`),
    error: (...parts: unknown[]) => write(`error: ${text(parts)}`),
  } as unknown as ActionLogger;
}

/**
 * A trigger's instance state from `--state <file>`: `{}` when the file does not exist yet (it is
 * created after the poll); a file that cannot be read as a JSON object, or a folder that does
 * not exist, is a `UsageError`.
 */
export function readState(file: string): Record<string, unknown> {
  const folder = dirname(file);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new UsageError(`--state ${file}: the folder ${folder} does not exist`);
  if (!existsSync(file)) return {};
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(
      `--state ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  if (content.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    throw new UsageError(`--state ${file} is not JSON (a trigger's instance state, a JSON object)`);
  }
  if (!isPlainObject(parsed))
    throw new UsageError(`--state ${file} is not a JSON object (a trigger's instance state)`);
  return parsed;
}

/** Writes a trigger's instance state back (whole, or not at all). */
export function writeState(file: string, state: Record<string, unknown>): void {
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(partial, file);
}
