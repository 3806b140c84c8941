import { validateHeaderName, validateHeaderValue } from "node:http";
import { type HttpMethod, PROTECTED_HEADERS, type SellRequest } from "../client";
import { InputError } from "../inputs/errors";
import { choice, type FieldSpec, integer, pairs, text, toggle, toPairs } from "../inputs/fields";
import { layout, need } from "../inputs/layout";
import { isPlainObject, SELL_DOCS } from "../util/values";
import { customAction, TypedOutput } from "./operations/custom";
import { anyOutput } from "./operations/outputs";
import { rawPath } from "./operations/rawPath";

/**
 * Raw Request: any Sell endpoint, through the component's client (rate limit, retries, readable
 * errors, redaction), on Sell's host only so the token never travels elsewhere.
 */

const METHODS: readonly HttpMethod[] = [
  "DELETE",
  "GET",
  "HEAD",
  "LINK",
  "OPTIONS",
  "PATCH",
  "POST",
  "PURGE",
  "PUT",
  "UNLINK",
];

/** The body: JSON text, or any value (an earlier step's output) sent as JSON. */
const jsonBody: FieldSpec<unknown> = {
  ...text([], "Data", {
    placeholder: "Data to send",
    comments:
      'The JSON body to send, e.g. {"data": {"last_name": "Johnson"}}, or an earlier step\'s output.',
  }),
  kind: "json",
  parse: (value, label) => {
    if (value === undefined || value === null || (typeof value === "string" && value.trim() === ""))
      return undefined;
    if (typeof value !== "string") return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw new InputError(
        label,
        'must be JSON (Sell only accepts JSON bodies), e.g. {"data": {"last_name": "Johnson"}}',
      );
    }
  },
};

/** A file's bytes and, when its payload says so, its content type. */
interface FileContent {
  data: Buffer;
  contentType?: string;
}

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The bytes of a File Data value, as spectral's own raw request reads them: text as UTF-8, a
 * Buffer or Uint8Array as is, a Buffer serialised to JSON (`{type: "Buffer", data: [...]}`) or a
 * file payload (`{data, contentType}`, its data as bytes or base64 text) as its bytes, and any
 * other object as JSON. Anything else fails naming the field.
 */
function fileContent(value: unknown, where: string): FileContent {
  if (typeof value === "string") return { data: Buffer.from(value, "utf8") };
  if (Buffer.isBuffer(value)) return { data: value };
  if (value instanceof Uint8Array) return { data: Buffer.from(value) };
  if (value instanceof ArrayBuffer) return { data: Buffer.from(value) };
  if (isPlainObject(value)) {
    if (value.type === "Buffer" && Array.isArray(value.data)) {
      if (!value.data.every((b) => Number.isInteger(b) && b >= 0 && b <= 255))
        throw new InputError(
          where,
          "is a serialised Buffer whose data are not all bytes (0 to 255)",
        );
      return { data: Buffer.from(value.data as number[]) };
    }
    if ("data" in value) {
      const contentType = typeof value.contentType === "string" ? value.contentType : undefined;
      const inner = value.data;
      if (typeof inner === "string") {
        const compact = inner.replace(/\s+/g, "");
        if (!STRICT_BASE64.test(compact))
          throw new InputError(
            where,
            "is a file payload whose data is text but not base64: give the file as text directly, or its data as base64 or bytes",
          );
        return { data: Buffer.from(compact, "base64"), contentType };
      }
      return { ...fileContent(inner, where), ...(contentType ? { contentType } : {}) };
    }
    return { data: Buffer.from(JSON.stringify(value), "utf8"), contentType: "application/json" };
  }
  if (Array.isArray(value))
    return { data: Buffer.from(JSON.stringify(value), "utf8"), contentType: "application/json" };
  throw new InputError(
    where,
    `cannot be sent as a file: give text, bytes or a file payload, got ${typeof value}`,
  );
}

