import { InputError } from "../inputs/errors";
import type { Rule } from "../inputs/layout";

/** What notes, tasks, calls, visits and text messages share: they hang off a lead, contact or deal. */

export const RESOURCE_TYPES = ["lead", "contact", "deal"];

/** First 50 characters of a text, on one line (picklist labels of notes and tasks). */
export const excerpt = (textValue: string | null | undefined, fallback: string): string => {
  const line = (textValue ?? "").replace(/\s+/g, " ").trim();
  if (!line) return fallback;
  return line.length > 50 ? `${line.slice(0, 50)}…` : line;
};

/** Resource Type and Resource ID only make sense together. */
export const resourceTogether: Rule<{ resourceType?: string; resourceId?: number }> = (values) => {
  const typeGiven = values.resourceType !== undefined;
  const idGiven = values.resourceId !== undefined;
  if (typeGiven !== idGiven) {
    throw new InputError(
      typeGiven ? "Resource ID" : "Resource Type",
      "is required when the other of Resource Type / Resource ID is set",
    );
  }
};
