import { createHash } from "node:crypto";
import { STATUS_CODES } from "node:http";
import axios, { type AxiosResponse, isAxiosError } from "axios";
import { version as componentVersion } from "../../package.json";
import { SELL_ORIGIN } from "../util/values";
import {
  hintFor,
  isRateLimitInDisguise,
  parseErrorBody,
  type RequestPurpose,
  rateLimitHint,
  SellApiError,
  type SellApiErrorInit,
  type SellErrorDetail,
  type SellFailureKind,
  type WriteOutcome,
} from "./errors";
import { type Query, serializeQuery } from "./query";
import { redact } from "./redact";
import {
  type AttemptFailure,
  DEFAULT_RETRY_POLICY,
  decideRetry,
  describeStop,
  isIdempotentMethod,
  isUndelivered,
  parseRetryAfter,
  type RetryPolicy,
} from "./retry";
import { type AttemptDetails, clock, limiterForToken, type RateLimiter } from "./throttle";

export { SELL_ORIGIN };
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
   * What the request is for (default `raw`): decides whether it is safe to repeat (a `create`
   * never is; `upsert` and `search` are; `raw` goes by its method) and how failures read.
   */
  purpose?: RequestPurpose;
  /** Treats the request as safe to repeat whatever its purpose (Raw Request's "Retry On All Errors"). */
  idempotent?: boolean;
  /** Extra headers; they can never replace Authorization or User-Agent. */
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** `json` (default) parses and validates JSON; `text` and `arraybuffer` hand back the bytes. */
  responseType?: ResponseKind;
  /** Overrides the retry policy for this request; `false` disables retries. */
  retry?: Partial<RetryPolicy> | false;
  /** Cancels the request (a page asked for ahead that a listing no longer needs). */
  signal?: AbortSignal;
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

const NETWORK_REASONS: Record<string, string> = {
  ECONNRESET: "the connection was reset (ECONNRESET)",
  ECONNREFUSED: "the connection was refused (ECONNREFUSED)",
  ENOTFOUND: "the host name could not be resolved (ENOTFOUND)",
  EAI_AGAIN: "the host name could not be resolved (EAI_AGAIN)",
  EPIPE: "the connection was closed while sending (EPIPE)",
  ERR_NETWORK: "a network error occurred (ERR_NETWORK)",
};

const TIMEOUT_CODES = new Set(["ECONNABORTED", "ETIMEDOUT"]);

/** Errors Node raises while building a request, before anything is written to a socket. */
const NOT_SENT_CODES = new Set([
  "ERR_INVALID_HTTP_TOKEN",
  "ERR_INVALID_CHAR",
  "ERR_HTTP_INVALID_HEADER_VALUE",
  "ERR_INVALID_ARG_TYPE",
  "ERR_INVALID_ARG_VALUE",
  "ERR_INVALID_URL",
  "ERR_UNESCAPED_CHARACTERS",
  "ERR_BAD_OPTION_VALUE",
  "ERR_BAD_OPTION",
]);

const WRITE_PURPOSES: ReadonlySet<RequestPurpose> = new Set([
  "create",
  "update",
  "delete",
  "upsert",
]);

/** Whether repeating a request can never do more than doing it once. */
export function isSafeToRepeat(
  request: Pick<SellRequest, "method" | "purpose" | "idempotent">,
): boolean {
  if (request.idempotent === true) return true;
  switch (request.purpose ?? "raw") {
    case "create":
      return false;
    case "raw":
      return isIdempotentMethod(request.method);
    default:
      // Reads, updates and deletes by ID; upserts (their record matches their filters); search.
      return true;
  }
}

/** A write (or a raw request that is not a read): its 2xx means Sell did something. */
const changesSomething = (request: SellRequest): boolean =>
  WRITE_PURPOSES.has(request.purpose ?? "raw") ||
  ((request.purpose ?? "raw") === "raw" && !["GET", "HEAD", "OPTIONS"].includes(request.method));

/** The first record ID an answer shows, even when it cannot be parsed as a whole. */
export function recordIdIn(text: string): string | undefined {
  return /"id"\s*:\s*"?(\d+)/.exec(text)?.[1];
}

/** What one attempt produced: a usable response, or a failure with everything needed to report it. */
type AttemptOutcome =
  | { ok: true; response: SellResponse }
  | { ok: false; failure: AttemptFailure; error: AttemptError };

