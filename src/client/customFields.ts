import { createHash } from "node:crypto";
import { z } from "zod";
import type { SellClient } from "./client";

/**
 * The account's custom field definitions (`GET /v2/<resource type>/custom_fields`), read once
 * per token and resource type and kept for a few minutes, so a flow looping over records does
 * not pay a request per record. Writes use them to type custom field values before sending.
 */

export interface CustomFieldDefinition {
  name: string;
  /** `string`, `number`, `date`, `list`…; absent when Sell does not say (treated as text). */
  type?: string;
  choices: string[];
}

/** What a definition must have to be used; anything else Sell sends passes through. */
const Choice = z.looseObject({ name: z.string() });
const Definition = z.looseObject({
  name: z.string(),
  type: z.string().nullish(),
  choices: z.array(Choice).nullish(),
  options: z.array(Choice).nullish(),
});

const CACHE_MS = 5 * 60 * 1000;
const cache = new Map<string, { at: number; definitions: Promise<CustomFieldDefinition[]> }>();

const cacheKey = (sell: SellClient, resourceType: string): string =>
  createHash("sha256")
    .update(`${sell.transport.origin}\u0000${sell.transport.identity}\u0000${resourceType}`)
    .digest("hex");

/** Reads the custom field definitions of a resource type (uncached). */
export async function readCustomFieldDefinitions(
  sell: SellClient,
  resourceType: string,
): Promise<CustomFieldDefinition[]> {
  const { items } = await sell.v2.list(`/${encodeURIComponent(resourceType)}/custom_fields`);
  const definitions: CustomFieldDefinition[] = [];
  for (const item of items) {
    const parsed = Definition.safeParse(item.data);
    if (!parsed.success) continue;
    const options = parsed.data.choices ?? parsed.data.options ?? [];
    definitions.push({
      name: parsed.data.name,
      type: parsed.data.type ?? undefined,
      choices: options.map((o) => o.name),
    });
  }
  return definitions;
}

/**
 * The custom field definitions of a resource type (`lead`, `contact`, `deal`,
 * `prospect_and_customer`), from the cache when it is fresh; `fresh: true` reads them again.
 */
export function customFieldDefinitions(
  sell: SellClient,
  resourceType: string,
  options: { now?: number; fresh?: boolean } = {},
): Promise<CustomFieldDefinition[]> {
  const now = options.now ?? Date.now();
  const key = cacheKey(sell, resourceType);
  const cached = cache.get(key);
  if (!options.fresh && cached && now - cached.at < CACHE_MS) return cached.definitions;
  const definitions = readCustomFieldDefinitions(sell, resourceType);
  cache.set(key, { at: now, definitions });
  // A failed read is not cached: the next write tries again.
  definitions.catch(() => cache.delete(key));
  return definitions;
}
