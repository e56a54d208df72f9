import { and, inArray, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { messages, webhookEvents } from "@/server/db/schema";
import { claimCursor, releaseCursor, webhookEventsAfter, type CursorPosition } from "@/server/services/job-cursors";

export const STATS_ROLLUP_JOB = "stats.rollup";
const CURSOR = "stats.messages";
const HOUR = 3_600_000;
/** How far back the first run (and a rebuild) counts; the charts show at most 30 days. */
export const BACKFILL_DAYS = 35;
/**
 * Hour rows serve the 24-hour chart and today's day row; older ones are purged, so the day rows
 * the 7- and 30-day charts read are not mixed with ten times as many hour rows.
 */
export const HOUR_ROWS_DAYS = 3;
const SETTLE_MS = 10_000;
const BATCH = 1000;

const hourOf = (d: Date) => new Date(Math.floor(d.getTime() / HOUR) * HOUR);
const dayOf = (d: Date) => new Date(Math.floor(d.getTime() / (24 * HOUR)) * 24 * HOUR);

const COUNTS = sql.raw("inbound, outbound, delivered, failed");

/**
 * Replaces the rows of one grain in [from, to) by `fresh` (bucket, customer_id, channel, counts)
 * in one statement, writing only what changed: the minute job recounts the same hours again and
 * again, and rewriting unchanged rows would only make dead tuples.
 */
async function replaceRows(db: DbOrTx, grain: "hour" | "day", from: Date, to: Date, fresh: SQL): Promise<void> {
  await db.execute(sql`
    WITH fresh AS (${fresh}),
    gone AS (
      DELETE FROM message_stats s
      WHERE s.grain = ${grain} AND s.bucket >= ${from.toISOString()}::timestamptz AND s.bucket < ${to.toISOString()}::timestamptz
        AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.bucket = s.bucket AND f.customer_id = s.customer_id AND f.channel = s.channel)
    )
    INSERT INTO message_stats (grain, bucket, customer_id, channel, ${COUNTS})
    SELECT ${grain}, bucket, customer_id, channel, ${COUNTS} FROM fresh
    ON CONFLICT (grain, bucket, customer_id, channel) DO UPDATE SET
      inbound = excluded.inbound, outbound = excluded.outbound, delivered = excluded.delivered, failed = excluded.failed
    WHERE (message_stats.inbound, message_stats.outbound, message_stats.delivered, message_stats.failed)
      IS DISTINCT FROM (excluded.inbound, excluded.outbound, excluded.delivered, excluded.failed)`);
}

/** Recounts the hour rows of [from, to) (hour-aligned) from the messages of that range, through the index on `sent_at`. */
export async function recountHours(db: DbOrTx, from: Date, to: Date): Promise<void> {
  await replaceRows(db, "hour", from, to, sql`
    SELECT date_trunc('hour', m.sent_at, 'UTC') AS bucket, m.customer_id,
           -- A lookup by primary key per message: a join would read every conversation for one hour's messages.
           (SELECT c.channel FROM conversations c WHERE c.id = m.conversation_id) AS channel,
           count(*) FILTER (WHERE m.direction = 'inbound')::int AS inbound,
           count(*) FILTER (WHERE m.direction = 'outbound')::int AS outbound,
           count(*) FILTER (WHERE m.direction = 'outbound' AND m.status IN ('DELIVERED', 'READ'))::int AS delivered,
           count(*) FILTER (WHERE m.direction = 'outbound' AND m.status = 'FAILED')::int AS failed
    FROM messages m
    WHERE m.sent_at >= ${from.toISOString()}::timestamptz AND m.sent_at < ${to.toISOString()}::timestamptz
    GROUP BY 1, 2, 3`);
}

/** Day rows of [from, to) (day-aligned) as sums of their hour rows. */
export async function recountDays(db: DbOrTx, from: Date, to: Date): Promise<void> {
  await replaceRows(db, "day", from, to, sql`
    SELECT date_trunc('day', bucket, 'UTC') AS bucket, customer_id, channel,
           sum(inbound)::int AS inbound, sum(outbound)::int AS outbound, sum(delivered)::int AS delivered, sum(failed)::int AS failed
    FROM message_stats WHERE grain = 'hour' AND bucket >= ${from.toISOString()}::timestamptz AND bucket < ${to.toISOString()}::timestamptz
    GROUP BY 1, 2, 3`);
}

/** The first day whose hour rows are still kept. */
const hourRowsFrom = (now: Date) => dayOf(new Date(now.getTime() - (HOUR_ROWS_DAYS - 1) * 24 * HOUR));

/**
 * Recounts whole hours and then their days, in one transaction. A day whose hour rows are no
 * longer kept (a late report for an old message) is recounted hour by hour, summed, and its
 * hour rows dropped again.
 */
export async function recount(db: Db, hours: Date[], now = new Date()): Promise<void> {
  const unique = [...new Set(hours.map((h) => hourOf(h).getTime()))].sort((a, b) => a - b);
  if (!unique.length) return;
  const keptFrom = hourRowsFrom(now).getTime();
  const days = [...new Set(unique.map((h) => dayOf(new Date(h)).getTime()))];
  await db.transaction(async (tx) => {
    for (const h of unique) if (h >= keptFrom) await recountHours(tx, new Date(h), new Date(h + HOUR));
    for (const d of days) {
      const [from, to] = [new Date(d), new Date(d + 24 * HOUR)];
      if (d < keptFrom) await recountHours(tx, from, to);
      await recountDays(tx, from, to);
      if (d < keptFrom) await dropHourRows(tx, from, to);
    }
  });
}

async function dropHourRows(db: DbOrTx, from: Date, to: Date): Promise<void> {
  await db.execute(sql`DELETE FROM message_stats WHERE grain = 'hour' AND bucket >= ${from.toISOString()}::timestamptz AND bucket < ${to.toISOString()}::timestamptz`);
}

/** Hour rows past their use (the purge job). */
export const purgeHourRows = (db: DbOrTx, now: Date) => dropHourRows(db, new Date(0), hourRowsFrom(now));

/** Everything since `BACKFILL_DAYS` ago, in one pass over that range (first run, or a rebuild). */
export async function rebuildStats(db: Db, now = new Date()): Promise<void> {
  const from = dayOf(new Date(now.getTime() - BACKFILL_DAYS * 24 * HOUR));
  const to = new Date(hourOf(now).getTime() + HOUR);
  await db.transaction(async (tx) => {
    await recountHours(tx, from, to);
    await recountDays(tx, from, new Date(dayOf(now).getTime() + 24 * HOUR));
    await dropHourRows(tx, from, hourRowsFrom(now));
  });
}

function referencedMessageId(raw: Buffer): string | null {
  try {
    const body = JSON.parse(raw.toString("utf8")) as { message?: { id?: unknown }; message_delivery_report?: { message_id?: unknown } };
    const id = body.message?.id ?? body.message_delivery_report?.message_id;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}

/** Hours holding the messages that the callbacks stored since the cursor added or moved (a late delivery report). */
async function touchedHours(db: Db, from: CursorPosition, upTo: Date): Promise<{ hours: Date[]; position: CursorPosition }> {
  let position = from;
  const hours: Date[] = [];
  for (;;) {
    const batch = await webhookEventsAfter(db, position, upTo, inArray(webhookEvents.kind, ["message_inbound", "delivery_report"]), BATCH);
    const ids = [...new Set(batch.map((e) => referencedMessageId(e.raw)).filter((id): id is string => !!id))];
    if (ids.length) {
      const rows = rowsOf<{ h: string | Date }>(
        await db.execute(sql`SELECT DISTINCT date_trunc('hour', ${messages.sentAt}, 'UTC') AS h FROM ${messages} WHERE ${inArray(messages.sinchMessageId, ids)}`),
      );
      hours.push(...rows.map((r) => new Date(r.h)));
    }
    const last = batch.at(-1);
    if (last) position = { at: last.receivedAt, id: last.id };
    if (batch.length < BATCH) return { hours, position };
  }
}

/**
 * The minute rollup: the current and previous hour always (new messages, replies sent from the
 * portal), plus any older hour a callback since the last run touched. The first run backfills.
 */
export async function rollupMessageStats(db: Db, now = new Date()): Promise<{ claimed: boolean; hours: number }> {
  const upTo = new Date(now.getTime() - SETTLE_MS);
  const claim = await claimCursor(db, CURSOR, { now, start: new Date(0), leaseMs: 5 * 60_000 });
  if (!claim.claimed) return { claimed: false, hours: 0 };
  let position: CursorPosition = { at: claim.at, id: claim.id };
  try {
    if (claim.at.getTime() === 0) {
      await rebuildStats(db, now);
      position = { at: upTo, id: null };
      return { claimed: true, hours: BACKFILL_DAYS * 24 };
    }
    const touched = await touchedHours(db, position, upTo);
    const current = hourOf(now);
    const hours = [...touched.hours, current, new Date(current.getTime() - HOUR)];
    await recount(db, hours, now);
    position = touched.position;
    return { claimed: true, hours: new Set(hours.map((h) => h.getTime())).size };
  } finally {
    await releaseCursor(db, CURSOR, position, now);
  }
}
