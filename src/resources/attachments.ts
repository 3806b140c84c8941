import { InputError } from "../inputs/errors";
import type { Rule } from "../inputs/layout";

/** What notes, tasks, calls, visits and text messages share: they hang off a lead, contact or deal. */

export const RESOURCE_TYPES = ["lead", "contact", "deal"];

/** First `max` (50) characters of a text, on one line (picklist labels of notes, tasks, activities). */
export const excerpt = (
  textValue: string | null | undefined,
  fallback: string,
  max = 50,
): string => {
  const line = (textValue ?? "").replace(/\s+/g, " ").trim();
  if (!line) return fallback;
  return line.length > max ? `${line.slice(0, max).trimEnd()}…` : line;
};

/**
 * A moment as a person reads it in a label, in UTC to the minute: `2014-09-27T16:32:56Z` →
 * `2014-09-27 16:32`. Text that is not a date is kept as it is.
 */
export const minute = (moment: string | null | undefined): string | undefined => {
  if (!moment?.trim()) return undefined;
  const instant = new Date(moment);
  if (Number.isNaN(instant.getTime())) return moment.trim();
  return instant.toISOString().slice(0, 16).replace("T", " ");
};

/** Newest first (by a moment, then by ID), for activity picklists. */
export const newestFirst =
  <R extends { id: number }>(momentOf: (record: R) => string | null | undefined) =>
  (records: R[]): R[] => {
    const time = (record: R) => {
      const value = momentOf(record);
      const ms = value ? new Date(value).getTime() : Number.NaN;
      return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
    };
    return [...records].sort((a, b) => {
      const [ta, tb] = [time(a), time(b)];
      return ta === tb ? b.id - a.id : tb > ta ? 1 : -1;
    });
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
