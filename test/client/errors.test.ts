import { ConnectionError } from "@prismatic-io/spectral";
import { z } from "zod";
import { SellApiError, SellTransport } from "../../src/client";
import { InputError } from "../../src/inputs/errors";
import { toReadableError } from "../../src/steps/errorHook";
import {
  clientOf,
  instantRetries,
  newToken,
  oauthConnection,
  sellApi,
  sellError,
  socketError,
} from "../helpers/sell";

const sell = () => clientOf(oauthConnection());

describe("Sell error responses become readable messages", () => {
  it("422 with several errors lists each field (JSON pointer → attribute) and the logref", async () => {
    sellApi()
      .post("/v2/contacts")
      .reply(
        422,
        sellError("422 Unprocessable Entity", [
          {
            code: "blank",
            message: "can't be blank",
            field: "/data/last_name",
            resource: "contact",
          },
          {
            code: "unknown",
            message: "unknown attribute",
            details:
              "The attribute '/invalid_field' is not a known attribute for the 'contact' resource.",
            field: "/invalid_field",
          },
        ]),
      );
    const error = (await sell()
      .v2.create("/contacts", { invalid_field: 1 })
      .catch((e: unknown) => e)) as SellApiError;
    expect(error).toBeInstanceOf(SellApiError);
    expect(error.message).toBe(
      "Zendesk Sell rejected POST /v2/contacts (422 Unprocessable Entity): last_name — can't be blank; invalid_field — unknown attribute (The attribute '/invalid_field' is not a known attribute for the 'contact' resource.). (logref b5h8u-qn0oj-8mr2n-94mug)",
    );
    expect(error).toMatchObject({
      status: 422,
      code: "blank",
      logref: "b5h8u-qn0oj-8mr2n-94mug",
      method: "POST",
      path: "/v2/contacts",
    });
    expect(error.errors[0]).toEqual({
      code: "blank",
      message: "can't be blank",
      details: undefined,
      resource: "contact",
      field: "last_name",
    });
  });

  it("400 invalid_param quotes Sell's details", async () => {
    sellApi()
      .get("/v2/leads")
      .query(true)
      .reply(
        400,
        sellError("400 Bad Request", [
          {
            code: "invalid_param",
            message: "invalid request query parameter",
            details:
              "The request query parameter 'per_page' is malformed, missing, or has an invalid value (must be between 1 and 100, given: 200)",
          },
        ]),
      );
    await expect(sell().v2.list("/leads", { per_page: 200 })).rejects.toThrow(
      "Zendesk Sell rejected GET /v2/leads (400 Bad Request): invalid request query parameter (The request query parameter 'per_page' is malformed, missing, or has an invalid value (must be between 1 and 100, given: 200)).",
    );
  });

  it("401 says to reconnect", async () => {
    sellApi()
      .get("/v2/leads/1")
      .reply(
        401,
        sellError(
          "401 Unauthorized",
          [
            {
              code: "unauthorized",
              details: "Required access token is missing, malformed, expired, or invalid.",
            },
          ],
          "lr-401",
        ),
      );
    await expect(sell().v2.get("/leads/1")).rejects.toThrow(
      "Zendesk Sell rejected GET /v2/leads/1 (401 Unauthorized): Required access token is missing, malformed, expired, or invalid. The access token is missing, expired or revoked: reconnect the Zendesk Sell connection (or create a new personal access token). (logref lr-401)",
    );
  });

  it("403 names the missing scope for account and user endpoints", async () => {
    sellApi()
      .get("/v2/accounts/self")
      .reply(
        403,
        sellError("403 Forbidden", [{ code: "insufficient_scope", message: "insufficient scope" }]),
      );
    await expect(sell().v2.get("/accounts/self")).rejects.toThrow(
      /needs the 'profile' scope: add it to the connection's scopes and reconnect/,
    );
  });

  it("403 on Firehose explains the root-user and plan requirement", async () => {
    sellApi()
      .get("/v3/deals/stream")
      .query(true)
      .reply(403, sellError("403 Forbidden", [{ code: "forbidden", message: "Forbidden" }]));
    await expect(sell().v3.streamPage("deals", "tail")).rejects.toThrow(
      /Firehose needs a token of the account's root user/,
    );
  });

  it("404 on a record asks to check the ID", async () => {
    sellApi()
      .get("/v2/deals/9")
      .reply(
        404,
        sellError("404 Not Found", [
          { code: "not_found", message: "Not Found", details: "Requested path was not found." },
        ]),
      );
    await expect(sell().v2.get("/deals/9")).rejects.toThrow(
      "Zendesk Sell rejected GET /v2/deals/9 (404 Not Found): Not Found (Requested path was not found.). Check that the ID is right and that the connected user can see the record.",
    );
  });

  it("409 on upsert explains the ambiguous filters", async () => {
    sellApi().post("/v2/contacts/upsert").query({ email: "a@b.co" }).reply(409, "");
    await expect(sell().v2.upsert("/contacts/upsert", {}, { email: "a@b.co" })).rejects.toThrow(
      "Zendesk Sell rejected POST /v2/contacts/upsert (409 Conflict): empty body. The upsert filters matched more than one record: add filters until they identify a single record.",
    );
  });

  it("410 on a stream says the position expired and how to restart", async () => {
    sellApi()
      .get("/v3/leads/stream")
      .query(true)
      .reply(410, sellError("410 Gone", [{ code: "gone", message: "position expired" }]));
    const error = (await sell()
      .v3.streamPage("leads", "old")
      .catch((e: unknown) => e)) as SellApiError;
    expect(error.kind).toBe("position_expired");
    expect(error.message).toMatch(
      /older than Firehose's 72-hour retention: start again from 'tail'/,
    );
  });

  it("an OAuth-style error body is read too", async () => {
    sellApi()
      .get("/v2/users/self")
      .reply(401, { error: "invalid_token", error_description: "The access token expired" });
    await expect(sell().v2.get("/users/self")).rejects.toThrow(
      /\(401 Unauthorized\): The access token expired\./,
    );
  });

  it("a 5xx with an HTML body quotes the start of it", async () => {
    sellApi().post("/v2/notes").reply(502, "<html><body>Bad Gateway</body></html>");
    await expect(sell().v2.create("/notes", {})).rejects.toThrow(
      'Zendesk Sell failed on POST /v2/notes (502 Bad Gateway): non-JSON body: "<html><body>Bad Gateway</body></html>". The request may still have been carried out: check Sell before repeating it.',
    );
  });
});

