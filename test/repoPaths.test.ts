/**
 * A newcomer's clone has none of the author's machine: no file may name an absolute path of a
 * machine (`/home/…`, `/Users/…`, `C:\…`, the workspace the project was written in) or a folder
 * outside the repository (`../something` from the root).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = join(__dirname, "..");
const SKIP = new Set([".git", "node_modules", "dist", "manifest", "coverage"]);
const TEXT = /\.(ts|js|json|md|yml|yaml|sh|txt)$|^\.ci$|^run$|^\.gitignore$/;

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return TEXT.test(name) && name !== "package-lock.json" ? [path] : [];
  });

const MACHINE_PATH = /(?<![\w.])(?:\/home\/\w|\/Users\/\w|\/work\/\w|\/root\/\w|[A-Z]:\\\\\w)/;
/** `../x` at the start of a path that is not inside the repository (from the root). */
const OUTSIDE = /(?<![\w./])\.\.\/(?:shared|reference)\b/;

it("no file names a path of a machine or a folder outside the repository", () => {
  const offenders = files(ROOT).flatMap((path) =>
    readFileSync(path, "utf8")
      .split("\n")
      .flatMap((line, i) =>
        path.endsWith("repoPaths.test.ts") || !(MACHINE_PATH.test(line) || OUTSIDE.test(line))
          ? []
          : [`${relative(ROOT, path)}:${i + 1}: ${line.trim().slice(0, 120)}`],
      ),
  );
  expect(offenders).toEqual([]);
});
