import { z } from "zod";
import { ids, pagination, recordId } from "../inputs/common";
import { choice, email, sortBy, text as textInput, triBool } from "../inputs/fields";
import { layout } from "../inputs/layout";
import { SELL_DOCS } from "../util/values";
import { definePicklist, defineResource, op } from "./define";
import example from "./examples/user.json";
import { flag, idRef, names, recordBase, text, when } from "./records";

/** Users of the Sell account (read-only). Reading them needs the 'profile' scope. */

export const UserRecord = z.looseObject({
  ...recordBase,
  name: text,
  email: text,
  status: text,
  role: text,
  roles: z.array(z.looseObject({ id: idRef, name: text })).nullish(),
  confirmed: flag,
  invited: flag,
  phone_number: text,
  timezone: text,
  team_name: text,
  group: z.looseObject({ id: idRef, name: text }).nullish(),
  reports_to: idRef,
  deleted_at: when,
  zendesk_user_id: z.union([z.string(), z.number()]).nullish(),
  identity_type: text,
  system_tags: names,
  detached: flag,
  sell_login_disabled: flag,
});
export type UserRecord = z.infer<typeof UserRecord>;

export const userLabel = (user: UserRecord): string => {
  const name = user.name?.trim() || `User ${user.id}`;
  const details = [user.email, user.status === "inactive" ? "inactive" : undefined]
    .filter(Boolean)
    .join(", ");
  return details ? `${name} (${details})` : name;
};

export const selectUser = definePicklist<UserRecord>({
  key: "selectUser",
  description: "Select a user of the Sell account (owners, assignees). Needs the 'profile' scope.",
  toLabel: userLabel,
});

const listLayout = layout({
  name: textInput("name", "Name", { comments: "Users with exactly this name." }),
  email: email("email", "Email", { comments: "The user with this email address." }),
  role: choice("role", "Role", ["user", "admin"], { comments: "Users with this role." }),
  status: choice("status", "Status", ["active", "inactive"], {
    comments: "Active or inactive users.",
  }),
  confirmed: triBool("confirmed", "Confirmed", {
    comments: "True: only users who confirmed their account.",
  }),
  ids: ids(),
  sortBy: sortBy(["id", "name", "created_at", "updated_at"], {
    comments: "Order of the results (Sell's default: id ascending).",
  }),
  pagination,
});

export const users = defineResource({
  key: "users",
  name: { one: "User", many: "Users" },
  type: "user",
  path: "/users",
  docs: `${SELL_DOCS}/resources/users/`,
  record: UserRecord,
  example: example as UserRecord,
  picklists: [selectUser],
  operations: {
    listUsers: op.list({
      description:
        "Returns the users of the Sell account that match the filters. Needs the 'profile' scope.",
      layout: listLayout,
    }),
    getUser: op.get({
      description: "Returns a single user of the Sell account. Needs the 'profile' scope.",
      layout: layout({ id: recordId("User", selectUser) }),
    }),
  },
  stream: { attributes: ["id", "name", "email", "status", "role", "confirmed", "created_at"] },
});
