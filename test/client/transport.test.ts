import { SellApiError, SellTransport } from "../../src/client";
import {
  clientOf,
  instantRetries,
  newToken,
  oauthConnection,
  SELL,
  sellApi,
  sellError,
  socketError,
} from "../helpers/sell";

const lead = { id: 1, first_name: "Mark", last_name: "Johnson", organization_name: null };

describe("requests", () => {
  it("sends the bearer token, Accept, a User-Agent and the { data } envelope on writes", async () => {
    const token = newToken();
    const scope = sellApi(token)
      .matchHeader("content-type", "application/json")
      .post("/v2/leads", { data: { last_name: "Johnson" } })
      .reply(200, { data: lead, meta: { type: "lead" } });
    const sell = clientOf(oauthConnection(token));
    await expect(sell.v2.create("/leads", { last_name: "Johnson" })).resolves.toEqual({
      data: lead,
      meta: { type: "lead" },
    });
    scope.done();
  });

  it("addresses v2 and v3 as separate entry points", async () => {
    const scope = sellApi()
      .get("/v2/leads/1")
      .reply(200, { data: lead, meta: { type: "lead" } })
      .get("/v3/leads/stream")
      .query({ position: "tail", limit: "10" })
      .reply(200, { items: [], meta: { position: "abc", top: true } });
    const sell = clientOf(oauthConnection());
    await sell.v2.get("/leads/1");
    await sell.v3.streamPage("leads", "tail", 10);
    scope.done();
  });

  it("returns the body exactly as Sell sent it, unknown fields and key order included", async () => {
    const body = {
      data: { z_last: 1, id: 5, unknown_new_field: { nested: [1, 2] } },
      meta: { type: "deal", version: 4 },
      extra: true,
    };
    sellApi().get("/v2/deals/5").reply(200, body);
    const sell = clientOf(oauthConnection());
    const result = await sell.v2.get("/deals/5");
    expect(result).toEqual(body);
    expect(Object.keys(result.data)).toEqual(["z_last", "id", "unknown_new_field"]);
  });

  it("gives typed access to a collection and treats a 204 as an empty body", async () => {
    sellApi()
      .get("/v2/leads")
      .query({ page: "1", per_page: "25" })
      .reply(200, {
        items: [{ data: lead, meta: { type: "lead" } }],
        meta: { type: "collection", count: 1, links: {} },
      })
      .delete("/v2/leads/1")
      .reply(204);
    const sell = clientOf(oauthConnection());
    const page = await sell.v2.list("/leads", { page: 1, per_page: 25 });
    expect(page.items[0]?.data.id).toBe(1);
    await expect(sell.v2.delete("/leads/1")).resolves.toBeUndefined();
  });

  it("refuses a response that is not the envelope the endpoint documents", async () => {
    sellApi().get("/v2/leads/1").reply(200, { items: [] }, { "X-Request-Id": "req-77" });
    const sell = clientOf(oauthConnection());
    await expect(sell.v2.get("/leads/1")).rejects.toThrow(
      "Zendesk Sell answered GET /v2/leads/1 (200 OK) with an unexpected body: the response does not have the expected shape (data: expected a JSON object, received undefined). (logref req-77)",
    );
  });

  it("never follows a redirect, so the token cannot be sent to another host", async () => {
    sellApi().get("/v2/leads/1").reply(302, "", { Location: "https://evil.example.com/steal" });
    const sell = clientOf(oauthConnection());
    await expect(sell.v2.get("/leads/1")).rejects.toMatchObject({ status: 302 });
  });

  it("cannot be pointed at another host through a path", () => {
    const transport = new SellTransport({ token: newToken() });
    expect(transport.urlFor("v2", "//evil.example.com/x")).toBe(`${SELL}/v2//evil.example.com/x`);
    expect(new URL(transport.urlFor("v2", "//evil.example.com/x")).host).toBe("api.getbase.com");
  });
});

