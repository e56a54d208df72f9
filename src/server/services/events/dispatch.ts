import { and, asc, eq, lt, lte, or } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { eventDeliveries } from "@/server/db/schema";
import type { Enqueue } from "@/server/jobs/queue";
import { attemptDelivery, type AttemptOptions, type AttemptOutcome } from "./deliver";
import { DELIVER_JOB } from "./nudge";

/** One scheduled attempt, and the next one queued at its time when the delivery is retried. */
export async function deliverAndReschedule(db: Db, deliveryId: string, enqueue: Enqueue, opts: AttemptOptions = {}): Promise<AttemptOutcome | null> {
  const outcome = await attemptDelivery(db, deliveryId, { ...opts, trigger: "schedule" });
  if (outcome?.retryInSeconds != null) await enqueue(DELIVER_JOB, { deliveryId }, { startAfterSeconds: outcome.retryInSeconds });
  return outcome;
}

const SWEEP_BATCH = 50;
const SWEEP_CONCURRENCY = 4;

/**
 * The safety net behind the queue: every due delivery (a lost nudge, a retry whose job vanished, a
 * claim left by a crashed process) is attempted, a few at a time.
 */
export async function deliverDue(db: Db, enqueue: Enqueue, opts: AttemptOptions & { limit?: number } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const due = await db
    .select({ id: eventDeliveries.id })
    .from(eventDeliveries)
    .where(
      or(
        and(eq(eventDeliveries.status, "pending"), lte(eventDeliveries.nextAttemptAt, now)),
        and(eq(eventDeliveries.status, "delivering"), lt(eventDeliveries.leaseUntil, now)),
      ),
    )
    .orderBy(asc(eventDeliveries.nextAttemptAt))
    .limit(opts.limit ?? SWEEP_BATCH);
  let attempted = 0;
  const queue = due.map((d) => d.id);
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) if (await deliverAndReschedule(db, id, enqueue, opts)) attempted++;
  };
  await Promise.all(Array.from({ length: SWEEP_CONCURRENCY }, worker));
  return attempted;
}
