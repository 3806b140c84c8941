import type { z } from "zod";
import {
  CollectionEnvelope,
  type RecordData,
  SearchEnvelope,
  type SearchQuery,
  type SearchResult,
  SingleEnvelope,
  StreamEnvelope,
} from "./envelopes";
import { parseErrorBody, type RequestPurpose, SellApiError } from "./errors";
import { parseQueryString, type Query } from "./query";
import type { ApiVersion, SellRequest, SellResponse, SellTransport } from "./transport";

/** Sell's largest page. */
export const MAX_PER_PAGE = 100;

export interface PageOptions {
  /** Records per page, 1–100; defaults to 100 so a listing costs as few requests as possible. */
  perPage?: number;
  /** Stop after this many records in total. */
  maxItems?: number;
  /**
   * Most requests one listing may make (default: enough for `maxItems`, or 1,000 when unbounded).
   * Reaching it fails with `invalid_response` rather than paging forever.
   */
  maxPages?: number;
  /** Pages in flight at once after the first (default: what the token's budget keeps busy). */
  concurrency?: number;
}

/** A zod issue as one phrase, where it is first: `data: expected a JSON object, received undefined`. */
const describeIssue = (issue: z.core.$ZodIssue | undefined): string =>
  issue === undefined
    ? "invalid"
    : issue.path.length > 0
      ? `${issue.path.join(".")}: ${issue.message}`
      : issue.message;

/**
 * Whether listings read pages ahead. How many a listing asks ahead depends on measured round
 * trips, so tests that declare each request with mocks switch it off (test/setup.unit.ts), as
 * they make retry waits instant; the component itself never changes it.
 */
export const paging = { readAhead: true };

/** Requests an unbounded listing may make before it is taken as a page loop (100,000 records). */
export const DEFAULT_MAX_PAGES = 1000;

export interface CollectedItems<T extends RecordData = RecordData> {
  items: CollectionEnvelope<T>["items"];
  /** True when more records existed beyond `maxItems`. */
  truncated: boolean;
  /** Requests made. */
  pages: number;
}

export interface StreamOptions {
  /** `tail` (oldest kept event), `top` (now), or a position returned by an earlier read. */
  position: string;
  /** Events per request, 1–100. */
  limit?: number;
  /** Stop once this many events were read, even if the stream is not caught up. */
  maxEvents?: number;
  /** Safety stop for streams that never report `top`. */
  maxRequests?: number;
}

/** A page with records and, when there are more, a link or cursor to the next page. */
interface Page<T> {
  items: T[];
  meta?: { links?: { next_page?: string | null } };
}

/**
 * Gathers records from pages up to `maxItems`, noting whether more existed (records left on
 * the last page read, or a next page). Stops reading as soon as the cap is reached.
 */
export async function collectItems<T>(
  pages: AsyncIterable<Page<T>>,
  maxItems: number = Number.POSITIVE_INFINITY,
): Promise<{ items: T[]; truncated: boolean; pages: number }> {
  const items: T[] = [];
  let truncated = false;
  let count = 0;
  for await (const page of pages) {
    count += 1;
    const room = maxItems - items.length;
    items.push(...page.items.slice(0, room));
    if (
      page.items.length > room ||
      (items.length >= maxItems && Boolean(page.meta?.links?.next_page))
    ) {
      truncated = true;
      break;
    }
  }
  return { items, truncated, pages: count };
}

/**
 * One version of the Sell API (`sell.v2` or `sell.v3`). Everything goes through the shared
 * transport, so auth, throttling, retries and error mapping are the same for every call.
 */
export class SellApi {
  constructor(
    private readonly transport: SellTransport,
    readonly version: ApiVersion,
  ) {}

  /** Any request; the body comes back exactly as Sell sent it. */
  request<T = unknown>(request: SellRequest): Promise<SellResponse<T>> {
    return this.transport.send<T>(this.version, request);
  }

  /** GET a single record: `{ data, meta }`. */
  async get(path: string, query?: Query): Promise<SingleEnvelope> {
    return this.expect(
      SingleEnvelope,
      "GET",
      path,
      await this.request({ method: "GET", path, query, purpose: "read" }),
    );
  }

