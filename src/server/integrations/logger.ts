/** Minimal logger shape (pino-compatible) accepted by every integration client. */
export interface IntegrationLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
  info(obj: Record<string, unknown>, msg: string): void;
}

export const silentLogger: IntegrationLogger = {
  warn: () => undefined,
  info: () => undefined,
};

/** Query parameters that carry secrets somewhere in Sinch or Meta URLs. */
const SECRET_PARAMS = new Set([
  "access_token",
  "input_token",
  "client_secret",
  "fb_exchange_token",
  "code",
  "appsecret_proof",
  "pin",
]);

/**
 * Returns the URL with secret query values replaced, so it can appear in logs and errors. Meta puts
 * tokens in query strings (and in `paging.next` links), which is why this runs on every URL we report.
 */
export function scrubUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "[unparseable url]";
  }
  parsed.username = "";
  parsed.password = "";
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMS.has(key.toLowerCase())) parsed.searchParams.set(key, "[redacted]");
  }
  return parsed.toString();
}

/** Removes every occurrence of the given secrets from a vendor text before it is stored or logged. */
export function scrubText(text: string | undefined, secrets: ReadonlyArray<string | undefined>): string | undefined {
  if (text === undefined) return undefined;
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  return out.length > 500 ? `${out.slice(0, 500)}…` : out;
}
