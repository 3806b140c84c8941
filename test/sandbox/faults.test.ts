import type { Sandbox, SandboxOptions } from "../../sandbox";
import { call, sandbox } from "./helpers";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const createLead = (sb: Sandbox, name = "Fault", timeoutMs?: number) =>
  call(sb, "POST", "/v2/leads", {
    body: { data: { last_name: name } },
    ...(timeoutMs ? { timeoutMs } : {}),
  });
const names = (sb: Sandbox) => sb.records("leads").map((l) => l.last_name);

let sb: Sandbox;
const start = async (options: SandboxOptions = {}) => {
  sb = await sandbox(options);
  return sb;
};
afterEach(() => sb.close());

describe("random faults", () => {
  test("errorRates: a 5xx envelope and the operation is NOT performed", async () => {
    await start({ faults: { errorRates: { 503: 1 } } });
    const res = await createLead(sb);
    expect(res.status).toBe(503);
    expect(res.err.code).toBe("temporarily_unavailable");
    expect(res.error().meta).toMatchObject({
      http_status: "503 Service Unavailable",
      logref: res.headers["x-request-id"],
    });
    expect(names(sb)).toEqual([]);
    expect(sb.requests.at(-1)).toMatchObject({
      method: "POST",
      path: "/v2/leads",
      status: 503,
      fault: "status",
    });
  });

  test("match limits faults to some requests; setFaults replaces them", async () => {
    await start({
      faults: { errorRates: { 500: 1 }, match: { method: "POST", path: /^\/v2\/deals/ } },
    });
    expect((await createLead(sb)).status).toBe(200);
    expect((await call(sb, "POST", "/v2/deals", { body: { data: {} } })).status).toBe(500);
    sb.setFaults({});
    expect((await call(sb, "POST", "/v2/deals", { body: { data: {} } })).status).toBe(422);
  });

  test("nonJsonRate: 502 with an HTML body, nothing performed", async () => {
    await start({ faults: { nonJsonRate: 1 } });
    const res = await createLead(sb);
    expect(res.status).toBe(502);
    expect(res.headers["content-type"]).toBe("text/html");
    expect(res.text).toContain("<html>");
    expect(names(sb)).toEqual([]);
  });

  test("resetRate: connection reset without an answer; not performed by default", async () => {
    await start({ faults: { resetRate: 1 } });
    await expect(createLead(sb)).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(names(sb)).toEqual([]);
    expect(sb.requests.at(-1)).toMatchObject({ status: 0, fault: "reset" });
  });

  test("resetRate with afterEffect.reset: the write happened, the answer is lost", async () => {
    await start({ faults: { resetRate: 1, afterEffect: { reset: true } } });
    await expect(createLead(sb)).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(names(sb)).toEqual(["Fault"]);
  });

  test("truncateRate: a 200 whose JSON is cut in half; performed by default", async () => {
    await start({ faults: { truncateRate: 1 } });
    const res = await createLead(sb);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.text.startsWith('{"data":{')).toBe(true);
    expect(() => JSON.parse(res.text)).toThrow();
    expect(names(sb)).toEqual(["Fault"]);
  });

  test("truncateRate with afterEffect.truncate=false: a dry run, nothing kept", async () => {
    await start({ faults: { truncateRate: 1, afterEffect: { truncate: false } } });
    expect((await createLead(sb)).status).toBe(200);
    expect(names(sb)).toEqual([]);
    expect(sb.events("leads")).toEqual([]);
  });

  test("slowRate: answer after slowMs (client times out) but the write happened", async () => {
    await start({ faults: { slowRate: 1, slowMs: 300 } });
    await expect(createLead(sb, "Slow", 100)).rejects.toMatchObject({ code: "ETIMEDOUT" });
    expect(names(sb)).toEqual(["Slow"]);
  });

  test("slowRate with afterEffect.slow=false: not performed when the client gave up", async () => {
    await start({ faults: { slowRate: 1, slowMs: 250, afterEffect: { slow: false } } });
    await expect(createLead(sb, "Slow", 80)).rejects.toMatchObject({ code: "ETIMEDOUT" });
    await wait(350);
    expect(names(sb)).toEqual([]);
    sb.setFaults({ slowRate: 1, slowMs: 50, afterEffect: { slow: false } });
    expect((await createLead(sb, "Patient", 2000)).status).toBe(200);
    expect(names(sb)).toEqual(["Patient"]);
  });

  test("latencyMs delays answers (fixed and range)", async () => {
    await start({ faults: { latencyMs: 120 } });
    let t = Date.now();
    expect((await call(sb, "GET", "/v2/users/self")).status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(110);
    sb.setFaults({ latencyMs: { min: 50, max: 60 } });
    t = Date.now();
    await call(sb, "GET", "/v2/users/self");
    expect(Date.now() - t).toBeGreaterThanOrEqual(45);
  });

  test("the seeded PRNG makes random faults reproducible", async () => {
    const run = async () => {
      const s = await sandbox({ seed: 7, faults: { errorRates: { 500: 0.3, 503: 0.2 } } });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await call(s, "GET", "/v2/users/self")).status);
      await s.close();
      return statuses;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(new Set(a)).toEqual(new Set([200, 500, 503]));
    await start();
  });
});

