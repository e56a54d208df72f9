import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/server/db/client";
import { customers, webhookEvents } from "@/server/db/schema";
import { notFound } from "@/server/errors";
import { audit, type Actor } from "@/server/services/audit";
import { emitInboundFor } from "@/server/services/events/inbound";
import { parseSinchCallback } from "@/server/webhooks/sinch/parse";
import { callbackTime, writeNormalized } from "./write-normalized";

export interface EventFilter {
  customerId?: string;
  appId?: string;
  kind?: string;
  status?: "processed" | "stored_raw" | "failed";
  cursor?: { at: Date; id: string };
  limit: number;
}

const summary = {
  id: webhookEvents.id,
  appId: webhookEvents.appId,
  customerId: webhookEvents.customerId,
  customerName: customers.businessName,
  typeKey: webhookEvents.typeKey,
  kind: webhookEvents.kind,
  dedupeKey: webhookEvents.dedupeKey,
  verdict: webhookEvents.verdict,
  status: webhookEvents.status,
  processingError: webhookEvents.processingError,
  replayCount: webhookEvents.replayCount,
  lastReplayedAt: webhookEvents.lastReplayedAt,
  receivedAt: webhookEvents.receivedAt,
  size: sql<number>`octet_length(${webhookEvents.raw})`.mapWith(Number),
};

export async function listEvents(db: DbOrTx, f: EventFilter) {
  const where: Array<SQL | undefined> = [];
  if (f.customerId) where.push(eq(webhookEvents.customerId, f.customerId));
  if (f.appId) where.push(eq(webhookEvents.appId, f.appId));
  if (f.kind) where.push(eq(webhookEvents.kind, f.kind));
  if (f.status) where.push(eq(webhookEvents.status, f.status));
  if (f.cursor) where.push(sql`(${webhookEvents.receivedAt}, ${webhookEvents.id}) < (${f.cursor.at.toISOString()}::timestamptz, ${f.cursor.id}::uuid)`);
  const rows = await db
    .select(summary)
    .from(webhookEvents)
    .leftJoin(customers, eq(customers.id, webhookEvents.customerId))
    .where(and(...where))
    .orderBy(sql`${webhookEvents.receivedAt} DESC NULLS LAST`, sql`${webhookEvents.id} DESC NULLS LAST`)
    .limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return { items: page, nextCursor: rows.length > f.limit && last ? { at: last.receivedAt, id: last.id } : null };
}

/** The body for reading: re-indented JSON, or the bytes as text when it is not JSON. */
export function bodyForDisplay(raw: Buffer): { json: unknown | null; text: string } {
  const text = raw.toString("utf8");
  try {
    const json = JSON.parse(text) as unknown;
    return { json, text: JSON.stringify(json, null, 2) };
  } catch {
    return { json: null, text };
  }
}

export async function getEvent(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ ...summary, raw: webhookEvents.raw, headers: webhookEvents.headers })
    .from(webhookEvents)
    .leftJoin(customers, eq(customers.id, webhookEvents.customerId))
    .where(eq(webhookEvents.id, id))
    .limit(1);
  if (!row) throw notFound("That event");
  const { raw, ...rest } = row;
  return { ...rest, body: bodyForDisplay(raw).text };
}

/** Up to `limit` events matching the filter, bodies included, for a JSON download. */
export async function exportEvents(db: DbOrTx, f: Omit<EventFilter, "cursor" | "limit">, limit: number) {
  const { items } = await listEvents(db, { ...f, limit });
  const ids = items.map((i) => i.id);
  if (!ids.length) return [];
  const bodies = await db.select({ id: webhookEvents.id, raw: webhookEvents.raw, headers: webhookEvents.headers }).from(webhookEvents).where(sql`${webhookEvents.id} IN ${ids}`);
  const byId = new Map(bodies.map((b) => [b.id, b]));
  return items.map((i) => {
    const b = byId.get(i.id)!;
    const shown = bodyForDisplay(b.raw);
    return { ...i, headers: b.headers, body: shown.json ?? shown.text };
  });
}

/**
 * Re-processes a stored event from its raw bytes. Idempotent: every normalised write is keyed
 * (message id, report time, event id), so a replay only fills in what is missing.
 */
export async function replayEvent(db: Db, actor: Actor, id: string): Promise<{ status: "processed" | "stored_raw" | "failed"; error: string | null }> {
  const [event] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, id)).limit(1);
  if (!event) throw notFound("That event");
  const parsed = parseSinchCallback(event.raw, { receivedAt: event.receivedAt });
  let status: "processed" | "stored_raw" | "failed" = "stored_raw";
  let error: string | null = null;
  if (parsed.ok && parsed.kind !== "unknown" && event.customerId) {
    try {
      await db.transaction((tx) =>
        writeNormalized({ tx, appId: event.appId, customerId: event.customerId!, eventId: event.id, at: callbackTime(parsed, event.receivedAt) }, parsed),
      );
      status = "processed";
    } catch (err) {
      status = "failed";
      error = (err as Error).message.slice(0, 500);
    }
  }
  await db
    .update(webhookEvents)
    .set({ status, processingError: error, replayCount: sql`${webhookEvents.replayCount} + 1`, lastReplayedAt: sql`now()` })
    .where(eq(webhookEvents.id, id));
  await audit(db, { actor, action: "inbox.event_replayed", target: { type: "webhook_event", id }, customerId: event.customerId, metadata: { kind: event.kind, status } });
  // The inbound-message reader has passed this event's time; a message the replay stored is reported here (once, by its key).
  if (status === "processed" && event.kind === "message_inbound") await emitInboundFor(db, [event]);
  return { status, error };
}
