import { createHash } from "node:crypto";
import { STATUS_CODES } from "node:http";
import axios, { type AxiosResponse, isAxiosError } from "axios";
import { version as componentVersion } from "../../package.json";
import {
  hintFor,
  isRateLimitInDisguise,
  parseErrorBody,
  SellApiError,
  type SellErrorDetail,
  type SellFailureKind,
} from "./errors";
import { type Query, serializeQuery } from "./query";
import {
  type AttemptFailure,
  DEFAULT_RETRY_POLICY,
  decideRetry,
  isIdempotentMethod,
  isUndelivered,
  parseRetryAfter,
  type RetryPolicy,
} from "./retry";
import { limiterForToken, type RateLimiter, sleep as realSleep } from "./throttle";

export const SELL_ORIGIN = "https://api.getbase.com";
export const USER_AGENT = `zendesk-sell-component/${componentVersion}`;
export const DEFAULT_TIMEOUT_MS = 30_000;

export type ApiVersion = "v2" | "v3";
export type HttpMethod =
  | "GET"
  | "HEAD"
  | "OPTIONS"
  | "POST"
  | "PUT"
  | "PATCH"
  | "DELETE"
  | "LINK"
  | "UNLINK"
  | "PURGE";
export type ResponseKind = "json" | "text" | "arraybuffer";

/** The part of spectral's logger the client uses. */
export interface SellLogger {
  info: (...args: unknown[]) => void;
}

export interface SellRequest {
  method: HttpMethod;
  /** Path under the API version, starting with `/`, e.g. `/leads/12`. */
  path: string;
  query?: Query;
  /** JSON body, sent as is (callers wrap writes in `{ data }`). */
  body?: unknown;
  /** A non-JSON body (e.g. multipart) with its content type; replaces `body`. */
  rawBody?: { data: Buffer; contentType: string };
  /**
   * Marks a POST as safe to repeat (upsert, search). GET/HEAD/OPTIONS/PUT/DELETE are
   * idempotent already; a POST that creates something must never set this.
   */
  idempotent?: boolean;
  /** Extra headers; they can never replace Authorization or User-Agent. */
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** `json` (default) parses and validates JSON; `text` and `arraybuffer` hand back the bytes. */
  responseType?: ResponseKind;
  /** Overrides the retry policy for this request; `false` disables retries. */
  retry?: Partial<RetryPolicy> | false;
}

export interface SellResponse<T = unknown> {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  /** Parsed JSON (`json`), a string (`text`) or a Buffer (`arraybuffer`); `null` for an empty body. */
  body: T;
}

export interface TransportOptions {
  token: string;
  /** Scheme and host, e.g. `https://api.getbase.com` or a local sandbox URL. */
  origin?: string;
  logger?: SellLogger;
  /** Log each request (method, URL, status, duration) through `logger`. Tokens are redacted. */
  debug?: boolean;
  timeoutMs?: number;
  retryPolicy?: RetryPolicy;
  /** Defaults to the process-wide limiter for this token. */
  limiter?: RateLimiter;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/**
 * Process-wide defaults for transports built without explicit options. Tools outside the
 * component (tests, the sandbox runner, benchmarks) use this to make waits deterministic or
 * shorter; the published component never changes it.
 */
const transportDefaults: Pick<TransportOptions, "retryPolicy" | "sleep" | "random" | "timeoutMs"> =
  {};

/** Overrides transport defaults; returns a function that restores the previous ones. */
export function setTransportDefaults(
  defaults: Pick<TransportOptions, "retryPolicy" | "sleep" | "random" | "timeoutMs">,
): () => void {
  const previous = { ...transportDefaults };
  Object.assign(transportDefaults, defaults);
  return () => {
    for (const key of Object.keys(transportDefaults) as Array<keyof typeof transportDefaults>)
      delete transportDefaults[key];
    Object.assign(transportDefaults, previous);
  };
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNRESET: "the connection was reset (ECONNRESET)",
  ECONNREFUSED: "the connection was refused (ECONNREFUSED)",
  ENOTFOUND: "the host name could not be resolved (ENOTFOUND)",
  EAI_AGAIN: "the host name could not be resolved (EAI_AGAIN)",
  EPIPE: "the connection was closed while sending (EPIPE)",
  ERR_NETWORK: "a network error occurred (ERR_NETWORK)",
};

const TIMEOUT_CODES = new Set(["ECONNABORTED", "ETIMEDOUT"]);

/** What one attempt produced: a usable response, or a failure with everything needed to report it. */
type AttemptOutcome =
  | { ok: true; response: SellResponse }
  | {
      ok: false;
      failure: AttemptFailure;
      error: Omit<ConstructorParameters<typeof SellApiError>[0], "method" | "path" | "retries">;
    };

export class SellTransport {
  readonly origin: string;
  /** A hash of the token: tells clients of different tokens apart without holding the token. */
  readonly identity: string;
  private readonly token: string;
  private readonly logger?: SellLogger;
  private readonly debug: boolean;
  private readonly timeoutMs: number;
  private readonly retryPolicy: RetryPolicy;
  private readonly limiter: RateLimiter;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(options: TransportOptions) {
    this.token = options.token;
    this.identity = createHash("sha256").update(options.token).digest("hex").slice(0, 16);
    this.origin = (options.origin ?? SELL_ORIGIN).replace(/\/+$/, "");
    this.logger = options.logger;
    this.debug = options.debug ?? false;
    this.timeoutMs = options.timeoutMs ?? transportDefaults.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retryPolicy = options.retryPolicy ?? transportDefaults.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.limiter = options.limiter ?? limiterForToken(options.token, this.origin);
    this.sleep = options.sleep ?? transportDefaults.sleep ?? realSleep;
    this.random = options.random ?? transportDefaults.random ?? Math.random;
  }

