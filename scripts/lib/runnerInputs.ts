/**
 * What `npm run sell` knows of a step's inputs, read from the converted component's input
 * definitions (`component.actions[key].inputs`, `component.dataSources`, `component.triggers`):
 * turning `key=value` arguments into params (refusing any key the step does not have, with the
 * closest key as a suggestion), and describing the inputs for `<key> --help`.
 */
import type { Input } from "@prismatic-io/spectral/dist/serverTypes";

/** A mistake in how the runner was called: one line on stderr, exit code 2, nothing sent. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Optimal string alignment distance: edits, with a swap of two neighbours counting as one. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j += 1) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const previous = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** A candidate for a suggestion: what is suggested, and the texts a given name is compared with. */
export interface Candidate {
  suggest: string;
  compare: readonly string[];
}

/**
 * The candidate closest to `given` (case-insensitively, then exactly, then in declaration order),
 * if it is close enough to be a likely misspelling: at most a third of the name's length in edits
 * (at least one).
 */
export function closest(given: string, candidates: readonly Candidate[]): string | undefined {
  const limit = Math.max(1, Math.floor(given.length / 3));
  let best: { suggest: string; loose: number; exact: number } | undefined;
  for (const candidate of candidates) {
    for (const text of candidate.compare) {
      const loose = editDistance(given.toLowerCase(), text.toLowerCase());
      const exact = editDistance(given, text);
      if (loose > limit) continue;
      if (!best || loose < best.loose || (loose === best.loose && exact < best.exact)) {
        best = { suggest: candidate.suggest, loose, exact };
      }
    }
  }
  return best?.suggest;
}

const isGroup = (input: Input): boolean => input.type === "structuredObject";
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const CONNECTION_NOTE =
  "is set by the runner: PRISMATIC_CONNECTION_VALUE, SELL_ACCESS_TOKEN, or the local sandbox";

/**
 * Turns `key=value` arguments into a step's params, refusing (with a `UsageError`) an argument
 * without `=`, a key the step does not have, a child of an input that is not a group, an unknown
 * child of a group, a group value that is not a JSON object, the connection, and a key given twice.
 * A group's children are given as `group.key=value`, or the group at once as a JSON object.
 */
