/**
 * The sandbox HTTP server: transport (headers, auth, rate limit, faults, request log) and routing
 * to the resource handlers. All state lives in a `Store`; nothing touches the network beyond the
 * listening socket.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { convertLead } from "./conversions";
import { definitions } from "./customFields";
import { errorEnvelope, incorrectPath, invalidPayload, notFound, SellError } from "./errors";
import {
  type Fault,
  FaultInjector,
  type FaultOptions,
  type FaultRule,
  NON_JSON_BODY,
  statusFaultError,
} from "./faults";
import { handleStream } from "./firehose";
import { type RateLimit, RateLimiter } from "./rateLimit";
import {
  handleCreate,
  handleDelete,
  handleGet,
  handleList,
  handleUpdate,
  handleUpsert,
  onlyParams,
  type Reply,
  type Req,
  renderFirehose,
  renderV2,
  single,
} from "./resource";
import { ResourceRegistry } from "./resources";
import { handleSearch, handleSearchCustomFields, SEARCHABLE } from "./search";
import { addCustomField, type SeedData, seed } from "./seed";
import { Store, type StoredEvent } from "./store";
import type { Ctx, World } from "./types";
import { clone, Prng, type Rec } from "./util";

export type RateLimitStyle = "envelope" | "plain" | "disguised-404";

export interface SandboxOptions {
  /** Default 0 (a free port). */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** Accepted bearer tokens; default: one random 64-hex token. */
  tokens?: string[];
  /** Tokens of the account's root user (Firehose allowed); default: all tokens. */
  rootTokens?: string[];
  /** Per token; default `{ limit: 10, windowMs: 1000 }`. Uses real time, not `now`. */
  rateLimit?: RateLimit | false;
  /** How a 429 is answered; default "envelope". */
  rateLimitStyle?: RateLimitStyle;
  /** Adds `Retry-After: <seconds>` to rate-limited answers (Sell sends none; default off). */
  retryAfterSeconds?: number;
  /** Clock (ms since epoch) for timestamps, Firehose event times/retention, overdue tasks. */
  now?: () => number;
  /** PRNG seed for ids, tokens, request ids and random faults. */
  seed?: number;
  faults?: FaultOptions;
  /** Default 72 h. */
  firehoseRetentionMs?: number;
  /** Read-only attributes in a write body: "reject" (422 `unknown`, default) or "ignore". */
  readOnlyAttributes?: "reject" | "ignore";
  /** Seed data set (default "settings": no leads/contacts/deals). */
  seedData?: SeedData;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  /** Raw query string without `?`. */
  query: string;
  /** Status sent; 0 when the connection was dropped without an answer. */
  status: number;
  /** Sandbox clock at arrival. */
  at: number;
  /** Bearer token presented, if any. */
  token?: string;
  requestId: string;
  /** Injected fault kind, if any. */
  fault?: Fault["kind"];
}

type Handler = (ctx: Ctx, req: Req, params: Record<string, number>) => Reply;

interface Route {
  method: string;
  re: RegExp;
  names: string[];
  handler: Handler;
}

const DEFAULT_RETENTION_MS = 72 * 3_600_000;
const MAX_BODY = 5 * 1024 * 1024;

export class SandboxServer {
  readonly prng: Prng;
  readonly store: Store;
  readonly registry = new ResourceRegistry();
  readonly faults: FaultInjector;
  readonly limiter: RateLimiter;
  readonly requests: RequestLogEntry[] = [];
  readonly tokens: string[];
  readonly rootTokens: Set<string>;
  rateLimitStyle: RateLimitStyle;
  url = "";

  private clockOffset = 0;
  private readonly baseNow: () => number;
  private readonly retentionMs: number;
  private readonly routes: Route[];
  private server: Server | undefined;
  private closing = false;
  private readonly timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private rootUserId = 0;
  private otherUserIds: number[] = [];

