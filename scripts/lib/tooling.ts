/**
 * What the project's tools share (walkthrough, runner, soak, benchmarks, e2e tests): a logger
 * that drops everything, deterministic randomness, and real sleeps.
 */
import type { ActionLogger } from "@prismatic-io/spectral";

const noop = () => undefined;

/** A logger that drops everything (the harness would otherwise spy on console). */
export const quietLogger = (): ActionLogger =>
  ({
    metric: noop,
    trace: noop,
    debug: noop,
    info: noop,
    log: noop,
    warn: noop,
    error: noop,
  }) as unknown as ActionLogger;

/** Deterministic randomness in [0, 1) (mulberry32), so a run replays the same way. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
