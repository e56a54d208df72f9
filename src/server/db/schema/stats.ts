import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Message counts per UTC hour and per UTC day, customer and channel, kept by a background rollup
 * so charts never aggregate the messages table. `delivered` and `failed` count outbound messages
 * by their current status (DELIVERED or READ; FAILED).
 */
export const messageStats = pgTable(
  "message_stats",
  {
    grain: text({ enum: ["hour", "day"] }).notNull(),
    bucket: timestamp({ withTimezone: true }).notNull(),
    customerId: uuid().notNull(),
    channel: text().notNull(),
    inbound: integer().notNull().default(0),
    outbound: integer().notNull().default(0),
    delivered: integer().notNull().default(0),
    failed: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.grain, t.bucket, t.customerId, t.channel] }), index("message_stats_customer_idx").on(t.customerId, t.grain, t.bucket)],
);
export type MessageStatsRow = typeof messageStats.$inferSelect;
