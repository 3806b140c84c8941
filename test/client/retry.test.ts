import {
  type AttemptFailure,
  DEFAULT_RETRY_POLICY,
  decideRetry,
  parseRetryAfter,
} from "../../src/client";

const status = (
  code: number,
  extra: Partial<Extract<AttemptFailure, { kind: "status" }>> = {},
): AttemptFailure => ({
  kind: "status",
  status: code,
  rateLimited: code === 429,
  ...extra,
});
const first = (idempotent: boolean) => ({ idempotent, retriesSoFar: 0, waitedMs: 0 });
const half = () => 0.5;

describe("decideRetry", () => {
  it("retries 429 for every method, including a create", () => {
    expect(decideRetry(status(429), first(false), DEFAULT_RETRY_POLICY, half)).toEqual({
      retry: true,
      delayMs: 250,
    });
    expect(decideRetry(status(429), first(true), DEFAULT_RETRY_POLICY, half).retry).toBe(true);
  });

  it("retries a rate limit reported as 404 /429.json", () => {
    expect(
      decideRetry(status(404, { rateLimited: true }), first(false), DEFAULT_RETRY_POLICY, half)
        .retry,
    ).toBe(true);
  });

  it.each([500, 502, 503, 504])("retries %i only when the request is idempotent", (code) => {
    expect(decideRetry(status(code), first(true), DEFAULT_RETRY_POLICY, half).retry).toBe(true);
    expect(decideRetry(status(code), first(false), DEFAULT_RETRY_POLICY, half)).toEqual({
      retry: false,
      stop: { by: "not_retryable" },
    });
  });

  it.each([400, 401, 403, 404, 409, 410, 422])("never retries %i", (code) => {
    expect(decideRetry(status(code), first(true), DEFAULT_RETRY_POLICY, half).retry).toBe(false);
    expect(decideRetry(status(code), first(false), DEFAULT_RETRY_POLICY, half).retry).toBe(false);
  });

  it("retries resets and timeouts only for idempotent requests", () => {
    const reset: AttemptFailure = { kind: "network", code: "ECONNRESET", delivered: true };
    expect(decideRetry(reset, first(true), DEFAULT_RETRY_POLICY, half).retry).toBe(true);
    expect(decideRetry(reset, first(false), DEFAULT_RETRY_POLICY, half).retry).toBe(false);
    expect(decideRetry({ kind: "timeout" }, first(true), DEFAULT_RETRY_POLICY, half).retry).toBe(
      true,
    );
    expect(decideRetry({ kind: "timeout" }, first(false), DEFAULT_RETRY_POLICY, half).retry).toBe(
      false,
    );
    expect(
      decideRetry({ kind: "invalid_body" }, first(false), DEFAULT_RETRY_POLICY, half).retry,
    ).toBe(false);
  });

  it("retries a create whose connection was refused: it never reached Sell", () => {
    const refused: AttemptFailure = { kind: "network", code: "ECONNREFUSED", delivered: false };
    expect(decideRetry(refused, first(false), DEFAULT_RETRY_POLICY, half).retry).toBe(true);
  });

  it("backs off exponentially with full jitter, capped per attempt", () => {
    const policy = { maxRetries: 10, baseDelayMs: 100, maxDelayMs: 1000, maxTotalWaitMs: 1e9 };
    const ceilings = [0, 1, 2, 3, 4, 5].map((retriesSoFar) =>
      decideRetry(
        status(429),
        { idempotent: true, retriesSoFar, waitedMs: 0 },
        policy,
        () => 0.999_999,
      ),
    );
    expect(ceilings.map((d) => (d.retry ? d.delayMs : -1))).toEqual([99, 199, 399, 799, 999, 999]);
    const low = decideRetry(
      status(429),
      { idempotent: true, retriesSoFar: 3, waitedMs: 0 },
      policy,
      () => 0,
    );
    expect(low).toEqual({ retry: true, delayMs: 0 });
  });

  it("waits at least Retry-After when Sell sends one", () => {
    expect(
      decideRetry(status(429, { retryAfterMs: 2000 }), first(false), DEFAULT_RETRY_POLICY, half),
    ).toEqual({ retry: true, delayMs: 2000 });
  });

  it("stops at the retry limit (a 429's is higher: Sell did nothing) and at the total wait cap", () => {
    const afterRetries = (retriesSoFar: number) => ({
      idempotent: true,
      retriesSoFar,
      waitedMs: 0,
    });
    expect(decideRetry(status(503), afterRetries(6), DEFAULT_RETRY_POLICY, half)).toEqual({
      retry: false,
      stop: { by: "retry_limit", maxRetries: 6 },
    });
    expect(decideRetry(status(429), afterRetries(6), DEFAULT_RETRY_POLICY, half)).toMatchObject({
      retry: true,
    });
    expect(decideRetry(status(429), afterRetries(20), DEFAULT_RETRY_POLICY, half)).toEqual({
      retry: false,
      stop: { by: "retry_limit", maxRetries: 20 },
    });
    // Retries off means off, for a 429 too.
    const off = { ...DEFAULT_RETRY_POLICY, maxRetries: 0 };
    expect(decideRetry(status(429), afterRetries(0), off, half)).toEqual({
      retry: false,
      stop: { by: "retry_limit", maxRetries: 0 },
    });
    expect(
      decideRetry(
        status(429),
        { idempotent: true, retriesSoFar: 1, waitedMs: 59_900 },
        DEFAULT_RETRY_POLICY,
        half,
      ),
    ).toEqual({
      retry: false,
      stop: { by: "wait_limit", maxTotalWaitMs: 60_000 },
    });
  });

  it("says when Sell's Retry-After alone is longer than the time left to wait", () => {
    const retryAfter = {
      kind: "status" as const,
      status: 429,
      rateLimited: true,
      retryAfterMs: 3_600_000,
    };
    expect(
      decideRetry(
        retryAfter,
        { idempotent: false, retriesSoFar: 0, waitedMs: 0 },
        DEFAULT_RETRY_POLICY,
        half,
      ),
    ).toEqual({
      retry: false,
      stop: { by: "retry_after", retryAfterMs: 3_600_000, maxTotalWaitMs: 60_000 },
    });
  });

  it("never retries a request that was not sent", () => {
    expect(decideRetry({ kind: "not_sent" }, first(true), DEFAULT_RETRY_POLICY, half)).toEqual({
      retry: false,
      stop: { by: "not_retryable" },
    });
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(
      parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT")),
    ).toBe(5000);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});
