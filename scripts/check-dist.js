// Checks the publishable artifact: dist/index.js is CommonJS, its default export is the
// component (with both connections), the icon it names is a PNG beside it, and the errors its
// actions throw keep their names through minification.
const { readFileSync } = require("node:fs");
const { createServer } = require("node:http");
const { join } = require("node:path");

const dist = join(__dirname, "..", "dist");
const component = require(join(dist, "index.js")).default;
const fail = (message) => {
  console.error(`dist check failed: ${message}`);
  process.exit(1);
};

if (component?.key !== "zendesk-sell") fail("default export is not the zendesk-sell component");
const connections = component.connections.map((c) => c.key).join(",");
if (connections !== "oauth,apiToken")
  fail(`connections are '${connections}', expected 'oauth,apiToken'`);
const icon = readFileSync(join(dist, component.display.iconPath));
if (!icon.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])))
  fail("icon is not a PNG");

/** The error a built action throws, run as Prismatic runs it (clean functions, error hook). */
async function errorOf(key, params) {
  const noop = () => undefined;
  const logger = {
    metric: noop,
    trace: noop,
    debug: noop,
    info: noop,
    log: noop,
    warn: noop,
    error: noop,
  };
  try {
    await component.actions[key].perform({ logger, debug: { enabled: false } }, params);
  } catch (error) {
    return error;
  }
  fail(`${key} did not fail`);
}

// Error names must survive minification: flows and error handlers tell errors apart by name.
async function checkErrorNames() {
  const server = createServer((_, response) => {
    response.statusCode = 404;
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ errors: [{ error: { code: "not_found" } }], meta: {} }));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.ZENDESK_SELL_ALLOW_LOOPBACK = "true";
  const token = "0".repeat(64);
  const local = {
    key: "apiToken",
    fields: { accessToken: token, baseUrl: `http://127.0.0.1:${server.address().port}` },
  };
  const cases = [
    [
      "ConnectionError",
      "getLead",
      { connection: { key: "apiToken", fields: { accessToken: "" } }, id: "1" },
    ],
    ["InputError", "getLead", { connection: local, id: "not an id" }],
    ["SellApiError", "getLead", { connection: local, id: "1" }],
  ];
  try {
    for (const [name, key, params] of cases) {
      const error = await errorOf(key, params);
      if (error?.name !== name)
        fail(`${key} threw an error named '${error?.name}', expected '${name}'`);
    }
  } finally {
    server.close();
  }
}

checkErrorNames().then(() =>
  console.log(
    `dist ok: ${component.key} with ${Object.keys(component.actions).length} actions, ` +
      `${Object.keys(component.dataSources).length} data sources, connections ${connections}; error names kept`,
  ),
);