  /** GET a single record, or `undefined` when Sell answers 404 (it does not exist or is not visible). */
  async find(path: string, query?: Query): Promise<SingleEnvelope | undefined> {
    try {
      return await this.get(path, query);
    } catch (error) {
      if (error instanceof SellApiError && error.status === 404 && error.kind === "http")
        return undefined;
      throw error;
    }
  }

  /** GET one page of a list: `{ items, meta }`. */
  async list(path: string, query?: Query, signal?: AbortSignal): Promise<CollectionEnvelope> {
    return this.expect(
      CollectionEnvelope,
      "GET",
      path,
      await this.request({ method: "GET", path, query, purpose: "read", signal }),
    );
  }

  /** POST `{ data }` to create a record. Never retried once it may have reached Sell. */
  async create(path: string, data: RecordData, query?: Query): Promise<SingleEnvelope> {
    const response = await this.request({
      method: "POST",
      path,
      query,
      body: { data },
      purpose: "create",
    });
    return this.expect(SingleEnvelope, "POST", path, response, "create");
  }

  /**
   * POST `{ data }` to `<path>/upsert?<filters>`. Safe to repeat only because the caller makes
   * the record it may create match its own filters (a repeat then updates it).
   */
  async upsert(path: string, data: RecordData, filters: Query): Promise<SingleEnvelope> {
    const response = await this.request({
      method: "POST",
      path,
      query: filters,
      body: { data },
      purpose: "upsert",
    });
    return this.expect(SingleEnvelope, "POST", path, response, "upsert");
  }

  /** PUT `{ data }`: a partial update, only the attributes sent change. */
  async update(path: string, data: RecordData, query?: Query): Promise<SingleEnvelope> {
    const response = await this.request({
      method: "PUT",
      path,
      query,
      body: { data },
      purpose: "update",
    });
    return this.expect(SingleEnvelope, "PUT", path, response, "update");
  }

  /** DELETE; Sell answers 204 with no body. */
  async delete(path: string): Promise<void> {
    await this.request({ method: "DELETE", path, purpose: "delete" });
  }

  /**
   * Pages of a v2 list, in page order, each record once, until a page has no `next_page` link
   * (or is empty), or `maxItems` records were produced. After a full first page, the following
   * pages are requested ahead in parallel: as many as keep the token's budget busy at the
   * measured latency, or what the budget has free if more (`readAhead`). v2 lists give no total,
   * so the pages past the end that were already sent are wasted — at most the pages in flight
   * (fewer than the limit); those still waiting for their turn are cancelled unsent. At most
   * that many pages are held at a time. A `next_page` that does not point at the next page, or more than
   * `maxPages` requests, fails with `invalid_response` instead of reading the same records again.
   */
  async *pages(
    path: string,
    query: Query = {},
    options: PageOptions = {},
  ): AsyncGenerator<CollectionEnvelope> {
    const perPage = clampPerPage(options.perPage ?? MAX_PER_PAGE);
    const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
    const maxPages =
      options.maxPages ??
      (Number.isFinite(maxItems) ? Math.ceil(maxItems / perPage) + 1 : DEFAULT_MAX_PAGES);
    const first = pageNumber(query.page ?? 1) ?? 1;
    // Pages that can hold records still wanted (maxItems), and that the cap allows.
    const last =
      first +
      Math.min(
        maxPages - 1,
        Number.isFinite(maxItems) ? Math.ceil(maxItems / perPage) - 1 : Number.POSITIVE_INFINITY,
      );
    const pending = new Map<number, Promise<CollectionEnvelope>>();
    // Pages asked for ahead that the listing turns out not to need are cancelled when it ends.
    const ahead = new AbortController();
    const request = (page: number) => {
      const answer = this.list(path, { ...query, page, per_page: perPage }, ahead.signal);
      // A page asked for ahead may fail after the listing ended: nobody awaits it then.
      answer.catch(() => undefined);
      pending.set(page, answer);
    };
    let produced = 0;
    let askAhead = false;
    let nextToAsk = first;
    try {
      for (let current = first; ; current += 1) {
        if (!pending.has(current)) {
          request(current);
          nextToAsk = current + 1;
        }
        if (askAhead) {
          const depth = Math.max(
            1,
            options.concurrency ?? (paging.readAhead ? this.transport.readAhead() : 1),
          );
          while (nextToAsk <= last && nextToAsk < current + depth) request(nextToAsk++);
        }
        const page = await (pending.get(current) as Promise<CollectionEnvelope>);
        pending.delete(current);
        produced += page.items.length;
        yield page;
        const next = page.meta?.links?.next_page;
        if (!next || page.items.length === 0 || produced >= maxItems) return;
        const linked = pageNumber(this.queryFromLink(next, path).page);
        if (linked !== current + 1) {
          throw this.unexpected(
            "GET",
            path,
            linked !== undefined && linked > current + 1
              ? `its next_page link skips from page ${current} to page ${linked} (${next}), so paging stopped instead of leaving records out`
              : `its next_page link does not move past page ${current} (${next}), so paging stopped instead of reading the same records again`,
          );
        }
        if (current - first + 1 >= maxPages) {
          throw this.unexpected(
            "GET",
            path,
            `the list did not end after ${current - first + 1} pages (${produced} records), the most one listing reads; narrow it with filters`,
          );
        }
        // A full page with a next page: from here on, ask ahead.
        askAhead = page.items.length >= perPage;
      }
    } finally {
      ahead.abort();
    }
  }