  constructor(private readonly options: SandboxOptions = {}) {
    this.prng = new Prng(options.seed);
    this.baseNow = options.now ?? Date.now;
    this.retentionMs = options.firehoseRetentionMs ?? DEFAULT_RETENTION_MS;
    this.tokens =
      options.tokens && options.tokens.length > 0
        ? [...options.tokens]
        : [options.seed === undefined ? randomBytes(32).toString("hex") : this.prng.hex(64)];
    this.rootTokens = new Set(options.rootTokens ?? this.tokens);
    this.rateLimitStyle = options.rateLimitStyle ?? "envelope";
    this.limiter = new RateLimiter(
      options.rateLimit === undefined ? { limit: 10, windowMs: 1000 } : options.rateLimit,
    );
    this.faults = new FaultInjector(this.prng, options.faults);
    this.store = new Store(
      {
        firehose: (table, record) => renderFirehose(this.world(), table, record),
      },
      () => this.now(),
      this.prng,
    );
    this.routes = this.buildRoutes();
    this.seed();
  }

  now(): number {
    return this.baseNow() + this.clockOffset;
  }

  advanceClock(ms: number): void {
    this.clockOffset += ms;
  }

  world(): World {
    return { store: this.store, now: () => this.now(), registry: this.registry };
  }

  private seed(): void {
    const result = seed(this.world(), this.options.seedData ?? "settings", (userId) =>
      this.context(this.store.get("users", userId) ?? { id: userId }, true),
    );
    this.rootUserId = result.rootUserId;
    this.otherUserIds = result.otherUserIds;
  }

  /** Back to the seeded state: data, events, request log, scripted faults, rate windows. */
  reset(): void {
    this.store.clear();
    this.requests.length = 0;
    this.faults.clear();
    this.faults.set(this.options.faults ?? {});
    this.limiter.clear();
    this.seed();
  }

  userIdFor(token: string): number {
    if (this.rootTokens.has(token)) return this.rootUserId;
    const others = this.tokens.filter((t) => !this.rootTokens.has(t));
    const i = Math.max(0, others.indexOf(token));
    return this.otherUserIds[i % Math.max(1, this.otherUserIds.length)] ?? this.rootUserId;
  }

  private context(user: Rec, isRoot: boolean, params: Record<string, number> = {}): Ctx {
    return {
      ...this.world(),
      user,
      isRoot,
      baseUrl: this.url,
      readOnlyAttributes: this.options.readOnlyAttributes ?? "reject",
      params,
      requestId: "",
    };
  }

  // ------------------------------------------------------------------------------------------
  // Public helpers used by index.ts

  /** v2 rendering of the live records of a table or endpoint path (e.g. "leads", "lead_sources"). */
  records(resource: string): Rec[] {
    // A table name gives all its records; an endpoint path (lead_sources) gives its view.
    const table = this.registry.byTable(resource);
    const def = table ?? this.registry.all().find((d) => d.path === resource);
    if (!def) throw new Error(`Unknown sandbox resource '${resource}'`);
    let list = this.store.all(def.table);
    if (!table && def.scope) {
      const scope = def.scope;
      list = list.filter((r) => Object.entries(scope).every(([k, v]) => r[k] === v));
    }
    return list.map((r) => clone(renderV2(this.world(), def, r)));
  }

  events(table: string): StoredEvent[] {
    this.store.prune(this.now() - this.retentionMs);
    return this.store.events(table).map((e) => ({ ...e, data: clone(e.data) }));
  }

  /** Inserts a record directly (no validation), e.g. visits or text messages for a test. */
  insert(table: string, values: Rec): Rec {
    const def = this.registry.primary(table);
    const record: Rec = {};
    for (const [key, spec] of Object.entries(def.fields)) {
      if (key === "id") continue;
      record[key] =
        spec.type === "tags" || spec.type === "int_array"
          ? []
          : spec.type === "custom_fields"
            ? {}
            : null;
    }
    Object.assign(record, def.scope ?? {}, values);
    return clone(renderV2(this.world(), def, this.store.insert(table, record)));
  }

