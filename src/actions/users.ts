import { users } from "../resources/users";
import { customAction, resourceAction } from "./operations";
import { singleOutput } from "./operations/outputs";

export const listUsers = resourceAction(users, "listUsers");
export const getUser = resourceAction(users, "getUser");

export const getCurrentUser = customAction({
  label: "Get Current User",
  description:
    "Returns the user the connection acts as (useful to check a connection, or to default an owner). Needs the 'profile' scope.",
  docs: users.docs,
  layout: {},
  effect: "read",
  output: singleOutput(users),
  perform: ({ sell }) => sell.v2.get("/users/self"),
});
