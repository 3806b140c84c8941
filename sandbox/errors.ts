/**
 * Sell's error envelope (§2.1) and the errors the sandbox raises. Handlers throw `SellError`;
 * the server turns it into the envelope with `meta.logref` = the response's X-Request-Id.
 */
import { STATUS_CODES } from "node:http";
import type { Rec } from "./util";

export const MORE_INFO = "https://developers.getbase.com/docs/rest/articles/errors";

export interface ErrorDetail {
  code: string;
  message: string;
  details?: string;
  resource?: string;
  field?: string;
}

export class SellError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ErrorDetail[],
  ) {
    super(errors.map((e) => `${e.code}: ${e.details ?? e.message}`).join("; "));
  }
}

export const httpStatusLine = (status: number): string =>
  `${status} ${STATUS_CODES[status] ?? "Unknown"}`;

export function errorEnvelope(status: number, errors: ErrorDetail[], logref: string): Rec {
  return {
    errors: errors.map((e) => {
      const error: Rec = {};
      if (e.resource !== undefined) error.resource = e.resource;
      if (e.field !== undefined) error.field = e.field;
      error.code = e.code;
      error.message = e.message;
      if (e.details !== undefined) error.details = e.details;
      return { error, meta: { type: "error", links: { more_info: MORE_INFO } } };
    }),
    meta: {
      type: "errors",
      http_status: httpStatusLine(status),
      logref,
      links: { more_info: MORE_INFO },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Request-level errors

export const invalidParam = (name: string, reason: string): SellError =>
  new SellError(400, [
    {
      code: "invalid_param",
      message: "invalid request query parameter",
      details: `The request query parameter '${name}' is malformed, missing, or has an invalid value (${reason})`,
    },
  ]);

/** Sell rewrites `custom_fields[X]` to `custom_fields/X` in messages. */
export const unexpectedParam = (name: string): SellError =>
  invalidParam(
    name.replace(/^custom_fields\[(.*)\]$/, "custom_fields/$1"),
    "is an unexpected parameter",
  );

export const invalidPayload = (details: string): SellError =>
  new SellError(400, [{ code: "invalid_payload", message: "invalid request payload", details }]);

export const notFound = (type: string, id: number | string): SellError =>
  new SellError(404, [
    {
      code: "not_found",
      message: "Not Found",
      details: `The requested ${type} with id ${id} was not found.`,
    },
  ]);

export const incorrectPath = (path: string, method: string): SellError =>
  new SellError(404, [
    {
      code: "incorrect_path",
      message: "path was not found",
      details: `Requested path at '${path}' was not found using the HTTP method '${method}'.`,
    },
  ]);

export const forbidden = (details: string): SellError =>
  new SellError(403, [{ code: "forbidden", message: "Forbidden", details }]);

// ---------------------------------------------------------------------------------------------
// Resource (validation) errors, collected then thrown as one 422

export type FieldCode =
  | "unknown"
  | "missing"
  | "blank"
  | "invalid_type"
  | "incorrect_value"
  | "already_exists";

const FIELD_MESSAGES: Record<FieldCode, string> = {
  unknown: "unknown attribute",
  missing: "attribute is missing",
  blank: "can't be blank",
  invalid_type: "attribute type is invalid",
  incorrect_value: "attribute value is incorrect",
  already_exists: "has already been taken",
};

/** Collects 422 field errors for one resource; `throwIfAny` raises them together. */
export class FieldErrors {
  readonly list: ErrorDetail[] = [];
  constructor(readonly resource: string) {}

  add(field: string, code: FieldCode, details?: string): void {
    const pointer = field.startsWith("/") ? field : `/data/${field}`;
    if (this.list.some((e) => e.field === pointer && e.code === code)) return;
    this.list.push({
      resource: this.resource,
      field: pointer,
      code,
      message: FIELD_MESSAGES[code],
      details: details ?? defaultDetails(code, pointer, this.resource),
    });
  }

  has(field: string): boolean {
    const pointer = field.startsWith("/") ? field : `/data/${field}`;
    return this.list.some((e) => e.field === pointer);
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new SellError(422, this.list);
  }
}

function defaultDetails(code: FieldCode, pointer: string, resource: string): string {
  switch (code) {
    case "unknown":
      return `The attribute '${pointer}' is not a known attribute for the '${resource}' resource.`;
    case "missing":
      return `The attribute '${pointer}' is missing.`;
    case "blank":
      return `The attribute '${pointer}' can't be blank.`;
    case "invalid_type":
      return `The attribute '${pointer}' has an invalid type.`;
    case "incorrect_value":
      return `The attribute '${pointer}' value is incorrect.`;
    case "already_exists":
      return `The attribute '${pointer}' value has already been taken.`;
  }
}

/** One 422 error, thrown immediately. */
export function fieldError(
  resource: string,
  field: string,
  code: FieldCode,
  details?: string,
): SellError {
  const errors = new FieldErrors(resource);
  errors.add(field, code, details);
  return new SellError(422, errors.list);
}
