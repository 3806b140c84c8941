import { z } from "zod";
import { redact } from "./redact";

/**
 * What went wrong, in categories a flow author (or a retry policy) can act on.
 * `http` covers every answer with a status code Sell sent; the others never got one.
 * `not_sent`: the request could not be built (an invalid header, say), so nothing left.
 */
export type SellFailureKind =
  | "http"
  | "rate_limited"
  | "network"
  | "timeout"
  | "invalid_response"
  | "position_expired"
  | "not_sent";

/**
 * What a request is for. It decides whether the request is safe to repeat, how a failure is
 * classified (a 410 of a stream read means its position expired) and how an error describes
 * what happened to a write ("the record was created").
 */
export type RequestPurpose =
  | "read"
  | "create"
  | "update"
  | "delete"
  | "upsert"
  | "search"
  | "stream"
  | "raw";

/**
 * What is known of a write's effect when its answer could not be used:
 * - `applied`: Sell answered 2xx, so it was carried out, but the answer could not be read;
 * - `unknown`: it may have been carried out (5xx, a reset or a timeout after it was sent);
 * - `absent`: a retried delete found no record, so it is gone, but whether it ever existed is unknown.
 */
export type WriteOutcome = "applied" | "unknown" | "absent";

/** One entry of Sell's error envelope, flattened. */
export interface SellErrorDetail {
  code?: string;
  message?: string;
  details?: string;
  resource?: string;
  /** Attribute name, e.g. `last_name`, taken from Sell's JSON pointer (`/data/last_name`). */
  field?: string;
}

/** A low-level failure, described without the request or response objects (they hold the token). */
export interface FailureCause {
  code?: string;
  message: string;
}

export interface SellApiErrorInit {
  kind: SellFailureKind;
  method: string;
  /** Path including the API version, e.g. `/v2/leads/12`. Never includes the host or query. */
  path: string;
  purpose?: RequestPurpose;
  status?: number;
  statusText?: string;
  logref?: string;
  errors?: SellErrorDetail[];
  /** What to do about it, appended to the message. */
  hint?: string;
  /** Short description used when there is no Sell error envelope (network failures, bad bodies). */
  reason?: string;
  retries?: number;
  /** For network failures: the request left (the connection broke afterwards, not before). */
  delivered?: boolean;
  /** What is known of the request's effect in Sell (see `WriteOutcome`). */
  outcome?: WriteOutcome;
  /** The ID of the record a write created or changed, when the unreadable answer showed it. */
  recordId?: string;
  cause?: FailureCause;
}

/** Only what can be said safely; `secrets` are redacted from every text, then forgotten. */
export interface SellApiErrorOptions {
  secrets?: readonly string[];
}

/** A plain error describing the low-level cause, holding nothing but a code and a message. */
class SellErrorCause extends Error {
  override readonly name = "SellErrorCause";
  readonly code?: string;
  constructor(cause: FailureCause) {
    super(cause.message);
    if (cause.code !== undefined) this.code = cause.code;
  }
}

const redactDetail = (detail: SellErrorDetail, secrets: readonly string[]): SellErrorDetail =>
  Object.fromEntries(
    Object.entries(detail).map(([key, value]) => [
      key,
      typeof value === "string" ? redact(value, secrets) : value,
    ]),
  ) as SellErrorDetail;

/** The init with every text that came from Sell or the network redacted. */
function redactInit(init: SellApiErrorInit, secrets: readonly string[]): SellApiErrorInit {
  const clean = (text: string | undefined) =>
    text === undefined ? undefined : redact(text, secrets);
  return {
    ...init,
    path: redact(init.path, secrets),
    statusText: clean(init.statusText),
    logref: clean(init.logref),
    reason: clean(init.reason),
    recordId: clean(init.recordId),
    errors: init.errors?.map((detail) => redactDetail(detail, secrets)),
    cause: init.cause && { code: init.cause.code, message: redact(init.cause.message, secrets) },
  };
}

/**
 * The single error type the client throws for anything that went wrong talking to Sell.
 * Its message is written for a person reading a failed step:
 * `Zendesk Sell rejected POST /v2/leads (422 Unprocessable Entity): last_name — can't be blank (logref 6f2…)`.
 * It holds no request, response or credential: only what its message says, in fields.
 */
export class SellApiError extends Error {
  override readonly name = "SellApiError";
  readonly kind: SellFailureKind;
  readonly method: string;
  readonly path: string;
  readonly status?: number;
  readonly statusText?: string;
  readonly logref?: string;
  readonly errors: SellErrorDetail[];
  readonly hint?: string;
  readonly retries: number;
  readonly outcome?: WriteOutcome;
  readonly recordId?: string;

