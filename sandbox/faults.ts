/**
 * Fault injection: random faults (`FaultOptions`, drawn per request from the seeded PRNG) and
 * scripted one-off faults (`failNext`). At most one fault applies to a request; scripted rules
 * win over random ones.
 *
 * Whether the operation happened ("effect"):
 *  - status faults (5xx, 429, …) and `non-json`: never performed (the request never got past the
 *    front end);
 *  - `reset`: by default NOT performed (connection dropped before the request was handled);
 *    `afterEffect: true` performs it, then drops the connection without an answer;
 *  - `truncate`: by default performed, then the 200 answer carries half of the JSON body;
 *    `afterEffect: false` runs it as a dry run (changes rolled back) and truncates that answer;
 *  - `slow`: by default performed at once and answered after `slowMs` (a client that times out
 *    has still created the record); `afterEffect: false` waits `slowMs` first and performs the
 *    operation only if the client is still connected.
 */
import type { Prng } from "./util";

export interface FaultMatch {
  method?: string;
  path?: RegExp;
}

export interface FaultOptions {
  /** Only requests matching this are affected (default: all). */
  match?: FaultMatch;
  /** Added before handling every matching request. */
  latencyMs?: number | { min: number; max: number };
  /** Probability per status, e.g. `{ 500: 0.1, 503: 0.05 }`. */
  errorRates?: Record<number, number>;
  resetRate?: number;
  truncateRate?: number;
  nonJsonRate?: number;
  slowRate?: number;
  /** Delay of a `slow` fault (default 35 000 ms, above a 30 s client timeout). */
  slowMs?: number;
  /** Whether the operation is performed for reset/truncate/slow faults (see module doc). */
  afterEffect?: { reset?: boolean; truncate?: boolean; slow?: boolean };
}

export type ScriptedFault =
  | { status: number }
  | "reset"
  | "truncate"
  | "non-json"
  | { slowMs: number };

export interface FaultRule {
  method?: string;
  path?: RegExp;
  /** How many matching requests get the fault (default 1). */
  times?: number;
  fault: ScriptedFault;
  /** Overrides the default effect of reset/truncate/slow (see module doc). */
  afterEffect?: boolean;
}

export type Fault =
  | { kind: "status"; status: number }
  | { kind: "non-json" }
  | { kind: "reset"; afterEffect: boolean }
  | { kind: "truncate"; afterEffect: boolean }
  | { kind: "slow"; ms: number; afterEffect: boolean };

export const DEFAULT_SLOW_MS = 35_000;
const DEFAULT_EFFECT = { reset: false, truncate: true, slow: true };

const matches = (m: FaultMatch | undefined, method: string, path: string): boolean => {
  if (!m) return true;
  if (m.method && m.method.toUpperCase() !== method.toUpperCase()) return false;
  if (m.path) {
    m.path.lastIndex = 0;
    if (!m.path.test(path)) return false;
  }
  return true;
};

export class FaultInjector {
  private options: FaultOptions;
  private rules: Array<FaultRule & { left: number }> = [];

  constructor(
    private readonly prng: Prng,
    options: FaultOptions = {},
  ) {
    this.options = options;
  }

  set(options: FaultOptions): void {
    this.options = options;
  }

  failNext(rule: FaultRule): void {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
  }

  clear(): void {
    this.rules = [];
    this.options = {};
  }

  /** Extra latency for a request (0 when none). */
  latency(method: string, path: string): number {
    const { latencyMs, match } = this.options;
    if (latencyMs === undefined || !matches(match, method, path)) return 0;
    if (typeof latencyMs === "number") return latencyMs;
    return this.prng.int(latencyMs.min, latencyMs.max);
  }

  /** The fault for this request, consuming a scripted rule or drawing a random one. */
  pick(method: string, path: string): Fault | undefined {
    const rule = this.rules.find((r) => matches(r, method, path));
    if (rule) {
      rule.left -= 1;
      if (rule.left <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
      return fromScripted(rule.fault, rule.afterEffect);
    }
    const o = this.options;
    if (!matches(o.match, method, path)) return undefined;
    const effect = { ...DEFAULT_EFFECT, ...o.afterEffect };
    const candidates: Array<[number, () => Fault]> = [];
    for (const [status, rate] of Object.entries(o.errorRates ?? {}))
      candidates.push([rate, () => ({ kind: "status", status: Number(status) })]);
    candidates.push([o.resetRate ?? 0, () => ({ kind: "reset", afterEffect: effect.reset })]);
    candidates.push([
      o.truncateRate ?? 0,
      () => ({ kind: "truncate", afterEffect: effect.truncate }),
    ]);
    candidates.push([o.nonJsonRate ?? 0, () => ({ kind: "non-json" })]);
    candidates.push([
      o.slowRate ?? 0,
      () => ({ kind: "slow", ms: o.slowMs ?? DEFAULT_SLOW_MS, afterEffect: effect.slow }),
    ]);
    if (candidates.every(([rate]) => rate <= 0)) return undefined;
    let r = this.prng.next();
    for (const [rate, make] of candidates) {
      if (r < rate) return make();
      r -= rate;
    }
    return undefined;
  }
}

function fromScripted(fault: ScriptedFault, afterEffect: boolean | undefined): Fault {
  if (fault === "reset") return { kind: "reset", afterEffect: afterEffect ?? DEFAULT_EFFECT.reset };
  if (fault === "truncate")
    return { kind: "truncate", afterEffect: afterEffect ?? DEFAULT_EFFECT.truncate };
  if (fault === "non-json") return { kind: "non-json" };
  if ("status" in fault) return { kind: "status", status: fault.status };
  return { kind: "slow", ms: fault.slowMs, afterEffect: afterEffect ?? DEFAULT_EFFECT.slow };
}

export const NON_JSON_BODY =
  "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/** Code and message of the error envelope of a status fault. */
export function statusFaultError(status: number): {
  code: string;
  message: string;
  details: string;
} {
  switch (status) {
    case 500:
      return {
        code: "server_error",
        message: "Internal Server Error",
        details: "The server encountered an unexpected condition (injected fault).",
      };
    case 502:
      return {
        code: "bad_gateway",
        message: "Bad Gateway",
        details: "The upstream server failed (injected fault).",
      };
    case 503:
      return {
        code: "temporarily_unavailable",
        message: "Service Unavailable",
        details: "The service is temporarily unavailable (injected fault).",
      };
    case 504:
      return {
        code: "gateway_timeout",
        message: "Gateway Timeout",
        details: "The upstream server timed out (injected fault).",
      };
    default:
      return {
        code: status >= 500 ? "server_error" : "invalid_request",
        message: "Injected fault",
        details: `Injected fault with status ${status}.`,
      };
  }
}