describe("scripted faults (failNext)", () => {
  test("a status fault for the next matching request only", async () => {
    await start();
    sb.failNext({ method: "POST", path: /^\/v2\/leads$/, fault: { status: 500 } });
    expect((await call(sb, "GET", "/v2/leads")).status).toBe(200);
    expect((await createLead(sb, "A")).status).toBe(500);
    expect((await createLead(sb, "B")).status).toBe(200);
    expect(names(sb)).toEqual(["B"]);
  });

  test("times: N consecutive faults", async () => {
    await start();
    sb.failNext({ fault: { status: 503 }, times: 2 });
    expect((await call(sb, "GET", "/v2/leads")).status).toBe(503);
    expect((await call(sb, "GET", "/v2/leads")).status).toBe(503);
    expect((await call(sb, "GET", "/v2/leads")).status).toBe(200);
  });

  test("a scripted 429 uses the rate-limit style", async () => {
    await start({ rateLimitStyle: "disguised-404" });
    sb.failNext({ fault: { status: 429 } });
    const res = await call(sb, "GET", "/v2/leads");
    expect(res.status).toBe(404);
    expect(res.text).toContain("/429.json");
  });

  test("reset (before / after effect)", async () => {
    await start();
    sb.failNext({ fault: "reset" });
    await expect(createLead(sb, "Lost")).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(names(sb)).toEqual([]);
    sb.failNext({ fault: "reset", afterEffect: true });
    await expect(createLead(sb, "Ghost")).rejects.toMatchObject({ code: "ECONNRESET" });
    expect(names(sb)).toEqual(["Ghost"]);
  });

  test("truncate (after / before effect)", async () => {
    await start();
    sb.failNext({ fault: "truncate" });
    const cut = await createLead(sb, "Cut");
    expect(() => JSON.parse(cut.text)).toThrow();
    expect(names(sb)).toEqual(["Cut"]);
    sb.failNext({ fault: "truncate", afterEffect: false });
    await createLead(sb, "DryRun");
    expect(names(sb)).toEqual(["Cut"]);
    sb.failNext({ fault: "truncate" });
    const del = await call(sb, "DELETE", `/v2/leads/${sb.records("leads")[0]?.id}`);
    expect(del.status).toBe(200);
    expect(() => JSON.parse(del.text)).toThrow();
  });

  test("non-json", async () => {
    await start();
    sb.failNext({ fault: "non-json" });
    const res = await call(sb, "GET", "/v2/leads");
    expect(res.status).toBe(502);
    expect(res.text).toContain("502 Bad Gateway");
  });

  test("slow (after effect by default, before effect on request)", async () => {
    await start();
    sb.failNext({ fault: { slowMs: 250 } });
    await expect(createLead(sb, "Late", 80)).rejects.toMatchObject({ code: "ETIMEDOUT" });
    expect(names(sb)).toEqual(["Late"]);
    sb.failNext({ fault: { slowMs: 200 }, afterEffect: false });
    await expect(createLead(sb, "Never", 60)).rejects.toMatchObject({ code: "ETIMEDOUT" });
    await wait(280);
    expect(names(sb)).toEqual(["Late"]);
  });

  test("scripted faults win over random ones and are logged", async () => {
    await start({ faults: { errorRates: { 500: 1 } } });
    sb.failNext({ fault: "non-json" });
    expect((await call(sb, "GET", "/v2/leads")).status).toBe(502);
    expect((await call(sb, "GET", "/v2/leads")).status).toBe(500);
    expect(sb.requests.map((r) => r.fault)).toEqual(["non-json", "status"]);
  });

  test("close() does not wait for pending slow answers", async () => {
    await start();
    sb.failNext({ fault: { slowMs: 60_000 } });
    const pending = createLead(sb, "x", 20_000).catch((e: unknown) => e);
    await wait(50);
    const t = Date.now();
    await sb.close();
    expect(Date.now() - t).toBeLessThan(1000);
    await pending;
    await start();
  });
});