export function paramsFor(
  stepKey: string,
  inputs: readonly Input[],
  args: readonly string[],
): Record<string, unknown> {
  const help = `npm run sell -- ${stepKey} --help lists its inputs`;
  const byKey = new Map(inputs.map((input) => [input.key, input]));
  const unknown = (name: string, suggestion: string | undefined, detail = "") =>
    new UsageError(
      `Unknown input '${name}' for ${stepKey}${suggestion ? `: did you mean ${suggestion}?` : detail} (${help})`,
    );
  const unknownChild = (group: Input, child: string) => {
    const children = group.inputs ?? [];
    const suggestion = closest(
      child,
      children.map((c) => ({ suggest: `${group.key}.${c.key}`, compare: [c.key] })),
    );
    return unknown(
      `${group.key}.${child}`,
      suggestion,
      `: ${group.key} has ${children.map((c) => c.key).join(", ")}`,
    );
  };
  const unknownTop = (name: string) => {
    const candidates: Candidate[] = [];
    for (const input of inputs) {
      if (input.type === "connection") continue;
      if (!isGroup(input)) candidates.push({ suggest: input.key, compare: [input.key] });
      for (const child of input.inputs ?? []) {
        const path = `${input.key}.${child.key}`;
        // A child's key alone (`email`) points to its path (`contactInfo.email`).
        candidates.push({ suggest: path, compare: name.includes(".") ? [path] : [child.key] });
      }
      if (isGroup(input) && !name.includes("."))
        candidates.push({ suggest: input.key, compare: [input.key] });
    }
    return unknown(name, closest(name, candidates));
  };

  const params: Record<string, unknown> = {};
  const given = new Set<string>();
  const once = (path: string) => {
    if (given.has(path)) throw new UsageError(`Input '${path}' is given twice`);
    given.add(path);
  };
  for (const arg of args) {
    const at = arg.indexOf("=");
    if (at < 0) throw new UsageError(`'${arg}' is not input=value (${help})`);
    if (at === 0) throw new UsageError(`'${arg}' has no input key before '=' (${help})`);
    const name = arg.slice(0, at);
    const value = arg.slice(at + 1);
    const dot = name.indexOf(".");
    const head = dot < 0 ? name : name.slice(0, dot);
    const child = dot < 0 ? undefined : name.slice(dot + 1);
    const input = byKey.get(head);
    if (!input) throw unknownTop(name);
    if (input.type === "connection") throw new UsageError(`The input '${head}' ${CONNECTION_NOTE}`);
    if (!isGroup(input)) {
      if (child !== undefined)
        throw new UsageError(
          `Input '${head}' of ${stepKey} is not a group of inputs: give it as ${head}=value, not ${name}=… (${help})`,
        );
      once(head);
      params[head] = value;
      continue;
    }
    const group = (params[head] as Record<string, unknown> | undefined) ?? {};
    params[head] = group;
    const children = new Map((input.inputs ?? []).map((c) => [c.key, c]));
    if (child !== undefined) {
      if (!children.has(child)) throw unknownChild(input, child);
      once(`${head}.${child}`);
      group[child] = value;
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
    if (!isPlainObject(parsed)) {
      throw new UsageError(
        `Input '${head}' of ${stepKey} is a group: give its inputs as ${head}.<key>=value (${[...children.keys()].join(", ")}) or ${head} as a JSON object`,
      );
    }
    for (const [childKey, childValue] of Object.entries(parsed)) {
      if (!children.has(childKey)) throw unknownChild(input, childKey);
      once(`${head}.${childKey}`);
      group[childKey] = typeof childValue === "string" ? childValue : JSON.stringify(childValue);
    }
  }
  return params;
}

// ---- Describing inputs (`<key> --help`) ------------------------------------------------------

/** Prismatic's input type as the component declares it, said plainly. */
export function typeOf(input: Input): string {
  if (input.collection === "valuelist")
    return `list of ${input.type === "string" ? "" : `${input.type} `}values (a,b or a JSON array)`;
  if (input.collection === "keyvaluelist") return "key/value pairs (a JSON object)";
  switch (input.type) {
    case "structuredObject":
      return "group";
    case "code":
      return input.language ? `code (${input.language})` : "code";
    case "boolean":
      return "boolean (true or false)";
    default:
      return input.type;
  }
}

const shownDefault = (value: unknown): string | undefined => {
  if (value === undefined || value === null || value === "") return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
};

const sameWords = (a: string, b: string) =>
  a.toLowerCase().replace(/[^a-z0-9]/g, "") === b.toLowerCase().replace(/[^a-z0-9]/g, "");

/** A dropdown's values, each with its label when the label says more than the value. */
export function valuesOf(input: Input): string | undefined {
  if (!input.model?.length) return undefined;
  return input.model
    .map(({ value, label }) => {
      const shown = value === "" ? '""' : String(value);
      return label && !sameWords(String(value), label) ? `${shown} = ${label}` : shown;
    })
    .join(" | ");
}

/** The lines describing one input: `path: Label — type, required or optional, default` and details. */
export function describeInput(input: Input, path: string): string[] {
  const indent = "      ";
  if (input.type === "connection") {
    return [`  ${path}: ${input.label} — connection, required`, `${indent}It ${CONNECTION_NOTE}.`];
  }
  if (isGroup(input)) {
    const children = (input.inputs ?? []).map((child) => child.key).join(", ");
    return [
      `  ${path}: ${input.label} — group of ${children}`,
      `${indent}Give its inputs as ${path}.<key>=value, or ${path} as a JSON object.`,
      ...(input.comments ? [`${indent}${input.comments}`] : []),
    ];
  }
  const fallback = shownDefault(input.default);
  const lines = [
    `  ${path}: ${input.label} — ${[typeOf(input), input.required ? "required" : "optional", ...(fallback !== undefined ? [`default ${fallback}`] : [])].join(", ")}`,
  ];
  const values = valuesOf(input);
  if (values) lines.push(`${indent}values: ${values}`);
  if (input.example !== undefined && input.example !== "")
    lines.push(`${indent}example: ${input.example}`);
  if (input.dataSource) lines.push(`${indent}choose from: npm run sell -- ${input.dataSource}`);
  if (input.comments) lines.push(`${indent}${input.comments}`);
  return lines;
}

/** Every input of a step, a group's children as `group.child` after the group. */
export function describeInputs(inputs: readonly Input[]): string[] {
  const lines: string[] = [];
  for (const input of inputs) {
    lines.push(...describeInput(input, input.key));
    if (isGroup(input))
      for (const child of input.inputs ?? [])
        lines.push(...describeInput(child, `${input.key}.${child.key}`));
  }
  return lines;
}
