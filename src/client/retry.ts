/**
 * When to retry a Sell request, and how long to wait. Pure: the transport feeds it what
 * happened and gets back a decision, so every rule is unit-testable without sockets or clocks.
 *
 * Sell has no idempotency key, so a request that may have reached Sell is retried only when
 * repeating it cannot create a second record:
 * - 429 (and the `404 /429.json` disguise) for every method: Sell refused it, nothing happened;
 * - failures that prove the request never left (connection refused, DNS) for every method;
 * - 5xx, resets, timeouts and unreadable bodies only for idempotent requests
 *   (GET, HEAD, OPTIONS, PUT, DELETE, and POSTs the caller marks idempotent such as upsert and search);
 * - never 4xx otherwise (400, 401, 403, 404, 409, 410, 422 …).
 */

/** What went wrong with one attempt, as the policy needs to know it. */
export type AttemptFailure =
  | { kind: "status"; status: number; rateLimited: boolean; retryAfterMs?: number }
  | { kind: "network"; code: string; delivered: boolean }
  | { kind: "timeout" }
  /** A 2xx whose body could not be read; `recordId` is the ID it showed, if any. */
  | { kind: "invalid_body"; recordId?: string }
  /** The request could not be built, so nothing was sent. */
  | { kind: "not_sent" };

export interface RetryPolicy {
  /** Retries after the first attempt (0: retries are off, for 429s too). */
  maxRetries: number;
  /**
   * Retries of a 429 (default: `maxRetries`). Sell did nothing, so a 429 is safe to retry,
   * creates included, and processes sharing a token can keep its budget full for a while: the
   * default policy allows more of them, within the same `maxTotalWaitMs`.
   */
  maxRateLimitRetries?: number;
  /** First backoff ceiling; doubles each retry (full jitter picks a delay in [0, ceiling)). */
  baseDelayMs: number;
  /** Largest single backoff ceiling. */
  maxDelayMs: number;
  /** Total time a request may spend waiting between attempts before it gives up. */
  maxTotalWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 6,
  maxRateLimitRetries: 20,
  baseDelayMs: 500,
  maxDelayMs: 16_000,
  maxTotalWaitMs: 60_000,
};

/** Why a failed request is not retried (again). */
export type StopReason =
  | { by: "not_retryable" }
  | { by: "retry_limit"; maxRetries: number }
  | { by: "wait_limit"; maxTotalWaitMs: number }
  /** Sell asked for a wait (Retry-After) longer than the whole wait limit. */
  | { by: "retry_after"; retryAfterMs: number; maxTotalWaitMs: number };

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; stop: StopReason };

/** How a stop reads in a debug line. */
export const describeStop = (stop: StopReason): string =>
  stop.by === "not_retryable"
    ? "not retried"
    : stop.by === "retry_limit"
      ? "retry limit reached"
      : stop.by === "wait_limit"
        ? "wait limit reached"
        : "Retry-After exceeds the wait limit";

/** Errors that prove the request never reached the server: safe to repeat even for a create. */
const NOT_DELIVERED_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ERR_INVALID_URL"]);

export const isUndelivered = (code: string): boolean => NOT_DELIVERED_CODES.has(code);

const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

export const isIdempotentMethod = (method: string): boolean =>
  IDEMPOTENT_METHODS.has(method.toUpperCase());

function isRetryable(failure: AttemptFailure, idempotent: boolean): boolean {
  switch (failure.kind) {
    case "status":
      if (failure.rateLimited) return true;
      return failure.status >= 500 && idempotent;
    case "network":
      return !failure.delivered || idempotent;
    case "timeout":
    case "invalid_body":
      return idempotent;
    case "not_sent":
      return false;
  }
}

/**
 * @param retriesSoFar retries already made for this request (0 after the first attempt)
 * @param waitedMs time already spent waiting between attempts
 * @param random source of jitter in [0, 1)
 */
export function decideRetry(
  failure: AttemptFailure,
  {
    idempotent,
    retriesSoFar,
    waitedMs,
  }: { idempotent: boolean; retriesSoFar: number; waitedMs: number },
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): RetryDecision {
  if (!isRetryable(failure, idempotent)) {
    return { retry: false, stop: { by: "not_retryable" } };
  }
  const rateLimited = failure.kind === "status" && failure.rateLimited;
  const maxRetries =
    rateLimited && policy.maxRetries > 0
      ? (policy.maxRateLimitRetries ?? policy.maxRetries)
      : policy.maxRetries;
  if (retriesSoFar >= maxRetries) {
    return { retry: false, stop: { by: "retry_limit", maxRetries } };
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retriesSoFar);
  let delayMs = Math.floor(random() * ceiling);
  const retryAfterMs = failure.kind === "status" ? failure.retryAfterMs : undefined;
  if (retryAfterMs !== undefined) delayMs = Math.max(delayMs, retryAfterMs);
  if (waitedMs + delayMs > policy.maxTotalWaitMs) {
    return {
      retry: false,
      stop:
        retryAfterMs !== undefined && retryAfterMs > policy.maxTotalWaitMs
          ? { by: "retry_after", retryAfterMs, maxTotalWaitMs: policy.maxTotalWaitMs }
          : { by: "wait_limit", maxTotalWaitMs: policy.maxTotalWaitMs },
    };
  }
  return { retry: true, delayMs };
}

/** `Retry-After` as delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value !== "string" || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
