import { createHash } from "node:crypto";

/** Sell's documented limit: 36,000 requests per hour, i.e. 10 per second, per token. */
export const SELL_REQUESTS_PER_WINDOW = 10;
export const SELL_WINDOW_MS = 1000;

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * The client's time: how it waits between retries, draws their jitter, and bounds how long a
 * request may take. Clients built without their own `sleep`/`random` use it, and every request's
 * timeout is a signal from `timeout`, so tests can make waits instant or scale all of the
 * client's time down (`clock.sleep = …`, `clock.timeout = …`) while production keeps real time.
 * The component itself never changes it.
 */
export const clock = {
  sleep,
  random: (): number => Math.random(),
  /** A signal that aborts after `ms`: the request's time limit. */
  timeout: (ms: number): AbortSignal => AbortSignal.timeout(Math.max(1, ms)),
};

/** Call when the request is over (answered or failed); calling it again does nothing. */
export type ReleaseSlot = () => void;

/**
 * At most `limit` requests in any `windowMs`, as Sell counts them: on arrival.
 *
 * A request reaches Sell some time between being sent and its answer coming back, and that
 * delay varies (a new TLS connection takes far longer than a reused one). Counting from send
 * times would let a slow first batch and a fast second batch land within one second on Sell's
 * side. So a slot is held while its request is in flight and for a full window after it ends:
 * request n+10 is sent a window after request n finished, hence arrives more than a window
 * after request n arrived, whatever the latencies. Slots are handed out first come, first served;
 * every attempt, retries included, takes one.
 */
export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private inFlight = 0;
  /** End times of finished requests still inside the window, oldest first. */
  private readonly finished: number[] = [];
  private queue: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private wake?: () => void;

  constructor(options: RateLimiterOptions) {
    if (options.limit < 1 || options.windowMs <= 0) {
      throw new RangeError("RateLimiter needs limit >= 1 and windowMs > 0");
    }
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? sleep;
  }

  /** Resolves when the caller may send one request; call the returned function when it is over. */
  acquire(): Promise<ReleaseSlot> {
    this.waiting += 1;
    const turn = this.queue.then(() => this.takeSlot());
    this.queue = turn.catch(() => undefined);
    return turn.finally(() => {
      this.waiting -= 1;
    });
  }

  /** True when nothing is queued or in flight and no slot is still held (safe to discard). */
  isIdle(): boolean {
    this.prune(this.now());
    return this.waiting === 0 && this.inFlight === 0 && this.finished.length === 0;
  }

  private prune(now: number): void {
    while (this.finished.length > 0 && now - (this.finished[0] as number) >= this.windowMs) {
      this.finished.shift();
    }
  }

  private async takeSlot(): Promise<ReleaseSlot> {
    for (;;) {
      const now = this.now();
      this.prune(now);
      if (this.inFlight + this.finished.length < this.limit) {
        this.inFlight += 1;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          this.inFlight -= 1;
          this.finished.push(this.now());
          this.wake?.();
        };
      }
      const oldest = this.finished[0];
      if (oldest !== undefined) {
        await this.sleep(oldest + this.windowMs - now);
      } else {
        // Every slot is in flight: wait for one to finish, then for its window.
        await new Promise<void>((resolve) => {
          this.wake = () => {
            this.wake = undefined;
            resolve();
          };
        });
      }
    }
  }
}

const limiters = new Map<string, RateLimiter>();

const keyFor = (token: string, scope: string): string =>
  createHash("sha256").update(scope).update("\u0000").update(token).digest("hex");

/**
 * The one limiter for a token in this process, shared by every client built for it, so
 * concurrent actions of one process together stay under Sell's limit. Keyed by a hash so the
 * registry never holds the token itself. `scope` separates hosts (live Sell vs a local sandbox).
 */
export function limiterForToken(token: string, scope = "https://api.getbase.com"): RateLimiter {
  const key = keyFor(token, scope);
  let limiter = limiters.get(key);
  if (!limiter) {
    for (const [otherKey, other] of limiters) {
      if (other.isIdle()) limiters.delete(otherKey);
    }
    limiter = new RateLimiter({ limit: SELL_REQUESTS_PER_WINDOW, windowMs: SELL_WINDOW_MS });
    limiters.set(key, limiter);
  }
  return limiter;
}
