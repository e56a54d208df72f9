import type { DbOrTx } from "@/server/db/client";
import { arrayParam, queryArrays, type ArrayParam } from "@/server/db/prepared";
import type { ChannelIdentity, NormalizedCallback, NormalizedMessage } from "@/server/webhooks/sinch/types";
import { previewFor } from "./preview";

export interface InboundItem {
  eventId: string;
  appId: string;
  customerId: string;
  normalized: NormalizedCallback & { message: NormalizedMessage };
}

export interface InboundResult {
  conversationId: string;
  /** The conversation was created by this statement (its orphan delivery reports can be adopted). */
  inserted: boolean;
}

/*
 * Contacts, conversations and messages of any number of stored contact messages in ONE fixed
 * statement. A conversation can receive several messages of one batch, and an upsert may touch a
 * row only once, so messages are grouped per conversation first: the newest message not stored yet
 * sets channel, preview and direction (when it is newer than the conversation's last), and the
 * unread count moves by the number of messages not stored yet, so a replay never counts twice.
 * Rows are written in key order, so concurrent batches lock conversations in the same order.
 *
 * Whether a message is stored yet is one probe of the unique index per message. `OFFSET 0` keeps
 * the planner from turning that NOT EXISTS into a hashed scan of the whole messages table: a
 * prepared statement's plan, made while the table was small, would otherwise scan all of it for
 * every batch as it grows (found by bench:ingest: the database's CPU per callback rose with the
 * number of messages).
 *
 * The CTEs (m, ct, agg, cv, msg) take parameters $1–$24, shifted by `offset` when they follow other
 * CTEs of one statement; `storedOnly` may narrow the messages to those whose event that statement
 * stored (a WHERE on `u`).
 */
export function inboundCtes(offset = 0, storedOnly = ""): string {
  const ctes = `
m AS (
  SELECT u.*, NOT EXISTS (SELECT 1 FROM messages x WHERE x.sinch_message_id = u.sinch_message_id OFFSET 0) AS is_new
  FROM unnest($6::int4[], $7::text[]::uuid[], $8::text[]::uuid[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
              $15::text[]::timestamptz[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[])
    AS u(ord, event_id, customer_id, app_id, conv_key, contact_sinch_id, channel, identity, contact_name, sent_at, preview, sinch_message_id,
         kind, text, media_url, thumbnail_url, caption, payload, reply_to)
  ${storedOnly}
),
ct AS (
  INSERT INTO contacts (customer_id, app_id, sinch_contact_id, display_name, identities)
  SELECT customer_id, app_id, sinch_contact_id, display_name, identities::jsonb
  FROM unnest($1::text[]::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS c(customer_id, app_id, sinch_contact_id, display_name, identities)
  WHERE EXISTS (SELECT 1 FROM m WHERE m.app_id = c.app_id AND m.contact_sinch_id = c.sinch_contact_id)
  ORDER BY app_id, sinch_contact_id
  ON CONFLICT (app_id, sinch_contact_id) DO UPDATE SET
    display_name = coalesce(excluded.display_name, contacts.display_name),
    identities = CASE WHEN contacts.identities @> excluded.identities THEN contacts.identities
                      ELSE (SELECT jsonb_agg(DISTINCT x) FROM jsonb_array_elements(contacts.identities || excluded.identities) x) END
  RETURNING id, app_id, sinch_contact_id
),
agg AS (
  SELECT DISTINCT ON (app_id, conv_key) app_id, conv_key, customer_id, contact_sinch_id, channel, identity, contact_name, preview, sent_at,
         count(*) FILTER (WHERE is_new) OVER (PARTITION BY app_id, conv_key) AS new_count
  FROM m
  ORDER BY app_id, conv_key, is_new DESC, sent_at DESC, ord DESC
),
cv AS (
  INSERT INTO conversations (customer_id, app_id, conv_key, contact_id, channel, identity, contact_name, last_message_at,
                             last_inbound_at, last_direction, preview, unread_count)
  SELECT a.customer_id, a.app_id, a.conv_key, (SELECT ct.id FROM ct WHERE ct.app_id = a.app_id AND ct.sinch_contact_id = a.contact_sinch_id),
         a.channel, a.identity, a.contact_name, a.sent_at, a.sent_at, 'inbound', a.preview, a.new_count
  FROM agg a
  ORDER BY a.app_id, a.conv_key
  ON CONFLICT (app_id, conv_key) DO UPDATE SET
    contact_id = coalesce(excluded.contact_id, conversations.contact_id),
    channel = CASE WHEN excluded.unread_count > 0 AND excluded.last_message_at >= conversations.last_message_at THEN excluded.channel ELSE conversations.channel END,
    identity = coalesce(conversations.identity, excluded.identity),
    contact_name = coalesce(conversations.contact_name, excluded.contact_name),
    preview = CASE WHEN excluded.unread_count > 0 AND excluded.last_message_at >= conversations.last_message_at THEN excluded.preview ELSE conversations.preview END,
    last_direction = CASE WHEN excluded.unread_count > 0 AND excluded.last_message_at >= conversations.last_message_at THEN excluded.last_direction ELSE conversations.last_direction END,
    last_message_at = CASE WHEN excluded.unread_count > 0 THEN greatest(conversations.last_message_at, excluded.last_message_at) ELSE conversations.last_message_at END,
    last_inbound_at = CASE WHEN excluded.unread_count > 0 THEN greatest(conversations.last_inbound_at, excluded.last_inbound_at) ELSE conversations.last_inbound_at END,
    unread_count = conversations.unread_count + excluded.unread_count,
    active = conversations.active OR excluded.unread_count > 0,
    updated_at = now()
  RETURNING id, app_id, conv_key, (xmax = 0) AS inserted
),
msg AS (
  INSERT INTO messages (conversation_id, customer_id, sinch_message_id, direction, kind, text, media_url, thumbnail_url, caption,
                        payload, reply_to_sinch_message_id, sent_at)
  SELECT cv.id, m.customer_id, m.sinch_message_id, 'inbound', m.kind, m.text, m.media_url, m.thumbnail_url, m.caption,
         jsonb_build_object('eventId', m.event_id) || m.payload::jsonb, m.reply_to, m.sent_at
  FROM m JOIN cv ON cv.app_id = m.app_id AND cv.conv_key = m.conv_key
  ORDER BY m.sinch_message_id
  ON CONFLICT (sinch_message_id) DO NOTHING
  RETURNING id
)`;
  return offset === 0 ? ctes : ctes.replace(/\$(\d+)/g, (_, k: string) => `$${Number(k) + offset}`);
}

