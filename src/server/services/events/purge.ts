import { lt, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { outgoingEvents } from "@/server/db/schema";
import { purgeHourRows } from "@/server/services/stats/rollup";

const DAY = 24 * 3_600_000;
/** The delivery log keeps a month: longer than the retry schedule, long enough to replay after an outage. */
export const EVENT_RETENTION_DAYS = 30;

/** Old events with their deliveries and attempts (cascade); chart rows past their use. */
export async function purgeEventsAndStats(db: Db, now: Date): Promise<void> {
  await db.delete(outgoingEvents).where(lt(outgoingEvents.createdAt, new Date(now.getTime() - EVENT_RETENTION_DAYS * DAY)));
  await purgeHourRows(db, now);
  await db.execute(sql`DELETE FROM message_stats WHERE grain = 'day' AND bucket < ${new Date(now.getTime() - 400 * DAY).toISOString()}::timestamptz`);
}
