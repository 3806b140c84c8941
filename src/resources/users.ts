import { z } from "zod";
import example from "../../test/fixtures/records/user.json";
import { ids, pagination } from "./common";
import { defineResource, type Layout } from "./define";
import { choice, email, sortBy, text, triBool } from "./fields";
import { recordBase } from "./records";

/** Users of the Sell account (read-only). Reading them needs the 'profile' scope. */

export const UserRecord = z.looseObject({
  ...recordBase,
  name: z.string().nullish(),
  email: z.string().nullish(),
  status: z.string().nullish(),
  role: z.string().nullish(),
  confirmed: z.boolean().nullish(),
});
export type UserRecord = z.infer<typeof UserRecord>;

export const users = defineResource({
  key: "users",
  name: { one: "User", many: "Users" },
  type: "user",
  path: "/users",
  docs: "https://developer.zendesk.com/api-reference/sales-crm/resources/users/",
  record: UserRecord,
  example: example as UserRecord,
  stream: true,
});

export const userLabel = (user: UserRecord): string => {
  const name = user.name?.trim() || `User ${user.id}`;
  const details = [user.email, user.status === "inactive" ? "inactive" : undefined]
    .filter(Boolean)
    .join(", ");
  return details ? `${name} (${details})` : name;
};

export const listLayout: Layout = {
  name: text("name", "Name", { comments: "Users with exactly this name." }),
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
};
