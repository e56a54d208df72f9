import { sql } from "drizzle-orm";
import { bigint, boolean, customType, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { customers } from "./customers";

/** Raw callback bytes: kept exactly as received so the signature and a replay see the same body. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** Every verified callback, once per (app, dedupe key). Failed verifications are only counted. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    appId: text().notNull(),
    customerId: uuid().references(() => customers.id, { onDelete: "cascade" }),
    typeKey: text().notNull(),
    kind: text().notNull(),
    dedupeKey: text().notNull(),
    raw: bytea().notNull(),
    /** Allow-listed request headers; never the signature or anything secret. */
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    /** `signed` (HMAC verified) or `unsigned` (webhook deliberately created without a secret). */
    verdict: text({ enum: ["signed", "unsigned"] }).notNull(),
    status: text({ enum: ["processed", "stored_raw", "failed"] }).notNull(),
    processingError: text(),
    replayCount: integer().notNull().default(0),
    lastReplayedAt: timestamp({ withTimezone: true }),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("webhook_events_dedupe_unique").on(t.appId, t.dedupeKey),
    index("webhook_events_app_received_idx").on(t.appId, t.receivedAt.desc(), t.id.desc()),
    index("webhook_events_received_idx").on(t.receivedAt.desc(), t.id.desc()),
  ],
);
export type WebhookEvent = typeof webhookEvents.$inferSelect;

/** Nonces already accepted per app (contract section 8: keep at least 24 h). */
export const webhookNonces = pgTable(
  "webhook_nonces",
  {
    appId: text().notNull(),
    nonce: text().notNull(),
    seenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.appId, t.nonce] }), index("webhook_nonces_seen_idx").on(t.seenAt)],
);

export const signatureFailureReasons = ["unsigned", "bad_signature", "bad_algorithm", "stale", "replayed"] as const;
export type SignatureFailureReason = (typeof signatureFailureReasons)[number];

/** Rejected callbacks, counted per app and reason for troubleshooting (no body is kept). */
export const signatureFailures = pgTable(
  "signature_failures",
  {
    appId: text().notNull(),
    reason: text({ enum: signatureFailureReasons }).notNull(),
    count: bigint({ mode: "number" }).notNull().default(0),
    firstAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.appId, t.reason] })],
);