/** The columns a statement over inboundCtes selects per message: its conversation. */
export const INBOUND_RESULT_COLUMNS = "cv.id AS conversation_id, cv.inserted";
export const INBOUND_RESULT_JOIN = "cv ON cv.app_id = m.app_id AND cv.conv_key = m.conv_key";

const WRITE_INBOUND = `WITH ${inboundCtes()}
SELECT m.ord, ${INBOUND_RESULT_COLUMNS} FROM m JOIN ${INBOUND_RESULT_JOIN}`;

type Identity = ChannelIdentity;

function identitiesOf(n: InboundItem["normalized"]): Identity[] {
  const identity = n.message.identity ?? n.contact?.identity;
  return n.contact?.identities ?? (identity ? [{ channel: n.message.channel, identity }] : []);
}

/** One row per contact: the batch's identities together, the last display name given. */
function contactRows(items: readonly InboundItem[]) {
  const byKey = new Map<string, { customerId: string; appId: string; sinchContactId: string; displayName: string | null; identities: Map<string, Identity> }>();
  for (const { appId, customerId, normalized: n } of items) {
    if (!n.contact) continue;
    const key = `${appId}\u0000${n.contact.sinchContactId}`;
    const row = byKey.get(key) ?? { customerId, appId, sinchContactId: n.contact.sinchContactId, displayName: null, identities: new Map() };
    row.displayName = n.contact.displayName ?? row.displayName;
    for (const id of identitiesOf(n)) row.identities.set(JSON.stringify(id), id);
    byKey.set(key, row);
  }
  return [...byKey.values()];
}

function payloadOf(m: NormalizedMessage): string {
  const payload: Record<string, unknown> = {};
  if (m.choice) payload.choice = m.choice;
  if (m.location) payload.location = m.location;
  if (m.contactInfo) payload.contactInfo = m.contactInfo;
  return JSON.stringify(payload);
}

/** inboundCtes' parameters; `ords` numbers the messages (the input order, or their events' order). */
export function inboundParams(items: readonly InboundItem[], ords: readonly number[] = items.map((_, i) => i)): ArrayParam[] {
  const contacts = contactRows(items);
  const col = <T>(f: (item: InboundItem, m: NormalizedMessage) => T) => items.map((item) => f(item, item.normalized.message));
  return [
    arrayParam("text", contacts.map((c) => c.customerId)),
    arrayParam("text", contacts.map((c) => c.appId)),
    arrayParam("text", contacts.map((c) => c.sinchContactId)),
    arrayParam("text", contacts.map((c) => c.displayName)),
    arrayParam("text", contacts.map((c) => JSON.stringify([...c.identities.values()]))),
    arrayParam("int4", ords),
    arrayParam("text", col((i) => i.eventId)),
    arrayParam("text", col((i) => i.customerId)),
    arrayParam("text", col((i) => i.appId)),
    arrayParam("text", col(({ normalized: n }, m) => n.conversation?.sinchConversationId ?? `${m.channel}:${m.identity ?? n.contact?.identity ?? "unknown"}`)),
    arrayParam("text", col(({ normalized: n }) => n.contact?.sinchContactId ?? null)),
    arrayParam("text", col((_, m) => m.channel)),
    arrayParam("text", col(({ normalized: n }, m) => m.identity ?? n.contact?.identity ?? null)),
    arrayParam("text", col(({ normalized: n }, m) => n.contact?.displayName ?? m.identity ?? n.contact?.identity ?? null)),
    arrayParam("text", col((_, m) => m.sentAt.toISOString())),
    arrayParam("text", col((_, m) => previewFor(m))),
    arrayParam("text", col((_, m) => m.sinchMessageId)),
    arrayParam("text", col((_, m) => m.kind)),
    arrayParam("text", col((_, m) => m.text ?? null)),
    arrayParam("text", col((_, m) => m.mediaUrl ?? null)),
    arrayParam("text", col((_, m) => m.thumbnailUrl ?? null)),
    arrayParam("text", col((_, m) => m.caption ?? null)),
    arrayParam("text", col((_, m) => payloadOf(m))),
    arrayParam("text", col((_, m) => m.replyToMessageId ?? null)),
  ];
}

/**
 * Writes the contacts, conversations and messages of stored contact messages (one replayed event,
 * or a batch). Each `sinchMessageId` may appear once. Results come back in input order.
 */
export async function writeInboundMessages(db: DbOrTx, items: readonly InboundItem[]): Promise<InboundResult[]> {
  if (items.length === 0) return [];
  const rows = await queryArrays<{ ord: number; conversation_id: string; inserted: boolean }>(db, WRITE_INBOUND, inboundParams(items));
  const out: InboundResult[] = new Array(items.length);
  for (const row of rows) out[row.ord] = { conversationId: row.conversation_id, inserted: row.inserted };
  return out;
}