  /** Every record up to `maxItems`, and whether more existed. */
  collect(path: string, query: Query = {}, options: PageOptions = {}): Promise<CollectedItems> {
    return collectItems(this.pages(path, query, options), options.maxItems);
  }

  /** One Firehose request (`GET /v3/<resource>/stream`). */
  async streamPage(resource: string, position: string, limit?: number): Promise<StreamEnvelope> {
    const path = `/${encodeURIComponent(resource)}/stream`;
    const response = await this.request({
      method: "GET",
      path,
      query: { position, limit },
      purpose: "stream",
    });
    return this.expect(StreamEnvelope, "GET", path, response);
  }

  /**
   * Firehose pages from `position` until Sell says the reader is caught up (`meta.top`), or
   * `maxEvents` events were read. Each page's `meta.position` is where the next read starts;
   * empty pages with `top: false` are normal and are followed.
   */
  async *stream(resource: string, options: StreamOptions): AsyncGenerator<StreamEnvelope> {
    const maxEvents = options.maxEvents ?? Number.POSITIVE_INFINITY;
    const maxRequests = options.maxRequests ?? 1000;
    let position = options.position;
    let events = 0;
    for (let request = 0; request < maxRequests; request += 1) {
      const page = await this.streamPage(resource, position, options.limit);
      events += page.items.length;
      yield page;
      if (page.meta.top || events >= maxEvents) return;
      if (page.meta.position === position) {
        throw this.unexpected(
          "GET",
          `/${encodeURIComponent(resource)}/stream`,
          `the stream is not caught up (top: false) but its position did not move past ${position}, so reading stopped instead of repeating the same events`,
        );
      }
      position = page.meta.position;
    }
  }

  /**
   * One Search API request (`POST /v3/<resource>/search`); idempotent, so it may be retried.
   * Returns the single query's result: `{ items, meta: { count, total_count, links.next_page } }`.
   */
  async search(
    resource: string,
    query: SearchQuery,
    options: { perPage?: number; cursor?: string } = {},
  ): Promise<SearchResult> {
    const path = `/${encodeURIComponent(resource)}/search`;
    const data = {
      query,
      ...(options.perPage === undefined ? {} : { per_page: options.perPage }),
      ...(options.cursor ? { cursor: options.cursor } : {}),
    };
    const response = await this.request({
      method: "POST",
      path,
      body: { items: [{ data }] },
      purpose: "search",
    });
    const body = this.expect(SearchEnvelope, "POST", path, response);
    const [result] = body.items as [SearchResult];
    if (result.successful === false) {
      throw this.transport.error({
        kind: "http",
        method: "POST",
        path: `/${this.version}${path}`,
        purpose: "search",
        status: response.status,
        statusText: response.statusText,
        logref: response.headers["x-request-id"],
        errors: parseErrorBody(result)?.errors,
        reason: "the search query was refused",
      });
    }
    return { ...result, items: result.items ?? [] };
  }

