/** What a benchmark reports: one line per figure, grouped for docs/benchmarks.md. */
export interface Figure {
  group: string;
  /** What was measured (a table row). */
  name: string;
  /** Columns of the row, in order. */
  values: Record<string, string>;
  /** A note printed under the group (why a figure is what it is). */
  note?: string;
}

export const ratio = (value: number): string => value.toFixed(3);
export const count = (value: number): string => value.toLocaleString("en-US");
export const ms = (value: number): string => `${Math.round(value)} ms`;
export const secs = (value: number): string => `${(value / 1000).toFixed(2)} s`;
export const kb = (bytes: number): string => `${count(Math.round(bytes / 1024))} KB`;

export function printFigure(figure: Figure): void {
  const cells = Object.entries(figure.values).map(([key, value]) => `${key} ${value}`);
  console.log(`${figure.group} · ${figure.name}: ${cells.join(", ")}`);
}

/** The fastest Sell allows for `requests` requests of one token: 10 a second, plus one round trip. */
export const fastestMs = (requests: number, roundTripMs: number): number =>
  (Math.ceil(requests / 10) - 1) * 1000 + roundTripMs;
