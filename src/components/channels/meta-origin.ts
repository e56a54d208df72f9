/**
 * Origin check for `message` events from Meta's popup (meta.md section 6.2). An entry is either an
 * exact origin (`https://www.facebook.com`, or the emulator's) or `https://*.facebook.com`, which
 * admits subdomains only. A suffix test on the raw string would also admit `evilfacebook.com`.
 */
export function isAllowedMetaOrigin(origin: string, allowed: readonly string[]): boolean {
  let source: URL;
  try {
    source = new URL(origin);
  } catch {
    return false;
  }
  if (source.origin !== origin) return false;
  return allowed.some((entry) => matches(source, entry.trim()));
}

function matches(source: URL, entry: string): boolean {
  const wildcard = /^(https?):\/\/\*\.(.+)$/.exec(entry);
  if (!wildcard) {
    try {
      return new URL(entry).origin === source.origin;
    } catch {
      return false;
    }
  }
  let base: URL;
  try {
    base = new URL(`${wildcard[1]}://${wildcard[2]}`);
  } catch {
    return false;
  }
  return source.protocol === base.protocol && source.port === base.port && source.hostname.endsWith(`.${base.hostname}`);
}
