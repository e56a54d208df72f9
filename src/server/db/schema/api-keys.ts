import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
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

/**
 * One row per (key, Idempotency-Key): the request's hash and, once answered, the answer, replayed
 * to any retry with the same body. A row without `completedAt` is a request still running.
 */
export const apiIdempotency = pgTable(
  "api_idempotency",
  {
    keyId: uuid()
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    idempotencyKey: text().notNull(),
    requestHash: text().notNull(),
    statusCode: integer(),
    responseBody: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.idempotencyKey] }), index("api_idempotency_created_idx").on(t.createdAt)],
);

/** Calls per key per fixed window, counted in Postgres so every instance shares one budget. */
export const apiRateLimits = pgTable(
  "api_rate_limits",
  {
    keyId: uuid()
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.windowStart] }), index("api_rate_limits_window_idx").on(t.windowStart)],
);
