import { createHash } from "node:crypto";

/** Sell's documented limit: 36,000 requests per hour, i.e. 10 per second, per token. */
export const SELL_REQUESTS_PER_WINDOW = 10;
export const SELL_WINDOW_MS = 1000;

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
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

/** What is known of how a request went on the wire, when its slot is given back. */
export interface AttemptDetails {
  /** True when it went out on a connection already open (no connect or TLS time in its trip). */
  reusedConnection?: boolean;
  /** It was never sent (cancelled once its turn came): the slot is given back, nothing counted. */
  notSent?: boolean;
}

/** Call when the request is over (answered or failed); calling it again does nothing. */
export type ReleaseSlot = (details?: AttemptDetails) => void;

/** Round trips remembered to know how fast and how slow they are. */
const SAMPLES = 50;
/** Slack added to every wait: clock resolution (whole milliseconds at both ends of a wait). */
const SAFETY_MS = 3;
/** How far 429s widen the margin, at most (five processes sharing a token need about 4 s). */
const MAX_WIDENED_MS = 4000;
/** Each answer without a 429 narrows the widened margin by this factor. */
const NARROWING = 0.9;
/**
 * Below this mean round trip, one request at a time already runs faster than the limit (10 a
 * second takes 100 ms each), so reading ahead would only waste requests at the end of a list.
 */
const SEQUENTIAL_BELOW_MS = 20;

interface Send {
  at: number;
  /** Its round trip, once answered. */
  trip?: number;
}

const minimum = (values: number[]) => values.reduce((a, b) => Math.min(a, b), Infinity);
const maximum = (values: number[]) => values.reduce((a, b) => Math.max(a, b), -Infinity);
const remember = (list: number[], value: number) => {
  list.push(value);
  if (list.length > SAMPLES) list.shift();
};

/**
 * At most `limit` requests in any `windowMs`, as Sell counts them: on arrival.
 *
 * A request reaches Sell some time after it is sent, and that delay varies (a new TLS connection
 * takes far longer than a reused one). Counting sends alone would let a slow request and a fast
 * one sent later land within one window on Sell's side. Holding each slot until the answer plus
 * a window (the rule that assumes nothing) prevents that but caps any concurrency at
 * `limit / (window + round trip)`: a third of the budget at 300 ms.
 *
 * So the limiter assumes what it measures: a request's delay to Sell differs from another's by
 * no more than their round trips differ. A request sent at t with trip d has landed by t + d, and
 * a request sent now lands no sooner than now + the fastest trip; so once
 * `t + window + (d − fastest trip) + slack` has passed, the earlier request can no longer share
 * a window with anything sent from now on: it stops counting. A request is sent while fewer than
 * `limit` sends count. (Take any window on Sell's side and, of the requests landing in it, the
 * one sent last: every other was still counting when it was sent, so there are at most `limit`.)
 * Each slot comes free by itself: a fast answer frees its slot even while a slower request sent
 * before it still counts. With steady latency the whole budget is used; with jitter, what is lost
 * is how much slower than the fastest trip each request was (the price of never drawing a 429).
 *
 * The fastest trip is estimated from trips on connections already open (a new connection's trip
 * includes connecting, which says nothing about how fast a request can be): their minimum, less
 * the spread of all trips seen divided by how many such trips are known (few samples, wide
 * jitter: a lower estimate). With none known yet it is 0 (hold until answer + window). A request
 * still in flight counts as the slowest trip seen (or as long as it has taken so far).
 * A 429 widens the margin (doubled, at least 200 ms, at most 4 s; once per window however many
 * 429s arrive in it), each answer without one narrows it by a tenth: other processes using the
 * same token show up as 429s, and this gives them room.
 * Slots are handed out first come, first served; every attempt, retries included, takes one.
 */