export const contacts = pgTable(
  "contacts",
  {
    id: uuid().primaryKey().defaultRandom(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    appId: text().notNull(),
    sinchContactId: text().notNull(),
    displayName: text(),
    /** Channel identities as Sinch lists them: [{ channel, identity, appId? }]. */
    identities: jsonb().$type<Array<{ channel: string; identity: string; appId?: string }>>().notNull().default([]),
    deletedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("contacts_app_contact_unique").on(t.appId, t.sinchContactId)],
);
export type Contact = typeof contacts.$inferSelect;

export const conversations = pgTable(
  "conversations",
  {
    id: uuid().primaryKey().defaultRandom(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    appId: text().notNull(),
    /** Sinch conversation id, or `channel:identity` when a callback names none. */
    convKey: text().notNull(),
    contactId: uuid().references(() => contacts.id, { onDelete: "set null" }),
    channel: text().notNull(),
    identity: text(),
    contactName: text(),
    active: boolean().notNull().default(true),
    lastMessageAt: timestamp({ withTimezone: true }).notNull(),
    /** The contact's last message: opens the channel's reply window. */
    lastInboundAt: timestamp({ withTimezone: true }),
    lastDirection: text({ enum: ["inbound", "outbound"] }),
    preview: text(),
    unreadCount: integer().notNull().default(0),
    hasFailure: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Bumped by every change; the inbox polls max(updated_at) to refresh without reload. */
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("conversations_app_key_unique").on(t.appId, t.convKey),
    index("conversations_list_idx").on(t.lastMessageAt.desc(), t.id.desc()),
    index("conversations_customer_list_idx").on(t.customerId, t.lastMessageAt.desc(), t.id.desc()),
    index("conversations_channel_list_idx").on(t.channel, t.lastMessageAt.desc(), t.id.desc()),
    index("conversations_unread_list_idx").on(t.lastMessageAt.desc(), t.id.desc()).where(sql`${t.unreadCount} > 0`),
    index("conversations_failure_list_idx").on(t.lastMessageAt.desc(), t.id.desc()).where(sql`${t.hasFailure}`),
    index("conversations_updated_idx").on(t.updatedAt),
    index("conversations_customer_updated_idx").on(t.customerId, t.updatedAt),
    index("conversations_app_identity_idx").on(t.appId, t.channel, t.identity),
  ],
);
export type Conversation = typeof conversations.$inferSelect;

/** Delivery status order: a late report never moves a message backwards. */
export const deliveryStatusRank: Record<string, number> = {
  pending: 0,
  QUEUED: 1,
  QUEUED_ON_CHANNEL: 2,
  SWITCHING_CHANNEL: 2,
  DELIVERED: 3,
  READ: 4,
  FAILED: 5,
};

export const messages = pgTable(
  "messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    customerId: uuid().notNull(),
    /** Null only while an outbound message waits for the answer of messages:send. */
    sinchMessageId: text().unique(),
    direction: text({ enum: ["inbound", "outbound"] }).notNull(),
    kind: text().notNull(),
    text: text(),
    mediaUrl: text(),
    thumbnailUrl: text(),
    caption: text(),
    /** Kind-specific details: choice, location, contact info, unsupported payload. */
    payload: jsonb().$type<Record<string, unknown>>(),
    replyToSinchMessageId: text(),
    status: text(),
    statusRank: smallint().notNull().default(0),
    reasonCode: text(),
    reasonDescription: text(),
    sentBy: text(),
    sentAt: timestamp({ withTimezone: true }).notNull(),
    search: tsvector().generatedAlwaysAs(
      sql`to_tsvector('simple', coalesce("text", '') || ' ' || coalesce("caption", ''))`,
    ),
  },
  (t) => [
    index("messages_thread_idx").on(t.conversationId, t.sentAt.desc(), t.id.desc()),
    index("messages_sent_idx").on(t.sentAt),
    index("messages_search_idx").using("gin", t.search),
  ],
);
export type Message = typeof messages.$inferSelect;

/** One row per delivery report; kept even when its message is not (yet) known. */
export const deliveryReports = pgTable(
  "delivery_reports",
  {
    id: uuid().primaryKey().defaultRandom(),
    appId: text().notNull(),
    sinchMessageId: text().notNull(),
    status: text().notNull(),
    reasonCode: text(),
    reasonSubCode: text(),
    reasonDescription: text(),
    channel: text(),
    at: timestamp({ withTimezone: true }).notNull(),
    eventId: uuid(),
  },
  (t) => [index("delivery_reports_message_idx").on(t.sinchMessageId, t.at), index("delivery_reports_at_idx").on(t.at)],
);
export type DeliveryReport = typeof deliveryReports.$inferSelect;

/**
 * Things that happen in a conversation besides messages: contact events (composing…), event
 * delivery reports, conversation start/stop, capability and opt-in/out notifications.
 */
export const conversationEvents = pgTable(
  "conversation_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    appId: text().notNull(),
    conversationId: uuid().references(() => conversations.id, { onDelete: "cascade" }),
    type: text().notNull(),
    detail: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp({ withTimezone: true }).notNull(),
    eventId: uuid(),
  },
  (t) => [
    index("conversation_events_conv_idx").on(t.conversationId, t.at),
    index("conversation_events_at_idx").on(t.at),
    index("conversation_events_event_idx").on(t.eventId),
  ],
);

export const channelEvents = pgTable(
  "channel_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    appId: text().notNull(),
    customerId: uuid().references(() => customers.id, { onDelete: "cascade" }),
    channel: text().notNull(),
    eventType: text().notNull(),
    additionalData: jsonb(),
    at: timestamp({ withTimezone: true }).notNull(),
    eventId: uuid(),
  },
  (t) => [
    index("channel_events_app_idx").on(t.appId, t.at),
    index("channel_events_at_idx").on(t.at),
    index("channel_events_event_idx").on(t.eventId),
  ],
);
export type ChannelEvent = typeof channelEvents.$inferSelect;
