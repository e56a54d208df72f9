import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { loginAttempts } from "@/server/db/schema";

export interface LoginLimits {
  maxFailures: number;
  blockMinutes: number;
}

/** Blocked until this time, or null. A pair is only ever blocked by its own consecutive failures. */
export async function blockedUntil(db: DbOrTx, email: string, ip: string, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ blockedUntil: loginAttempts.blockedUntil })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.ip, ip)));
  return row?.blockedUntil && row.blockedUntil > now ? row.blockedUntil : null;
}

/** One atomic upsert: count the failure, start a fresh count after an expired block, block at the limit. */
export async function recordFailure(db: DbOrTx, email: string, ip: string, now: Date, limits: LoginLimits): Promise<{ blocked: boolean }> {
  const until = new Date(now.getTime() + limits.blockMinutes * 60_000);
  // Raw `sql` parameters bypass column mapping, and the postgres driver does not serialise Dates
  // there: pass ISO strings with an explicit cast.
  const nowParam = sql`${now.toISOString()}::timestamptz`;
  const nextFailures = sql`case when ${loginAttempts.blockedUntil} is not null and ${loginAttempts.blockedUntil} <= ${nowParam} then 1 else ${loginAttempts.failures} + 1 end`;
  const [row] = await db
    .insert(loginAttempts)
    .values({ email, ip, failures: 1, updatedAt: now, blockedUntil: limits.maxFailures <= 1 ? until : null })
    .onConflictDoUpdate({
      target: [loginAttempts.email, loginAttempts.ip],
      set: {
        failures: nextFailures,
        blockedUntil: sql`case when ${nextFailures} >= ${limits.maxFailures} then ${until.toISOString()}::timestamptz else null end`,
        updatedAt: now,
      },
    })
    .returning({ blockedUntil: loginAttempts.blockedUntil });
  return { blocked: !!row?.blockedUntil };
}

export async function clearFailures(db: DbOrTx, email: string, ip: string): Promise<void> {
  await db.delete(loginAttempts).where(and(eq(loginAttempts.email, email), eq(loginAttempts.ip, ip)));
}
