import { sql } from "drizzle-orm";
import type { DbHandle, DbOrTx } from "./client";

/** The channel on which one instance tells the others to drop a cached entry. */
export const CACHE_CHANNEL = "portal_cache";

/**
 * Tells every portal instance listening on `channel` (Postgres NOTIFY; inside a transaction it is
 * delivered at commit). On PGlite the statement is harmless and nobody listens: one process by
 * construction, which has already acted in memory.
 */
export async function notifyInstances(db: DbOrTx, channel: string, payload: string): Promise<void> {
  await db.execute(sql`select pg_notify(${channel}, ${payload})`);
}

/**
 * Runs `onMessage` for every notification on `channel` from any instance (postgres.js LISTEN on a
 * connection of its own, re-established by the driver after a drop; a notification sent during the
 * gap is lost, so what listens must also have a short expiry). No-op on PGlite.
 */
export async function listenToInstances(handle: DbHandle, channel: string, onMessage: (payload: string) => void): Promise<void> {
  if (!handle.sql) return;
  await handle.sql.listen(channel, onMessage);
}