  /** The URL a request goes to; the path is always placed under `/<version>` on our origin. */
  urlFor(version: ApiVersion, path: string, query?: Query): string {
    const normalized = path.startsWith("/") ? path : `/${path}`;
    const search = serializeQuery(query);
    return `${this.origin}/${version}${normalized}${search ? `?${search}` : ""}`;
  }

  async send<T = unknown>(version: ApiVersion, request: SellRequest): Promise<SellResponse<T>> {
    const url = this.urlFor(version, request.path, request.query);
    const displayPath = `/${version}${(request.path.startsWith("/") ? request.path : `/${request.path}`).split("?")[0]}`;
    const idempotent = request.idempotent === true || isIdempotentMethod(request.method);
    const policy: RetryPolicy =
      request.retry === false
        ? { ...this.retryPolicy, maxRetries: 0 }
        : { ...this.retryPolicy, ...(request.retry ?? {}) };

    let retries = 0;
    let waitedMs = 0;
    // True once an attempt may have reached Sell without us reading the answer.
    let mayHaveApplied = false;
    for (;;) {
      const release = await this.limiter.acquire();
      const started = Date.now();
      const outcome = await this.attempt(url, request).finally(release);
      const elapsed = Date.now() - started;
      if (outcome.ok) {
        this.log(
          `${request.method} ${url} → ${outcome.response.status} ${outcome.response.statusText} in ${elapsed} ms`,
        );
        return outcome.response as SellResponse<T>;
      }
      const failure = outcome.failure;
      if (
        request.method === "DELETE" &&
        mayHaveApplied &&
        failure.kind === "status" &&
        failure.status === 404 &&
        !failure.rateLimited
      ) {
        // An earlier attempt deleted the record but its answer was lost; the retry finds it gone.
        this.log(
          `${request.method} ${url} → 404 in ${elapsed} ms: already deleted by an earlier attempt`,
        );
        return { status: 404, statusText: "Not Found", headers: {}, body: null as T };
      }
      const unanswered =
        failure.kind === "timeout" ||
        failure.kind === "invalid_body" ||
        (failure.kind === "network" && failure.delivered);
      mayHaveApplied ||= unanswered;
      const decision = decideRetry(
        failure,
        { idempotent, retriesSoFar: retries, waitedMs },
        policy,
        this.random,
      );
      const what =
        outcome.error.status !== undefined
          ? String(outcome.error.status)
          : (outcome.error.reason ?? outcome.error.kind);
      if (!decision.retry) {
        this.log(
          `${request.method} ${url} → ${what} in ${elapsed} ms (${decision.reason === "not retryable" ? "not retried" : decision.reason})`,
        );
        throw new SellApiError({
          ...outcome.error,
          method: request.method,
          path: displayPath,
          retries,
          mayHaveApplied: unanswered && !idempotent,
        });
      }
      this.log(
        `${request.method} ${url} → ${what} in ${elapsed} ms; retrying in ${decision.delayMs} ms`,
      );
      await this.sleep(decision.delayMs);
      waitedMs += decision.delayMs;
      retries += 1;
    }
  }

