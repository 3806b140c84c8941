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
 * the odd local test server) and `e2e` (the component and the sandbox over real HTTP, and the
 * CNI manifest generated and type-checked in child processes). `npm run test:unit` runs the
 * fast one alone. test/live (a real Sell account) is neither: `npm run test:live` runs it with
 * test/live/jest.config.ts.
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
        "<rootDir>/test/manifest/",
        "<rootDir>/test/live/",
      ],
    },
    {
      ...base,
      displayName: "e2e",
      roots: ["<rootDir>/test/e2e", "<rootDir>/test/sandbox", "<rootDir>/test/manifest"],
      setupFilesAfterEnv: ["<rootDir>/test/setup.ts"],
    },
  ],
};

export default config;