/** Files: key = field name, value = text, bytes, or a file payload `{ data, contentType }`. */
const fileData: FieldSpec<Array<[string, FileContent]>> = {
  ...pairs([], "File Data", {
    placeholder: "Data to send",
    keyLabel: "Field Name",
    comments:
      "Files of a multipart/form-data body: key = field name, value = file contents (text, bytes, or a file from an earlier step).",
  }),
  parse: (value, label) =>
    toPairs(value, label)?.map(([key, content]): [string, FileContent] => [
      key,
      isFileContent(content) ? content : fileContent(content, `${label} › ${key}`),
    ]),
};

/** Already read (so a value cleaned twice is not read again). */
const isFileContent = (value: unknown): value is FileContent =>
  isPlainObject(value) &&
  Buffer.isBuffer(value.data) &&
  Object.keys(value).every((key) => key === "data" || key === "contentType");

/** Header name and value as Node will send them, or an input error naming the header. */
const headerPairs: FieldSpec<Array<[string, string]>> = {
  ...pairs([], "Header", {
    placeholder: "Header",
    keyLabel: "Header Name",
    comments:
      "Extra request headers. Authorization and User-Agent are always set by the connection and cannot be replaced.",
  }),
  parse: (value, label) =>
    pairs([], label)
      .parse(value, label)
      ?.map(([name, headerValue]): [string, string] => {
        try {
          validateHeaderName(name);
        } catch {
          throw new InputError(
            label,
            `'${name}' is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only, no spaces or colons); no request was sent`,
          );
        }
        try {
          validateHeaderValue(name, headerValue);
        } catch {
          throw new InputError(
            label,
            `the value of '${name}' has a character a header cannot carry (a line break or a control character); no request was sent`,
          );
        }
        return [name, headerValue];
      }),
};

const raw = layout({
  url: text([], "URL", {
    required: true,
    placeholder: "URL to call",
    example: "/leads?per_page=10",
    comments:
      "Path under the chosen API version, e.g. /leads/12 for https://api.getbase.com/v2/leads/12. Full URLs are accepted only on https://api.getbase.com: the token is never sent to another host.",
  }),
  method: choice([], "Method", METHODS, { required: true, comments: "The HTTP method." }),
  data: jsonBody,
  formData: pairs([], "Form Data", {
    placeholder: "Data to send",
    keyLabel: "Field Name",
    comments: "Fields of a multipart/form-data body (cannot be combined with Data).",
  }),
  fileData: fileData,
  fileDataFileNames: pairs([], "File Data File Names", {
    placeholder: "The file name to apply to a file",
    keyLabel: "Field Name",
    comments: "File names for File Data: key = field name, value = file name.",
  }),
  queryParams: pairs([], "Query Parameter", {
    placeholder: "Query Parameter",
    keyLabel: "Parameter Name",
    comments: "Query parameters to add to the URL.",
  }),
  headers: headerPairs,
  responseType: choice([], "Response Type", ["arraybuffer", "document", "json", "text"], {
    required: true,
    placeholder: "Response Type",
    default: "json",
    comments:
      "How to read the response: json (parsed), text or document (as text), arraybuffer (binary).",
  }),
  timeout: integer([], "Timeout", {
    min: 1,
    comments: "Milliseconds to wait for Sell's answer (default 30000).",
    example: "30000",
  }),
  retryDelayMS: integer([], "Retry Delay (ms)", {
    min: 0,
    placeholder: "Retry Delay",
    default: "0",
    comments:
      "Base delay between retries. 0 uses the component's default (exponential backoff with jitter from 500 ms).",
  }),
  retryAllErrors: toggle("Retry On All Errors", {
    comments:
      "When true, server errors and network failures are retried for every method (a POST may then run twice). 429 is always retried; other 4xx never are.",
  }),
  maxRetries: integer([], "Max Retry Count", {
    min: 0,
    max: 10,
    placeholder: "Max Retries",
    default: "0",
    comments:
      "Retries after the first attempt (rate limits included). 0 uses the component's standard policy: server and network errors for safe methods up to 6 times, rate limits (429) up to 20 times, within 60 s of waiting in all.",
  }),
  useExponentialBackoff: toggle("Use Exponential Backoff", {
    comments:
      "When true, the delay doubles after each retry (from Retry Delay). The component's standard policy always does.",
  }),
  version: choice([], "API Version", ["v2", "v3"], {
    required: true,
    default: "v2",
    comments:
      "v2: the Core API (https://api.getbase.com/v2). v3: Firehose and Search (https://api.getbase.com/v3).",
  }),
  includeResponseDetails: toggle("Include Status and Headers", {
    comments: "When true, the output is { status, headers, body } instead of the body alone.",
  }),
});

