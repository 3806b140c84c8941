import { listAccountDetails } from "./account";

export const actions = { listAccountDetails };
