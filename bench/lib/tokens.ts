import { randomBytes } from "node:crypto";

/** A random 64-hex access token, as Sell's look. */
export const newToken = (): string => randomBytes(32).toString("hex");