/** The parts of an error an attempt knows; `send` adds where, how often and what is known. */
type AttemptError = Omit<SellApiErrorInit, "method" | "path" | "retries" | "purpose">;

/** An answer as read off the wire, before it is judged. */
interface RawAnswer {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  bytes: Buffer;
  text: string;
  /** Whether Node sent it on a connection already open (unknown for some adapters and mocks). */
  reusedConnection?: boolean;
}

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
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.limiter = options.limiter ?? limiterForToken(options.token, this.origin);
    this.sleep = options.sleep ?? ((ms) => clock.sleep(ms));
    this.random = options.random ?? (() => clock.random());
  }

  /** The URL a request goes to; the path is always placed under `/<version>` on our origin. */
  urlFor(version: ApiVersion, path: string, query?: Query): string {
    const normalized = path.startsWith("/") ? path : `/${path}`;
    const search = serializeQuery(query);
    return `${this.origin}/${version}${normalized}${search ? `?${search}` : ""}`;
  }

  /** A `SellApiError` with the token (and anything like a credential) removed from its texts. */
  error(init: SellApiErrorInit): SellApiError {
    return new SellApiError(init, { secrets: [this.token] });
  }

  /** Pages a listing should keep in flight (see `RateLimiter.readAhead`). */
  readAhead(): number {
    return this.limiter.readAhead();
  }

  /** `text` without the token or anything that looks like a credential. */
  redact(text: string): string {
    return redact(text, [this.token]);
  }

  async send<T = unknown>(version: ApiVersion, request: SellRequest): Promise<SellResponse<T>> {
    const url = this.urlFor(version, request.path, request.query);
    const displayPath = `/${version}${(request.path.startsWith("/") ? request.path : `/${request.path}`).split("?")[0]}`;
    const idempotent = isSafeToRepeat(request);
    const policy: RetryPolicy =
      request.retry === false
        ? { ...this.retryPolicy, maxRetries: 0 }
        : { ...this.retryPolicy, ...(request.retry ?? {}) };
    const fail = (error: AttemptError, retries: number) =>
      this.error({
        ...error,
        method: request.method,
        path: displayPath,
        purpose: request.purpose,
        retries,
      });

    let retries = 0;
    let waitedMs = 0;
    // True once an attempt may have reached Sell without us reading the answer.
    let unansweredBefore = false;
    const cancelled = () =>
      fail(
        { kind: "not_sent", reason: "it was cancelled before it was sent (no longer needed)" },
        retries,
      );
    for (;;) {
      if (request.signal?.aborted) throw cancelled();
      const release = await this.limiter.acquire(request.signal);
      if (request.signal?.aborted) {
        // Nothing was sent: give the slot back unused (if one was taken before the abort).
        release({ notSent: true });
        throw cancelled();
      }
      const started = Date.now();
      let outcome: AttemptOutcome;
      try {
        // The slot is given back as soon as the answer is in (before it is decoded): its round
        // trip bounds when it reached Sell, and the tighter the bound the more of the budget is used.
        outcome = await this.attempt(url, request, release);
      } finally {
        release();
      }
      if (!outcome.ok && outcome.failure.kind === "status" && outcome.failure.rateLimited)
        this.limiter.rateLimited();
      const elapsed = Date.now() - started;
      if (outcome.ok) {
        this.log(
          `${request.method} ${url} → ${outcome.response.status} ${outcome.response.statusText} in ${elapsed} ms`,
        );
        return outcome.response as SellResponse<T>;
      }
      const { failure, error } = outcome;
      // A request nobody needs any more is not retried.
      if (request.signal?.aborted) throw cancelled();
      if (
        request.method === "DELETE" &&
        unansweredBefore &&
        failure.kind === "status" &&
        failure.status === 404 &&
        !failure.rateLimited
      ) {
        // The record is gone, but an earlier attempt's answer was lost: it may have deleted the
        // record, or there never was one. Say so rather than report a delete that may not be one.
        this.log(`${request.method} ${url} → 404 in ${elapsed} ms after an unanswered attempt`);
        throw fail({ ...error, outcome: "absent", hint: undefined }, retries);
      }
      const unanswered =
        failure.kind === "timeout" ||
        failure.kind === "invalid_body" ||
        (failure.kind === "network" && failure.delivered);
      unansweredBefore ||= unanswered;
      const decision = decideRetry(
        failure,
        { idempotent, retriesSoFar: retries, waitedMs },
        policy,
        this.random,
      );
      const what = error.status !== undefined ? String(error.status) : (error.reason ?? error.kind);
      if (!decision.retry) {
        this.log(
          `${request.method} ${url} → ${what} in ${elapsed} ms (${describeStop(decision.stop)})`,
        );
        throw fail(
          {
            ...error,
            outcome: this.outcomeOf(request, failure, idempotent),
            recordId: failure.kind === "invalid_body" ? failure.recordId : undefined,
            hint:
              failure.kind === "status" &&
              failure.rateLimited &&
              decision.stop.by !== "not_retryable"
                ? rateLimitHint(decision.stop, retries)
                : error.hint,
          },
          retries,
        );
      }
      this.log(
        `${request.method} ${url} → ${what} in ${elapsed} ms; retrying in ${decision.delayMs} ms`,
      );
      await this.sleep(decision.delayMs);
      waitedMs += decision.delayMs;
      retries += 1;
    }
  }

  /** What is known of a failed request's effect in Sell, when it matters to the reader. */
  private outcomeOf(
    request: SellRequest,
    failure: AttemptFailure,
    idempotent: boolean,
  ): WriteOutcome | undefined {
    // A 2xx was sent: Sell did it, whatever the body says.
    if (failure.kind === "invalid_body") return changesSomething(request) ? "applied" : undefined;
    if (idempotent) return undefined;
    const maybe =
      failure.kind === "timeout" ||
      (failure.kind === "network" && failure.delivered) ||
      (failure.kind === "status" && failure.status >= 500);
    return maybe ? "unknown" : undefined;
  }

  /** One request on the wire, judged. */
  private async attempt(
    url: string,
    request: SellRequest,
    answered: (details: AttemptDetails) => void,
  ): Promise<AttemptOutcome> {
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    const deadline = clock.timeout(timeoutMs);
    let answer: RawAnswer;
    try {
      answer = await this.exchange(url, request, deadline);
      answered({ reusedConnection: answer.reusedConnection });
    } catch (error) {
      if (request.signal?.aborted)
        return {
          ok: false,
          failure: { kind: "not_sent" },
          error: { kind: "not_sent", reason: "it was cancelled (no longer needed)" },
        };
      return this.classifyException(error, deadline.aborted ? timeoutMs : undefined);
    }
    return answer.status >= 200 && answer.status < 300
      ? this.decodeSuccess(answer, request)
      : this.classifyFailure(answer, url, request);
  }

  /** The axios call: sends the request and reads the whole answer, whatever its status. */
  private async exchange(
    url: string,
    request: SellRequest,
    deadline: AbortSignal,
  ): Promise<RawAnswer> {
    const hasBody = request.body !== undefined || request.rawBody !== undefined;
    const contentType = request.rawBody?.contentType ?? "application/json";
    const response: AxiosResponse<ArrayBuffer> = await axios.request<ArrayBuffer>({
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
      // The time limit covers the whole exchange (connect, send, answer), not only idle sockets.
      signal: request.signal ? AbortSignal.any([deadline, request.signal]) : deadline,
      responseType: "arraybuffer",
      transformResponse: (data: unknown) => data,
      validateStatus: () => true,
      // Never follow a redirect: the bearer token must not travel to another host.
      maxRedirects: 0,
      // Axios would otherwise pick proxies from the environment; requests go straight to Sell.
      proxy: false,
    });
    // Axios hands Node a Buffer already; only other adapters' ArrayBuffers need wrapping.
    const data: unknown = response.data;
    const bytes = Buffer.isBuffer(data)
      ? data
      : Buffer.from(data instanceof ArrayBuffer ? data : new ArrayBuffer(0));
    const reused = (response.request as { reusedSocket?: unknown } | undefined)?.reusedSocket;
    return {
      reusedConnection: typeof reused === "boolean" ? reused : undefined,
      status: response.status,
      statusText: response.statusText || STATUS_CODES[response.status] || "",
      headers: flattenHeaders(response.headers),
      bytes,
      text: bytes.toString("utf8"),
    };
  }

  /** A 2xx answer as the caller asked for it: parsed JSON, text or bytes. */
  private decodeSuccess(answer: RawAnswer, request: SellRequest): AttemptOutcome {
    const { status, statusText, headers, bytes, text } = answer;
    const kind = request.responseType ?? "json";
    if (kind === "arraybuffer")
      return { ok: true, response: { status, statusText, headers, body: bytes } };
    if (kind === "text") return { ok: true, response: { status, statusText, headers, body: text } };
    if (text.trim() === "")
      return { ok: true, response: { status, statusText, headers, body: null } };
    try {
      return { ok: true, response: { status, statusText, headers, body: JSON.parse(text) } };
    } catch {
      return {
        ok: false,
        failure: { kind: "invalid_body", recordId: recordIdIn(text) },
        error: {
          kind: "invalid_response",
          status,
          statusText,
          logref: headers["x-request-id"],
          reason: `not valid JSON: ${describeSnippet(text)}`,
        },
      };
    }
  }

  /** A non-2xx answer: what Sell said, and whether it is a rate limit. */
  private classifyFailure(answer: RawAnswer, url: string, request: SellRequest): AttemptOutcome {
    const { status, statusText, headers, text } = answer;
    const rateLimited = status === 429 || isRateLimitInDisguise(status, text);
    let parsedBody: unknown;
    try {
      parsedBody = text.trim() === "" ? undefined : JSON.parse(text);
    } catch {
      parsedBody = undefined;
    }
    const parsed = parseErrorBody(parsedBody);
    const errors: SellErrorDetail[] = parsed?.errors ?? [];
    const kind: SellFailureKind = rateLimited
      ? "rate_limited"
      : status === 410 && request.purpose === "stream"
        ? "position_expired"
        : "http";
    const reportedStatus = rateLimited ? 429 : status;
    return {
      ok: false,
      failure: {
        kind: "status",
        status,
        rateLimited,
        retryAfterMs: parseRetryAfter(headers["retry-after"]),
      },
      error: {
        kind,
        status: reportedStatus,
        statusText: rateLimited ? (STATUS_CODES[429] ?? "Too Many Requests") : statusText,
        logref: parsed?.logref ?? headers["x-request-id"],
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
        hint: hintFor(reportedStatus, errors[0]?.code, new URL(url).pathname, request.purpose),
      },
    };
  }

  /** A request that got no answer: never sent, timed out (`timedOutAfterMs`), or its connection failed. */
  private classifyException(error: unknown, timedOutAfterMs?: number): AttemptOutcome {
    const code =
      (isAxiosError(error) ? error.code : undefined) ??
      (error as { code?: unknown })?.code ??
      (error as { cause?: { code?: unknown } })?.cause?.code;
    const codeText = typeof code === "string" ? code : "";
    const message = this.redact(error instanceof Error ? error.message : String(error));
    const cause = { ...(codeText ? { code: codeText } : {}), message };
    const neverSent =
      timedOutAfterMs === undefined &&
      (NOT_SENT_CODES.has(codeText) ||
        (!isAxiosError(error) && (error instanceof TypeError || error instanceof RangeError)) ||
        (isAxiosError(error) && error.request === undefined && !TIMEOUT_CODES.has(codeText)));
    if (neverSent) {
      return {
        ok: false,
        failure: { kind: "not_sent" },
        error: { kind: "not_sent", reason: `the request could not be built (${message})`, cause },
      };
    }
    if (timedOutAfterMs !== undefined || TIMEOUT_CODES.has(codeText) || /timeout/i.test(message)) {
      const limit =
        timedOutAfterMs === undefined ? message : `${Math.round(timedOutAfterMs / 100) / 10} s`;
      return {
        ok: false,
        failure: { kind: "timeout" },
        error: { kind: "timeout", reason: `no response within the time limit (${limit})`, cause },
      };
    }
    const networkCode = codeText || "ERR_NETWORK";
    const delivered = !isUndelivered(networkCode);
    return {
      ok: false,
      failure: { kind: "network", code: networkCode, delivered },
      error: {
        kind: "network",
        delivered,
        reason: NETWORK_REASONS[networkCode] ?? `${message} (${networkCode})`,
        cause,
      },
    };
  }

  private log(line: string): void {
    if (!this.debug || !this.logger) return;
    this.logger.info(`[Zendesk Sell] ${this.redact(line)}`);
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
