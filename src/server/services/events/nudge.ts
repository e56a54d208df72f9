import { enqueue } from "@/server/jobs/queue";

export const DELIVER_JOB = "events.deliver";

/**
 * Asks the queue to attempt deliveries soon. Without a queue in this process (tests, scripts) the
 * sweep does the work.
 */
export async function nudgeDeliveries(ids: string[], startAfterSeconds = 1): Promise<void> {
  for (const deliveryId of ids) await enqueue(DELIVER_JOB, { deliveryId }, { startAfterSeconds });
}
