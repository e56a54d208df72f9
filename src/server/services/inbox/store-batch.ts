import type { Db } from "@/server/db/client";
import { dbErrorCode, isTransientDbError, safeError, withDeadline } from "@/server/db/errors";
import { logger } from "@/server/log";
import type { ParsedCallback } from "@/server/webhooks/sinch/types";
import { writeInboundMessages, type InboundItem } from "./inbound-messages";
import { insertEvents, type NewEvent } from "./store-events";
import { writeNormalized } from "./write-normalized";

/** One verified callback on its way to the database. */
export interface PendingCallback {
  event: NewEvent;
  parsed: ParsedCallback | null;
  /** When the callback happened (for the normalised rows). */
  at: Date;
}

export type StoredOutcome =
  | { outcome: "replayed" }
  | { outcome: "duplicate" }
  | { outcome: "stored"; eventId: string; conversation?: { id: string; inserted: boolean } }
  /** The database could not answer: nothing kept that Sinch's retry would not find. */
  | { outcome: "unavailable" };

/**
 * The longest the database may take for one callback. postgres.js queues queries while it waits to
 * reconnect (with backoff), so without a deadline a database outage hangs every callback until the
 * sender times out; past the deadline the answer is 503 and Sinch retries. A batch that still
 * commits later is harmless: the retry is a duplicate and answers 200.
 */
export const DB_DEADLINE_MS = 3_000;

// Serialization failure and deadlock: safe to run the whole transaction again at once.
const RETRYABLE = new Set(["40001", "40P01"]);

/** Raw events, then the normalised rows of those that are new, in ONE transaction. */
async function storeTogether(db: Db, items: readonly PendingCallback[]): Promise<StoredOutcome[]> {
  return db.transaction(async (tx) => {
    const stored = await insertEvents(tx, items.map((i) => i.event));
    const out: StoredOutcome[] = [...stored];
    const inbound: Array<{ index: number; item: InboundItem }> = [];
    const others: number[] = [];
    stored.forEach((s, index) => {
      const { event, parsed } = items[index]!;
      if (s.outcome !== "stored" || !parsed || event.status !== "processed") return;
      const message = parsed.kind === "message_inbound" ? parsed.normalized.message : undefined;
      if (message) inbound.push({ index, item: { eventId: s.eventId, appId: event.appId, customerId: event.customerId, normalized: { ...parsed.normalized, message } } });
      else others.push(index);
    });
    const conversations = await writeInboundMessages(tx, inbound.map((i) => i.item));
    inbound.forEach(({ index, item }, k) => {
      const c = conversations[k]!;
      out[index] = { outcome: "stored", eventId: item.eventId, conversation: { id: c.conversationId, inserted: c.inserted } };
    });
    // Reports and notifications are rarer: their own (idempotent) writers, in the same transaction.
    for (const index of others) {
      const { event, parsed, at } = items[index]!;
      const s = stored[index] as { eventId: string };
      await writeNormalized({ tx, appId: event.appId, customerId: event.customerId, eventId: s.eventId, at }, parsed!);
    }
    return out;
  });
}

/** Normalising failed: keep the raw event (never lose an acknowledged callback), marked failed. */
async function storeRawAfterFailure(db: Db, item: PendingCallback, cause: unknown): Promise<StoredOutcome> {
  const failure = safeError(cause);
  const processingError = `${failure.pgCode ?? failure.name}: ${failure.message}`.slice(0, 500);
  try {
    const [stored] = await withDeadline(insertEvents(db, [{ ...item.event, status: "failed", processingError }]), DB_DEADLINE_MS);
    logger.error({ appId: item.event.appId, kind: item.event.kind, err: failure }, "webhook normalisation failed; stored raw");
    return stored!;
  } catch (err) {
    logger.warn({ appId: item.event.appId, err: safeError(err) }, "webhook not stored; answering 503");
    return { outcome: "unavailable" };
  }
}

/**
 * Writes a batch of callbacks in one transaction. When the database cannot answer, every callback
 * of the batch is `unavailable` (503, Sinch retries). When one row is bad, the batch is written
 * again one callback at a time, so the bad one (kept raw, marked failed) never fails its neighbours.
 */
export async function storeBatch(db: Db, items: readonly PendingCallback[]): Promise<StoredOutcome[]> {
  const attempt = () => withDeadline(storeTogether(db, items), DB_DEADLINE_MS);
  try {
    return await attempt().catch((err: unknown) => {
      if (RETRYABLE.has(dbErrorCode(err) ?? "")) return attempt();
      throw err;
    });
  } catch (err) {
    if (isTransientDbError(err)) {
      logger.warn({ callbacks: items.length, err: safeError(err) }, "webhook batch not stored; answering 503");
      return items.map(() => ({ outcome: "unavailable" }) as const);
    }
    if (items.length === 1) return [await storeRawAfterFailure(db, items[0]!, err)];
    const out: StoredOutcome[] = [];
    for (const item of items) out.push(...(await storeBatch(db, [item])));
    return out;
  }
}