  update(table: string, id: number, values: Rec): Rec {
    const def = this.registry.primary(table);
    const before = this.store.get(table, id);
    if (!before) throw new Error(`no ${table} ${id} to update`);
    return clone(
      renderV2(this.world(), def, this.store.update(table, id, { ...before, ...values })),
    );
  }

  remove(table: string, id: number): void {
    if (!this.store.remove(table, id)) throw new Error(`no ${table} ${id} to remove`);
  }

  addCustomField(
    resourceType: "lead" | "contact" | "deal" | "prospect_and_customer",
    field: { name: string; type: string; filterable?: boolean; choices?: string[] },
  ): Rec {
    return clone(addCustomField(this.world(), resourceType, field));
  }

  // ------------------------------------------------------------------------------------------
  // Routing

  private buildRoutes(): Route[] {
    const routes: Route[] = [];
    const add = (method: string, pattern: string, handler: Handler) => {
      const names: string[] = [];
      const source = pattern.replace(/:(\w+)/g, (_m, name: string) => {
        names.push(name);
        return "(\\d+)";
      });
      routes.push({ method, re: new RegExp(`^${source}$`), names, handler });
    };

    add("GET", "/v2/users/self", (ctx, req) => {
      onlyParams(req.query, []);
      return single(ctx, this.registry.primary("users"), ctx.user);
    });
    add("GET", "/v2/accounts/self", (ctx, req) => {
      onlyParams(req.query, []);
      const account = ctx.store.all("accounts")[0];
      if (!account) throw notFound("account", "self");
      return single(ctx, this.registry.primary("accounts"), account);
    });
    add("POST", "/v2/lead_conversions", (ctx, req) => convertLead(ctx, req));

    for (const def of this.registry.all()) {
      if (!def.path) continue;
      const base = `/v2/${def.path}`;
      const item = `${base}/:id`;
      if (def.ops.includes("list")) add("GET", base, (ctx, req) => handleList(ctx, def, req));
      if (def.ops.includes("create")) add("POST", base, (ctx, req) => handleCreate(ctx, def, req));
      if (def.ops.includes("upsert"))
        add("POST", `${base}/upsert`, (ctx, req) => handleUpsert(ctx, def, req));
      if (def.ops.includes("get"))
        add("GET", item, (ctx, req, p) => handleGet(ctx, def, req, p.id as number));
      if (def.ops.includes("update"))
        add("PUT", item, (ctx, req, p) => handleUpdate(ctx, def, req, p.id as number));
      if (def.ops.includes("delete"))
        add("DELETE", item, (ctx, req, p) => handleDelete(ctx, def, req, p.id as number));
    }

    for (const table of this.registry.tables())
      add("GET", `/v3/${table}/stream`, (ctx, req) =>
        handleStream(ctx, req, table, { retentionMs: this.retentionMs }),
      );
    for (const table of SEARCHABLE)
      add("POST", `/v3/${table}/search`, (ctx, req) => handleSearch(ctx, req, table));
    for (const table of ["deals", "leads", "contacts"])
      add("GET", `/v3/${table}/custom_fields`, (ctx, req) =>
        handleSearchCustomFields(ctx, req, table),
      );
    return routes;
  }

  private route(method: string, path: string): { route: Route; params: Record<string, number> } {
    const lookup = method === "HEAD" ? "GET" : method;
    for (const route of this.routes) {
      if (route.method !== lookup) continue;
      const m = route.re.exec(path);
      if (!m) continue;
      const params: Record<string, number> = {};
      route.names.forEach((name, i) => {
        params[name] = Number(m[i + 1]);
      });
      return { route, params };
    }
    throw incorrectPath(path, method);
  }

