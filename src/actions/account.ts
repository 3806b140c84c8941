import { account } from "../resources/account";
import { customAction } from "./operations";
import { singleOutput } from "./operations/outputs";

export const listAccountDetails = customAction({
  label: "List Account Details",
  description:
    "Retrieves details of the Sell account the connection belongs to (name, currency, time zone, time format). Needs the 'profile' scope.",
  docs: account.docs,
  layout: {},
  effect: "read",
  output: singleOutput(account),
  perform: ({ sell }) => sell.v2.get("/accounts/self"),
});
