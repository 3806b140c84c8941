// Stands in, in the published bundle, for parts of spectral a component never runs: its jest-based
// testing helpers, its `util` helpers (date parsing, conditional logic) and the YAML writer of
// code-native integrations. Using one fails loudly instead of silently doing nothing.
const unused = (what) =>
  new Proxy(
    {},
    {
      get: (_, key) => {
        if (key === "__esModule" || key === "default" || typeof key === "symbol") return undefined;
        throw new Error(`${what} is not part of the Zendesk Sell component bundle (tried ${String(key)})`);
      },
    },
  );
module.exports = unused("This part of spectral");
