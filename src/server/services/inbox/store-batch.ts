import { randomUUID } from "node:crypto";
import type { Db, DbOrTx } from "@/server/db/client";
import { dbErrorCode, isTransientDbError, safeError, withDeadline } from "@/server/db/errors";
import { queryArrays } from "@/server/db/prepared";
import { logger } from "@/server/log";
import type { ParsedCallback } from "@/server/webhooks/sinch/types";
import { INBOUND_RESULT_COLUMNS, INBOUND_RESULT_JOIN, inboundCtes, inboundParams, type InboundItem } from "./inbound-messages";
import { EVENT_CTES, EVENT_RESULT_COLUMNS, EVENT_RESULT_JOIN, eventOutcomes, eventParams, insertEvents, type EventRow, type NewEvent } from "./store-events";
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

/*
 * The raw events of a batch and the contacts, conversations and messages of its contact messages
 * in ONE statement: a statement commits by itself, so the batch is one round trip to the database
 * and holds its conversation row locks only while it runs. A message is written only when its
 * event was stored by this statement (a replayed nonce or a duplicate event writes nothing).
 */
export const STORE_BATCH = `WITH ${EVENT_CTES},
${inboundCtes(13, "WHERE u.event_id IN (SELECT id FROM ev)")}
SELECT ${EVENT_RESULT_COLUMNS}, ${INBOUND_RESULT_COLUMNS}
FROM ${EVENT_RESULT_JOIN} LEFT JOIN m ON m.event_id = ev.id LEFT JOIN ${INBOUND_RESULT_JOIN}`;

type BatchRow = EventRow & { conversation_id: string | null; inserted: boolean | null };

async function storeEventsAndMessages(db: DbOrTx, items: readonly PendingCallback[], ids: readonly string[], inbound: ReadonlyArray<{ index: number; item: InboundItem }>): Promise<StoredOutcome[]> {
  const params = [...eventParams(items.map((i) => i.event), ids), ...inboundParams(inbound.map((i) => i.item), inbound.map((i) => i.index))];
  const rows = await queryArrays<BatchRow>(db, STORE_BATCH, params);
  const out: StoredOutcome[] = eventOutcomes(items.length, rows);
  for (const row of rows) {
    const o = out[row.ord]!;
    if (o.outcome === "stored" && row.conversation_id) out[row.ord] = { ...o, conversation: { id: row.conversation_id, inserted: row.inserted === true } };
  }
  return out;
}

/**
 * Raw events and the normalised rows of those that are new, all or nothing. Contact messages, the
 * bulk of the traffic, go in the one statement; delivery reports and notifications, rarer, have
 * their own (idempotent) writers, run after it in the same transaction.
 */
async function storeTogether(db: Db, items: readonly PendingCallback[]): Promise<StoredOutcome[]> {
  const ids = items.map(() => randomUUID());
  const inbound: Array<{ index: number; item: InboundItem }> = [];
  const others: number[] = [];
  items.forEach(({ event, parsed }, index) => {
    if (!parsed || event.status !== "processed") return;
    const message = parsed.kind === "message_inbound" ? parsed.normalized.message : undefined;
    if (message) inbound.push({ index, item: { eventId: ids[index]!, appId: event.appId, customerId: event.customerId, normalized: { ...parsed.normalized, message } } });
    else others.push(index);
  });
  if (others.length === 0) return storeEventsAndMessages(db, items, ids, inbound);
  return db.transaction(async (tx) => {
    const out = await storeEventsAndMessages(tx, items, ids, inbound);
    for (const index of others) {
      const stored = out[index]!;
      if (stored.outcome !== "stored") continue;
      const { event, parsed, at } = items[index]!;
      await writeNormalized({ tx, appId: event.appId, customerId: event.customerId, eventId: stored.eventId, at }, parsed!);
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
