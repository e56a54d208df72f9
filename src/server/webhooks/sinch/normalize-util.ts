import type { ChannelIdentity, NormalizedContact, NormalizedConversation } from "./types";

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Strict ISO-8601 only: `Date` would otherwise accept strings such as "1" as the year 2001. */
export function parseIsoDate(value: string | null | undefined): Date | null {
  if (typeof value !== "string" || !ISO_DATE_TIME.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function firstDate(...candidates: Array<Date | string | null | undefined>): Date | null {
  for (const candidate of candidates) {
    const date = candidate instanceof Date ? candidate : parseIsoDate(candidate);
    if (date !== null) return date;
  }
  return null;
}

interface RawIdentity {
  channel: string;
  identity: string;
  app_id?: string | undefined;
}

export function toChannelIdentity(raw: RawIdentity): ChannelIdentity {
  return raw.app_id ? { channel: raw.channel, identity: raw.identity, appId: raw.app_id } : {
    channel: raw.channel,
    identity: raw.identity,
  };
}

/** The contact a callback came from, when it names one. */
export function contactFrom(
  contactId: string | undefined,
  identity: RawIdentity | undefined,
): NormalizedContact | undefined {
  if (!contactId) return undefined;
  if (!identity) return { sinchContactId: contactId };
  return {
    sinchContactId: contactId,
    channel: identity.channel,
    identity: identity.identity,
    identities: [toChannelIdentity(identity)],
  };
}

export function conversationFrom(
  conversationId: string | undefined,
  contactId: string | undefined,
): NormalizedConversation | undefined {
  if (!conversationId) return undefined;
  return contactId
    ? { sinchConversationId: conversationId, sinchContactId: contactId }
    : { sinchConversationId: conversationId };
}

/** JSON is re-indented for reading; anything else (or JSON too deep to print) is kept verbatim. */
export function prettyPayload(payload: unknown): string {
  try {
    if (typeof payload === "string") {
      return JSON.stringify(JSON.parse(payload), null, 2) ?? payload;
    }
    return JSON.stringify(payload ?? null, null, 2) ?? String(payload);
  } catch {
    return typeof payload === "string" ? payload : String(payload);
  }
}

/** Drops keys whose value is undefined, so optional fields stay absent rather than undefined. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
