import { desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { safeError } from "@/server/db/errors";
import { signatureFailures, type SignatureFailureReason } from "@/server/db/schema";
import { logger } from "@/server/log";

/** Counts a rejected callback. Best effort: a failed count never changes the 401. */
export async function countSignatureFailure(db: DbOrTx, appId: string, reason: SignatureFailureReason): Promise<void> {
  try {
    await db
      .insert(signatureFailures)
      .values({ appId, reason, count: 1 })
      .onConflictDoUpdate({
        target: [signatureFailures.appId, signatureFailures.reason],
        set: { count: sql`${signatureFailures.count} + 1`, lastAt: sql`now()` },
      });
  } catch (err) {
    logger.warn({ appId, reason, err: safeError(err) }, "could not count webhook signature failure");
  }
}

export async function signatureFailuresFor(db: DbOrTx, appId: string) {
  return db
    .select({ reason: signatureFailures.reason, count: signatureFailures.count, firstAt: signatureFailures.firstAt, lastAt: signatureFailures.lastAt })
    .from(signatureFailures)
    .where(eq(signatureFailures.appId, appId))
    .orderBy(desc(signatureFailures.lastAt));
}