  constructor(unsafeInit: SellApiErrorInit, options: SellApiErrorOptions = {}) {
    const init = redactInit(unsafeInit, options.secrets ?? []);
    super(
      formatSellApiErrorMessage(init),
      init.cause === undefined ? undefined : { cause: new SellErrorCause(init.cause) },
    );
    this.kind = init.kind;
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.statusText = init.statusText;
    this.logref = init.logref;
    this.errors = init.errors ?? [];
    this.hint = init.hint;
    this.retries = init.retries ?? 0;
    if (init.outcome !== undefined) this.outcome = init.outcome;
    if (init.recordId !== undefined) this.recordId = init.recordId;
  }

  /** First Sell error code, e.g. `blank`, `rate_limit_exceeded`, `not_found`. */
  get code(): string | undefined {
    return this.errors.find((e) => e.code)?.code;
  }

  /** Same as `message`; `toJSON` keeps the readable message when something serialises the error. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      kind: this.kind,
      method: this.method,
      path: this.path,
      status: this.status,
      code: this.code,
      logref: this.logref,
      errors: this.errors,
      ...(this.outcome === undefined ? {} : { outcome: this.outcome }),
      ...(this.recordId === undefined ? {} : { recordId: this.recordId }),
    };
  }
}

const describeDetail = (detail: SellErrorDetail): string => {
  const text =
    detail.message && detail.details && !detail.details.includes(detail.message)
      ? `${detail.message} (${detail.details})`
      : (detail.details ?? detail.message ?? detail.code ?? "unknown error");
  return detail.field ? `${detail.field} — ${text}` : text;
};

const statusLabel = (status?: number, statusText?: string): string =>
  status === undefined ? "" : statusText ? `${status} ${statusText}` : String(status);

/** "the record was created", by what the request was for. */
const carriedOut = (purpose: RequestPurpose | undefined, recordId: string | undefined): string => {
  const record = recordId === undefined ? "the record" : `the record (ID ${recordId})`;
  switch (purpose) {
    case "create":
      return `${record} was created`;
    case "update":
      return `${record} was updated`;
    case "delete":
      return `${record} was deleted`;
    case "upsert":
      return `${record} was created or updated`;
    default:
      return recordId === undefined ? "it was carried out" : `it was carried out (${record})`;
  }
};

export const MAY_HAVE_APPLIED =
  "The request may still have been carried out: check Sell before repeating it.";

export function formatSellApiErrorMessage(init: SellApiErrorInit): string {
  const where = `${init.method} ${init.path}`;
  const logref = init.logref ? ` (logref ${init.logref})` : "";
  const retried = init.retries
    ? ` after ${init.retries} ${init.retries === 1 ? "retry" : "retries"}`
    : "";
  const caution = init.outcome === "unknown" ? ` ${MAY_HAVE_APPLIED}` : "";
  const hint = `${init.hint ? ` ${init.hint}` : ""}${caution}`;
  const details = (init.errors ?? []).map(describeDetail).join("; ");
  const text = details || init.reason || "no error details were returned";
  const what = /[.!?]$/.test(text) ? text.slice(0, -1) : text;
  const status = statusLabel(init.status, init.statusText);
  if (init.outcome === "applied") {
    return `Zendesk Sell answered ${where} with ${status || "success"}, so ${carriedOut(init.purpose, init.recordId)}, but its answer could not be read${retried}: ${what}. Do not repeat the request: check the record in Sell.${init.hint ? ` ${init.hint}` : ""}${logref}`;
  }
  if (init.outcome === "absent") {
    return `Zendesk Sell could not confirm ${where}: an earlier attempt got no answer, and the retry found no such record (${status}). The record is not in Sell now: either that attempt deleted it, or it never existed.${init.hint ? ` ${init.hint}` : ""}${logref}`;
  }
  switch (init.kind) {
    case "network":
      return init.delivered
        ? `The connection to Zendesk Sell broke during ${where}, before its answer arrived${retried}: ${what}.${hint}`
        : `Zendesk Sell could not be reached for ${where}${retried}: ${what}.${hint}`;
    case "timeout":
      return `Zendesk Sell did not answer ${where} in time${retried}: ${what}.${hint}`;
    case "not_sent":
      return `${where} was not sent to Zendesk Sell: ${what}.${hint}`;
    case "invalid_response":
      return `Zendesk Sell answered ${where}${status ? ` (${status})` : ""}${retried} with an unexpected body: ${what}.${hint}${logref}`;
    default:
      return init.status !== undefined && init.status >= 500
        ? `Zendesk Sell failed on ${where} (${status})${retried}: ${what}.${hint}${logref}`
        : `Zendesk Sell rejected ${where} (${status})${retried}: ${what}.${hint}${logref}`;
  }
}

const RawErrorEntry = z.looseObject({
  error: z
    .looseObject({
      code: z.string().optional(),
      message: z.string().optional(),
      details: z.string().optional(),
      resource: z.string().optional(),
      field: z.string().optional(),
    })
    .optional(),
});

const RawErrorEnvelope = z.looseObject({
  errors: z.array(RawErrorEntry),
  meta: z
    .looseObject({
      http_status: z.string().optional(),
      logref: z.string().optional(),
    })
    .optional(),
});

/** `/data/last_name` → `last_name`; `/invalid_field` → `invalid_field`. */
export const fieldFromPointer = (pointer: string | undefined): string | undefined => {
  if (!pointer) return undefined;
  const parts = pointer.split("/").filter((p) => p.length > 0);
  const relevant = parts[0] === "data" && parts.length > 1 ? parts.slice(1) : parts;
  return relevant.join(".") || undefined;
};

export interface ParsedErrorBody {
  errors: SellErrorDetail[];
  logref?: string;
}

/** Reads Sell's error envelope, or an OAuth-style `{error, error_description}` body. */
export function parseErrorBody(body: unknown): ParsedErrorBody | undefined {
  const envelope = RawErrorEnvelope.safeParse(body);
  if (envelope.success) {
    const errors = envelope.data.errors
      .map((entry) => entry.error)
      .filter((e): e is NonNullable<typeof e> => e !== undefined)
      .map((e) => ({
        code: e.code,
        message: e.message,
        details: e.details,
        resource: e.resource,
        field: fieldFromPointer(e.field),
      }));
    return { errors, logref: envelope.data.meta?.logref };
  }
  const oauth = z
    .looseObject({ error: z.string(), error_description: z.string().optional() })
    .safeParse(body);
  if (oauth.success) {
    return { errors: [{ code: oauth.data.error, details: oauth.data.error_description }] };
  }
  return undefined;
}

/** Sell sometimes reports a rate limit as `404 … '/429.json' was not found`. */
export const isRateLimitInDisguise = (status: number, rawBody: string): boolean =>
  status === 404 && rawBody.includes("/429.json");

/** Advice appended to the message, by status and path, so the reader knows what to fix. */
export function hintFor(
  status: number,
  code: string | undefined,
  path: string,
  purpose?: RequestPurpose,
): string | undefined {
  const stream = purpose === "stream" || /^\/v3\/[^/]+\/stream$/.test(path);
  if (status === 401) {
    return "The access token is missing, expired or revoked: reconnect the Zendesk Sell connection (or create a new personal access token).";
  }
  if (status === 403) {
    if (stream) {
      return "Firehose needs a token of the account's root user, Tree Based Permissions, and a plan that includes Firehose (Growth or above); on other plans, watch changes with the New and Updated Records trigger (list polling).";
    }
    if (path.includes("/search")) {
      return "The Search API needs a plan that includes it (Growth or above).";
    }
    if (path.startsWith("/v2/users") || path.startsWith("/v2/accounts")) {
      return "Reading users and account details needs the 'profile' scope: add it to the connection's scopes and reconnect.";
    }
    if (path.startsWith("/v2/products")) {
      return "Products need an admin user on Sell Enterprise or above.";
    }
    if (code === "insufficient_scope") {
      return "The token lacks a required scope ('read', 'write' or 'profile'): add it to the connection's scopes and reconnect.";
    }
    return "The connected user is not allowed to do this in Sell: check their role and permissions.";
  }
  if (status === 404 && code !== "incorrect_path") {
    return "Check that the ID is right and that the connected user can see the record.";
  }
  if (status === 409 && path.endsWith("/upsert")) {
    return "The upsert filters matched more than one record: add filters until they identify a single record.";
  }
  if (status === 410 && stream) {
    return "The stream position is older than Firehose's 72-hour retention: start again from 'tail' (oldest kept events) or 'top' (new events only).";
  }
  return undefined;
}

/** Why a rate-limited request was given up, for its hint. */
export type RateLimitStop =
  | { by: "retry_limit"; maxRetries: number }
  | { by: "wait_limit"; maxTotalWaitMs: number }
  | { by: "retry_after"; retryAfterMs: number; maxTotalWaitMs: number };

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/** The hint of a 429 that was not retried further: which limit stopped it, exactly. */
export function rateLimitHint(stop: RateLimitStop, retries: number): string {
  const limit = "Sell allows 10 requests per second per token";
  const tries = retries === 1 ? "1 retry" : `${retries} retries`;
  switch (stop.by) {
    case "retry_limit":
      return stop.maxRetries === 0
        ? `${limit}; retries are off for this request, so it was not retried.`
        : `${limit}; it was still rate limited after ${tries}, the most the component makes (${stop.maxRetries}).`;
    case "wait_limit":
      return `${limit}; it was retried (${tries}) until the next wait would have passed the component's limit of ${seconds(stop.maxTotalWaitMs)} of waiting in all.`;
    case "retry_after":
      return `${limit}; Sell asked to wait ${seconds(stop.retryAfterMs)} (Retry-After), more than the component's limit of ${seconds(stop.maxTotalWaitMs)} of waiting in all, so it ${retries === 0 ? "was not retried" : `was given up after ${tries}`}.`;
  }
}
