import type { Sandbox } from "../../sandbox";
import { call, sandbox } from "./helpers";

const A = "a".repeat(64);
const B = "b".repeat(64);
const WINDOW = 400;

const burst = async (sb: Sandbox, n: number, token = A) => {
  const statuses: number[] = [];
  for (let i = 0; i < n; i++)
    statuses.push((await call(sb, "GET", "/v2/users/self", { token })).status);
  return statuses;
};

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("rate limiting", () => {
  let sb: Sandbox;
  afterEach(() => sb.close());

  test("default is 10 requests per second per token", async () => {
    sb = await sandbox({ tokens: [A], rateLimit: undefined });
    const statuses = await burst(sb, 11);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  test("envelope style: 429 rate_limit_exceeded; per token; window slides; no Retry-After by default", async () => {
    sb = await sandbox({ tokens: [A, B], rateLimit: { limit: 3, windowMs: WINDOW } });
    expect(await burst(sb, 4)).toEqual([200, 200, 200, 429]);
    const limited = await call(sb, "GET", "/v2/leads", { token: A });
    expect(limited.status).toBe(429);
    expect(limited.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(limited.headers["retry-after"]).toBeUndefined();
    expect(limited.err.code).toBe("rate_limit_exceeded");
    expect(limited.error().meta).toMatchObject({
      http_status: "429 Too Many Requests",
      logref: limited.headers["x-request-id"],
    });
    expect(await burst(sb, 1, B)).toEqual([200]);
    await wait(WINDOW + 50);
    expect(await burst(sb, 1)).toEqual([200]);
    expect(sb.requests.filter((r) => r.status === 429).length).toBe(2);
  });

  test("a rate-limited request changes nothing", async () => {
    sb = await sandbox({ tokens: [A], rateLimit: { limit: 1, windowMs: 5000 } });
    expect(
      (await call(sb, "POST", "/v2/leads", { token: A, body: { data: { last_name: "One" } } }))
        .status,
    ).toBe(200);
    const second = await call(sb, "POST", "/v2/leads", {
      token: A,
      body: { data: { last_name: "Two" } },
    });
    expect(second.status).toBe(429);
    expect(sb.records("leads").map((l) => l.last_name)).toEqual(["One"]);
    expect(sb.events("leads")).toHaveLength(1);
  });

  test("plain style: a non-JSON 429 body", async () => {
    sb = await sandbox({
      tokens: [A],
      rateLimit: { limit: 1, windowMs: 5000 },
      rateLimitStyle: "plain",
    });
    await burst(sb, 1);
    const res = await call(sb, "GET", "/v2/users/self", { token: A });
    expect(res.status).toBe(429);
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
    expect(() => JSON.parse(res.text)).toThrow();
    expect(res.headers["x-request-id"]).toBeDefined();
  });

  test("disguised-404 style: Sell's '/429.json' quirk", async () => {
    sb = await sandbox({
      tokens: [A],
      rateLimit: { limit: 1, windowMs: 5000 },
      rateLimitStyle: "disguised-404",
    });
    await burst(sb, 1);
    const res = await call(sb, "POST", "/v2/leads", {
      token: A,
      body: { data: { last_name: "X" } },
    });
    expect(res.status).toBe(404);
    expect(res.err).toMatchObject({
      code: "incorrect_path",
      details: "Requested path at '/429.json' was not found using the HTTP method 'GET'.",
    });
    expect(sb.records("leads")).toEqual([]);
  });

  test("Retry-After when configured; setRateLimit at run time", async () => {
    sb = await sandbox({
      tokens: [A],
      rateLimit: { limit: 1, windowMs: 5000 },
      retryAfterSeconds: 2,
    });
    await burst(sb, 1);
    expect((await call(sb, "GET", "/v2/users/self", { token: A })).headers["retry-after"]).toBe(
      "2",
    );
    sb.setRateLimit(false);
    expect(await burst(sb, 5)).toEqual([200, 200, 200, 200, 200]);
    sb.setRateLimit({ limit: 1, windowMs: 5000 }, "plain");
    expect(await burst(sb, 2)).toEqual([200, 429]);
  });

  test("requests without a valid token are not counted", async () => {
    sb = await sandbox({ tokens: [A], rateLimit: { limit: 2, windowMs: 5000 } });
    for (let i = 0; i < 3; i++)
      expect((await call(sb, "GET", "/v2/users/self", { token: null })).status).toBe(401);
    expect(await burst(sb, 3)).toEqual([200, 200, 429]);
  });
});
