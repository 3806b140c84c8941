/** All resource definitions and the registry that looks them up. */
import type { Registry, ResourceDef } from "../types";
import { activityResources } from "./activities";
import { commerceResources } from "./commerce";
import { CREATOR, filters, RO_INT, RO_TIME } from "./common";
import { crmResources } from "./crm";
import { settingsResources } from "./settings";

/** `POST /v2/lead_conversions` is handled in conversions.ts; this is the stored record. */
const leadConversions: ResourceDef = {
  table: "lead_conversions",
  path: "lead_conversions",
  type: "lead_conversion",
  ops: ["list"],
  fields: {
    id: RO_INT,
    lead_id: RO_INT,
    individual_id: RO_INT,
    organization_id: RO_INT,
    deal_id: RO_INT,
    creator_id: CREATOR,
    created_at: RO_TIME,
  },
  filters: filters("int", "lead_id"),
  defaultSort: "id:asc",
};

export const RESOURCES: readonly ResourceDef[] = [
  ...crmResources,
  leadConversions,
  ...activityResources,
  ...commerceResources,
  ...settingsResources,
];

export class ResourceRegistry implements Registry {
  private readonly primaries = new Map<string, ResourceDef>();

  constructor(private readonly defs: readonly ResourceDef[] = RESOURCES) {
    for (const def of defs) if (!this.primaries.has(def.table)) this.primaries.set(def.table, def);
  }

  byTable(table: string): ResourceDef | undefined {
    return this.primaries.get(table);
  }

  primary(table: string): ResourceDef {
    const def = this.primaries.get(table);
    if (!def) throw new Error(`unknown table ${table}`);
    return def;
  }

  byPath(path: string): ResourceDef | undefined {
    return this.defs.find((d) => d.path === path);
  }

  all(): readonly ResourceDef[] {
    return this.defs;
  }

  tables(): string[] {
    return [...this.primaries.keys()];
  }
}