  private async attempt(url: string, request: SellRequest): Promise<AttemptOutcome> {
    const hasBody = request.body !== undefined || request.rawBody !== undefined;
    const contentType = request.rawBody?.contentType ?? "application/json";
    let response: AxiosResponse<ArrayBuffer>;
    try {
      response = await axios.request<ArrayBuffer>({
        url,
        method: request.method,
        headers: {
          ...withoutProtectedHeaders(request.headers),
          Accept: "application/json",
          ...(hasBody ? { "Content-Type": contentType } : {}),
          "User-Agent": USER_AGENT,
          Authorization: `Bearer ${this.token}`,
        },
        data: request.rawBody
          ? request.rawBody.data
          : hasBody
            ? JSON.stringify(request.body)
            : undefined,
        timeout: request.timeoutMs ?? this.timeoutMs,
        responseType: "arraybuffer",
        transformResponse: (data: unknown) => data,
        validateStatus: () => true,
        // Never follow a redirect: the bearer token must not travel to another host.
        maxRedirects: 0,
        // Axios would otherwise pick proxies from the environment; requests go straight to Sell.
        proxy: false,
      });
    } catch (error) {
      return this.failureFromException(error);
    }

    const status = response.status;
    const statusText = response.statusText || STATUS_CODES[status] || "";
    const headers = flattenHeaders(response.headers);
    const bytes = Buffer.from(response.data ?? new ArrayBuffer(0));
    const text = bytes.toString("utf8");
    const logref = headers["x-request-id"];

    if (status >= 200 && status < 300) {
      const kind = request.responseType ?? "json";
      if (kind === "arraybuffer")
        return { ok: true, response: { status, statusText, headers, body: bytes } };
      if (kind === "text")
        return { ok: true, response: { status, statusText, headers, body: text } };
      if (text.trim() === "")
        return { ok: true, response: { status, statusText, headers, body: null } };
      try {
        return { ok: true, response: { status, statusText, headers, body: JSON.parse(text) } };
      } catch {
        return {
          ok: false,
          failure: { kind: "invalid_body" },
          error: {
            kind: "invalid_response",
            status,
            statusText,
            logref,
            reason: `not valid JSON: ${describeSnippet(text)}`,
          },
        };
      }
    }

    const rateLimited = status === 429 || isRateLimitInDisguise(status, text);
    let parsedBody: unknown;
    try {
      parsedBody = text.trim() === "" ? undefined : JSON.parse(text);
    } catch {
      parsedBody = undefined;
    }
    const parsed = parseErrorBody(parsedBody);
    const errors: SellErrorDetail[] = parsed?.errors ?? [];
    const failure: AttemptFailure = {
      kind: "status",
      status,
      rateLimited,
      retryAfterMs: parseRetryAfter(headers["retry-after"]),
    };
    const kind: SellFailureKind = rateLimited
      ? "rate_limited"
      : status === 410 && url.includes("/stream")
        ? "position_expired"
        : "http";
    const reportedStatus = rateLimited ? 429 : status;
    const reportedText = rateLimited ? (STATUS_CODES[429] ?? "Too Many Requests") : statusText;
    return {
      ok: false,
      failure,
      error: {
        kind,
        status: reportedStatus,
        statusText: reportedText,
        logref: parsed?.logref ?? logref,
        errors:
          rateLimited && status !== 429
            ? [
                {
                  code: "rate_limit_exceeded",
                  details: "rate limit exceeded (reported by Sell as a 404 for '/429.json')",
                },
              ]
            : errors,
        reason:
          errors.length === 0
            ? rateLimited
              ? "rate limit exceeded"
              : text.trim()
                ? `non-JSON body: ${describeSnippet(text)}`
                : "empty body"
            : undefined,
        hint: hintFor(reportedStatus, errors[0]?.code, new URL(url).pathname),
      },
    };
  }

  private failureFromException(error: unknown): AttemptOutcome {
    const code = isAxiosError(error) ? (error.code ?? "") : "";
    const message = error instanceof Error ? error.message : String(error);
    if (TIMEOUT_CODES.has(code) || /timeout/i.test(message)) {
      return {
        ok: false,
        failure: { kind: "timeout" },
        error: {
          kind: "timeout",
          reason: `no response within the time limit (${redact(message, this.token)})`,
          cause: error,
        },
      };
    }
    const networkCode =
      code || (error as { cause?: { code?: string } })?.cause?.code || "ERR_NETWORK";
    return {
      ok: false,
      failure: { kind: "network", code: networkCode, delivered: !isUndelivered(networkCode) },
      error: {
        kind: "network",
        delivered: !isUndelivered(networkCode),
        reason: NETWORK_REASONS[networkCode] ?? `${redact(message, this.token)} (${networkCode})`,
        cause: error,
      },
    };
  }

  private log(line: string): void {
    if (!this.debug || !this.logger) return;
    this.logger.info(`[Zendesk Sell] ${redact(line, this.token)}`);
  }
}

/** Headers a caller may never set: the client owns auth and identification. */
export const PROTECTED_HEADERS = new Set([
  "authorization",
  "user-agent",
  "host",
  "cookie",
  "proxy-authorization",
]);

const withoutProtectedHeaders = (
  headers: Record<string, string> | undefined,
): Record<string, string> =>
  Object.fromEntries(
    Object.entries(headers ?? {}).filter(([name]) => !PROTECTED_HEADERS.has(name.toLowerCase())),
  );

function flattenHeaders(headers: AxiosResponse["headers"]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    result[key.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return result;
}

const describeSnippet = (text: string): string => {
  const trimmed = text.replace(/\s+/g, " ").trim();
  if (!trimmed) return "empty body";
  return trimmed.length > 120 ? `"${trimmed.slice(0, 120)}…" (truncated)` : `"${trimmed}"`;
};

/** Removes the token (and anything that looks like a bearer credential) from a log line. */
export function redact(text: string, token: string): string {
  let result = text;
  if (token) result = result.split(token).join("[REDACTED]");
  return result
    .replace(/(bearer\s+)[^\s"',]+/gi, "$1[REDACTED]")
    .replace(/((?:access_token|token|api_key)=)[^&\s"]+/gi, "$1[REDACTED]");
}