describe("retries", () => {
  let retry: ReturnType<typeof instantRetries>;
  beforeEach(() => {
    retry = instantRetries();
  });
  afterEach(() => retry.restore());

  it("POST 429 then 201: retried, and exactly one record is created", async () => {
    const scope = sellApi()
      .post("/v2/leads", { data: { last_name: "Johnson" } })
      .reply(429, "Too Many Requests")
      .post("/v2/leads", { data: { last_name: "Johnson" } })
      .reply(201, { data: lead, meta: { type: "lead" } });
    const sell = clientOf(oauthConnection());
    await expect(sell.v2.create("/leads", { last_name: "Johnson" })).resolves.toMatchObject({
      data: { id: 1 },
    });
    scope.done();
    expect(retry.delays).toEqual([250]);
  });

  it("POST 503: exactly one request and a clear error (the create may have happened)", async () => {
    const scope = sellApi()
      .post("/v2/leads")
      .reply(
        503,
        sellError(
          "503 Service Unavailable",
          [{ code: "temporarily_unavailable", message: "Service temporarily unavailable" }],
          "lr-503",
        ),
      );
    const sell = clientOf(oauthConnection());
    await expect(sell.v2.create("/leads", { last_name: "Johnson" })).rejects.toThrow(
      "Zendesk Sell failed on POST /v2/leads (503 Service Unavailable): Service temporarily unavailable. The request may still have been carried out: check Sell before repeating it. (logref lr-503)",
    );
    scope.done();
    expect(retry.delays).toEqual([]);
  });

  it("GET 503 then 200 succeeds", async () => {
    const scope = sellApi()
      .get("/v2/leads/1")
      .reply(503)
      .get("/v2/leads/1")
      .reply(200, { data: lead });
    const sell = clientOf(oauthConnection());
    await expect(sell.v2.get("/leads/1")).resolves.toMatchObject({ data: lead });
    scope.done();
  });

  it("PUT reset then 200 succeeds", async () => {
    const scope = sellApi()
      .put("/v2/leads/1", { data: { title: "CEO" } })
      .replyWithError(socketError("ECONNRESET"))
      .put("/v2/leads/1", { data: { title: "CEO" } })
      .reply(200, { data: { ...lead, title: "CEO" } });
    const sell = clientOf(oauthConnection());
    await expect(sell.v2.update("/leads/1", { title: "CEO" })).resolves.toMatchObject({
      data: { title: "CEO" },
    });
    scope.done();
  });

  it("POST reset is not retried: the lead may exist already", async () => {
    const scope = sellApi().post("/v2/leads").replyWithError(socketError("ECONNRESET"));
    const sell = clientOf(oauthConnection());
    await expect(sell.v2.create("/leads", { last_name: "X" })).rejects.toThrow(
      "The connection to Zendesk Sell broke during POST /v2/leads, before its answer arrived: the connection was reset (ECONNRESET). The request may still have been carried out: check Sell before repeating it.",
    );
    scope.done();
  });

  it("upsert POST is idempotent: a 502 is retried", async () => {
    const scope = sellApi()
      .post("/v2/leads/upsert")
      .query({ email: "a@b.co" })
      .reply(502)
      .post("/v2/leads/upsert")
      .query({ email: "a@b.co" })
      .reply(200, { data: lead });
    const sell = clientOf(oauthConnection());
    await expect(
      sell.v2.upsert("/leads/upsert", { last_name: "J" }, { email: "a@b.co" }),
    ).resolves.toMatchObject({ data: lead });
    scope.done();
  });

  it("422 is never retried", async () => {
    const scope = sellApi()
      .post("/v2/leads")
      .reply(
        422,
        sellError(
          "422 Unprocessable Entity",
          [
            {
              code: "blank",
              message: "can't be blank",
              field: "/data/last_name",
              resource: "lead",
            },
          ],
          "6f2a",
        ),
      );
    const sell = clientOf(oauthConnection());
    await expect(sell.v2.create("/leads", {})).rejects.toThrow(
      "Zendesk Sell rejected POST /v2/leads (422 Unprocessable Entity): last_name — can't be blank. (logref 6f2a)",
    );
    scope.done();
    expect(retry.delays).toEqual([]);
  });

  it("gives up once the total wait would pass the cap, and says how often it retried", async () => {
    retry.restore();
    retry = instantRetries(() => 0.999);
    // Delays with random ~1: 499, 999, 1998, 3996, 7992, 15984, 15984 (47.5 s); the next
    // 15984 would pass 60 s. A 429 may be retried up to 20 times: the wait cap stops it first.
    const scope = sellApi().get("/v2/leads/1").times(8).reply(429, { errors: [] });
    const sell = clientOf(oauthConnection());
    const error = (await sell.v2.get("/leads/1").catch((e: unknown) => e)) as SellApiError;
    expect(error.message).toMatch(
      /^Zendesk Sell rejected GET \/v2\/leads\/1 \(429 Too Many Requests\) after 7 retries:.*it was retried \(7 retries\) until the next wait would have passed the component's limit of 60 s of waiting in all\.$/,
    );
    expect(error.retries).toBe(7);
    scope.done();
    expect(retry.delays.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(60_000);
  });

  it("stops early when the wait cap is reached before the retry limit", async () => {
    retry.restore();
    retry = instantRetries(() => 0.999);
    const scope = sellApi().get("/v2/leads/1").times(3).reply(503);
    const transport = new SellTransport({
      token: newToken(),
      retryPolicy: { maxRetries: 10, baseDelayMs: 1000, maxDelayMs: 10_000, maxTotalWaitMs: 3000 },
    });
    await expect(transport.send("v2", { method: "GET", path: "/leads/1" })).rejects.toMatchObject({
      status: 503,
      retries: 2,
    });
    expect(retry.delays).toEqual([999, 1998]);
    scope.done();
  });
});

describe("a DELETE whose answer was lost", () => {
  it("is retried, and a 404 on the retry says the record is gone without claiming a delete", async () => {
    const scope = sellApi()
      .delete("/v2/leads/1")
      .replyWithError(socketError("ECONNRESET"))
      .delete("/v2/leads/1")
      .reply(404, sellError("404 Not Found", [{ code: "not_found", message: "Not Found" }]));
    const sell = clientOf(oauthConnection());
    const error = (await sell.v2.delete("/leads/1").catch((e: unknown) => e)) as SellApiError;
    expect(error).toBeInstanceOf(SellApiError);
    expect(error).toMatchObject({ status: 404, outcome: "absent", retries: 1 });
    expect(error.message).toBe(
      "Zendesk Sell could not confirm DELETE /v2/leads/1: an earlier attempt got no answer, and the retry found no such record (404 Not Found). The record is not in Sell now: either that attempt deleted it, or it never existed. (logref b5h8u-qn0oj-8mr2n-94mug)",
    );
    scope.done();
  });

  it("a DELETE retried after a 503 (which Sell did not carry out) is confirmed by its 204", async () => {
    const scope = sellApi()
      .delete("/v2/leads/3")
      .reply(503, sellError("503 Service Unavailable", [{ code: "temporarily_unavailable" }]))
      .delete("/v2/leads/3")
      .reply(204);
    await expect(clientOf(oauthConnection()).v2.delete("/leads/3")).resolves.toBeUndefined();
    scope.done();
  });

  it("a 404 on the first attempt is still an error", async () => {
    sellApi()
      .delete("/v2/leads/2")
      .reply(404, sellError("404 Not Found", [{ code: "not_found", message: "Not Found" }]));
    const sell = clientOf(oauthConnection());
    await expect(sell.v2.delete("/leads/2")).rejects.toMatchObject({ status: 404 });
  });

  it("a create that timed out warns that it may have been carried out", async () => {
    sellApi()
      .post("/v2/leads")
      .delay(300)
      .reply(200, { data: { id: 1 } });
    const transport = new SellTransport({ token: newToken(), timeoutMs: 50 });
    await expect(
      transport.send("v2", { method: "POST", path: "/leads", body: { data: {} } }),
    ).rejects.toThrow(
      "Zendesk Sell did not answer POST /v2/leads in time: no response within the time limit (0.1 s). The request may still have been carried out: check Sell before repeating it.",
    );
  });
});