  // ------------------------------------------------------------------------------------------
  // Transport

  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      this.onRequest(req, res).catch((error: unknown) => {
        process.stderr.write(`sandbox: unexpected failure: ${String(error)}\n`);
        if (!res.headersSent) res.destroy();
      });
    });
    this.server = server;
    const host = this.options.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.options.port ?? 0, host, () => resolve());
    });
    const address = server.address() as AddressInfo;
    const hostInUrl = address.family === "IPv6" ? `[${address.address}]` : address.address;
    this.url = `http://${hostInUrl}:${address.port}`;
    return this.url;
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const t of this.timers) {
      clearTimeout(t.timer);
      t.resolve();
    }
    this.timers.clear();
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private delay(ms: number): Promise<void> {
    if (ms <= 0 || this.closing) return Promise.resolve();
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.timers.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      this.timers.add(entry);
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = this.prng.uuid();
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, "") : url.pathname;
    const rawQuery = url.search.replace(/^\?/, "");
    const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1];
    const entry: RequestLogEntry = {
      method,
      path,
      query: rawQuery,
      status: 0,
      at: this.now(),
      ...(token ? { token } : {}),
      requestId,
    };
    this.requests.push(entry);
    let clientGone = false;
    res.on("close", () => {
      if (!res.writableFinished) clientGone = true;
    });

    const body = await readBody(req).catch(() => undefined);

    const latency = this.faults.latency(method, path);
    if (latency > 0) await this.delay(latency);
    const fault = this.faults.pick(method, path);
    if (fault) entry.fault = fault.kind;

    const send = (reply: Reply, truncate = false) => {
      if (this.closing || clientGone || res.destroyed) return;
      entry.status = truncate ? 200 : reply.status;
      writeReply(res, reply, requestId, method === "HEAD", truncate);
    };
    const drop = () => {
      entry.status = 0;
      req.socket.resetAndDestroy();
    };

    if (fault?.kind === "status") {
      send(this.faultReply(fault.status, requestId));
      return;
    }
    if (fault?.kind === "non-json") {
      send({ status: 502, raw: { contentType: "text/html", text: NON_JSON_BODY } });
      return;
    }
    if (fault?.kind === "reset" && !fault.afterEffect) {
      drop();
      return;
    }
    if (fault?.kind === "slow" && !fault.afterEffect) {
      await this.delay(fault.ms);
      if (clientGone || this.closing || res.destroyed) return;
    }

    const run = () =>
      body === undefined
        ? this.errorReply(invalidPayload("The request body is too large."), requestId)
        : this.process(method, path, url.searchParams, req, body, requestId);

    let reply: Reply;
    if (fault?.kind === "truncate" && !fault.afterEffect) {
      const snapshot = this.store.snapshot();
      reply = run();
      this.store.restore(snapshot);
    } else {
      reply = run();
    }

    if (fault?.kind === "reset") {
      drop();
      return;
    }
    if (fault?.kind === "slow" && fault.afterEffect) await this.delay(fault.ms);
    send(reply, fault?.kind === "truncate");
  }

  /** Headers, auth, rate limit, routing; every failure becomes an error envelope. */
  private process(
    method: string,
    path: string,
    query: URLSearchParams,
    req: IncomingMessage,
    body: string,
    requestId: string,
  ): Reply {
    try {
      const ua = req.headers["user-agent"];
      if (typeof ua !== "string" || ua.trim() === "")
        throw new SellError(400, [
          {
            code: "invalid_user_agent",
            message: "invalid User-Agent header",
            details:
              "Requests with no User-Agent header are rejected. Set a User-Agent that identifies your application.",
          },
        ]);
      const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1];
      if (!token || !this.tokens.includes(token))
        throw new SellError(401, [
          {
            code: "unauthorized",
            message: "Unauthorized",
            details: "Required access token is missing, malformed, expired, or invalid.",
          },
        ]);
      if (!acceptsJson(req.headers.accept))
        throw new SellError(406, [
          {
            code: "not_acceptable",
            message: "Not Acceptable",
            details: `The Accept header '${req.headers.accept ?? ""}' is not supported; use application/json.`,
          },
        ]);
      if (!this.limiter.admit(token)) return this.rateLimitReply(requestId);

      const { route, params } = this.route(method, path);
      const userId = this.userIdFor(token);
      const user = this.store.get("users", userId) ?? { id: userId };
      const ctx = this.context(user, this.rootTokens.has(token), params);
      ctx.requestId = requestId;
      return route.handler(ctx, { method, path, query, body }, params);
    } catch (error) {
      return this.errorReply(error, requestId);
    }
  }

  private errorReply(error: unknown, requestId: string): Reply {
    if (error instanceof SellError)
      return { status: error.status, body: errorEnvelope(error.status, error.errors, requestId) };
    const details = error instanceof Error ? error.message : String(error);
    return {
      status: 500,
      body: errorEnvelope(
        500,
        [{ code: "server_error", message: "Internal Server Error", details }],
        requestId,
      ),
    };
  }

  private rateLimitReply(requestId: string): Reply {
    const headers: Record<string, string> =
      this.options.retryAfterSeconds !== undefined
        ? { "Retry-After": String(this.options.retryAfterSeconds) }
        : {};
    const settings = this.limiter.settings;
    const limitText = settings
      ? `${settings.limit} requests per ${settings.windowMs} ms`
      : "the limit";
    switch (this.rateLimitStyle) {
      case "plain":
        return {
          status: 429,
          headers,
          raw: { contentType: "text/plain; charset=utf-8", text: "429 Too Many Requests\n" },
        };
      case "disguised-404":
        return {
          status: 404,
          headers,
          body: errorEnvelope(
            404,
            [
              {
                code: "incorrect_path",
                message: "path was not found",
                details: "Requested path at '/429.json' was not found using the HTTP method 'GET'.",
              },
            ],
            requestId,
          ),
        };
      default:
        return {
          status: 429,
          headers,
          body: errorEnvelope(
            429,
            [
              {
                code: "rate_limit_exceeded",
                message: "rate limit exceeded",
                details: `Too many requests for this access token: the limit is ${limitText}.`,
              },
            ],
            requestId,
          ),
        };
    }
  }

  private faultReply(status: number, requestId: string): Reply {
    if (status === 429) return this.rateLimitReply(requestId);
    const e = statusFaultError(status);
    return { status, body: errorEnvelope(status, [e], requestId) };
  }

  setFaults(faults: FaultOptions): void {
    this.faults.set(faults);
  }

  failNext(rule: FaultRule): void {
    this.faults.failNext(rule);
  }

  customFieldDefinitions(resourceType: string): Rec[] {
    return definitions(this.world(), [resourceType]).map((d) => clone(d));
  }
}

