import nock from "nock";
import { clock } from "../src/client";

// Retry waits are real backoffs in production; in tests they would only slow down failures.
// Tests that assert on waits record them with instantRetries() (test/helpers/sell.ts).
const instant = () => new Promise<void>((resolve) => setImmediate(resolve));
clock.sleep = instant;

// No test may reach the network, except the local sandbox the end-to-end tests start on loopback.
beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host));
});

// Every nock scope a test declares must be used by it: an unused mock means a request the code
// was supposed to make was never made.
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  if (pending.length > 0) {
    throw new Error(`Nock scopes were declared but never requested: ${pending.join(", ")}`);
  }
});

// Each test file loads its own nock, but Node's http module is shared by the files a worker runs:
// remove this file's interceptor so the next file does not inherit it.
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});
