import { isConnectionError } from "@prismatic-io/spectral";
import { z } from "zod";

/**
 * What went wrong, in categories a flow author (or a retry policy) can act on.
 * `http` covers every answer with a status code Sell sent; the others never got one.
 */
export type SellFailureKind =
  | "http"
  | "rate_limited"
  | "network"
  | "timeout"
  | "invalid_response"
  | "position_expired";

/** One entry of Sell's error envelope, flattened. */
export interface SellErrorDetail {
  code?: string;
  message?: string;
  details?: string;
  resource?: string;
  /** Attribute name, e.g. `last_name`, taken from Sell's JSON pointer (`/data/last_name`). */
  field?: string;
}

export interface SellApiErrorInit {
  kind: SellFailureKind;
  method: string;
  /** Path including the API version, e.g. `/v2/leads/12`. Never includes the host or query. */
  path: string;
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
  /** Sell may have carried the request out although no answer was read (a create: check before repeating). */
  mayHaveApplied?: boolean;
  cause?: unknown;
}

/**
 * The single error type the client throws for anything that went wrong talking to Sell.
 * Its message is written for a person reading a failed step:
 * `Zendesk Sell rejected POST /v2/leads (422 Unprocessable Entity): last_name — can't be blank (logref 6f2…)`.
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

  constructor(init: SellApiErrorInit) {
    super(
      formatSellApiErrorMessage(init),
      init.cause === undefined ? undefined : { cause: init.cause },
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
    };
  }
}

/** Raised before any request is sent when an input does not make sense. */
export class InputError extends Error {
  override readonly name = "InputError";
  constructor(
    readonly inputLabel: string,
    problem: string,
  ) {
    super(`${inputLabel}: ${problem}`);
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

export function formatSellApiErrorMessage(init: SellApiErrorInit): string {
  const where = `${init.method} ${init.path}`;
  const logref = init.logref ? ` (logref ${init.logref})` : "";
  const retried = init.retries
    ? ` after ${init.retries} ${init.retries === 1 ? "retry" : "retries"}`
    : "";
  const caution = init.mayHaveApplied
    ? " The request may still have been carried out: check Sell before repeating it."
    : "";
  const hint = `${init.hint ? ` ${init.hint}` : ""}${caution}`;
  const details = (init.errors ?? []).map(describeDetail).join("; ");
  const text = details || init.reason || "no error details were returned";
  const what = /[.!?]$/.test(text) ? text.slice(0, -1) : text;
  switch (init.kind) {
    case "network":
      return init.delivered
        ? `The connection to Zendesk Sell broke during ${where}, before its answer arrived${retried}: ${what}.${hint}`
        : `Zendesk Sell could not be reached for ${where}${retried}: ${what}.${hint}`;
    case "timeout":
      return `Zendesk Sell did not answer ${where} in time${retried}: ${what}.${hint}`;
    case "invalid_response":
      return `Zendesk Sell answered ${where}${init.status === undefined ? "" : ` (${statusLabel(init.status, init.statusText)})`}${retried} with an unexpected body: ${what}.${hint}${logref}`;
    default:
      return `Zendesk Sell rejected ${where} (${statusLabel(init.status, init.statusText)})${retried}: ${what}.${hint}${logref}`;
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
): string | undefined {
  if (status === 401) {
    return "The access token is missing, expired or revoked: reconnect the Zendesk Sell connection (or create a new personal access token).";
  }
  if (status === 403) {
    if (path.includes("/stream")) {
      return "Firehose needs a token of the account's root user, Tree Based Permissions, and a plan that includes Firehose (Growth or above).";
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
  if (status === 410 && path.includes("/stream")) {
    return "The stream position is older than Firehose's 72-hour retention: start again from 'tail' (oldest kept events) or 'top' (new events only).";
  }
  if (status === 429) {
    return "Sell allows 10 requests per second per token; the request was retried until the wait limit was reached.";
  }
  return undefined;
}

/**
 * Turns anything thrown inside an action, data source or trigger into an `Error` whose message
 * a person can read. Used as the component's error hook.
 */
export function toReadableError(error: unknown): Error {
  if (error instanceof SellApiError || error instanceof InputError || isConnectionError(error)) {
    return error as Error;
  }
  if (error instanceof z.ZodError) {
    return new Error(`Invalid value: ${z.prettifyError(error)}`);
  }
  if (error instanceof Error) {
    if (error.message && error.message !== "{}" && error.message !== "[object Object]")
      return error;
    return new Error(`${error.name || "Error"} without a message was raised`, { cause: error });
  }
  if (typeof error === "string") return new Error(error);
  if (error && typeof error === "object") {
    const message = (error as { message?: unknown }).message;
    if (typeof message === "string" && message) return new Error(message);
    try {
      return new Error(`Unexpected error: ${JSON.stringify(error)}`);
    } catch {
      return new Error("Unexpected error that could not be described");
    }
  }
  return new Error(`Unexpected error: ${String(error)}`);
}
