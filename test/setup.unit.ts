import { paging } from "../src/client";

// How many pages a listing reads ahead depends on measured round trips, which vary with the
// machine's load: tests that declare every request with nock read one page at a time. Tests of
// reading ahead turn it on for themselves (test/client/pagination.test.ts); the end-to-end tests
// against the sandbox run with it, as the component does.
paging.readAhead = false;
