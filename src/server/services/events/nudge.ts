export const DELIVER_JOB = "events.deliver";

/**
 * Asks the queue to attempt deliveries soon. Loaded lazily: the job registry imports the events
 * services, and without a queue in this process (tests, scripts) the sweep does the work.
 */
export async function nudgeDeliveries(ids: string[], startAfterSeconds = 1): Promise<void> {
  const { enqueue } = await import("@/server/jobs");
  for (const deliveryId of ids) await enqueue(DELIVER_JOB, { deliveryId }, { startAfterSeconds });
}
