/**
 * Raw Request: any Sell endpoint through the component's client, on Sell's host only, with the
 * connection's bearer token whatever headers the user adds, and the retry inputs mapped onto
 * the client's retry policy.
 */
import { instantRetries, newToken, oauthConnection, sellApi } from "../helpers/sell";
import { actionFailure, recordingLogger, run, unmatchedRequests } from "./support";

const sent = unmatchedRequests();

const lead = { data: { id: 12, last_name: "Johnson" }, meta: { type: "lead" } };

describe("where the request goes", () => {
  it("a path under v2 (the default version)", async () => {
    const scope = sellApi().get("/v2/leads/12").query({}).reply(200, lead);
    await expect(run("rawRequest", { url: "/leads/12", method: "GET" })).resolves.toEqual({
      data: lead,
    });
    scope.done();
  });

  it("a path without a leading slash", async () => {
    const scope = sellApi().get("/v2/leads/12").reply(200, lead);
    await run("rawRequest", { url: "leads/12", method: "GET" });
    scope.done();
  });

  it("a path under v3 with its query string", async () => {
    const body = { items: [], meta: { position: "p", top: true } };
    const scope = sellApi()
      .get("/v3/deals/stream")
      .query({ position: "tail", limit: "5" })
      .reply(200, body);
    await expect(
      run("rawRequest", {
        url: "/deals/stream?position=tail&limit=5",
        method: "GET",
        version: "v3",
      }),
    ).resolves.toEqual({ data: body });
    scope.done();
  });

  it("a full https://api.getbase.com URL is accepted", async () => {
    const scope = sellApi()
      .get("/v2/deals/3")
      .query({ includes: "associated_contacts" })
      .reply(200, { data: { id: 3 }, meta: { type: "deal" } });
    await run("rawRequest", {
      url: "https://api.getbase.com/v2/deals/3?includes=associated_contacts",
      method: "GET",
    });
    scope.done();
  });

  it.each([
    ["/v2/leads", "v2"],
    ["v2/leads", "v2"],
    ["/v3/leads/stream", "v3"],
  ])("%j with version %s is not doubled", async (url, version) => {
    const path = version === "v2" ? "/v2/leads" : "/v3/leads/stream";
    const scope = sellApi().get(path).query({}).reply(200, { items: [] });
    await run("rawRequest", { url, method: "GET", version });
    scope.done();
  });

  it("`..` that stays under the version is resolved, not sent", async () => {
    const scope = sellApi().get("/v2/contacts").query({}).reply(200, { items: [] });
    await run("rawRequest", { url: "/leads/../contacts", method: "GET" });
    scope.done();
  });
});

