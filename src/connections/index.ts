import {
  type Connection,
  ConnectionError,
  connection,
  OAuth2Type,
  oauth2Connection,
} from "@prismatic-io/spectral";
import { SELL_ORIGIN } from "../util/values";

/**
 * OAuth 2.0 authorization code. Same key and inputs as Prismatic's own component so existing
 * integrations keep their connection config. The platform runs the OAuth dance and refreshes
 * the token; the component only reads `token.access_token`.
 */
export const oauth = oauth2Connection({
  key: "oauth",
  display: {
    label: "OAuth 2.0",
    description:
      "Authenticate using OAuth 2.0. Create an OAuth app in Sell under Settings → Integrations → OAuth → OAuth2 Settings, with Prismatic's callback URL as the redirect URL.",
  },
  oauth2Type: OAuth2Type.AuthorizationCode,
  inputs: {
    authorizeUrl: {
      label: "Authorize URL",
      placeholder: "Enter authorize URL",
      type: "string",
      required: true,
      shown: true,
      default: `${SELL_ORIGIN}/oauth2/authorize`,
      comments: "The OAuth 2.0 authorization URL for Zendesk Sell.",
    },
    tokenUrl: {
      label: "Token URL",
      placeholder: "Enter token URL",
      type: "string",
      required: true,
      shown: true,
      default: `${SELL_ORIGIN}/oauth2/token`,
      comments: "The OAuth 2.0 token URL for Zendesk Sell.",
    },
    scopes: {
      label: "Scopes",
      placeholder: "Enter scopes",
      type: "string",
      required: false,
      shown: true,
      default: "read write profile",
      comments:
        "A space-delimited set of scopes. Defaults to read, write, and profile access ('profile' is needed for users and account details).",
    },
    clientId: {
      label: "Client ID",
      placeholder: "Enter client ID",
      type: "string",
      required: true,
      shown: true,
      comments: "The Client ID of your Sell OAuth app.",
    },
    clientSecret: {
      label: "Client Secret",
      placeholder: "Enter client secret",
      type: "password",
      required: true,
      shown: true,
      comments: "The Client Secret of your Sell OAuth app.",
    },
  },
});

/**
 * A personal access token: for a single Sell account, or for trying the component against a
 * real account without registering an OAuth app. The base URL may point at a local sandbox.
 */
export const apiToken = connection({
  key: "apiToken",
  display: {
    label: "Personal Access Token",
    description:
      "Authenticate with a Sell personal access token (Sell → Settings → Integrations → OAuth → Access Tokens → Add User Token).",
  },
  inputs: {
    accessToken: {
      label: "Access Token",
      placeholder: "Paste the personal access token",
      type: "password",
      required: true,
      shown: true,
      comments: "Shown once by Sell when the token is created. It acts as the user who created it.",
    },
    baseUrl: {
      label: "API Base URL",
      type: "string",
      required: false,
      shown: true,
      default: SELL_ORIGIN,
      comments:
        "Leave as https://api.getbase.com. A local address (localhost, 127.0.0.1, ::1) is accepted only by the project's sandbox tooling, never on Prismatic.",
    },
  },
});

export const connections = [oauth, apiToken];

/** What a connection yields: the bearer token and the origin requests go to. */
export interface ConnectionCredentials {
  token: string;
  /** Scheme, host and port requests go to. */
  origin: string;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/**
 * The environment variable that lets a connection's API Base URL point at a loopback address,
 * set only by the project's sandbox tooling (tests, `npm start`, `npm run sell`, benchmarks).
 * On Prismatic it is never set, so a connection cannot aim the token (or the raw request action)
 * at a port of the machine the component runs on.
 */
export const LOOPBACK_SWITCH = "ZENDESK_SELL_ALLOW_LOOPBACK";

/** Whether loopback base URLs are allowed in this process (see `LOOPBACK_SWITCH`). */
export const loopbackAllowed = (): boolean => process.env[LOOPBACK_SWITCH] === "true";

/**
 * Checks a base URL override: Sell's own host, or, where the sandbox tooling allows it, a
 * loopback address for the local sandbox. Any other host is refused so the token can never be
 * sent elsewhere.
 */
export function allowedOrigin(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return undefined;
  }
  if (url.username || url.password || url.search || url.hash) return undefined;
  if (url.pathname !== "/" && url.pathname !== "") return undefined;
  if (url.origin === SELL_ORIGIN) return SELL_ORIGIN;
  if (
    loopbackAllowed() &&
    (url.protocol === "http:" || url.protocol === "https:") &&
    LOOPBACK_HOSTS.has(url.hostname)
  ) {
    return url.origin;
  }
  return undefined;
}

