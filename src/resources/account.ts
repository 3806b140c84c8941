import { z } from "zod";
import { SELL_DOCS } from "../util/values";
import { definePicklist, defineResource } from "./define";
import accountExample from "./examples/account.json";
import { recordBase, text } from "./records";

/** The Sell account the connection belongs to (read-only; needs the 'profile' scope). */

export const AccountRecord = z.looseObject({
  ...recordBase,
  name: text,
  currency: text,
  time_format: text,
  timezone: text,
  phone: text,
  subdomain: text,
});
export type AccountRecord = z.infer<typeof AccountRecord>;

export const selectAccount = definePicklist<AccountRecord>({
  key: "selectAccount",
  description: "Select the Sell account of the connection.",
  toLabel: (account) => account.name?.trim() || `Account ${account.id}`,
  source: { kind: "single", path: "/accounts/self" },
});

export const account = defineResource({
  key: "accounts",
  name: { one: "Account", many: "Accounts" },
  type: "account",
  path: "/accounts",
  docs: `${SELL_DOCS}/resources/accounts/`,
  record: AccountRecord,
  example: accountExample as AccountRecord,
  picklists: [selectAccount],
});
