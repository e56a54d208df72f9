import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import { getSetting } from "@/server/services/settings";

const NONCE_KEEP_MS = 24 * 3_600_000;
const BATCH = 5_000;
const MAX_BATCHES = 200;

/** Deletes in batches so a large purge never holds long locks or one huge transaction. */
async function purgeBatched(db: DbOrTx, table: string, column: string, before: Date): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const result = await db.execute(sql`
      WITH doomed AS (SELECT ctid FROM ${sql.identifier(table)} WHERE ${sql.identifier(column)} < ${before.toISOString()}::timestamptz LIMIT ${BATCH})
      DELETE FROM ${sql.identifier(table)} WHERE ctid IN (SELECT ctid FROM doomed) RETURNING 1 AS gone`);
    const n = rowsOf(result).length;
    total += n;
    if (n < BATCH) break;
  }
  return total;
}

export interface PurgeResult {
  retentionDays: number;
  events: number;
  messages: number;
  deliveryReports: number;
  activity: number;
  channelEvents: number;
  conversations: number;
  nonces: number;
}

/**
 * Applies `inbox.retentionDays`: raw events, messages, reports and activity older than the
 * setting go, then conversations with nothing left; accepted nonces go after 24 h.
 */
export async function purgeInbox(db: DbOrTx, now = new Date()): Promise<PurgeResult> {
  const retentionDays = await getSetting(db, "inbox.retentionDays");
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  return {
    retentionDays,
    events: await purgeBatched(db, "webhook_events", "received_at", before),
    messages: await purgeBatched(db, "messages", "sent_at", before),
    deliveryReports: await purgeBatched(db, "delivery_reports", "at", before),
    activity: await purgeBatched(db, "conversation_events", "at", before),
    channelEvents: await purgeBatched(db, "channel_events", "at", before),
    conversations: await purgeBatched(db, "conversations", "last_message_at", before),
    nonces: await purgeBatched(db, "webhook_nonces", "seen_at", new Date(now.getTime() - NONCE_KEEP_MS)),
  };
}