describe("what is sent", () => {
  it("method, query parameters (URL and input) and the JSON data exactly", async () => {
    const data = {
      data: { last_name: "Johnson", tags: ["a"], custom_fields: { "Known via": null } },
    };
    const scope = sellApi()
      .matchHeader("content-type", "application/json")
      .post("/v2/leads", data)
      .query({ per_page: "10", "custom_fields[Known via]": "Tom", extra: "1" })
      .reply(200, lead);
    await expect(
      run("rawRequest", {
        url: "/leads?per_page=10&extra=1",
        method: "POST",
        data: JSON.stringify(data),
        queryParams: [{ key: "custom_fields[Known via]", value: "Tom" }],
      }),
    ).resolves.toEqual({ data: lead });
    scope.done();
  });

  it.each(["PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"])("sends the %s method", async (method) => {
    const scope = sellApi()
      .intercept("/v2/leads/12", method)
      .reply(
        method === "DELETE" || method === "HEAD" ? 204 : 200,
        method === "DELETE" || method === "HEAD" ? undefined : lead,
      );
    const result = await run("rawRequest", { url: "/leads/12", method });
    scope.done();
    expect(result).toEqual({ data: method === "DELETE" || method === "HEAD" ? null : lead });
  });

  it("extra headers are sent; Authorization and User-Agent from the user are not, with a warning", async () => {
    const token = newToken();
    const { lines, logger } = recordingLogger();
    const scope = sellApi(token)
      .matchHeader("x-trace-id", "t-1")
      .get("/v2/users/self")
      .reply(200, { data: { id: 1 }, meta: { type: "user" } });
    await run(
      "rawRequest",
      {
        connection: oauthConnection(token),
        url: "/users/self",
        method: "GET",
        headers: [
          { key: "Authorization", value: "Bearer someone-elses-token" },
          { key: "X-Trace-Id", value: "t-1" },
          { key: "user-agent", value: "curl/8" },
        ],
      },
      { logger },
    );
    scope.done();
    expect(lines.warn).toEqual([
      "Raw Request: the Authorization header is set by the connection and was not replaced.",
      "Raw Request: the user-agent header is set by the connection and was not replaced.",
    ]);
  });

  it("Form Data and File Data are sent as multipart/form-data", async () => {
    let received = "";
    const scope = sellApi()
      .matchHeader("content-type", /^multipart\/form-data; boundary=.+$/)
      .post("/v2/documents", (body: unknown) => {
        received = String(body);
        return true;
      })
      .reply(200, { data: { id: 1 }, meta: { type: "document" } });
    await run("rawRequest", {
      url: "/documents",
      method: "POST",
      formData: [
        { key: "resource_type", value: "deal" },
        { key: "resource_id", value: "5" },
      ],
      fileData: [{ key: "file", value: "hello world" }],
      fileDataFileNames: [{ key: "file", value: "hello.txt" }],
    });
    scope.done();
    expect(received).toContain(
      'Content-Disposition: form-data; name="resource_type"\r\n\r\ndeal\r\n',
    );
    expect(received).toContain('Content-Disposition: form-data; name="resource_id"\r\n\r\n5\r\n');
    expect(received).toMatch(
      /Content-Disposition: form-data; name="file"; filename="hello\.txt"\r\n(Content-Type: [^\r]+\r\n)?\r\nhello world\r\n/,
    );
  });

  // A binary file from an earlier step (a Buffer, or Prismatic's { data: Buffer, contentType })
  // is uploaded, as spectral's raw request (the incumbent's) does.
  it("File Data accepts a binary file ({ data: Buffer, contentType })", async () => {
    let received = "";
    const scope = sellApi()
      .post("/v2/documents", (body: unknown) => {
        received = String(body);
        return true;
      })
      .reply(200, { data: { id: 1 }, meta: { type: "document" } });
    await run("rawRequest", {
      url: "/documents",
      method: "POST",
      fileData: [
        {
          key: "file",
          value: { data: Buffer.from("%PDF-1.4 binary"), contentType: "application/pdf" },
        },
      ],
      fileDataFileNames: [{ key: "file", value: "quote.pdf" }],
    });
    scope.done();
    expect(received).toContain('filename="quote.pdf"');
    expect(received).toContain("%PDF-1.4 binary");
    expect(sent).toEqual([]);
  });

  // A previous step's JSON output referenced as Data arrives as an object: it is sent as JSON.
  it("Data given as an object (a reference to JSON) is sent as JSON", async () => {
    const data = { data: { last_name: "Johnson" } };
    const scope = sellApi().post("/v2/leads", data).reply(200, lead);
    await expect(run("rawRequest", { url: "/leads", method: "POST", data })).resolves.toEqual({
      data: lead,
    });
    scope.done();
  });
});

describe("what comes back", () => {
  it("includeResponseDetails gives status, headers and body", async () => {
    const scope = sellApi()
      .get("/v2/leads/12")
      .reply(200, lead, { "Content-Type": "application/json", "X-Request-Id": "req-1" });
    await expect(
      run("rawRequest", { url: "/leads/12", method: "GET", includeResponseDetails: true }),
    ).resolves.toEqual({
      data: {
        status: 200,
        headers: { "content-type": "application/json", "x-request-id": "req-1" },
        body: lead,
      },
    });
    scope.done();
  });

  it.each(["text", "document"])(
    "responseType %s returns the body as text",
    async (responseType) => {
      const scope = sellApi()
        .get("/v2/export.csv")
        .reply(200, "id,name\n1,Mark\n", { "Content-Type": "text/csv" });
      await expect(
        run("rawRequest", { url: "/export.csv", method: "GET", responseType }),
      ).resolves.toEqual({ data: "id,name\n1,Mark\n" });
      scope.done();
    },
  );

  it("responseType arraybuffer returns the bytes and their content type", async () => {
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10]);
    const scope = sellApi()
      .get("/v2/documents/1/download")
      .reply(200, bytes, { "Content-Type": "application/pdf" });
    const result = (await run("rawRequest", {
      url: "/documents/1/download",
      method: "GET",
      responseType: "arraybuffer",
    })) as { data: Buffer; contentType: string };
    scope.done();
    expect(Buffer.isBuffer(result.data)).toBe(true);
    expect(result).toEqual({ data: bytes, contentType: "application/pdf" });
  });

  it("a JSON response that is not JSON is reported", async () => {
    const scope = sellApi().get("/v2/leads").times(2).reply(200, "<html>oops</html>");
    const error = await actionFailure("rawRequest", {
      url: "/leads",
      method: "GET",
      maxRetries: "1",
    });
    scope.done();
    // A GET with an unreadable body is retried once (Max Retry Count 1), then reported.
    expect(error.message).toBe(
      'Zendesk Sell answered GET /v2/leads (200 OK) after 1 retry with an unexpected body: not valid JSON: "<html>oops</html>".',
    );
  });

  it("Sell's errors are readable", async () => {
    const scope = sellApi()
      .post("/v2/leads")
      .reply(422, {
        errors: [
          {
            error: { code: "blank", message: "can't be blank", field: "/data/last_name" },
            meta: { type: "error" },
          },
        ],
        meta: { type: "errors", http_status: "422 Unprocessable Entity", logref: "lr-raw" },
      });
    const error = await actionFailure("rawRequest", {
      url: "/leads",
      method: "POST",
      data: '{"data": {}}',
    });
    scope.done();
    expect(error.message).toBe(
      "Zendesk Sell rejected POST /v2/leads (422 Unprocessable Entity): last_name — can't be blank. (logref lr-raw)",
    );
  });
});

