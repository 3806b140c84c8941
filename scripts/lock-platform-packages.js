// Adds the platform-specific optional packages (other OSes and CPUs) that npm left out of
// package-lock.json, so `npm ci` accepts the lockfile on any machine.
//
// Why: packages such as @biomejs/biome and jest's unrs-resolver list one optional dependency per
// platform. When the registry a lockfile is made against does not serve the other platforms'
// packages, `npm install` skips them and leaves them out of the lockfile, and `npm ci` then
// refuses the lockfile as out of sync ("Missing: @biomejs/cli-darwin-x64@ from lock file").
// The entries added here carry the os/cpu/libc npm needs to skip them on other platforms.
// Run after changing dependencies: `npm install && node scripts/lock-platform-packages.js`.
const { readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const file = join(__dirname, "..", "package-lock.json");
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;

/** os / cpu / libc of a platform package, from the platform words in its name. */
function platformOf(name) {
  const words = name.split("/").pop().split("-");
  const os = [
    "android",
    "darwin",
    "freebsd",
    "linux",
    "openbsd",
    "sunos",
    "win32",
    "openharmony",
    "netbsd",
    "aix",
  ].find((w) => words.includes(w));
  const cpu = [
    "arm64",
    "x64",
    "ia32",
    "arm",
    "loong64",
    "ppc64",
    "riscv64",
    "s390x",
    "wasm32",
  ].find((w) => words.includes(w));
  const libc =
    words.includes("musl") || words.includes("musleabihf")
      ? "musl"
      : os === "linux"
        ? "glibc"
        : undefined;
  return {
    ...(os ? { os: [os] } : {}),
    ...(cpu ? { cpu: [cpu] } : {}),
    ...(libc ? { libc: [libc] } : {}),
  };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const nested = `${path}/node_modules/${name}`;
    if (packages[key] || packages[nested]) continue;
    const platform = platformOf(name);
    if (!platform.os && !platform.cpu) continue; // not a platform package: leave it to npm
    packages[key] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
    added += 1;
  }
}

const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} platform package entr${added === 1 ? "y" : "ies"}`);
