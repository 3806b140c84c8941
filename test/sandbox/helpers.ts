import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { type Sandbox, type SandboxOptions, startSandbox } from "../../sandbox";

export type Data = Record<string, unknown>;

export interface SingleBody {
  data: Data;
  meta: { type: string; [key: string]: unknown };
}

export interface CollectionBody {
  items: Array<{ data: Data; meta: { type: string; [key: string]: unknown } }>;
  meta: { type: string; count: number; links: Record<string, string | undefined> };
}

export interface ErrorBody {
  errors: Array<{
    error: { code: string; message: string; details?: string; field?: string; resource?: string };
    meta: { type: string; links: { more_info: string } };
  }>;
  meta: { type: string; http_status: string; logref: string; links: { more_info: string } };
}

export interface StreamBody {
  items: Array<{
    data: Data;
    meta: {
      type: string;
      event_type: string;
      event_id: string;
      event_time: string;
      event_cause: string;
      sequence: number;
      previous?: Data;
    };
  }>;
  meta: { position: string; top: boolean; links: { next: string } };
}

export interface SearchBody {
  items: Array<{
    successful: boolean;
    items: Array<{ data: Data; meta: { type: string } }>;
    meta: {
      count: number;
      total_count: number;
      http_status: string;
      type: string;
      links: { next_page?: string };
    };
  }>;
}

export class Res {
  constructor(
    readonly status: number,
    readonly headers: IncomingHttpHeaders,
    readonly text: string,
  ) {}
  json(): unknown {
    return JSON.parse(this.text);
  }
  single(): SingleBody {
    return this.json() as SingleBody;
  }
  list(): CollectionBody {
    return this.json() as CollectionBody;
  }
  error(): ErrorBody {
    return this.json() as ErrorBody;
  }
  stream(): StreamBody {
    return this.json() as StreamBody;
  }
  search(): SearchBody {
    return this.json() as SearchBody;
  }
  /** `data` of a single envelope. */
  get data(): Data {
    return this.single().data;
  }
  /** `data` of each item of a collection. */
  get rows(): Data[] {
    return this.list().items.map((i) => i.data);
  }
  /** First error's `error` object. */
  get err(): ErrorBody["errors"][number]["error"] {
    const first = this.error().errors[0];
    if (!first) throw new Error(`no error in ${this.text}`);
    return first.error;
  }
}

export interface CallOptions {
  body?: unknown;
  /** Raw body text (sent as is). */
  raw?: string;
  /** null: no Authorization header. */
  token?: string | null;
  headers?: Record<string, string | undefined>;
  timeoutMs?: number;
}

/** One HTTP request over a fresh connection (no keep-alive, so faults never leak between calls). */
export function call(
  sb: Sandbox,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Res> {
  const url = new URL(path, sb.url);
  const token = options.token === undefined ? sb.token : options.token;
  const body =
    options.raw !== undefined
      ? options.raw
      : options.body === undefined
        ? undefined
        : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    "User-Agent": "sandbox-tests/1.0",
    Accept: "application/json",
  };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    headers["Content-Length"] = String(Buffer.byteLength(body));
  }
  for (const [k, v] of Object.entries(options.headers ?? {})) {
    const existing = Object.keys(headers).find((h) => h.toLowerCase() === k.toLowerCase());
    if (existing) delete headers[existing];
    if (v !== undefined) headers[k] = v;
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method, headers, agent: false, timeout: options.timeoutMs ?? 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve(
            new Res(res.statusCode ?? 0, res.headers, Buffer.concat(chunks).toString("utf8")),
          ),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () =>
      req.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })),
    );
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** A sandbox for tests: deterministic, rate limiting off unless asked for. */
export function sandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ seed: 42, rateLimit: false, ...options });
}

/** Creates a record and returns its data; fails loudly on a non-200. */
export async function create(sb: Sandbox, path: string, data: Data): Promise<Data> {
  const res = await call(sb, "POST", path, { body: { data } });
  if (res.status !== 200) throw new Error(`POST ${path} → ${res.status}: ${res.text}`);
  return res.data;
}

export const idOf = (d: Data): number => d.id as number;

/** Id of the first record of a table matching a predicate. */
export function recordId(sb: Sandbox, table: string, match: (r: Data) => boolean): number {
  const r = sb.records(table).find(match);
  if (!r) throw new Error(`no ${table} record matches`);
  return r.id as number;
}