function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === "") return true;
  return accept.split(",").some((part) => {
    const [type = "", ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (q && Number(q.slice(2)) === 0) return false;
    const t = type.trim();
    return t === "*/*" || t === "application/*" || t === "application/json" || t.endsWith("+json");
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () =>
      tooLarge ? reject(new Error("too large")) : resolve(Buffer.concat(chunks).toString("utf8")),
    );
    req.on("error", reject);
  });
}

function writeReply(
  res: ServerResponse,
  reply: Reply,
  requestId: string,
  head: boolean,
  truncate: boolean,
): void {
  let text = "";
  let contentType = "application/json; charset=utf-8";
  if (reply.raw) {
    text = reply.raw.text;
    contentType = reply.raw.contentType;
  } else if (reply.body !== undefined) {
    text = JSON.stringify(reply.body);
  }
  let status = reply.status;
  if (truncate) {
    const full = text === "" ? JSON.stringify({ data: null, meta: { type: "empty" } }) : text;
    text = full.slice(0, Math.floor(full.length / 2));
    status = 200;
    contentType = "application/json; charset=utf-8";
  }
  const payload = Buffer.from(text, "utf8");
  const noContent = status === 204 || status === 304;
  res.statusCode = status;
  res.setHeader("X-Request-Id", requestId);
  // Sell sends no content type with a 204 No Content.
  if (!noContent) res.setHeader("Content-Type", contentType);
  res.setHeader("Content-Language", "en");
  res.setHeader("Vary", "Accept-Language");
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  if (noContent) {
    res.end();
    return;
  }
  res.setHeader("Content-Length", String(payload.length));
  res.end(head ? undefined : payload);
}