  /** Search results page by page, following the cursor, up to `maxItems`. */
  async *searchPages(
    resource: string,
    query: SearchQuery,
    options: { perPage?: number; cursor?: string; maxItems?: number; maxPages?: number } = {},
  ): AsyncGenerator<SearchResult> {
    const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
    const perPage = options.perPage ?? 50;
    const maxPages =
      options.maxPages ??
      (Number.isFinite(maxItems)
        ? Math.ceil(maxItems / Math.max(1, perPage)) + 1
        : DEFAULT_MAX_PAGES);
    const cursorsSeen = new Set<string>(options.cursor ? [options.cursor] : []);
    let cursor = options.cursor;
    let produced = 0;
    for (let requests = 1; produced < maxItems; requests += 1) {
      const page = await this.search(resource, query, { perPage: options.perPage, cursor });
      produced += page.items.length;
      yield page;
      cursor = page.meta?.links?.next_page ?? undefined;
      if (!cursor || page.items.length === 0) return;
      const where = `/${encodeURIComponent(resource)}/search`;
      if (cursorsSeen.has(cursor)) {
        throw this.unexpected(
          "POST",
          where,
          "its next_page cursor repeats an earlier one, so paging stopped instead of reading the same results again",
        );
      }
      if (produced < maxItems && requests >= maxPages) {
        throw this.unexpected(
          "POST",
          where,
          `the search did not end after ${requests} pages (${produced} results), the most one search reads; narrow it with conditions`,
        );
      }
      cursorsSeen.add(cursor);
    }
  }

  /** The query of a `next_page` link, refusing links that point anywhere but this list. */
  private queryFromLink(link: string, path: string): Query {
    let url: URL;
    try {
      url = new URL(link, this.transport.origin);
    } catch {
      throw this.unexpected("GET", path, `next_page link is not a URL: ${link}`);
    }
    const expectedPath = `/${this.version}${path.split("?")[0]}`;
    if (url.origin !== new URL(this.transport.origin).origin || url.pathname !== expectedPath) {
      throw this.unexpected("GET", path, `next_page link points outside ${expectedPath}`);
    }
    return parseQueryString(url.search);
  }

  private expect<S extends z.ZodType>(
    schema: S,
    method: string,
    path: string,
    response: SellResponse,
    purpose: RequestPurpose = "read",
  ): z.infer<S> {
    const result = schema.safeParse(response.body);
    if (!result.success) {
      const what =
        response.body === null || response.body === undefined
          ? "the body is empty"
          : `the response does not have the expected shape (${describeIssue(result.error.issues[0])})`;
      throw this.unexpected(method, path, what, response, purpose);
    }
    // Hand back Sell's own object, not zod's copy, so nothing is reordered or dropped.
    return response.body as z.infer<S>;
  }

  /**
   * An answer that cannot be used. A write's 2xx still means Sell carried it out: the error says
   * so (with the record's ID when the body shows one) instead of inviting a repeat.
   */
  private unexpected(
    method: string,
    path: string,
    reason: string,
    response?: SellResponse,
    purpose: RequestPurpose = "read",
  ): SellApiError {
    const applied = response !== undefined && purpose !== "read" && purpose !== "search";
    return this.transport.error({
      kind: "invalid_response",
      method,
      path: `/${this.version}${path}`,
      purpose,
      status: response?.status,
      statusText: response?.statusText,
      logref: response?.headers["x-request-id"],
      reason,
      ...(applied ? { outcome: "applied" as const, recordId: idOf(response.body) } : {}),
    });
  }
}

/** The ID of the record a body shows: `{ data: { id } }` or `{ id }`. */
function idOf(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const record = body as { id?: unknown; data?: { id?: unknown } };
  const id = record.data && typeof record.data === "object" ? record.data.id : record.id;
  return typeof id === "number" || (typeof id === "string" && /^\d+$/.test(id))
    ? String(id)
    : undefined;
}

/** A `page` query value as a number, when it is one. */
function pageNumber(value: unknown): number | undefined {
  const page = typeof value === "number" ? value : Number(value);
  return Number.isSafeInteger(page) ? page : undefined;
}

const clampPerPage = (perPage: number): number =>
  Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(perPage)));
