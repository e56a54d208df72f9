import type { Db } from "@/server/db/client";
import { purgeIdempotency } from "./idempotency";
import { purgeRateLimits } from "./rate-limit";

export const API_PURGE_JOB = "api.purge";

/** Idempotency answers older than a day and finished rate windows. */
export async function purgeApiRows(db: Db, now: Date): Promise<void> {
  await purgeIdempotency(db, now);
  await purgeRateLimits(db, now);
}
