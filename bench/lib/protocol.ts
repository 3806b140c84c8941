/**
 * Messages between a benchmark and the sandbox it runs in a child process (bench/sandboxWorker.ts).
 * The sandbox runs apart so its own work (routing, JSON, the store) does not share an event loop
 * or a CPU count with the component being measured.
 */
import type { FaultOptions } from "../../sandbox";

export interface RequestFilter {
  token?: string;
  method?: string;
  /** Only requests whose path starts with this. */
  pathPrefix?: string;
}

export interface RequestCounts {
  total: number;
  /** Requests by HTTP status (0: connection dropped without an answer). */
  byStatus: Record<string, number>;
}

export type Command =
  | {
      op: "insert";
      table: string;
      count: number;
      values: Record<string, unknown>;
      /** Record i (1-based) changed at sandbox now + fromMs + i × stepMs (whole seconds). */
      timestamps?: { fromMs: number; stepMs: number };
    }
  | { op: "advanceClock"; ms: number }
  | { op: "setFaults"; faults: FaultOptions }
  | { op: "requests"; filter: RequestFilter }
  | { op: "count"; table: string; where?: Record<string, unknown> }
  | { op: "arrivals"; filter: RequestFilter }
  | { op: "clearLog" };

export interface Started {
  url: string;
  tokens: string[];
}

export type Message =
  | { kind: "started"; started: Started }
  | { kind: "reply"; id: number; result: unknown }
  | { kind: "failed"; id: number; message: string };

/** A string value of `values` with `{i}` in it gets the record's number (1-based). */
export const numbered = (values: Record<string, unknown>, i: number): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      typeof value === "string" ? value.replaceAll("{i}", String(i)) : value,
    ]),
  );

/** What one process of the many-processes benchmark reports (bench/processWorker.ts). */
export interface ProcessReport {
  index: number;
  elapsedMs: number;
  fetched: number;
  distinct: number;
  created: number;
  failures: string[];
  slowestActionMs: number;
}
