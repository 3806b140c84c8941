// Bundles src/index.ts into dist/index.js (CommonJS; `default` export = the component) and
// copies the icon beside it, which is what `prism components:publish` uploads.
const path = require("node:path");
const CopyPlugin = require("copy-webpack-plugin");
const { NormalModuleReplacementPlugin } = require("webpack");

/**
 * Parts of spectral that a component never runs at run time but that spectral's entry point
 * requires: its jest-based testing helpers (jest-mock, expect-utils, chalk…), its `util` helpers
 * (date-fns, conditional logic) and the YAML writer of code-native integrations. They are
 * replaced by a stub that throws if ever used, so they do not ship in dist/index.js.
 */
const UNUSED = path.resolve(__dirname, "build", "stubs", "unused.js");
const fromSpectral = (resource) => /@prismatic-io[\\/]spectral[\\/]dist/.test(resource.context ?? "");
const stub = (request) =>
  new NormalModuleReplacementPlugin(request, (resource) => {
    if (fromSpectral(resource)) resource.request = UNUSED;
  });

module.exports = {
  mode: "production",
  target: "node",
  entry: "./src/index.ts",
  output: {
    filename: "index.js",
    path: path.resolve(__dirname, "dist"),
    library: { type: "commonjs2" },
    clean: true,
  },
  resolve: { extensions: [".ts", ".js"] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        exclude: /node_modules/,
        use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { noEmit: false } } },
      },
    ],
  },
  plugins: [
    new CopyPlugin({ patterns: [{ from: "assets/icon.png", to: "icon.png" }] }),
    stub(/^\.\/testing$/),
    stub(/^\.\/util$/),
    stub(/^yaml$/),
    // zod's `locales` namespace (only the English one, which zod itself loads, is kept).
    new NormalModuleReplacementPlugin(/^\.\.\/locales\/index\.cjs$/, (resource) => {
      if (/[\\/]zod[\\/]v4[\\/](classic|core)$/.test(resource.context ?? ""))
        resource.request = path.resolve(__dirname, "build", "stubs", "zod-locales.js");
    }),
  ],
  optimization: { minimize: true },
  ignoreWarnings: [{ message: /Critical dependency: the request of a dependency is an expression/ }],
  performance: { hints: false },
};
