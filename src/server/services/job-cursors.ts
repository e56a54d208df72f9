import { and, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { webhookEvents } from "@/server/db/schema";

export interface CursorPosition {
  at: Date;
  id: string | null;
}

export interface CursorClaim extends CursorPosition {
  /** False when another run holds the cursor, or ran less than `minIntervalMs` ago. */
  claimed: boolean;
}

/**
 * Claims a reader's cursor (created at `start` the first time) for `leaseMs`, so two instances
 * never read the same window at once and a chain of runs cannot multiply.
 */
export async function claimCursor(db: DbOrTx, name: string, opts: { now: Date; start: Date; leaseMs: number; minIntervalMs?: number }): Promise<CursorClaim> {
  const now = opts.now.toISOString();
  await db.execute(sql`INSERT INTO job_cursors (name, position, updated_at) VALUES (${name}, ${opts.start.toISOString()}::timestamptz, '-infinity') ON CONFLICT (name) DO NOTHING`);
  const [row] = rowsOf<{ position: string | Date; position_id: string | null }>(
    await db.execute(sql`
      UPDATE job_cursors SET lease_until = ${now}::timestamptz + ${opts.leaseMs} * interval '1 millisecond'
      WHERE name = ${name} AND (lease_until IS NULL OR lease_until < ${now}::timestamptz)
        AND updated_at <= ${now}::timestamptz - ${opts.minIntervalMs ?? 0} * interval '1 millisecond'
      RETURNING position, position_id`),
  );
  if (!row) return { claimed: false, at: opts.start, id: null };
  return { claimed: true, at: new Date(row.position), id: row.position_id };
}

/** Moves the cursor and ends the claim. */
export async function releaseCursor(db: DbOrTx, name: string, position: CursorPosition, now: Date): Promise<void> {
  await db.execute(sql`
    UPDATE job_cursors SET position = ${position.at.toISOString()}::timestamptz, position_id = ${position.id}, lease_until = NULL, updated_at = ${now.toISOString()}::timestamptz
    WHERE name = ${name}`);
}

/**
 * The next batch of stored webhook events after a cursor position (received time, then id) and
 * received no later than `upTo`, in cursor order, narrowed by `where`. Readers move their position
 * to the last row and ask again until a batch comes back short.
 */
export async function webhookEventsAfter(db: DbOrTx, position: CursorPosition, upTo: Date, where: SQL | undefined, limit: number) {
  const after = position.id === null
    ? sql`${webhookEvents.receivedAt} > ${position.at.toISOString()}::timestamptz`
    : sql`(${webhookEvents.receivedAt}, ${webhookEvents.id}) > (${position.at.toISOString()}::timestamptz, ${position.id}::uuid)`;
  return db
    .select({ id: webhookEvents.id, receivedAt: webhookEvents.receivedAt, raw: webhookEvents.raw })
    .from(webhookEvents)
    .where(and(after, sql`${webhookEvents.receivedAt} <= ${upTo.toISOString()}::timestamptz`, where))
    .orderBy(webhookEvents.receivedAt, webhookEvents.id)
    .limit(limit);
}
