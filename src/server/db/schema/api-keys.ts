import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const apiKeyScopes = ["read", "full"] as const;
export type ApiKeyScope = (typeof apiKeyScopes)[number];

/**
 * Keys for the `/api/v1` automation API. The token is shown once; only its SHA-256 is kept (a
 * 256-bit random token needs no slow hash) with its first characters for recognising it in lists.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    scope: text({ enum: apiKeyScopes }).notNull(),
    prefix: text().notNull(),
    tokenHash: text().notNull().unique(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("api_keys_created_idx").on(t.createdAt)],
);
export type ApiKey = typeof apiKeys.$inferSelect;