describe("rate limits", () => {
  let retry: ReturnType<typeof instantRetries>;
  beforeEach(() => {
    retry = instantRetries();
  });
  afterEach(() => retry.restore());

  it("a 429 whose body is not JSON is still a rate limit, and the hint says no retry was made", async () => {
    sellApi().get("/v2/leads/1").reply(429, "Rate limit exceeded, slow down");
    const transport = new SellTransport({
      token: newToken(),
      retryPolicy: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxTotalWaitMs: 1 },
    });
    const error = (await transport
      .send("v2", { method: "GET", path: "/leads/1" })
      .catch((e: unknown) => e)) as SellApiError;
    expect(error.kind).toBe("rate_limited");
    expect(error.message).toBe(
      "Zendesk Sell rejected GET /v2/leads/1 (429 Too Many Requests): rate limit exceeded. Sell allows 10 requests per second per token; retries are off for this request, so it was not retried.",
    );
  });

  it("a 404 for '/429.json' is treated as a rate limit and retried, even for a create", async () => {
    const disguised = sellError("404 Not Found", [
      {
        code: "incorrect_path",
        message: "path was not found",
        details: "Requested path at '/429.json' was not found using the HTTP method 'GET'.",
      },
    ]);
    const scope = sellApi()
      .post("/v2/leads")
      .reply(404, disguised)
      .post("/v2/leads")
      .reply(200, { data: { id: 3 }, meta: { type: "lead" } });
    await expect(sell().v2.create("/leads", { last_name: "x" })).resolves.toMatchObject({
      data: { id: 3 },
    });
    scope.done();
  });

  it("reports a persistent disguised rate limit as 429", async () => {
    sellApi()
      .get("/v2/leads/1")
      .reply(404, {
        errors: [
          {
            error: {
              code: "incorrect_path",
              details: "Requested path at '/429.json' was not found",
            },
          },
        ],
      });
    const transport = new SellTransport({
      token: newToken(),
      retryPolicy: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxTotalWaitMs: 1 },
    });
    await expect(transport.send("v2", { method: "GET", path: "/leads/1" })).rejects.toMatchObject({
      status: 429,
      kind: "rate_limited",
      code: "rate_limit_exceeded",
    });
  });
});

