/**
 * Picklists of line items (per order), calls and text messages, and the inputs they fill.
 * Labels come from the record schemas; calls and text messages are listed newest first.
 */
import { failureOf, range } from "../actions/support";
import { harness, oauthConnection } from "../helpers/sell";
import { picklist, servePage } from "./support";

interface ServerInput {
  key: string;
  label: string;
  required?: boolean;
  dataSource?: string;
  inputs?: ServerInput[];
}
type Step = { inputs: ServerInput[]; examplePayload?: unknown };

const inputOf = (step: Step, key: string): ServerInput | undefined =>
  step.inputs.find((input) => input.key === key);
const action = (key: string) =>
  (harness.component.actions as unknown as Record<string, Step>)[key] as Step;
const source = (key: string) =>
  (harness.component.dataSources as unknown as Record<string, Step>)[key] as Step;

describe("selectLineItem", () => {
  it("reads every page of GET /v2/orders/{Order ID}/line_items and labels each line item", async () => {
    const item = (id: number) => ({
      id,
      name: `Plan ${id}`,
      sku: `plan-${id}`,
      quantity: 2,
      value: "10.50",
      currency: "USD",
    });
    const first = servePage("/orders/12/line_items", 1, range(1, 100).map(item), "line_item", true);
    const second = servePage(
      "/orders/12/line_items",
      2,
      range(101, 102).map(item),
      "line_item",
      false,
    );
    const result = await picklist("selectLineItem", { orderId: "12" });
    first.done();
    second.done();
    expect(result).toEqual(
      range(1, 102).map((id) => ({
        key: String(id),
        label: `Plan ${id} (plan-${id}) · 2 × 10.50 USD`,
      })),
    );
  });

  it("labels: name (SKU) · quantity × unit value, with what is known, sorted by label", async () => {
    servePage(
      "/orders/7/line_items",
      1,
      [
        {
          id: 1,
          name: "Enterprise Plan",
          sku: "ent",
          quantity: 3,
          value: 1599.99,
          currency: "EUR",
        },
        {
          id: 2,
          name: "Basic Plan",
          sku: null,
          quantity: 1,
          value: null,
          price: "9",
          currency: "USD",
        },
        { id: 3, name: " Add-on ", sku: " ", quantity: null, value: "5", currency: null },
        { id: 4, name: null, sku: "x-1" },
        { id: 5, name: 12 },
      ],
      "line_item",
      false,
    );
    await expect(picklist("selectLineItem", { orderId: "7" })).resolves.toEqual([
      { key: "3", label: "Add-on · 5" },
      { key: "2", label: "Basic Plan · 1 × 9 USD" },
      { key: "1", label: "Enterprise Plan (ent) · 3 × 1599.99 EUR" },
      { key: "4", label: "Line Item 4 (x-1)" },
      { key: "5", label: "Line Item 5" },
    ]);
  });

  it.each([
    [undefined, "Order ID: is required"],
    ["", "Order ID: is required"],
    ["abc", "Order ID: must be a Sell ID (a positive whole number), got 'abc'"],
  ])("Order ID %j fails before any request: %s", async (orderId, message) => {
    const error = await failureOf(
      harness.dataSource("selectLineItem", { connection: oauthConnection(), orderId }),
    );
    expect(error.message).toBe(message);
  });

  it("has a required Order ID filled from selectOrder, and Max Records", () => {
    const inputs = source("selectLineItem").inputs;
    expect(inputs.map((input) => input.key)).toEqual(["connection", "orderId", "maxRecords"]);
    expect(inputOf(source("selectLineItem"), "orderId")).toMatchObject({
      label: "Order ID",
      required: true,
      dataSource: "selectOrder",
    });
  });

  it.each(["getLineItem", "deleteLineItem"])("%s's Line Item ID is filled from it", (key) => {
    expect(inputOf(action(key), "id")?.dataSource).toBe("selectLineItem");
    expect(inputOf(action(key), "orderId")?.dataSource).toBe("selectOrder");
  });

  it("its example is the example line item's label", () => {
    expect(source("selectLineItem").examplePayload).toEqual({
      result: [{ key: "1", label: "Enterprise Plan (enterprise-plan) · 1 × 1599.99 USD" }],
    });
  });
});

