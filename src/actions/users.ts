import { action } from "@prismatic-io/spectral";
import { connectionInput } from "../connections";
import { listLayout, users } from "../resources/users";
import {
  describe,
  getAction,
  listAction,
  recordId,
  registerLayout,
  sellFor,
  singleExample,
} from "./factories";

export const listUsers = listAction(users, {
  description:
    "Returns the users of the Sell account that match the filters. Needs the 'profile' scope.",
  layout: listLayout,
});

export const getUser = getAction(users, {
  idField: recordId(users, { dataSource: "selectUser" }),
  description: "Returns a single user of the Sell account. Needs the 'profile' scope.",
});

export const getCurrentUser = registerLayout(
  action({
    display: {
      label: "Get Current User",
      description: describe(
        "Returns the user the connection acts as (useful to check a connection, or to default an owner). Needs the 'profile' scope.",
        users.docs,
      ),
    },
    inputs: { connection: connectionInput },
    perform: async (context, params): Promise<{ data: unknown }> => ({
      data: await sellFor(context, params).v2.get("/users/self"),
    }),
    examplePayload: singleExample(users),
  }),
  {},
);
