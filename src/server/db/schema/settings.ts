import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Portal settings edited by admins. Plain values live in `value`; secret values are stored only as
 * ciphertext (crypto module, bound to this row and column) with a display hint.
 */
export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: jsonb().$type<unknown>(),
  secretCiphertext: text(),
  secretHint: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedBy: text(),
});
export type SettingRow = typeof settings.$inferSelect;
