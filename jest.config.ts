import type { Config } from "jest";

/** What both projects share. */
const base = {
  preset: "ts-jest",
  testEnvironment: "node",
  setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
  clearMocks: true,
  restoreMocks: true,
  // The throttle and fault tests use short real time windows; keep files isolated.
  testTimeout: 20_000,
};

/**
 * Two projects, both run by `npm test`: `unit` (nock only, no socket leaves the process but to
 * the odd local test server) and `e2e` (the component and the sandbox over real HTTP).
 * `npm run test:unit` runs the fast one alone.
 */
const config: Config = {
  projects: [
    {
      ...base,
      displayName: "unit",
      roots: ["<rootDir>/test"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/", "<rootDir>/test/sandbox/"],
    },
    {
      ...base,
      displayName: "e2e",
      roots: ["<rootDir>/test/e2e", "<rootDir>/test/sandbox"],
    },
  ],
};

export default config;
