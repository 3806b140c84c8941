import { InputError } from "../../inputs/errors";
import { SELL_ORIGIN } from "../../util/values";

/**
 * The path to request, relative to the API version. Relative paths stay under /<version>; an
 * absolute URL must be on Sell's host and under the same version; `..` cannot climb out.
 */
export function rawPath(
  url: string,
  version: string,
  origin: string,
): { path: string; query: Record<string, string> } {
  const trimmed = url.trim();
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith("//");
  let resolved: URL;
  try {
    resolved = absolute
      ? new URL(trimmed, origin)
      : new URL(
          `/${version}/${trimmed.replace(/^\/+/, "").replace(new RegExp(`^${version}(/|$)`), "")}`,
          origin,
        );
  } catch {
    throw new InputError("URL", `is not a valid URL or path: '${trimmed}'`);
  }
  if (
    resolved.origin !== origin &&
    !(absolute && resolved.origin === SELL_ORIGIN && origin === SELL_ORIGIN)
  ) {
    throw new InputError(
      "URL",
      `must be a path on ${origin} (such as /leads); requests to ${resolved.origin} are refused so the token never leaves Sell`,
    );
  }
  const prefix = `/${version}`;
  if (resolved.pathname !== prefix && !resolved.pathname.startsWith(`${prefix}/`)) {
    throw new InputError(
      "URL",
      `must stay under ${prefix}/ (API Version ${version}); got ${resolved.pathname}`,
    );
  }
  return {
    path: resolved.pathname.slice(prefix.length) || "/",
    query: Object.fromEntries(resolved.searchParams),
  };
}