describe("selectCall", () => {
  it("reads every page of GET /v2/calls and lists the calls newest first", async () => {
    // Call n was made n minutes after midnight: the newest has the highest ID.
    const made = (id: number) => new Date(Date.UTC(2026, 10, 20, 0, id)).toISOString();
    const call = (id: number) => ({ id, made_at: made(id), phone_number: `+1-${id}` });
    const first = servePage("/calls", 1, range(1, 100).map(call), "call", true);
    const second = servePage("/calls", 2, range(101, 102).map(call), "call", false);
    const result = await picklist("selectCall");
    first.done();
    second.done();
    expect(result.map((e) => e.key)).toEqual(range(1, 102).reverse().map(String));
    expect(result[0]).toEqual({ key: "102", label: "2026-11-20 01:42 · +1-102" });
    expect(result.at(-1)).toEqual({ key: "1", label: "2026-11-20 00:01 · +1-1" });
  });

  it("labels: when (UTC, to the minute) · direction · number · length · summary; ties newest ID first, no time last", async () => {
    servePage(
      "/calls",
      1,
      [
        {
          id: 1,
          made_at: "2026-11-20T14:03:09Z",
          incoming: true,
          missed: false,
          phone_number: "+44-208-1234567",
          duration: 44,
          summary: "Schedule another call.",
        },
        {
          id: 2,
          made_at: "2026-11-20T16:03:00+02:00",
          incoming: false,
          phone_number: " 555-0100 ",
          duration: 125,
          summary: "  Talked about\nthe renewal of the enterprise plan and pricing ",
        },
        {
          id: 3,
          made_at: "2026-11-21T08:00:00Z",
          incoming: true,
          missed: true,
          duration: 0,
          phone_number: "555-0101",
        },
        { id: 4, made_at: "2026-11-21T08:00:00Z", duration: 120 },
        { id: 5 },
        { id: 6, made_at: "not a date", summary: "Odd" },
        { id: 7, duration: "long" },
      ],
      "call",
      false,
    );
    await expect(picklist("selectCall")).resolves.toEqual([
      { key: "4", label: "2026-11-21 08:00 · 2 min" },
      { key: "3", label: "2026-11-21 08:00 · missed · 555-0101" },
      {
        key: "1",
        label: "2026-11-20 14:03 · incoming · +44-208-1234567 · 44 s · Schedule another call.",
      },
      {
        key: "2",
        label:
          "2026-11-20 14:03 · outgoing · 555-0100 · 2 min 5 s · Talked about the renewal of the enterpri…",
      },
      { key: "6", label: "not a date · Odd" },
      { key: "5", label: "Call 5" },
      // Does not fit the schema (duration is not a number).
      { key: "7", label: "Call 7" },
    ]);
  });

  it("its example is the example call's label", () => {
    expect(source("selectCall").examplePayload).toEqual({
      result: [
        {
          key: "1",
          label: "2014-09-27 16:32 · incoming · +44-208-1234567 · 44 s · Schedule another call.",
        },
      ],
    });
  });

  it.each(["getCall", "updateCall", "deleteCall"])("%s's Call ID is filled from it", (key) => {
    expect(inputOf(action(key), "id")?.dataSource).toBe("selectCall");
  });

  it.each(["createCall", "updateCall"])(
    "%s's Associated Deal IDs are filled from selectDeal",
    (key) => {
      expect(inputOf(action(key), "associatedDealIds")).toMatchObject({
        label: "Associated Deal IDs",
        dataSource: "selectDeal",
      });
      expect(inputOf(action(key), "associatedDealIds")?.required).toBeFalsy();
    },
  );

  it("listCalls' Associated Deal ID is filled from selectDeal", () => {
    expect(inputOf(action("listCalls"), "associatedDealId")?.dataSource).toBe("selectDeal");
  });
});

describe("selectTextMessage", () => {
  it("reads every page of GET /v2/text_messages and lists them newest first: when · content", async () => {
    const sent = (id: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, id)).toISOString();
    const message = (id: number) => ({ id, sent_at: sent(id), content: `Message ${id}` });
    const first = servePage("/text_messages", 1, range(1, 100).map(message), "text_message", true);
    const second = servePage(
      "/text_messages",
      2,
      range(101, 102).map(message),
      "text_message",
      false,
    );
    const result = await picklist("selectTextMessage");
    first.done();
    second.done();
    expect(result.map((e) => e.key)).toEqual(range(1, 102).reverse().map(String));
    expect(result[0]).toEqual({ key: "102", label: "2026-01-01 00:01 · Message 102" });
  });

  it("labels: the start of the content on one line, cut at 50 characters", async () => {
    servePage(
      "/text_messages",
      1,
      [
        {
          id: 1,
          sent_at: "2017-09-27T16:32:56Z",
          content: "Thanks for the call,\nsee you Monday at the office with the whole team.",
        },
        { id: 2, sent_at: "2017-09-28T09:00:00Z", content: "" },
        { id: 3, content: "No time" },
        { id: 4 },
      ],
      "text_message",
      false,
    );
    await expect(picklist("selectTextMessage")).resolves.toEqual([
      { key: "2", label: "2017-09-28 09:00" },
      { key: "1", label: "2017-09-27 16:32 · Thanks for the call, see you Monday at the office…" },
      { key: "4", label: "Text Message 4" },
      { key: "3", label: "No time" },
    ]);
  });

  it("getTextMessage's Text Message ID is filled from it; its example is the example message's label", () => {
    expect(inputOf(action("getTextMessage"), "id")?.dataSource).toBe("selectTextMessage");
    expect(source("selectTextMessage").examplePayload).toEqual({
      result: [{ key: "1", label: "2017-09-27 16:32 · Thanks for the call, see you Monday." }],
    });
  });
});
