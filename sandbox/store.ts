/**
 * The in-memory record store: one table per stored resource (`leads`, `sources`, …) plus an
 * append-only Firehose event log per table. Every insert/update/remove goes through here, so
 * every change produces exactly one event with the Firehose snapshot of the record.
 */
import { clone, isoSeconds, jsonEqual, type Prng, type Rec } from "./util";

export type EventType = "created" | "updated" | "deleted";

export interface StoredEvent {
  /** Absolute position in the table's log (counts dropped events too). */
  offset: number;
  eventId: string;
  eventType: EventType;
  time: number;
  recordId: number;
  /** Per record id, increasing (1 for the creation). */
  sequence: number;
  /** Firehose snapshot after the event (for `deleted`: the last state). */
  data: Rec;
  /** Updates only: previous values of the Firehose attributes that changed. */
  previous?: Rec;
}

interface Table {
  records: Map<number, Rec>;
  log: StoredEvent[];
  /** Number of events dropped from the front of `log` by retention. */
  dropped: number;
}

export interface StoreHooks {
  /** The Firehose attribute set of a record. */
  firehose(table: string, record: Rec): Rec;
}

export interface StoreState {
  tables: Map<string, Table>;
  nextId: number;
  sequences: Map<string, number>;
}

export class Store {
  private tables = new Map<string, Table>();
  private nextId: number;
  private sequences = new Map<string, number>();

  constructor(
    private readonly hooks: StoreHooks,
    private readonly now: () => number,
    private readonly prng: Prng,
  ) {
    this.nextId = prng.int(1_000_000, 1_999_999);
  }

  private table(name: string): Table {
    let table = this.tables.get(name);
    if (!table) {
      table = { records: new Map(), log: [], dropped: 0 };
      this.tables.set(name, table);
    }
    return table;
  }

  newId(): number {
    this.nextId += this.prng.int(1, 7);
    return this.nextId;
  }

  nowIso(): string {
    return isoSeconds(this.now());
  }

  /** Live records of a table in insertion order (do not mutate; use `update`). */
  all(name: string): Rec[] {
    return [...this.table(name).records.values()];
  }

  get(name: string, id: number): Rec | undefined {
    return this.table(name).records.get(id);
  }

  /** Document version of a record: the number of events it produced. */
  version(name: string, id: number): number {
    return this.sequences.get(`${name}:${id}`) ?? 0;
  }

  /** Stores a new record; assigns `id` and timestamps when absent. */
  insert(name: string, record: Rec): Rec {
    const now = this.nowIso();
    const id = typeof record.id === "number" ? record.id : this.newId();
    const stored: Rec = { ...record, id };
    if ("created_at" in stored && stored.created_at === null) stored.created_at = now;
    if (!("created_at" in stored)) stored.created_at = now;
    if ("updated_at" in stored && stored.updated_at === null) stored.updated_at = now;
    this.table(name).records.set(id, stored);
    this.emit(name, "created", stored);
    return stored;
  }

  /** Replaces a record with `next` (bumping `updated_at` when the record has one). */
  update(name: string, id: number, next: Rec): Rec {
    const table = this.table(name);
    const before = table.records.get(id);
    if (!before) throw new Error(`update of missing ${name} ${id}`);
    const stored: Rec = { ...next, id };
    if ("updated_at" in stored) stored.updated_at = this.nowIso();
    table.records.set(id, stored);
    this.emit(name, "updated", stored, before);
    return stored;
  }

  remove(name: string, id: number): Rec | undefined {
    const table = this.table(name);
    const before = table.records.get(id);
    if (!before) return undefined;
    table.records.delete(id);
    this.emit(name, "deleted", before);
    return before;
  }

  private emit(name: string, eventType: EventType, record: Rec, before?: Rec): void {
    const table = this.table(name);
    const id = record.id as number;
    const key = `${name}:${id}`;
    const sequence = (this.sequences.get(key) ?? 0) + 1;
    this.sequences.set(key, sequence);
    const data = clone(this.hooks.firehose(name, record));
    const event: StoredEvent = {
      offset: table.dropped + table.log.length,
      eventId: this.prng.opaque().slice(0, 22),
      eventType,
      time: this.now(),
      recordId: id,
      sequence,
      data,
    };
    if (eventType === "updated" && before) {
      const old = this.hooks.firehose(name, before);
      const previous: Rec = {};
      for (const key of new Set([...Object.keys(old), ...Object.keys(data)])) {
        if (!jsonEqual(old[key], data[key])) previous[key] = clone(old[key] ?? null);
      }
      event.previous = previous;
    }
    table.log.push(event);
  }

  // ------------------------------------------------------------------------------------------
  // Firehose log

  /** Drops events older than `cutoff` (ms) from every log. */
  prune(cutoff: number): void {
    for (const table of this.tables.values()) {
      let n = 0;
      while (n < table.log.length && (table.log[n]?.time ?? Infinity) < cutoff) n++;
      if (n > 0) {
        table.log.splice(0, n);
        table.dropped += n;
      }
    }
  }

  /** Retained range of a table's log: [first, end). */
  logRange(name: string): { first: number; end: number } {
    const table = this.table(name);
    return { first: table.dropped, end: table.dropped + table.log.length };
  }

  /** Events from absolute `offset`, at most `limit`. */
  readLog(name: string, offset: number, limit: number): StoredEvent[] {
    const table = this.table(name);
    const start = offset - table.dropped;
    return table.log.slice(Math.max(0, start), Math.max(0, start) + limit);
  }

  events(name: string): StoredEvent[] {
    return [...this.table(name).log];
  }

  // ------------------------------------------------------------------------------------------
  // Snapshots: used to make multi-record operations atomic and for dry runs.

  snapshot(): StoreState {
    const tables = new Map<string, Table>();
    for (const [name, table] of this.tables) {
      tables.set(name, {
        records: new Map([...table.records].map(([id, r]) => [id, clone(r)])),
        log: [...table.log],
        dropped: table.dropped,
      });
    }
    return { tables, nextId: this.nextId, sequences: new Map(this.sequences) };
  }

  restore(state: StoreState): void {
    this.tables = state.tables;
    this.nextId = state.nextId;
    this.sequences = state.sequences;
  }

  clear(): void {
    this.tables.clear();
    this.sequences.clear();
  }
}
