/**
 * Per-token sliding-window rate limiter. A request is admitted when fewer than `limit` requests
 * of the same token were admitted in the last `windowMs`; rejected requests do not count.
 * Uses real monotonic time (not the injectable sandbox clock), so a frozen test clock does not
 * lock a token out forever.
 */
import { performance } from "node:perf_hooks";

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export class RateLimiter {
  private readonly arrivals = new Map<string, number[]>();

  constructor(
    private config: RateLimit | false,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  configure(config: RateLimit | false): void {
    this.config = config;
    this.arrivals.clear();
  }

  get settings(): RateLimit | false {
    return this.config;
  }

  /** True when the request may proceed (and is counted). */
  admit(token: string): boolean {
    if (!this.config) return true;
    const now = this.clock();
    const since = now - this.config.windowMs;
    const list = (this.arrivals.get(token) ?? []).filter((t) => t > since);
    if (list.length >= this.config.limit) {
      this.arrivals.set(token, list);
      return false;
    }
    list.push(now);
    this.arrivals.set(token, list);
    return true;
  }

  clear(): void {
    this.arrivals.clear();
  }
}
