/**
 * The Firehose triggers (Record Changes, Deleted Records, and the field-change triggers) against
 * the sandbox, polled through spectral's harness with their instance state: nothing missed,
 * nothing repeated, nothing invented, across restarts, re-runs, bursts, expired positions and
 * stream faults. Each test gets a sandbox of its own, since Firehose streams are account-wide.
 */

import type { ActionLogger } from "@prismatic-io/spectral";
import { createConnection, defaultTriggerPayload } from "@prismatic-io/spectral/dist/testing";
import { type Sandbox, startSandbox } from "../../sandbox";
import { apiToken } from "../../src/connections";
import { harness, newToken, quietLogger } from "./helpers";

type Json = Record<string, unknown>;

interface Event {
  eventId: string;
  eventType: string;
  sequence: number | null;
  resource: string;
  record: Json;
  previous: Json | null;
  [key: string]: unknown;
}
interface Output {
  events: Event[];
  position: string;
  caughtUp: boolean;
  gap?: { from: string; to: string; reason: string };
  started?: { from: string; position: string; at: string };
}

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await startSandbox({
    seed: 5,
    tokens: Array.from({ length: 12 }, newToken),
    rateLimit: false,
  });
});
afterEach(() => sandbox.close());

const connectionFor = (token: string) =>
  createConnection(apiToken, { accessToken: token, baseUrl: sandbox.url });

/** A trigger instance: its state, polled with one token (or a new one each poll). */
function instance(key: string, params: Json, options: { rotate?: boolean } = {}) {
  const state: Json = {};
  let poll = 0;
  const warnings: string[] = [];
  const logger = {
    ...quietLogger(),
    warn: (m: string) => warnings.push(m),
  } as unknown as ActionLogger;
  const run = async (instanceState: Json = state) => {
    const token = sandbox.tokens[options.rotate ? poll % sandbox.tokens.length : 0] as string;
    poll += 1;
    const before = sandbox.requests.length;
    const result = (await harness.trigger(
      key,
      defaultTriggerPayload(),
      { connection: connectionFor(token), ...params },
      { instanceState, logger },
    )) as unknown as { resultType: string; payload: { body: { data: Output } } };
    return {
      ...result.payload.body.data,
      noChanges: result.resultType === "polled_no_changes",
      requests: sandbox.requests.length - before,
    };
  };
  return { state, run, warnings };
}

const insertLeads = (count: number, prefix = "Lead") =>
  Array.from({ length: count }, (_, i) =>
    sandbox.insert("leads", { last_name: `${prefix} ${i + 1}`, status: "New" }),
  );

/** Every event Firehose still keeps for a table, by ID, in stream order. */
const eventIds = (table: string) => sandbox.events(table).map((e) => e.eventId);

