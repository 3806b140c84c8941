import type { Config } from "jest";

/**
 * The live smoke suite's own jest configuration (`npm run test:live`): only test/live, without
 * the unit project's setup (which blocks the network and makes retry waits instant), with
 * timeouts for a real Sell account. `npm test` never runs it (jest.config.ts ignores test/live).
 */
const config: Config = {
  rootDir: "../..",
  displayName: "live",
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test/live"],
  testTimeout: 60_000,
};

export default config;
