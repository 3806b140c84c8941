/**
 * Runs the sandbox until Ctrl-C:
 *
 *   npx tsx sandbox/cli.ts [--port N] [--host H] [--seed N] [--token T]…
 *                          [--rate-style envelope|plain|disguised-404] [--no-rate-limit]
 *                          [--rate-limit N/MS] [--demo] [--read-only ignore|reject]
 */
import { parseArgs } from "node:util";
import { type SandboxOptions, startSandbox } from "./index";

const USAGE = `Usage: npx tsx sandbox/cli.ts [options]
  --port N              port (default: a free port)
  --host H              host (default 127.0.0.1)
  --seed N              PRNG seed (deterministic ids, request ids, token)
  --token T             accepted token (repeatable; default: one random 64-hex token)
  --rate-style S        envelope | plain | disguised-404 (default envelope)
  --rate-limit N/MS     e.g. 10/1000 (default); --no-rate-limit to disable
  --demo                seed demo CRM data (contacts, lead, deal, order, …)
  --read-only M         reject | ignore read-only attributes in writes (default reject)
  --help`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      seed: { type: "string" },
      token: { type: "string", multiple: true },
      "rate-style": { type: "string" },
      "rate-limit": { type: "string" },
      "no-rate-limit": { type: "boolean" },
      demo: { type: "boolean" },
      "read-only": { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const options: SandboxOptions = {};
  if (values.port !== undefined) options.port = Number(values.port);
  if (values.host !== undefined) options.host = values.host;
  if (values.seed !== undefined) options.seed = Number(values.seed);
  if (values.token) options.tokens = values.token;
  const style = values["rate-style"];
  if (style !== undefined) {
    if (style !== "envelope" && style !== "plain" && style !== "disguised-404")
      throw new Error(`--rate-style must be envelope, plain or disguised-404 (given ${style})`);
    options.rateLimitStyle = style;
  }
  if (values["no-rate-limit"]) options.rateLimit = false;
  else if (values["rate-limit"] !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(values["rate-limit"]);
    if (!m) throw new Error("--rate-limit must look like 10/1000");
    options.rateLimit = { limit: Number(m[1]), windowMs: Number(m[2]) };
  }
  if (values.demo) options.seedData = "demo";
  const readOnly = values["read-only"];
  if (readOnly !== undefined) {
    if (readOnly !== "reject" && readOnly !== "ignore")
      throw new Error("--read-only must be reject or ignore");
    options.readOnlyAttributes = readOnly;
  }

  const sandbox = await startSandbox(options);
  process.stdout.write(
    [
      `Zendesk Sell sandbox listening on ${sandbox.url}`,
      `token: ${sandbox.token}`,
      `try:   curl -s -H 'Authorization: Bearer ${sandbox.token}' -H 'User-Agent: curl' ${sandbox.url}/v2/users/self`,
      "Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
  const stop = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exit(1);
});