/** Inputs of the connections whose values are secrets (password inputs). */
const SECRET_FIELDS = new Set(
  [oauth, apiToken].flatMap((definition) =>
    Object.entries(definition.inputs)
      .filter(([, input]) => input.type === "password")
      .map(([key]) => key),
  ),
);

/** A URL's `user:password@`, which no message or copy may keep. */
const withoutUserInfo = (text: string): string => text.replace(/\/\/[^/@\s]*@/g, "//[REDACTED]@");

/** The connection without its secrets: no token, no password inputs, no passwords in URLs. */
function withoutSecrets(sellConnection: Connection): Connection {
  const fields = Object.fromEntries(
    Object.entries(sellConnection.fields ?? {})
      .filter(([key]) => !SECRET_FIELDS.has(key))
      .map(([key, value]) => [key, typeof value === "string" ? withoutUserInfo(value) : value]),
  );
  return {
    key: sellConnection.key,
    configVarKey: sellConnection.configVarKey,
    fields,
  } as Connection;
}

/**
 * Spectral's `ConnectionError` (Prismatic marks the connection as needing attention), holding a
 * copy of the connection without its secrets, and named in a way the build cannot minify away.
 */
export class SellConnectionError extends ConnectionError {
  override readonly name = "ConnectionError";
  constructor(sellConnection: Connection, message: string) {
    super(withoutSecrets(sellConnection), message);
  }
}

const readToken = (value: unknown): string => (typeof value === "string" ? value.trim() : "");

/** The bearer token and origin of a connection, or a `ConnectionError` that says what to fix. */
export function resolveCredentials(sellConnection: Connection): ConnectionCredentials {
  if (!sellConnection || typeof sellConnection !== "object") {
    throw new Error(
      "No Zendesk Sell connection was given: choose a Zendesk Sell connection for this step.",
    );
  }
  switch (sellConnection.key) {
    case oauth.key: {
      const token = readToken(sellConnection.token?.access_token);
      if (!token) {
        throw new SellConnectionError(
          sellConnection,
          "The Zendesk Sell OAuth 2.0 connection has no access token: authorize (or reconnect) the connection.",
        );
      }
      return { token, origin: SELL_ORIGIN };
    }
    case apiToken.key: {
      const token = readToken(sellConnection.fields?.accessToken);
      if (!token) {
        throw new SellConnectionError(
          sellConnection,
          "The Zendesk Sell Personal Access Token connection has no Access Token: paste a token from Sell → Settings → Integrations → OAuth → Access Tokens.",
        );
      }
      if (/\s/.test(token)) {
        throw new SellConnectionError(
          sellConnection,
          "The Zendesk Sell Access Token contains spaces or line breaks: paste the token exactly as Sell shows it.",
        );
      }
      const baseUrl = readToken(sellConnection.fields?.baseUrl) || SELL_ORIGIN;
      const origin = allowedOrigin(baseUrl);
      if (!origin) {
        throw new SellConnectionError(
          sellConnection,
          `API Base URL '${withoutUserInfo(baseUrl)}' is not allowed: use https://api.getbase.com${loopbackAllowed() ? ", or a local sandbox address such as http://127.0.0.1:4010" : " (local addresses are accepted only by the project's sandbox tooling)"}.`,
        );
      }
      return { token, origin };
    }
    default:
      throw new SellConnectionError(
        sellConnection,
        `Unknown connection type '${String(sellConnection.key)}': use the Zendesk Sell 'OAuth 2.0' or 'Personal Access Token' connection.`,
      );
  }
}
