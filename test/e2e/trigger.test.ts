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
