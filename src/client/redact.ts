/**
 * Removing credentials from text before it goes anywhere a person or a log can see it: error
 * messages built from Sell's answers (an error page may echo the request's headers), debug
 * lines, and the descriptions of network failures.
 */

export const REDACTED = "[REDACTED]";

/**
 * Whether a word after `Bearer` or `token:` is a credential rather than prose ("the limit is…",
 * "a bearer token"): credentials are long, or mix in digits.
 */
const looksLikeCredential = (value: string): boolean =>
  value.length >= 20 || (value.length >= 8 && /\d/.test(value));

/** Patterns of text that carries a credential whatever the token is. */
const CREDENTIAL_PATTERNS: readonly RegExp[] = [
  // `Authorization: Bearer abc…`, `bearer abc…`, `Basic abc…=` (an echoed header or a log line)
  /\b(bearer|basic)(\s+)(?!\[REDACTED\])([^\s"',;}\]]+)/gi,
  // `"access_token": "abc…"`, `refresh_token=abc…`, `client_secret: abc…`, `api_key=abc…`
  /\b((?:access|refresh|id)_token|token|client_secret|api_key|apikey)("?\s*[:=]\s*"?)(?!\[REDACTED\])([^\s"',&;}\]]+)/gi,
];

/**
 * `text` with every given secret (as written, URL-encoded and base64-encoded) and anything that
 * looks like a bearer credential replaced by `[REDACTED]`.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    // A secret of a few characters would redact ordinary words; real tokens are long.
    if (secret.length < 8) continue;
    for (const form of new Set([
      secret,
      encodeURIComponent(secret),
      Buffer.from(secret).toString("base64"),
    ])) {
      result = result.split(form).join(REDACTED);
    }
  }
  for (const pattern of CREDENTIAL_PATTERNS)
    result = result.replace(pattern, (match, name: string, separator: string, value: string) =>
      looksLikeCredential(value) ? `${name}${separator}${REDACTED}` : match,
    );
  return result;
}
