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

describe("RateLimiter (fake timers)", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("spreads a burst of 50 at Sell's limit: never more than 10 in any second, and no idle gaps", async () => {
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
    // Batches of 10 a second apart: the whole budget is used, with no idle gap.
    expect(Math.max(...grants)).toBe(4 * SELL_WINDOW_MS);
    expect(limiter).toMatchObject({ limit: 10, windowMs: 1000 });
  });

  it("holds a slot while its request is in flight and for a window after it ends", async () => {
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000 });
    const start = Date.now();
    const releaseFirst = await limiter.acquire();
    const releaseSecond = await limiter.acquire();
    let thirdAt: number | undefined;
    const third = limiter.acquire().then((release) => {
      thirdAt = Date.now() - start;
      release();
    });
    await jest.advanceTimersByTimeAsync(5000);
    expect(thirdAt).toBeUndefined(); // both requests are still in flight
    releaseFirst(); // the first request is answered at t=5000
    releaseSecond();
    await jest.advanceTimersByTimeAsync(999);
    expect(thirdAt).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    await third;
    expect(thirdAt).toBe(6000);
  });

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
