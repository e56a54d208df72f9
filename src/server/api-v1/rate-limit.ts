import { lt, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { apiRateLimits } from "@/server/db/schema";

export interface RateLimit {
  /** Calls per key per window. */
  limit: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { limit: 600, windowMs: 60_000 };

/**
 * Counts a call in the key's current fixed window with one upsert, so every instance shares the
 * budget. Over the limit, the answer says when the window ends.
 */
export async function hitRateLimit(db: Db, keyId: string, rule: RateLimit, now: Date): Promise<{ ok: boolean; remaining: number; retryAfterSeconds: number }> {
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
  const [row] = await db
    .insert(apiRateLimits)
    .values({ keyId, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [apiRateLimits.keyId, apiRateLimits.windowStart], set: { count: sql`${apiRateLimits.count} + 1` } })
    .returning({ count: apiRateLimits.count });
  const count = row?.count ?? 1;
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + rule.windowMs - now.getTime()) / 1000));
  return { ok: count <= rule.limit, remaining: Math.max(0, rule.limit - count), retryAfterSeconds };
}

/** Windows that ended more than an hour ago are no longer read. */
export async function purgeRateLimits(db: Db, now: Date): Promise<void> {
  await db.delete(apiRateLimits).where(lt(apiRateLimits.windowStart, new Date(now.getTime() - 3_600_000)));
}
