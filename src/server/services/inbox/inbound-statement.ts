import { sql, type SQL } from "drizzle-orm";
import type { NormalizedCallback, NormalizedMessage } from "@/server/webhooks/sinch/types";
import { previewFor } from "./preview";

export interface InboundTarget {
  appId: string;
  customerId: string;
}

/**
 * Contact, conversation and message of one contact message as CTEs that run only when `ev`
 * (the stored event) yields a row. Used alone (replay) or after the nonce and event CTEs, so a
 * callback is stored and normalised in ONE statement: one round trip and one commit, like the
 * bare INSERT it is benchmarked against. Counters move only for a message not stored yet.
 */
export function inboundMessageCtes(t: InboundTarget, n: NormalizedCallback & { message: NormalizedMessage }): SQL {
  const m = n.message;
  const identity = m.identity ?? n.contact?.identity ?? null;
  const convKey = n.conversation?.sinchConversationId ?? `${m.channel}:${identity ?? "unknown"}`;
  const at = m.sentAt.toISOString();
  const contactName = n.contact?.displayName ?? identity;
  const identities = JSON.stringify(n.contact?.identities ?? (identity ? [{ channel: m.channel, identity }] : []));
  const payload: Record<string, unknown> = {};
  if (m.choice) payload.choice = m.choice;
  if (m.location) payload.location = m.location;
  if (m.contactInfo) payload.contactInfo = m.contactInfo;
  const isNew = sql`NOT EXISTS (SELECT 1 FROM messages WHERE sinch_message_id = ${m.sinchMessageId})`;
  const newer = sql`(${isNew} AND excluded.last_message_at >= conversations.last_message_at)`;
  const contact = n.contact
    ? sql`ct AS (
        INSERT INTO contacts (customer_id, app_id, sinch_contact_id, display_name, identities)
        SELECT ${t.customerId}::uuid, ${t.appId}, ${n.contact.sinchContactId}, ${n.contact.displayName ?? null}, ${identities}::jsonb FROM ev
        ON CONFLICT (app_id, sinch_contact_id) DO UPDATE SET
          display_name = coalesce(excluded.display_name, contacts.display_name),
          identities = CASE WHEN contacts.identities @> excluded.identities THEN contacts.identities ELSE contacts.identities || excluded.identities END
        RETURNING id)`
    : sql`ct AS (SELECT NULL::uuid AS id)`;
  return sql`${contact},
    cv AS (
      INSERT INTO conversations (customer_id, app_id, conv_key, contact_id, channel, identity, contact_name, last_message_at,
                                 last_inbound_at, last_direction, preview, unread_count)
      SELECT ${t.customerId}::uuid, ${t.appId}, ${convKey}, (SELECT id FROM ct), ${m.channel}, ${identity}, ${contactName},
             ${at}::timestamptz, ${at}::timestamptz, 'inbound', ${previewFor(m)}, 1
      FROM ev
      ON CONFLICT (app_id, conv_key) DO UPDATE SET
        contact_id = coalesce(excluded.contact_id, conversations.contact_id),
        channel = CASE WHEN ${newer} THEN excluded.channel ELSE conversations.channel END,
        identity = coalesce(conversations.identity, excluded.identity),
        contact_name = coalesce(conversations.contact_name, excluded.contact_name),
        preview = CASE WHEN ${newer} THEN excluded.preview ELSE conversations.preview END,
        last_direction = CASE WHEN ${newer} THEN excluded.last_direction ELSE conversations.last_direction END,
        last_message_at = CASE WHEN ${isNew} THEN greatest(conversations.last_message_at, excluded.last_message_at) ELSE conversations.last_message_at END,
        last_inbound_at = CASE WHEN ${isNew} THEN greatest(conversations.last_inbound_at, excluded.last_inbound_at) ELSE conversations.last_inbound_at END,
        unread_count = conversations.unread_count + CASE WHEN ${isNew} THEN 1 ELSE 0 END,
        active = conversations.active OR ${isNew},
        updated_at = now()
      RETURNING id, (xmax = 0) AS inserted),
    msg AS (
      INSERT INTO messages (conversation_id, customer_id, sinch_message_id, direction, kind, text, media_url, thumbnail_url, caption,
                            payload, reply_to_sinch_message_id, sent_at)
      SELECT cv.id, ${t.customerId}::uuid, ${m.sinchMessageId}, 'inbound', ${m.kind}, ${m.text ?? null}, ${m.mediaUrl ?? null},
             ${m.thumbnailUrl ?? null}, ${m.caption ?? null}, jsonb_build_object('eventId', ev.id) || ${JSON.stringify(payload)}::jsonb,
             ${m.replyToMessageId ?? null}, ${at}::timestamptz
      FROM cv, ev
      ON CONFLICT (sinch_message_id) DO NOTHING
      RETURNING id)`;
}
