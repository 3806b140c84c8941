import type { Config } from "jest";

/** What both projects share. */
const base = {
  preset: "ts-jest",
  testEnvironment: "node",
  clearMocks: true,
  restoreMocks: true,
};

/**
 * Two projects, both run by `npm test`: `unit` (nock only, no socket leaves the process but to
 * the odd local test server) and `e2e` (the component and the sandbox over real HTTP).
 * `npm run test:unit` runs the fast one alone.
 */
const config: Config = {
  // A global option (projects cannot set it): the throttle and fault tests use real time.
  testTimeout: 20_000,
  projects: [
    {
      ...base,
      displayName: "unit",
      roots: ["<rootDir>/test"],
      setupFilesAfterEnv: ["<rootDir>/test/setup.ts", "<rootDir>/test/setup.unit.ts"],
      testPathIgnorePatterns: [
        "/node_modules/",
        "<rootDir>/test/e2e/",
        "<rootDir>/test/sandbox/",
      ],
    },
    {
      ...base,
      displayName: "e2e",
      roots: ["<rootDir>/test/e2e", "<rootDir>/test/sandbox"],
      setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
    },
  ],
};

export default config;
