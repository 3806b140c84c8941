// Bundles src/index.ts into dist/index.js (CommonJS; `default` export = the component) and
// copies the icon beside it, which is what `prism components:publish` uploads.
const path = require("node:path");
const CopyPlugin = require("copy-webpack-plugin");

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
  plugins: [new CopyPlugin({ patterns: [{ from: "assets/icon.png", to: "icon.png" }] })],
  optimization: { minimize: true },
  // spectral re-exports its jest-based testing helpers; jest-util's dynamic require is harmless here.
  ignoreWarnings: [{ module: /jest-util/ }, { message: /Critical dependency: the request of a dependency is an expression/ }],
  performance: { hints: false },
};
