/**
 * Small helpers shared by the sandbox: JSON types, a seedable PRNG, ISO timestamps and decimal
 * strings. Standard library only.
 */
import { randomBytes } from "node:crypto";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A stored or rendered record: a JSON object. */
export type Rec = { [key: string]: Json };

export const isRec = (value: unknown): value is Rec =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const clone = <T extends Json>(value: T): T => structuredClone(value);

/** Deep equality of JSON values (key order ignored). */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// PRNG (mulberry32): deterministic ids, request ids and random faults when a seed is given.

export class Prng {
  private state: number;
  constructor(seed?: number) {
    this.state = (seed ?? randomBytes(4).readUInt32LE(0)) >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }
  hex(n: number): string {
    return this.bytes(Math.ceil(n / 2))
      .toString("hex")
      .slice(0, n);
  }
  /** RFC 4122 version-4 UUID built from the PRNG. */
  uuid(): string {
    const b = this.bytes(16);
    b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
    b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
    const h = b.toString("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  /** Opaque url-safe id like Firehose event ids (`BJ5093YlSV6LcM6mO6Re7g`). */
  opaque(): string {
    return this.bytes(16).toString("base64url");
  }
}

// ---------------------------------------------------------------------------------------------
// Time

/** `2014-08-27T16:32:56Z`: ISO-8601 UTC with second precision, as Sell renders timestamps. */
export const isoSeconds = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** True for a real calendar date `YYYY-MM-DD`. */
export function isDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** Parses an ISO-8601 date-time (a missing zone means UTC); undefined when unreadable. */
export function parseDateTime(value: string): number | undefined {
  const m = DATETIME_RE.exec(value);
  if (!m) return undefined;
  const zone = m[7] ?? "Z";
  const normalized = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? "00"}${zone === "Z" ? "Z" : zone.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2")}`;
  const ms = Date.parse(normalized);
  if (Number.isNaN(ms)) return undefined;
  if (!isDate(`${m[1]}-${m[2]}-${m[3]}`)) return undefined;
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Decimals: stored as canonical strings with two decimal places ("1000.50"), computed with BigInt
// cents so no float rounding creeps in.

const DECIMAL_RE = /^[+-]?(\d+)(?:\.(\d+))?$/;

/** Canonical 2-decimal string for a number or numeric string; undefined when not numeric. */
export function toDecimal(value: unknown): string | undefined {
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return undefined;
    text = value.toFixed(6);
  } else if (typeof value === "string") {
    text = value.trim();
  } else {
    return undefined;
  }
  const m = DECIMAL_RE.exec(text);
  if (!m) return undefined;
  const negative = text.startsWith("-");
  const fraction = (m[2] ?? "").padEnd(3, "0");
  // Round half up on the third decimal.
  let cents = BigInt(m[1] ?? "0") * 100n + BigInt(fraction.slice(0, 2));
  if (Number(fraction[2]) >= 5) cents += 1n;
  return centsToDecimal(negative ? -cents : cents);
}

export function decimalToCents(value: string): bigint {
  const negative = value.startsWith("-");
  const [whole = "0", fraction = "00"] = value.replace(/^[+-]/, "").split(".");
  const cents = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0").slice(0, 2));
  return negative ? -cents : cents;
}

export function centsToDecimal(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const whole = abs / 100n;
  const fraction = (abs % 100n).toString().padStart(2, "0");
  return `${negative && abs !== 0n ? "-" : ""}${whole}.${fraction}`;
}

/**
 * Sell's v2 rendering of a deal value (§8.2): an integer when there is no fractional part
 * (`1000`), otherwise a string with the stored precision (`"1000.50"`).
 */
export function renderDealValue(value: Json | undefined): Json {
  if (typeof value !== "string") return value ?? null;
  return value.endsWith(".00") ? Number(value.slice(0, -3)) : value;
}

export const decimalNumber = (value: Json | undefined): number | null =>
  typeof value === "string" ? Number(value) : typeof value === "number" ? value : null;

// ---------------------------------------------------------------------------------------------

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** `lead_sources` → `lead source`, used in human-readable messages. */
export const humanize = (name: string): string => name.replace(/_/g, " ");
