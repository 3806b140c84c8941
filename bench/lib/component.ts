/**
 * The built component (dist/index.js, what Prismatic runs), driven through spectral's harness as
 * Prismatic drives it: input clean functions, defaults and the error hook included.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Component } from "@prismatic-io/spectral/dist/serverTypes";
import { createHarness, defaultTriggerPayload } from "@prismatic-io/spectral/dist/testing";
import { quietLogger } from "../../scripts/lib/tooling";

/** The bundle measured (BENCH_DIST may name another build, e.g. an unminified one to profile). */
export const DIST = process.env.BENCH_DIST ?? join(__dirname, "..", "..", "dist", "index.js");

type Json = Record<string, unknown>;

export { quietLogger };

export function loadComponent(): Component {
  if (!existsSync(DIST)) throw new Error("dist/index.js is missing: run `npm run build` first");
  // The sandbox is on loopback; only tooling such as this sets the switch (see src/connections).
  process.env.ZENDESK_SELL_ALLOW_LOOPBACK = "true";
  return (require(DIST) as { default: Component }).default;
}

/** One token's connection to the bench sandbox. */
export const connectionFor = (url: string, token: string) => ({
  key: "apiToken",
  configVarKey: "",
  fields: { accessToken: token, baseUrl: url },
});

export class Built {
  readonly harness: ReturnType<typeof createHarness>;

  constructor(readonly component = loadComponent()) {
    this.harness = createHarness(component);
  }

  async action(key: string, url: string, token: string, inputs: Json = {}): Promise<Json> {
    const output = await this.harness.action(
      key,
      { connection: connectionFor(url, token), ...inputs },
      { logger: quietLogger() },
    );
    return (output ?? {}) as Json;
  }

  async picklist(key: string, url: string, token: string, inputs: Json = {}): Promise<unknown[]> {
    const output = (await this.harness.dataSource(
      key,
      { connection: connectionFor(url, token), ...inputs },
      { logger: quietLogger() } as never,
    )) as { result: unknown[] };
    return output.result;
  }

  /** One poll of a polling trigger with its instance state (changed in place). */
  async poll(key: string, url: string, token: string, state: Json, inputs: Json = {}) {
    const result = (await this.harness.trigger(
      key,
      defaultTriggerPayload(),
      { connection: connectionFor(url, token), ...inputs },
      { instanceState: state, logger: quietLogger() },
    )) as unknown as {
      resultType?: string;
      instanceState?: Json;
      payload: { body: { data: Json } };
    };
    if (result.instanceState) Object.assign(state, result.instanceState);
    return { data: result.payload.body.data, quiet: result.resultType === "polled_no_changes" };
  }
}

/** Items of a list action's output (`{ data: { items } }`). */
export const itemsOf = (output: Json): Array<{ data: Json }> =>
  (output.data as { items?: Array<{ data: Json }> } | undefined)?.items ?? [];

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
