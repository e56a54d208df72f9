import { z } from "zod";
import {
  capabilitySchema,
  channelEventSchema,
  channelIdentitySchema,
  contactMergeSchema,
  contactNotificationSchema,
  contactSchema,
  conversationNotificationSchema,
  genericIdsSchema,
  optInOutSchema,
  unsupportedSchema,
} from "./schemas";
import { compact, contactFrom, conversationFrom, prettyPayload, toChannelIdentity } from "./normalize-util";
import type { NormalizedWithKey } from "./normalize-reports";
import type { ChannelIdentity, NormalizedContact, NormalizedContactStatus } from "./types";

export function normalizeConversation(
  body: unknown,
  prefix: "conv-start" | "conv-stop" | null,
): NormalizedWithKey | null {
  const parsed = conversationNotificationSchema.safeParse(body);
  if (!parsed.success) return null;
  const c = parsed.data.conversation;
  return {
    dedupeKey: prefix ? `${prefix}:${c.id}` : null,
    normalized: compact({
      contact: c.contact_id ? { sinchContactId: c.contact_id } : undefined,
      conversation: compact({
        sinchConversationId: c.id,
        sinchContactId: c.contact_id,
        active: c.active,
        activeChannel: c.active_channel,
      }),
    }),
  };
}

function contactRow(contact: z.infer<typeof contactSchema>): NormalizedContact {
  const identities: ChannelIdentity[] = [];
  for (const raw of contact.channel_identities ?? []) {
    const parsed = channelIdentitySchema.safeParse(raw);
    if (parsed.success) identities.push(toChannelIdentity(parsed.data));
  }
  return compact({ sinchContactId: contact.id, displayName: contact.display_name, identities });
}

export function normalizeContact(body: unknown): NormalizedWithKey | null {
  const parsed = contactNotificationSchema.safeParse(body);
  if (!parsed.success) return null;
  return { dedupeKey: null, normalized: { contact: contactRow(parsed.data.contact) } };
}

export function normalizeContactMerge(body: unknown): NormalizedWithKey | null {
  const parsed = contactMergeSchema.safeParse(body);
  if (!parsed.success) return null;
  return {
    dedupeKey: null,
    normalized: {
      contact: contactRow(parsed.data.preserved_contact),
      deletedContactId: parsed.data.deleted_contact.id,
    },
  };
}

export function normalizeContactStatus(
  body: unknown,
  type: NormalizedContactStatus["type"],
): NormalizedWithKey | null {
  if (type === "capability") {
    const parsed = capabilitySchema.safeParse(body);
    if (!parsed.success) return null;
    const c = parsed.data;
    const status = compact({
      type,
      sinchContactId: c.contact_id,
      channel: c.channel,
      identity: c.identity,
      status: c.capability_status,
      reason: c.reason,
    });
    return { dedupeKey: null, normalized: { contactStatus: status } };
  }
  const parsed = optInOutSchema.safeParse(body);
  if (!parsed.success) return null;
  const o = parsed.data;
  const status = compact({
    type,
    sinchContactId: o.contact_id,
    channel: o.channel,
    identity: o.identity,
    status: o.status,
    reason: o.error_details,
  });
  return { dedupeKey: null, normalized: { contactStatus: status } };
}

/**
 * The SDK shape nests `channel_event{...}` inside the type key; the newer `channel_event` spelling
 * may carry the fields directly, so both layouts are read.
 */
export function normalizeChannelEvent(body: unknown): NormalizedWithKey | null {
  const nested = z.looseObject({ channel_event: channelEventSchema }).safeParse(body);
  const parsed = nested.success ? nested.data.channel_event : channelEventSchema.safeParse(body).data;
  if (parsed === undefined) return null;
  return {
    dedupeKey: null,
    normalized: {
      channelEvent: {
        channel: parsed.channel,
        eventType: parsed.event_type,
        additionalData: parsed.additional_data ?? null,
      },
    },
  };
}

/** Always yields a row: showing what the portal could not interpret is the point of this kind. */
export function normalizeUnsupported(body: unknown): NormalizedWithKey | null {
  const parsed = unsupportedSchema.safeParse(body);
  if (!parsed.success) return null;
  const u = parsed.data;
  const channel = u.channel || u.channel_identity?.channel || "UNKNOWN";
  const payloadPretty = prettyPayload(u.payload === undefined ? body : u.payload);
  return {
    dedupeKey: null,
    normalized: compact({
      contact: contactFrom(u.contact_id, u.channel_identity),
      conversation: conversationFrom(u.conversation_id, u.contact_id),
      unsupported: compact({ channel, payloadPretty, sinchMessageId: u.id }),
    }),
  };
}

/** Kinds the portal keeps raw only; ids are still lifted so the event can be linked and listed. */
export function normalizeGeneric(body: unknown): NormalizedWithKey {
  const parsed = genericIdsSchema.safeParse(body);
  if (!parsed.success) return { dedupeKey: null, normalized: {} };
  const g = parsed.data;
  return {
    dedupeKey: null,
    normalized: compact({
      contact: contactFrom(g.contact_id, g.channel_identity),
      conversation: conversationFrom(g.conversation_id, g.contact_id),
    }),
  };
}