describe("failures without a status", () => {
  it("connection refused names the failure", async () => {
    const retry = instantRetries();
    sellApi()
      .get("/v2/leads/1")
      .times(7)
      .replyWithError(socketError("ECONNREFUSED", "connect ECONNREFUSED"));
    await expect(sell().v2.get("/leads/1")).rejects.toThrow(
      "Zendesk Sell could not be reached for GET /v2/leads/1 after 6 retries: the connection was refused (ECONNREFUSED).",
    );
    retry.restore();
  });

  it("a timeout says Sell did not answer in time", async () => {
    sellApi().get("/v2/leads/1").delay(300).reply(200, { data: {} });
    const transport = new SellTransport({ token: newToken(), timeoutMs: 50 });
    await expect(
      transport.send("v2", { method: "GET", path: "/leads/1", retry: false }),
    ).rejects.toThrow(
      "Zendesk Sell did not answer GET /v2/leads/1 in time: no response within the time limit (0.1 s).",
    );
  });

  it("a truncated JSON body on a create is reported, not retried, and says the record was created", async () => {
    sellApi()
      .post("/v2/leads")
      .reply(200, '{"data":{"id":1,"last_na', { "X-Request-Id": "lr-trunc" });
    await expect(sell().v2.create("/leads", { last_name: "x" })).rejects.toThrow(
      'Zendesk Sell answered POST /v2/leads with 200 OK, so the record (ID 1) was created, but its answer could not be read: not valid JSON: "{"data":{"id":1,"last_na". Do not repeat the request: check the record in Sell. (logref lr-trunc)',
    );
  });

  it("a truncated JSON body on a GET is retried", async () => {
    const retry = instantRetries();
    const scope = sellApi()
      .get("/v2/leads/1")
      .reply(200, '{"data":{"id":1')
      .get("/v2/leads/1")
      .reply(200, { data: { id: 1 } });
    await expect(sell().v2.get("/leads/1")).resolves.toEqual({ data: { id: 1 } });
    scope.done();
    retry.restore();
  });
});

describe("toReadableError (the component's error hook)", () => {
  it("keeps SellApiError, InputError and ConnectionError as they are", () => {
    const sellError = new SellApiError({
      kind: "http",
      method: "GET",
      path: "/v2/x",
      status: 500,
      reason: "boom",
    });
    const inputError = new InputError("Lead ID", "must be a positive whole number");
    const connectionError = new ConnectionError(oauthConnection(), "reconnect");
    expect(toReadableError(sellError)).toBe(sellError);
    expect(toReadableError(inputError)).toBe(inputError);
    expect(toReadableError(connectionError)).toBe(connectionError);
    expect(inputError.message).toBe("Lead ID: must be a positive whole number");
  });

  it("never produces '{}' or '[object Object]'", () => {
    const cases: unknown[] = [
      new Error("{}"),
      new Error(""),
      { message: "plain object message" },
      { status: 500, data: { a: 1 } },
      "a string",
      42,
      null,
      undefined,
    ];
    for (const thrown of cases) {
      const error = toReadableError(thrown);
      expect(error).toBeInstanceOf(Error);
      expect(error.message).not.toMatch(/^\{\}$|\[object Object\]/);
      expect(error.message.length).toBeGreaterThan(0);
    }
    expect(toReadableError({ message: "plain object message" }).message).toBe(
      "plain object message",
    );
    expect(toReadableError({ status: 500, data: { a: 1 } }).message).toBe(
      'Unexpected error: {"status":500,"data":{"a":1}}',
    );
  });

  it("formats zod errors", () => {
    const parsed = z.object({ id: z.number() }).safeParse({ id: "x" });
    expect(parsed.success).toBe(false);
    if (!parsed.success)
      expect(toReadableError(parsed.error).message).toMatch(/^Invalid value: .*expected number/s);
  });
});