describe("retries", () => {
  let retry: ReturnType<typeof instantRetries>;
  beforeEach(() => {
    retry = instantRetries();
  });
  afterEach(() => retry.restore());

  it("a POST answered 503 is not retried by default", async () => {
    const scope = sellApi().post("/v2/leads").reply(503);
    const error = await actionFailure("rawRequest", {
      url: "/leads",
      method: "POST",
      data: '{"data": {"last_name": "J"}}',
    });
    scope.done();
    expect(error.message).toBe(
      "Zendesk Sell failed on POST /v2/leads (503 Service Unavailable): empty body. The request may still have been carried out: check Sell before repeating it.",
    );
    expect(retry.delays).toEqual([]);
  });

  it("a POST answered 503 is retried with Retry On All Errors", async () => {
    const scope = sellApi()
      .post("/v2/leads", { data: { last_name: "J" } })
      .reply(503)
      .post("/v2/leads", { data: { last_name: "J" } })
      .reply(200, lead);
    await expect(
      run("rawRequest", {
        url: "/leads",
        method: "POST",
        data: '{"data": {"last_name": "J"}}',
        retryAllErrors: true,
      }),
    ).resolves.toEqual({ data: lead });
    scope.done();
    expect(retry.delays).toHaveLength(1);
  });

  it("a POST answered 429 is always retried", async () => {
    const scope = sellApi().post("/v2/leads").reply(429).post("/v2/leads").reply(200, lead);
    await expect(
      run("rawRequest", { url: "/leads", method: "POST", data: '{"data": {}}' }),
    ).resolves.toEqual({ data: lead });
    scope.done();
  });

  it("a GET answered 503 is retried by the standard policy (Max Retry Count 0)", async () => {
    const scope = sellApi().get("/v2/leads").reply(503).get("/v2/leads").reply(200, { items: [] });
    await expect(run("rawRequest", { url: "/leads", method: "GET" })).resolves.toEqual({
      data: { items: [] },
    });
    scope.done();
    expect(retry.delays).toEqual([250]);
  });

  it("Max Retry Count limits the retries", async () => {
    const scope = sellApi().get("/v2/leads").times(3).reply(503);
    const error = await actionFailure("rawRequest", {
      url: "/leads",
      method: "GET",
      maxRetries: "2",
    });
    scope.done();
    expect(error.message).toBe(
      "Zendesk Sell failed on GET /v2/leads (503 Service Unavailable) after 2 retries: empty body.",
    );
    expect(retry.delays).toHaveLength(2);
  });

  it("a 4xx other than 429 is never retried, even with Retry On All Errors", async () => {
    const scope = sellApi().get("/v2/leads/9").reply(404);
    const error = await actionFailure("rawRequest", {
      url: "/leads/9",
      method: "GET",
      retryAllErrors: true,
      maxRetries: "5",
    });
    scope.done();
    expect(error.message).toBe(
      "Zendesk Sell rejected GET /v2/leads/9 (404 Not Found): empty body. Check that the ID is right and that the connected user can see the record.",
    );
  });

  it("Retry Delay sets a constant backoff ceiling, doubled with Use Exponential Backoff", async () => {
    const scope = sellApi()
      .get("/v2/leads")
      .times(3)
      .reply(503)
      .get("/v2/leads")
      .reply(200, { items: [] });
    await run("rawRequest", { url: "/leads", method: "GET", retryDelayMS: "100", maxRetries: "3" });
    // Full jitter with random() = 0.5: half of the ceiling, which stays at 100 ms.
    expect(retry.delays).toEqual([50, 50, 50]);
    scope.done();

    retry.delays.length = 0;
    const exponential = sellApi()
      .get("/v2/leads")
      .times(3)
      .reply(503)
      .get("/v2/leads")
      .reply(200, { items: [] });
    await run("rawRequest", {
      url: "/leads",
      method: "GET",
      retryDelayMS: "100",
      maxRetries: "3",
      useExponentialBackoff: true,
    });
    expect(retry.delays).toEqual([50, 100, 200]);
    exponential.done();
  });

  it("Timeout limits the wait for Sell's answer", async () => {
    const scope = sellApi().post("/v2/leads").delay(500).reply(200, lead);
    const error = await actionFailure("rawRequest", {
      url: "/leads",
      method: "POST",
      data: '{"data": {}}',
      timeout: "50",
    });
    scope.done();
    expect(error.message).toBe(
      "Zendesk Sell did not answer POST /v2/leads in time: no response within the time limit (0.1 s). The request may still have been carried out: check Sell before repeating it.",
    );
  });
});
