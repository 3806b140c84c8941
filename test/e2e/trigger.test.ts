/**
 * The New and Updated Records trigger against the sandbox: a sequence of writes between polls,
 * each change reported exactly once, nothing skipped, and a quiet poll costing one request.
 */
import { defaultTriggerPayload } from "@prismatic-io/spectral/dist/testing";
import { type Client, E2E, harness, idOf, quietLogger } from "./helpers";

let e2e: E2E;
beforeAll(async () => {
  e2e = await E2E.start({ tokenCount: 4 });
});
afterAll(() => e2e.close());

interface Polled {
  resultType: string;
  payload: { body: { data: { created: Array<{ id: number }>; updated: Array<{ id: number }> } } };
}

const poller = (client: Client, resource: string) => {
  const instanceState: Record<string, unknown> = {};
  return async () => {
    const before = client.requests().length;
    const result = (await harness.trigger(
      "pollChangesTrigger",
      defaultTriggerPayload(),
      { connection: client.connection, pollResourceType: resource },
      { instanceState, logger: quietLogger() },
    )) as unknown as Polled;
    const { created, updated } = result.payload.body.data;
    return {
      created: created.map((r) => r.id),
      updated: updated.map((r) => r.id),
      requests: client.requests().length - before,
    };
  };
};

it("reports each created and updated deal once, across polls, and a quiet poll costs one request", async () => {
  const c = e2e.client();
  const contact = await c.record("createContact", { isOrganization: "true", name: "Trigger Org" });
  const poll = poller(c, "deals");
  const existing = await c.record("createDeal", { name: "Before", contactId: String(contact.id) });

  expect(await poll()).toEqual({ created: [], updated: [], requests: 1 }); // starting point

  const first = await c.record("createDeal", { name: "First", contactId: String(contact.id) });
  await c.record("updateDeal", { id: idOf(existing), hot: "true" });
  const firstPoll = await poll();
  expect(firstPoll.created).toEqual([first.id]);
  expect(firstPoll.updated).toEqual([existing.id]);

  expect(await poll()).toEqual({ created: [], updated: [], requests: 1 });

  await c.record("updateDeal", { id: idOf(first), name: "First, renamed" });
  const second = await c.record("createDeal", { name: "Second", contactId: String(contact.id) });
  const secondPoll = await poll();
  expect(secondPoll.created).toEqual([second.id]);
  expect(secondPoll.updated).toEqual([first.id]);
  expect(await poll()).toEqual({ created: [], updated: [], requests: 1 });
});

it("reads past one page when more than 100 leads changed, none reported twice", async () => {
  const c = e2e.client();
  const poll = poller(c, "leads");
  await poll();
  const created = [];
  for (let i = 0; i < 120; i += 1)
    created.push(e2e.sandbox.insert("leads", { last_name: `Bulk ${i}` }).id);
  const result = await poll();
  expect(new Set(result.created)).toEqual(new Set(created));
  expect(result.created).toHaveLength(120);
  // Two pages, read twice: the second pass confirms no lead slipped between pages meanwhile.
  expect(result.requests).toBe(4);
  expect(await poll()).toMatchObject({ created: [], updated: [] });
});

it("a quiet poll reads the records of the last reported second once, with no confirming pass", async () => {
  const c = e2e.client();
  const poll = poller(c, "leads");
  await poll();
  // 250 leads changed within one second (a bulk import): Sell's timestamps have whole seconds,
  // so every later poll must look at all of them again (one could be a new change at that second).
  const second = `${new Date(e2e.sandbox.now() + 2000).toISOString().slice(0, 19)}Z`;
  const created = Array.from(
    { length: 250 },
    (_, i) =>
      e2e.sandbox.insert("leads", {
        last_name: `Same second ${i}`,
        created_at: second,
        updated_at: second,
      }).id,
  );
  // Pages 1–3 hold them (page 3 reaches older records). Pages past 3 may be asked for ahead
  // (how many depends on the measured round trips): they are not counted here.
  const pagesRead = (since: number) =>
    c
      .requests({ method: "GET", path: "/v2/leads" })
      .slice(since)
      .map((r) => Number(new URLSearchParams(r.query).get("page")))
      .filter((page) => page <= 3);
  let before = c.requests({ method: "GET", path: "/v2/leads" }).length;
  const first = await poll();
  expect(new Set(first.created)).toEqual(new Set(created));
  // Three pages, and a second pass to confirm nothing slipped between them.
  expect(pagesRead(before).sort()).toEqual([1, 1, 2, 2, 3, 3]);
  // Nothing new: one read of those three pages finds nothing, so nothing needs confirming (a
  // record missed by a shifting page is still after the cursor, found by the next poll).
  before = c.requests({ method: "GET", path: "/v2/leads" }).length;
  expect(await poll()).toMatchObject({ created: [], updated: [] });
  expect(pagesRead(before).sort()).toEqual([1, 2, 3]);
});
