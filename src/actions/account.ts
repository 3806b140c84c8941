import { action } from "@prismatic-io/spectral";
import { createSellClient } from "../client";
import { connectionInput } from "../connections";

export const listAccountDetails = action({
  display: {
    label: "List Account Details",
    description:
      "Retrieves details of the Sell account the connection belongs to (name, currency, time zone, time format). Needs the 'profile' scope. See https://developer.zendesk.com/api-reference/sales-crm/resources/accounts/",
  },
  inputs: { connection: connectionInput },
  perform: async (context, { connection }) => {
    const sell = createSellClient(connection, context);
    return { data: await sell.v2.get("/accounts/self") };
  },
  examplePayload: {
    data: {
      data: {
        id: 1,
        name: "Acme Corp",
        currency: "USD",
        time_format: "12H",
        timezone: "UTC-05:00",
        phone: "+1 555 0100",
        subdomain: "acme",
        created_at: "2014-08-27T16:32:56Z",
        updated_at: "2014-08-27T16:32:56Z",
      },
      meta: { type: "account" },
    },
  },
});
