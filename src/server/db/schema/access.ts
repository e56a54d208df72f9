import { boolean, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { channelEnum } from "./channels";
import { customers } from "./customers";

export const grantKindEnum = pgEnum("grant_kind", ["onboarding", "reconnect"]);
export const grantEndReasonEnum = pgEnum("grant_end_reason", ["expired", "revoked", "completed", "superseded"]);
export type GrantEndReason = (typeof grantEndReasonEnum.enumValues)[number];

/**
 * Temporary, project-scoped customer access. Only the SHA-256 of the link token is stored; the link
 * is single use (`used_at` set by one conditional UPDATE) and ends with the grant.
 */
export const accessGrants = pgTable(
  "access_grants",
  {
    id: uuid().primaryKey().defaultRandom(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    kind: grantKindEnum().notNull().default("onboarding"),
    invitedEmail: text().notNull(),
    channels: text().array().notNull(),
    note: text(),
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    /** Hash of the browser that first used the link, to notice a forwarded link. */
    firstBrowserHash: text(),
    autoRevokeOnActive: boolean().notNull().default(true),
    endedAt: timestamp({ withTimezone: true }),
    endReason: grantEndReasonEnum(),
    /** For `completed`: the channel whose activation finished the grant (null when not known). */
    completedByChannel: channelEnum(),
    endedBy: text(),
    revokeReason: text(),
    reminderSentAt: timestamp({ withTimezone: true }),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("access_grants_customer_idx").on(t.customerId, t.createdAt), index("access_grants_expiry_idx").on(t.expiresAt)],
);
export type AccessGrant = typeof accessGrants.$inferSelect;

/** A customer's browser session, created when a link is exchanged; valid only while its grant is. */
export const customerSessions = pgTable(
  "customer_sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    grantId: uuid()
      .notNull()
      .references(() => accessGrants.id, { onDelete: "cascade" }),
    tokenHash: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("customer_sessions_grant_idx").on(t.grantId)],
);
