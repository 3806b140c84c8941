import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  limiterForToken,
  RateLimiter,
  SELL_REQUESTS_PER_WINDOW,
  SELL_WINDOW_MS,
  SellTransport,
} from "../../src/client";
import { clientOf, newToken, oauthConnection } from "../helpers/sell";

/** Largest number of timestamps that fall in any window of `windowMs`. */
const busiestWindow = (times: number[], windowMs: number): number => {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while ((sorted[i] as number) - (sorted[j] as number) >= windowMs) j += 1;
    best = Math.max(best, i - j + 1);
  }
  return best;
};

/** A deterministic source of jitter. */
const rng = (() => {
  let state = 7;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
})();

describe("RateLimiter (fake timers)", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("spreads a burst of 50 at Sell's limit: never more than 10 in any window, batches a window (plus the measured margin) apart", async () => {
    const real = limiterForToken(newToken());
    const limiter = new RateLimiter({ limit: real.limit, windowMs: real.windowMs });
    const start = Date.now();
    const grants: number[] = [];
    // Each request is answered instantly, so the budget is the only thing that spaces them.
    const all = Promise.all(
      Array.from({ length: 50 }, () =>
        limiter.acquire().then((release) => {
          grants.push(Date.now() - start);
          release();
        }),
      ),
    );
    await jest.advanceTimersByTimeAsync(10_000);
    await all;
    expect(grants).toHaveLength(50);
    expect(busiestWindow(grants, SELL_WINDOW_MS)).toBe(SELL_REQUESTS_PER_WINDOW);
    // Instant answers: the round trips do not spread, so the margin is the 3 ms of slack.
    expect(Math.max(...grants)).toBe(4 * (SELL_WINDOW_MS + 3));
    expect(limiter).toMatchObject({ limit: 10, windowMs: 1000 });
  });

  it("until a round trip on an open connection is known, a request waits for the answer it replaces plus a window", async () => {
    const limiter = new RateLimiter({ limit: 10, windowMs: 1000 });
    const start = Date.now();
    const firsts = await Promise.all(Array.from({ length: 10 }, () => limiter.acquire()));
    let eleventhAt: number | undefined;
    const eleventh = limiter.acquire().then((release) => {
      eleventhAt = Date.now() - start;
      release();
    });
    await jest.advanceTimersByTimeAsync(400);
    // Slow first answers: 400 ms, each on a new connection (connect and TLS time in its trip).
    for (const release of firsts) release({ reusedConnection: false });
    await jest.advanceTimersByTimeAsync(2000);
    await eleventh;
    // No trip says how fast a request can be (counts as 0): 0 + 1000 + 400 + 3 ms of slack.
    expect(eleventhAt).toBe(1403);
    expect(limiter.fastest()).toBe(0);
  });

  it("trips on open connections tell the fastest a request can be, less their spread while few are known", async () => {
    const limiter = new RateLimiter({ limit: 10, windowMs: 1000 });
    const send = async (trip: number, reusedConnection?: boolean) => {
      const release = await limiter.acquire();
      await jest.advanceTimersByTimeAsync(trip);
      release({ reusedConnection });
    };
    await send(900, false); // a new connection: its trip is no lower bound
    expect(limiter.fastest()).toBe(0);
    await send(300, true);
    // One trip on an open connection: 300, less the spread of all trips (600).
    expect(limiter.fastest()).toBe(0);
    await send(320, true);
    await send(310, true);
    // Three: the lowest (300) less the spread (900 − 300) over two.
    expect(limiter.fastest()).toBe(0);
    for (let i = 0; i < 7; i += 1) await send(300 + i, true);
    // Ten: 300 − 600 / 9.
    expect(limiter.fastest()).toBeCloseTo(300 - 600 / 9, 6);
  });

  it("with steady trips on open connections from the first, the second batch already goes a window after the first", async () => {
    const limiter = new RateLimiter({ limit: 10, windowMs: 1000 });
    const start = Date.now();
    const granted: number[] = [];
    const worker = async () => {
      for (let i = 0; i < 3; i += 1) {
        const release = await limiter.acquire();
        granted.push(Date.now() - start);
        await new Promise((resolve) => setTimeout(resolve, 300));
        release({ reusedConnection: true });
      }
    };
    const all = Promise.all(Array.from({ length: 10 }, worker));
    await jest.advanceTimersByTimeAsync(10_000);
    await all;
    expect([...new Set(granted)]).toEqual([0, 1003, 2006]);
  });

  it("a slot taken by a request that was never sent is given back without counting", async () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000 });
    const first = await limiter.acquire();
    const second = await limiter.acquire();
    second({ notSent: true });
    expect(limiter.free()).toBe(1);
    let third = false;
    void limiter.acquire().then((release) => {
      third = true;
      release();
    });
    await jest.advanceTimersByTimeAsync(0);
    expect(third).toBe(true);
    first();
  });

  it("reads one page at a time while a request at a time outruns the limit, else asks for one less than the limit", async () => {
    const limiter = new RateLimiter({ limit: 10, windowMs: 1000 });
    expect(limiter.readAhead()).toBe(1); // nothing measured
    const send = async (trip: number) => {
      const release = await limiter.acquire();
      await jest.advanceTimersByTimeAsync(trip);
      release({ reusedConnection: true });
    };
    await send(5);
    await send(25);
    expect(limiter.readAhead()).toBe(1); // a mean of 15 ms: ten in 150 ms, one at a time
    await send(40);
    expect(limiter.readAhead()).toBe(9); // a mean of 23 ms
    expect(limiter.free()).toBe(7); // three sends of the last second hold their slots
  });

  it("with steady round trips, a request goes a window (plus slack) after the one it replaces", async () => {
    const limiter = new RateLimiter({ limit: 10, windowMs: 1000 });
    const start = Date.now();
    const granted: number[] = [];
    const worker = async () => {
      for (let i = 0; i < 4; i += 1) {
        const release = await limiter.acquire();
        granted.push(Date.now() - start);
        await new Promise((resolve) => setTimeout(resolve, 300));
        release();
      }
    };
    const all = Promise.all(Array.from({ length: 10 }, worker));
    await jest.advanceTimersByTimeAsync(20_000);
    await all;
    // Whether a connection was reused is not known here, so the first batch counts as new
    // connections: batch 2 waits for the answer it replaces (300 ms) plus a window and the
    // slack. Its own trips count as open connections; every one took the same 300 ms, so from
    // batch 3 on batches are a window and the slack apart.
    expect([...new Set(granted)]).toEqual([0, 1303, 2306, 3309]);
  });

  it("a slot freed by a fast answer is used at once, not held behind a slower request sent before it", async () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000 });
    // Fifty trips of 100 ms and one of 300 ms on open connections: fastest = 100 − 200 / 49.
    for (let i = 0; i < 51; i += 1) {
      const release = await limiter.acquire();
      await jest.advanceTimersByTimeAsync(i === 50 ? 300 : 100);
      release({ reusedConnection: true });
      await jest.advanceTimersByTimeAsync(1500); // its slot is free again
    }
    const fastest = 100 - 200 / 49;
    expect(limiter.fastest()).toBeCloseTo(fastest, 6);
    const start = Date.now();
    const granted: number[] = [];
    const take = () =>
      limiter.acquire().then((release) => {
        granted.push(Date.now() - start);
        return release;
      });
    // A (slow, 300 ms) and B (fast, 100 ms) go at once; C and D queue behind them.
    const [slow, fast] = await Promise.all([take(), take()]);
    const later = Promise.all([take(), take()]);
    await jest.advanceTimersByTimeAsync(100);
    fast({ reusedConnection: true });
    await jest.advanceTimersByTimeAsync(200);
    slow({ reusedConnection: true });
    await jest.advanceTimersByTimeAsync(2000);
    for (const release of await later) release();
    // C takes B's slot a window (plus B's excess over the fastest trip and the slack) after B;
    // D takes A's, later by A's 200 ms longer trip. Holding C behind A would cost it 200 ms.
    expect(granted.slice(0, 2)).toEqual([0, 0]);
    expect(granted[2]).toBeGreaterThanOrEqual(1000 + (100 - fastest) + 3);
    expect(granted[2]).toBeLessThan(1010);
    expect(granted[3]).toBeGreaterThanOrEqual(1000 + (300 - fastest) + 3);
    expect(granted[3]).toBeLessThan(1210);
  });

  it("a request cancelled while it waits for its turn leaves the queue at once, taking no slot", async () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 1000 });
    const start = Date.now();
    (await limiter.acquire())({ reusedConnection: true }); // the budget is spent for a window
    const cancel = new AbortController();
    let cancelledAt: number | undefined;
    const cancelledTurn = limiter.acquire(cancel.signal).then((release) => {
      cancelledAt = Date.now() - start;
      return release;
    });
    let nextAt: number | undefined;
    const next = limiter.acquire().then((release) => {
      nextAt = Date.now() - start;
      return release;
    });
    await jest.advanceTimersByTimeAsync(10);
    cancel.abort();
    await jest.advanceTimersByTimeAsync(0);
    expect(cancelledAt).toBe(10); // no wait for a slot it no longer needs
    (await cancelledTurn)({ notSent: true });
    await jest.advanceTimersByTimeAsync(3000);
    (await next)();
    // The one behind it takes the first slot to come free, not the one after.
    expect(nextAt).toBeLessThan(1010);
  });

  it("a 429 widens the margin (other processes share the token); answers without one narrow it back", async () => {
    const limiter = new RateLimiter({ limit: 100, windowMs: 1000 });
    for (let i = 0; i < 10; i += 1) (await limiter.acquire())();
    const base = limiter.margin();
    limiter.rateLimited();
    expect(limiter.margin()).toBe(base + 200);
    jest.advanceTimersByTime(1000);
    limiter.rateLimited();
    expect(limiter.margin()).toBe(base + 400);
    for (let i = 0; i < 5; i += 1) (await limiter.acquire())();
    // A tenth less per answer: 400 × 0.9^5.
    expect(limiter.margin()).toBeCloseTo(base + 400 * 0.9 ** 5, 6);
    for (let i = 0; i < 25; i += 1) (await limiter.acquire())();
    expect(limiter.margin()).toBe(base); // under 20 ms it is gone
    for (let i = 0; i < 10; i += 1) {
      jest.advanceTimersByTime(1000);
      limiter.rateLimited();
    }
    expect(limiter.margin()).toBe(base + 4000); // at most 4 s
  });

  it("a burst of 429s answered within one window widens the margin once", () => {
    const limiter = new RateLimiter({ limit: 10, windowMs: 1000 });
    const base = limiter.margin();
    // Nine requests sent into the same crowded second all come back 429.
    for (let i = 0; i < 9; i += 1) {
      limiter.rateLimited();
      jest.advanceTimersByTime(50);
    }
    expect(limiter.margin()).toBe(base + 200);
    // The next crowded second widens it again.
    jest.advanceTimersByTime(600);
    limiter.rateLimited();
    expect(limiter.margin()).toBe(base + 400);
  });

  it.each([
    ["jittered latency (one way 100–300 ms)", () => 100 + rng() * 200],
    ["a slow first batch (new connections) then fast ones", (n: number) => (n < 10 ? 800 : 10)],
  ])(
    "with %s, Sell never sees more than 10 arrivals in a second, and the budget is used",
    async (_, oneWay) => {
      const limiter = new RateLimiter({ limit: 10, windowMs: 1000 });
      const start = Date.now();
      const arrivals: number[] = [];
      let n = 0;
      // Ten workers, each sending its next request as soon as the limiter lets it.
      const worker = async () => {
        while (n < 200) {
          const id = n++;
          const release = await limiter.acquire();
          const delay = oneWay(id);
          arrivals.push(Date.now() - start + delay);
          await new Promise((resolve) => setTimeout(resolve, delay * 2));
          release();
        }
      };
      const all = Promise.all(Array.from({ length: 10 }, worker));
      await jest.advanceTimersByTimeAsync(60_000);
      await all;
      expect(arrivals).toHaveLength(200);
      expect(busiestWindow(arrivals, 1000)).toBeLessThanOrEqual(10);
      // 200 requests at 10 per second cannot take less than 19 s; the margin may cost some.
      expect(Math.max(...arrivals)).toBeLessThan(19_000 * 1.35);
    },
  );

  it("grants in request order", async () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 100 });
    const order: number[] = [];
    const all = Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        limiter.acquire().then((release) => {
          order.push(n);
          release();
        }),
      ),
    );
    await jest.advanceTimersByTimeAsync(1000);
    await all;
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });
});