async function multipart(
  fields: Array<[string, string]>,
  files: Array<[string, FileContent]>,
  names: Array<[string, string]>,
) {
  const form = new FormData();
  for (const [key, value] of fields) form.append(key, value);
  const fileNames = new Map(names);
  for (const [key, { data, contentType }] of files) {
    const blob = new Blob([data], contentType ? { type: contentType } : {});
    form.append(key, blob, fileNames.get(key) ?? key);
  }
  // Node's Response serialises FormData into a multipart body with its boundary.
  const encoded = new Response(form);
  return {
    data: Buffer.from(await encoded.arrayBuffer()),
    contentType: encoded.headers.get("content-type") ?? "multipart/form-data",
  };
}

export const rawRequest = customAction({
  label: "Raw Request",
  description:
    "Sends a request to any Sell API endpoint with the connection's token, through the component's client (rate limit, retries, readable errors). The URL is a path under the chosen API version.",
  docs: `${SELL_DOCS}/introduction/`,
  layout: raw,
  effect: "write",
  output: anyOutput({ data: { id: 1, last_name: "Johnson" }, meta: { type: "lead" } }),
  perform: async ({ sell, values, context }) => {
    const version = values.version ?? "v2";
    const target = rawPath(need(values.url, "URL"), version, sell.transport.origin);
    const formFields = values.formData ?? [];
    const files = values.fileData ?? [];
    if (values.data !== undefined && (formFields.length > 0 || files.length > 0)) {
      throw new InputError(
        "Data",
        "cannot be combined with Form Data or File Data: send either a JSON body or a multipart form",
      );
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of values.headers ?? []) {
      if (PROTECTED_HEADERS.has(name.toLowerCase())) {
        context.logger.warn(
          `Raw Request: the ${name} header is set by the connection and was not replaced.`,
        );
        continue;
      }
      headers[name] = value;
    }
    const maxRetries = values.maxRetries ?? 0;
    const retryDelay = values.retryDelayMS ?? 0;
    const responseType = values.responseType ?? "json";
    const request: SellRequest = {
      method: METHODS.find((method) => method === values.method) ?? "GET",
      path: target.path,
      query: { ...target.query, ...Object.fromEntries(values.queryParams ?? []) },
      headers,
      body: values.data,
      rawBody:
        formFields.length > 0 || files.length > 0
          ? await multipart(formFields, files, values.fileDataFileNames ?? [])
          : undefined,
      timeoutMs: values.timeout,
      responseType:
        responseType === "arraybuffer" ? "arraybuffer" : responseType === "json" ? "json" : "text",
      idempotent: values.retryAllErrors === true ? true : undefined,
      retry: {
        ...(maxRetries > 0 ? { maxRetries, maxRateLimitRetries: maxRetries } : {}),
        ...(retryDelay > 0 ? { baseDelayMs: retryDelay } : {}),
        ...(retryDelay > 0 && values.useExponentialBackoff !== true
          ? { maxDelayMs: retryDelay }
          : {}),
      },
    };
    const response =
      version === "v3" ? await sell.v3.request(request) : await sell.v2.request(request);
    if (values.includeResponseDetails === true)
      return { status: response.status, headers: response.headers, body: response.body };
    if (responseType === "arraybuffer")
      return new TypedOutput(response.body, response.headers["content-type"]);
    return response.body;
  },
});