export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly now: () => number;
  /** Sends that count or may count again (were the fastest trip to drop), oldest first. */
  private readonly sends: Send[] = [];
  private readonly trips: number[] = [];
  /** Trips on connections already open (or, when that is not known, after the first `limit`). */
  private readonly warmTrips: number[] = [];
  private granted = 0;
  /** Extra margin learned from 429s. */
  private widened = 0;
  /** When the margin was last widened: 429s answered for one crowded second widen it once. */
  private widenedAt = Number.NEGATIVE_INFINITY;
  private queue: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  private inFlight = 0;
  private wake?: () => void;

  constructor(options: RateLimiterOptions) {
    if (options.limit < 1 || options.windowMs <= 0) {
      throw new RangeError("RateLimiter needs limit >= 1 and windowMs > 0");
    }
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.now = options.now ?? Date.now;
  }

  /** The fastest a request may reach Sell, as far as measured (see the class comment). */
  fastest(): number {
    const warm = this.warmTrips.length;
    if (warm === 0) return 0;
    const spread = maximum(this.trips) - minimum(this.trips);
    return Math.max(0, minimum(this.warmTrips) - spread / Math.max(1, warm - 1));
  }

  private slowest(): number {
    return this.trips.length === 0 ? this.windowMs : maximum(this.trips);
  }

  /** How much later than a window after `send` the next request in its place may go. */
  private marginFor(send: Send, now: number): number {
    const trip = send.trip ?? Math.max(this.slowest(), now - send.at);
    return Math.max(0, trip - this.fastest()) + SAFETY_MS + this.widened;
  }

  /** The margin the next request would wait for, after the oldest counted send (for tests and tools). */
  margin(): number {
    const oldest = this.sends[0];
    return oldest ? this.marginFor(oldest, this.now()) : SAFETY_MS + this.widened;
  }

  /** Until when a send still counts: a request sent now could land within a window of it. */
  private countsUntil(send: Send, now: number): number {
    return send.at + this.windowMs + this.marginFor(send, now);
  }

  /** When each send that still counts stops counting, soonest first. */
  private counting(now: number): number[] {
    return this.sends
      .map((send) => this.countsUntil(send, now))
      .filter((until) => until > now)
      .sort((a, b) => a - b);
  }

  /** How many slots of the budget are not held by a recent send (queued requests included). */
  free(): number {
    return Math.max(0, this.limit - this.counting(this.now()).length);
  }

  /**
   * How many pages a listing should have asked for at once (the limiter decides when each is
   * sent). One while a request at a time already outruns the limit (a mean round trip under
   * 20 ms: reading ahead would only waste requests past the end). Otherwise one less than the
   * limit: Sell counts any 10 requests in a second, so a slot not used the moment it comes free
   * is lost for good, and the listing's first burst (the free budget, once page 1 shows there is
   * more) sets the pattern every later second repeats. Pages past the end that were sent by the
   * time the last page arrives are wasted: fewer than the limit.
   */
  readAhead(): number {
    if (this.trips.length === 0) return 1;
    const mean = this.trips.reduce((sum, trip) => sum + trip, 0) / this.trips.length;
    return mean < SEQUENTIAL_BELOW_MS ? 1 : Math.max(1, this.limit - 1);
  }

  /** Sell answered 429: someone else (another process) uses the token too; give them room. */
  rateLimited(): void {
    // Concurrent requests that were all sent into the same crowded second come back as a burst
    // of 429s; doubling for each would jump to the 4 s cap at once and starve every process.
    const now = this.now();
    if (now - this.widenedAt < this.windowMs) return;
    this.widenedAt = now;
    this.widened = Math.min(MAX_WIDENED_MS, Math.max(200, this.widened * 2));
  }

  /**
   * Resolves when the caller may send one request; call the returned function when it is over.
   * When `signal` aborts first, it resolves at once without taking a slot (the function returned
   * then does nothing), and the requests queued behind it move up.
   */
  acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    this.waiting += 1;
    const turn = this.queue.then(() => this.takeSlot(signal));
    this.queue = turn.catch(() => undefined);
    return turn.finally(() => {
      this.waiting -= 1;
    });
  }

  /** True when nothing is queued or in flight and no send still counts (safe to discard). */
  isIdle(): boolean {
    return this.waiting === 0 && this.inFlight === 0 && this.counting(this.now()).length === 0;
  }

  private async takeSlot(signal?: AbortSignal): Promise<ReleaseSlot> {
    for (;;) {
      if (signal?.aborted) return () => undefined;
      const now = this.now();
      this.forget(now);
      const counting = this.counting(now);
      // Free once fewer than `limit` count: the soonest of them to stop counting decides.
      const readyAt = counting.length < this.limit ? now : (counting.at(-this.limit) ?? now);
      if (readyAt <= now) return this.grant(now);
      // Sleep until then, or until an answer changes the estimate (an in-flight send ends).
      // Either way the timer goes: a wait left pending would hold the process open after its turn.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => this.wake?.(), readyAt - now);
        const aborted = () => this.wake?.();
        signal?.addEventListener("abort", aborted, { once: true });
        this.wake = () => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", aborted);
          this.wake = undefined;
          resolve();
        };
      });
    }
  }

  /** Drops answered sends that would not count even if the fastest trip were 0. */
  private forget(now: number): void {
    const margin = SAFETY_MS + this.widened;
    const kept = this.sends.filter(
      (send) => send.trip === undefined || send.at + this.windowMs + send.trip + margin > now,
    );
    if (kept.length < this.sends.length) this.sends.splice(0, this.sends.length, ...kept);
  }

  private grant(now: number): ReleaseSlot {
    const send: Send = { at: now };
    const afterFirstBatch = this.granted >= this.limit;
    this.granted += 1;
    this.sends.push(send);
    this.inFlight += 1;
    let released = false;
    return (details = {}) => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      if (details.notSent) {
        const index = this.sends.indexOf(send);
        if (index >= 0) this.sends.splice(index, 1);
        this.wake?.();
        return;
      }
      send.trip = this.now() - send.at;
      remember(this.trips, send.trip);
      if (details.reusedConnection ?? afterFirstBatch) remember(this.warmTrips, send.trip);
      // Back to the whole budget within a few dozen answers once nobody else takes it.
      this.widened = this.widened < 20 ? 0 : this.widened * NARROWING;
      this.wake?.();
    };
  }
}

const limiters = new Map<string, RateLimiter>();
/** When idle limiters were last discarded: at most once a window, not on every new token. */
let lastSweep = 0;

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
    const now = Date.now();
    if (now - lastSweep >= SELL_WINDOW_MS) {
      lastSweep = now;
      for (const [otherKey, other] of limiters) {
        if (other.isIdle()) limiters.delete(otherKey);
      }
    }
    limiter = new RateLimiter({ limit: SELL_REQUESTS_PER_WINDOW, windowMs: SELL_WINDOW_MS });
    limiters.set(key, limiter);
  }
  return limiter;
}
