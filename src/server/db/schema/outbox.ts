import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const emailStatusEnum = pgEnum("email_status", ["pending", "sent", "failed", "not_configured"]);

/**
 * Outbox of every email the portal sends. Bodies can carry single-use links, so they are stored
 * encrypted (bound to their row) and decrypted only for admins on the outbox page and for SMTP.
 */
export const outboundEmails = pgTable(
  "outbound_emails",
  {
    id: uuid().primaryKey().defaultRandom(),
    to: text().notNull(),
    subject: text().notNull(),
    bodyCiphertext: text().notNull(),
    kind: text().notNull(),
    customerId: uuid(),
    grantId: uuid(),
    status: emailStatusEnum().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    lastError: text(),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("outbound_emails_created_idx").on(t.createdAt), index("outbound_emails_grant_idx").on(t.grantId)],
);
export type OutboundEmail = typeof outboundEmails.$inferSelect;

/** In-app notifications for staff (user_id null = every staff member). */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid(),
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    customerId: uuid(),
    href: text(),
    readAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notifications_created_idx").on(t.createdAt)],
);
export type Notification = typeof notifications.$inferSelect;
