import { isConnectionError } from "@prismatic-io/spectral";
import { z } from "zod";
import { SellApiError } from "../client";
import { InputError } from "../inputs/errors";

/**
 * Turns anything thrown inside an action, data source or trigger into an `Error` whose message
 * a person can read. Used as the component's error hook.
 */
export function toReadableError(error: unknown): Error {
  if (error instanceof SellApiError || error instanceof InputError || isConnectionError(error)) {
    return error as Error;
  }
  if (error instanceof z.ZodError) {
    return new Error(`Invalid value: ${z.prettifyError(error)}`);
  }
  if (error instanceof Error) {
    if (error.message && error.message !== "{}" && error.message !== "[object Object]")
      return error;
    return new Error(`${error.name || "Error"} without a message was raised`, { cause: error });
  }
  if (typeof error === "string") return new Error(error);
  if (error && typeof error === "object") {
    const message = (error as { message?: unknown }).message;
    if (typeof message === "string" && message) return new Error(message);
    try {
      return new Error(`Unexpected error: ${JSON.stringify(error)}`);
    } catch {
      return new Error("Unexpected error that could not be described");
    }
  }
  return new Error(`Unexpected error: ${String(error)}`);
}