describe("Record Changes", () => {
  it("catches up across many pages from the oldest event, then a quiet poll costs one request", async () => {
    insertLeads(250);
    const trigger = instance("recordChanges", { resource: "leads", startFrom: "oldest" });
    const first = await trigger.run();
    expect(first.started).toMatchObject({ from: "oldest", position: "tail" });
    expect(first.events.map((e) => e.eventId)).toEqual(eventIds("leads"));
    expect(first.events.every((e) => e.eventType === "created")).toBe(true);
    expect(first).toMatchObject({ caughtUp: true, requests: 3 });
    const quiet = await trigger.run();
    expect(quiet).toMatchObject({ events: [], caughtUp: true, noChanges: true, requests: 1 });
    expect(quiet.started).toBeUndefined();
  });

  it("from now: the first poll reports nothing and says where it started; later changes follow", async () => {
    insertLeads(3, "Before");
    const trigger = instance("recordChanges", { resource: "leads" });
    const first = await trigger.run();
    expect(first).toMatchObject({ events: [], requests: 1, started: { from: "now" } });
    expect(first.started?.position).toBe(first.position);
    const [lead] = insertLeads(1, "After");
    const next = await trigger.run();
    expect(next.events.map((e) => [e.eventType, e.record.id])).toEqual([["created", lead?.id]]);
  });

  it("a restart from saved state loses nothing and repeats nothing", async () => {
    const trigger = instance("recordChanges", { resource: "leads" });
    await trigger.run();
    const leads = insertLeads(5);
    // The process that polled is gone: the next poll runs from the state Prismatic saved.
    const restored = JSON.parse(JSON.stringify(trigger.state)) as Json;
    const afterRestart = await trigger.run(restored);
    expect(afterRestart.events.map((e) => e.record.id)).toEqual(leads.map((l) => l.id));
    expect((await trigger.run(restored)).events).toEqual([]);
  });

  it("a poll whose state was not saved runs again from the old position and reports the same events", async () => {
    const trigger = instance("recordChanges", { resource: "leads" });
    await trigger.run();
    insertLeads(4);
    const saved = JSON.parse(JSON.stringify(trigger.state)) as Json;
    const failed = await trigger.run(JSON.parse(JSON.stringify(saved)) as Json);
    // Its execution failed, so Prismatic kept the old state: the re-run sees the same events.
    const rerun = await trigger.run(saved);
    expect(rerun.events.map((e) => e.eventId)).toEqual(failed.events.map((e) => e.eventId));
    expect(rerun.events).toHaveLength(4);
  });

  it("a position older than the 72 h retention restarts at the top and reports the gap", async () => {
    const trigger = instance("recordChanges", { resource: "leads" });
    await trigger.run();
    insertLeads(2, "Lost");
    sandbox.advanceClock(73 * 3600 * 1000);
    const expired = await trigger.run();
    expect(expired.events).toEqual([]);
    expect(expired.noChanges).toBe(false);
    expect(expired.gap).toEqual({
      from: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      to: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      reason: expect.stringMatching(/older than Firehose's 72-hour retention/),
    });
    expect(trigger.warnings).toEqual([
      expect.stringMatching(
        /^Zendesk Sell leads stream: the saved position expired \(410 Gone\); restarting from now/,
      ),
    ]);
    const [later] = insertLeads(1, "Later");
    const next = await trigger.run();
    expect(next.events.map((e) => e.record.id)).toEqual([later?.id]);
    expect(next.gap).toBeUndefined();
  });

  it("a burst of 10,000 changes drains over several polls, in order, each once", async () => {
    const trigger = instance(
      "recordChanges",
      { resource: "leads", startFrom: "oldest" },
      { rotate: true },
    );
    insertLeads(10_000);
    const seen: string[] = [];
    let polls = 0;
    for (;;) {
      const result = await trigger.run();
      polls += 1;
      seen.push(...result.events.map((e) => e.eventId));
      expect(result.events.length).toBeLessThanOrEqual(1000);
      if (result.caughtUp) break;
    }
    expect(polls).toBeGreaterThanOrEqual(10);
    expect(seen).toEqual(eventIds("leads"));
  });

  it("interleaved creates, updates and deletes: every event once, each record's in sequence", async () => {
    const trigger = instance("recordChanges", { resource: "leads", maxEventsPerPoll: "37" });
    await trigger.run();
    const leads = insertLeads(40, "Mixed");
    const reported: Event[] = [];
    let alive = leads.map((l) => l.id as number);
    for (let round = 0; round < 8; round += 1) {
      for (const [i, id] of alive.entries()) {
        if ((i + round) % 3 === 0) sandbox.update("leads", id, { title: `round ${round}` });
        if ((i + round) % 11 === 0) sandbox.remove("leads", id);
      }
      alive = sandbox.records("leads").map((l) => l.id as number);
      if (round % 2 === 0) sandbox.insert("leads", { last_name: `New ${round}` });
      reported.push(...(await trigger.run()).events);
    }
    for (;;) {
      const result = await trigger.run();
      reported.push(...result.events);
      if (result.caughtUp && result.events.length === 0) break;
    }
    const stored = sandbox.events("leads");
    const since = stored.findIndex((e) => e.eventId === reported[0]?.eventId);
    expect(reported.map((e) => e.eventId)).toEqual(stored.slice(since).map((e) => e.eventId));
    const last = new Map<unknown, number>();
    for (const event of reported) {
      const before = last.get(event.record.id) ?? 0;
      expect(event.sequence).toBeGreaterThan(before);
      last.set(event.record.id, event.sequence ?? 0);
    }
  });

  it("Event Types and Changed Fields report only what was asked, and only real changes", async () => {
    const [lead] = insertLeads(1);
    const id = lead?.id as number;
    const onlyDeletes = instance("recordChanges", { resource: "leads", eventTypes: ["deleted"] });
    // Changed Fields filters updates; creates and deletes pass unless Event Types leaves them out.
    const onlyStatus = instance("recordChanges", {
      resource: "leads",
      eventTypes: ["updated"],
      changedFields: ["status"],
    });
    await onlyDeletes.run();
    await onlyStatus.run();
    sandbox.update("leads", id, { title: "CEO" });
    sandbox.update("leads", id, { status: "Working" });
    sandbox.update("leads", id, { status: "Working" }); // no real change
    sandbox.remove("leads", id);
    expect((await onlyDeletes.run()).events.map((e) => e.eventType)).toEqual(["deleted"]);
    const status = await onlyStatus.run();
    expect(status.events.map((e) => [e.eventType, e.previous?.status, e.record.status])).toEqual([
      ["updated", "New", "Working"],
    ]);
  });

  it("an unknown changed field fails naming the attributes, before any request", async () => {
    const trigger = instance("recordChanges", { resource: "leads", changedFields: ["stage_id"] });
    await expect(trigger.run()).rejects.toThrow(
      /^Changed Fields: stage_id is not an attribute of leads events; use creator_id, owner_id, /,
    );
    expect(sandbox.requests).toEqual([]);
  });

  it("stream faults mid-drain (429, 503, resets, truncated pages) lose and repeat nothing", async () => {
    insertLeads(450);
    const trigger = instance("recordChanges", { resource: "leads", startFrom: "oldest" });
    sandbox.failNext({ method: "GET", path: /\/v3\/leads\/stream/, fault: { status: 429 } });
    sandbox.failNext({ method: "GET", path: /\/v3\/leads\/stream/, fault: { status: 503 } });
    sandbox.failNext({ method: "GET", path: /\/v3\/leads\/stream/, fault: "reset" });
    sandbox.failNext({ method: "GET", path: /\/v3\/leads\/stream/, fault: "truncate" });
    const result = await trigger.run();
    expect(result.events.map((e) => e.eventId)).toEqual(eventIds("leads"));
    expect(sandbox.requests.filter((r) => r.fault).length).toBe(4);
  });

  it("without a root token it fails saying what to fix and pointing to list polling", async () => {
    const other = await startSandbox({
      seed: 6,
      tokens: [newToken(), newToken()],
      rootTokens: [],
      rateLimit: false,
    });
    try {
      const error = await harness
        .trigger(
          "recordChanges",
          defaultTriggerPayload(),
          {
            connection: createConnection(apiToken, {
              accessToken: other.token,
              baseUrl: other.url,
            }),
            resource: "leads",
          },
          { instanceState: {}, logger: quietLogger() },
        )
        .catch((e: Error) => e);
      expect((error as Error).message).toMatch(
        /^Zendesk Sell rejected GET \/v3\/leads\/stream \(403 Forbidden\): .*root user.*on other plans, watch changes with the New and Updated Records trigger \(list polling\)\./,
      );
    } finally {
      await other.close();
    }
  });
});

describe("Deleted Records", () => {
  it("reports deletes only, each once", async () => {
    const leads = insertLeads(3);
    const trigger = instance("deletedRecords", { resource: "leads" });
    await trigger.run();
    sandbox.update("leads", leads[0]?.id as number, { title: "x" });
    sandbox.remove("leads", leads[1]?.id as number);
    insertLeads(1, "New");
    const result = await trigger.run();
    expect(result.events.map((e) => [e.eventType, e.record.id])).toEqual([
      ["deleted", leads[1]?.id],
    ]);
    expect((await trigger.run()).events).toEqual([]);
  });
});

describe("field-change triggers", () => {
  it("a lead moving New → Working → Unqualified fires twice with the right from/to; nothing else fires", async () => {
    const trigger = instance("leadStatusChanged", {});
    await trigger.run();
    const [lead] = insertLeads(1);
    const id = lead?.id as number;
    sandbox.update("leads", id, { status: "Working" });
    sandbox.update("leads", id, { title: "Buyer" });
    sandbox.update("leads", id, { status: "Unqualified" });
    const result = await trigger.run();
    expect(result.events.map((e) => [e.recordId, e.fromStatus, e.toStatus, e.created])).toEqual([
      [id, "New", "Working", false],
      [id, "Working", "Unqualified", false],
    ]);
    const toUnqualified = instance("leadStatusChanged", {
      toStatus: "unqualified",
      includeNewLeads: true,
    });
    await toUnqualified.run();
    const [other] = insertLeads(1, "Other");
    sandbox.update("leads", other?.id as number, { status: "Unqualified" });
    expect(
      (await toUnqualified.run()).events.map((e) => [e.recordId, e.fromStatus, e.toStatus]),
    ).toEqual([[other?.id, "New", "Unqualified"]]);
  });

  it("Include New Leads reports a lead created with a status (from null)", async () => {
    const trigger = instance("leadStatusChanged", { includeNewLeads: true });
    await trigger.run();
    const [lead] = insertLeads(1);
    expect(
      (await trigger.run()).events.map((e) => [e.recordId, e.fromStatus, e.toStatus, e.created]),
    ).toEqual([[lead?.id, null, "New", true]]);
  });

  it("Deal Stage Changed names both stages and says the deal was won; a rename does not fire", async () => {
    const stages = sandbox.records("stages");
    const pipeline = sandbox.records("pipelines").find((p) => p.name === "Sales pipeline");
    const inPipeline = stages.filter((s) => s.pipeline_id === pipeline?.id);
    const incoming = inPipeline.find((s) => s.name === "Incoming");
    const won = inPipeline.find((s) => s.category === "won");
    const other = sandbox.records("pipelines").find((p) => p.name === "Partner pipeline");
    const contact = sandbox.insert("contacts", { name: "Org", is_organization: true });
    const deal = sandbox.insert("deals", {
      name: "D",
      contact_id: contact.id,
      stage_id: incoming?.id,
    });
    const any = instance("dealStageChanged", {});
    const otherPipeline = instance("dealStageChanged", { pipelineId: String(other?.id) });
    await any.run();
    await otherPipeline.run();
    sandbox.update("deals", deal.id as number, { name: "Renamed" });
    sandbox.update("deals", deal.id as number, { stage_id: won?.id });
    const result = await any.run();
    expect(result.events).toEqual([
      expect.objectContaining({
        recordId: deal.id,
        fromStageId: incoming?.id,
        fromStageName: "Incoming",
        toStageId: won?.id,
        toStageName: won?.name,
        pipelineId: pipeline?.id,
        outcome: "won",
        created: false,
      }),
    ]);
    expect((await otherPipeline.run()).events).toEqual([]);
  });

  it("a poll with no stage change costs one request (the stage names are read only when needed)", async () => {
    const trigger = instance("dealStageChanged", {});
    await trigger.run();
    const quiet = await trigger.run();
    expect(quiet.requests).toBe(1);
  });

  it("Record Owner Changed reports the owners before and after, by ID and name", async () => {
    const users = sandbox.records("users");
    const [ada, bob] = users;
    const contact = sandbox.insert("contacts", {
      name: "Org",
      is_organization: true,
      owner_id: ada?.id,
    });
    const trigger = instance("recordOwnerChanged", {
      resource: "contacts",
      toOwnerId: String(bob?.id),
    });
    await trigger.run();
    sandbox.update("contacts", contact.id as number, { name: "Org 2" });
    sandbox.update("contacts", contact.id as number, { owner_id: bob?.id });
    expect(
      (await trigger.run()).events.map((e) => [
        e.recordId,
        e.fromOwnerId,
        e.fromOwnerName,
        e.toOwnerId,
        e.toOwnerName,
      ]),
    ).toEqual([[contact.id, ada?.id, ada?.name, bob?.id, bob?.name]]);
  });
});
