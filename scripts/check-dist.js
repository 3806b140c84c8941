// Checks the publishable artifact: dist/index.js is CommonJS, its default export is the
// component (with both connections), and the icon it names is a PNG beside it.
const { readFileSync } = require("node:fs");
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
console.log(
  `dist ok: ${component.key} with ${Object.keys(component.actions).length} actions, ` +
    `${Object.keys(component.dataSources).length} data sources, connections ${connections}`,
);
