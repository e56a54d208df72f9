import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { customers } from "./customers";

export const channelEnum = pgEnum("channel", ["MESSENGER", "INSTAGRAM", "WHATSAPP"]);
export type Channel = (typeof channelEnum.enumValues)[number];
export const channels = channelEnum.enumValues;

export const channelStateEnum = pgEnum("channel_state", [
  "not_started",
  "connecting",
  "activating",
  "active",
  "failing",
  "reconnect_required",
  "disconnected",
]);
export type ChannelState = (typeof channelStateEnum.enumValues)[number];

export const tokenTypeEnum = pgEnum("token_type", ["user", "system_user", "business"]);

/** One row per customer and channel; reconnecting reuses it, history lives in the audit log. */
export const channelConnections = pgTable(
  "channel_connections",
  {
    id: uuid().primaryKey().defaultRandom(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    channel: channelEnum().notNull(),
    state: channelStateEnum().notNull().default("not_started"),
    // Meta assets
    pageId: text(),
    pageName: text(),
    igAccountId: text(),
    igUsername: text(),
    businessId: text(),
    wabaId: text(),
    phoneNumberId: text(),
    displayPhoneNumber: text(),
    /** Where Meta keeps the number's messages at rest (`storage_configuration.data_localization_region`); null = Meta's default. */
    dataLocalizationRegion: text(),
    // WhatsApp sender (Provisioning API)
    senderId: text(),
    senderState: text(),
    senderRegion: text(),
    metaLocalStorage: text(),
    /** Sender bearer token for the static_bearer credential (encrypted). */
    senderTokenCiphertext: text(),
    // Meta token metadata; the token itself only encrypted
    tokenType: tokenTypeEnum(),
    tokenCiphertext: text(),
    tokenExpiresAt: timestamp({ withTimezone: true }),
    dataAccessExpiresAt: timestamp({ withTimezone: true }),
    grantedScopes: text().array(),
    // Sinch credential state
    sinchStatus: text(),
    sinchDescription: text(),
    lastCheckedAt: timestamp({ withTimezone: true }),
    stateChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    consecutiveAuthFailures: integer().notNull().default(0),
    connectedBy: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("channel_connections_customer_channel").on(t.customerId, t.channel), index("channel_connections_page_idx").on(t.pageId)],
);
export type ChannelConnection = typeof channelConnections.$inferSelect;

/**
 * The long-lived Meta user token between wizard steps (login → pick a Page → confirm). Kept
 * encrypted on the server for at most 30 minutes so the browser never holds a Meta token.
 */
export const channelLoginSessions = pgTable(
  "channel_login_sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    channel: channelEnum().notNull(),
    tokenType: tokenTypeEnum().notNull(),
    tokenCiphertext: text().notNull(),
    tokenExpiresAt: timestamp({ withTimezone: true }),
    dataAccessExpiresAt: timestamp({ withTimezone: true }),
    grantedScopes: text().array().notNull(),
    /** `granular_scopes` as debug_token reported them: scope → shared asset ids, or "all". */
    granularScopes: jsonb().$type<Array<{ scope: string; targetIds: string[] | "all" }>>().notNull(),
    pageId: text(),
    pageName: text(),
    igAccountId: text(),
    igUsername: text(),
    businessId: text(),
    createdBy: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("channel_login_sessions_customer_idx").on(t.customerId, t.channel), index("channel_login_sessions_expiry_idx").on(t.expiresAt)],
);
export type ChannelLoginSession = typeof channelLoginSessions.$inferSelect;
