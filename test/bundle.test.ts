/**
 * The published bundle replaces parts of spectral a component never runs with a stub that
 * throws when used (webpack.config.js): its testing helpers, its `util` helpers and the YAML
 * writer. So no source file may use them: it would pass every test here and fail on Prismatic.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const SRC = join(__dirname, "..", "src");

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });

it("no source file imports what the bundle leaves out of spectral (util, testing, yaml)", () => {
  const offenders = sources(SRC).filter((path) => {
    const text = readFileSync(path, "utf8");
    return (
      /from "@prismatic-io\/spectral\/dist\/(testing|util)"/.test(text) ||
      /import\s*\{[^}]*\butil\b[^}]*\}\s*from "@prismatic-io\/spectral"/.test(text) ||
      /from "yaml"/.test(text)
    );
  });
  expect(offenders.map((path) => relative(SRC, path))).toEqual([]);
});
