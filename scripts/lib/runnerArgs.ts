/**
 * The command line of `npm run sell`: `<key> [input=value …] [--help] [--debug] [--state <file>]`,
 * options anywhere. A mistake is a `UsageError` (one line on stderr, exit code 2).
 */
import { closest, UsageError } from "./runnerInputs";

export interface RunnerArgs {
  /** The action, data source or trigger key (the first argument that is not an option). */
  key?: string;
  /** The `input=value` arguments, as given. */
  assignments: string[];
  help: boolean;
  debug: boolean;
  /** `--state <file>`: a trigger's instance state, read before the poll and written after it. */
  stateFile?: string;
}

export function parseArgs(argv: readonly string[]): RunnerArgs {
  const parsed: RunnerArgs = { assignments: [], help: false, debug: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (!arg.startsWith("-")) {
      if (parsed.key === undefined) parsed.key = arg;
      else parsed.assignments.push(arg);
      continue;
    }
    if (arg === "--help" || arg === "-h") parsed.help = true;
    else if (arg === "--debug") parsed.debug = true;
    else if (arg === "--state" || arg.startsWith("--state=")) {
      if (parsed.stateFile !== undefined) throw new UsageError("--state is given twice");
      const inline = arg.startsWith("--state=");
      const file = inline ? arg.slice("--state=".length) : argv[i + 1];
      if (!inline) i += 1;
      if (!file || file.startsWith("-") || (!inline && file.includes("=")))
        throw new UsageError(
          `--state needs a file for the trigger's state: --state <file>${file ? `, not '${file}'` : ""}`,
        );
      parsed.stateFile = file;
    } else {
      const name = arg.split("=", 1)[0] as string;
      const suggestion = closest(name, [
        { suggest: "--help", compare: ["--help"] },
        { suggest: "--debug", compare: ["--debug"] },
        { suggest: "--state <file>", compare: ["--state"] },
      ]);
      throw new UsageError(
        `Unknown option '${arg}'${suggestion ? `: did you mean ${suggestion}?` : ""} (options: --help, --debug, --state <file>)`,
      );
    }
  }
  return parsed;
}