describe("one limiter per token, shared by every client", () => {
  it("returns the same limiter for the same token and different ones for different tokens", () => {
    const token = newToken();
    expect(limiterForToken(token)).toBe(limiterForToken(token));
    expect(limiterForToken(token)).not.toBe(limiterForToken(newToken()));
    expect(limiterForToken(token)).toMatchObject({ limit: 10 });
  });

  it("two clients built from the same connection draw from one budget", async () => {
    const connection = oauthConnection();
    const first = clientOf(connection);
    const second = clientOf(connection);
    // Both transports must hold the process-wide limiter of that token.
    const limiterOf = (client: typeof first) =>
      (client.transport as unknown as { limiter: RateLimiter }).limiter;
    expect(limiterOf(first)).toBe(limiterOf(second));
  });
});

describe("against a server that enforces the limit (short real window)", () => {
  const WINDOW_MS = 100;
  const LIMIT = 10;
  let server: Server;
  let origin: string;
  const arrivals: number[] = [];
  let rejected = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const now = performance.now();
      const recent = arrivals.filter((t) => now - t < WINDOW_MS).length;
      arrivals.push(now);
      if (recent >= LIMIT) {
        rejected += 1;
        res.writeHead(429, { "Content-Type": "text/plain" }).end("Too Many Requests");
        return;
      }
      res
        .writeHead(200, { "Content-Type": "application/json" })
        .end(JSON.stringify({ data: { id: 1, url: req.url } }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("a burst of 50 requests from two clients sharing a token is never answered 429", async () => {
    // The real limiter's rule on a 100 ms window instead of 1 s.
    const limiter = new RateLimiter({ limit: LIMIT, windowMs: WINDOW_MS });
    const token = newToken();
    const clients = [0, 1].map(
      () =>
        new SellTransport({
          token,
          origin,
          limiter,
          retryPolicy: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxTotalWaitMs: 0 },
        }),
    );
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        (clients[i % 2] as SellTransport).send("v2", { method: "GET", path: `/leads/${i}` }),
      ),
    );
    const elapsed = performance.now() - started;
    expect(rejected).toBe(0);
    expect(arrivals).toHaveLength(50);
    expect(busiestWindow(arrivals, WINDOW_MS)).toBeLessThanOrEqual(LIMIT);
    // It also uses the budget: 50 requests need 4 full windows, plus the time to answer them.
    expect(elapsed).toBeGreaterThanOrEqual(4 * WINDOW_MS);
    expect(elapsed).toBeLessThan(4 * WINDOW_MS + 600);
  });
});
