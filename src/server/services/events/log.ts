import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "@/server/db/client";
import { customers, eventDeliveries, eventDeliveryAttempts, outgoingEvents, type DeliveryStatus } from "@/server/db/schema";
import { AppError, notFound } from "@/server/errors";
import { audit, type Actor } from "@/server/services/audit";
import { attemptDelivery, type AttemptOptions } from "./deliver";
import { findEndpoint } from "./endpoints";
import { eventBody, messageIdOf } from "./payload";

export interface DeliveryFilter {
  endpointId: string;
  status?: DeliveryStatus;
  cursor?: { at: Date; id: string };
  limit: number;
}

const summary = {
  id: eventDeliveries.id,
  endpointId: eventDeliveries.endpointId,
  eventId: eventDeliveries.eventId,
  type: outgoingEvents.type,
  customerId: outgoingEvents.customerId,
  customerName: customers.businessName,
  occurredAt: outgoingEvents.occurredAt,
  status: eventDeliveries.status,
  attempts: eventDeliveries.attempts,
  nextAttemptAt: eventDeliveries.nextAttemptAt,
  lastAttemptAt: eventDeliveries.lastAttemptAt,
  lastStatusCode: eventDeliveries.lastStatusCode,
  lastError: eventDeliveries.lastError,
  lastDurationMs: eventDeliveries.lastDurationMs,
  createdAt: eventDeliveries.createdAt,
};

/** One endpoint's deliveries, newest first, by cursor. */
export async function listDeliveries(db: DbOrTx, f: DeliveryFilter) {
  await findEndpoint(db, f.endpointId);
  const where: SQL[] = [eq(eventDeliveries.endpointId, f.endpointId)];
  if (f.status) where.push(eq(eventDeliveries.status, f.status));
  if (f.cursor) where.push(sql`(${eventDeliveries.createdAt}, ${eventDeliveries.id}) < (${f.cursor.at.toISOString()}::timestamptz, ${f.cursor.id}::uuid)`);
  const rows = await db
    .select(summary)
    .from(eventDeliveries)
    .innerJoin(outgoingEvents, eq(outgoingEvents.id, eventDeliveries.eventId))
    .leftJoin(customers, eq(customers.id, outgoingEvents.customerId))
    .where(and(...where))
    .orderBy(desc(eventDeliveries.createdAt), desc(eventDeliveries.id))
    .limit(f.limit + 1);
  const items = rows.slice(0, f.limit).map((r) => ({ ...r, messageId: messageIdOf(r.id) }));
  const last = items.at(-1);
  return { items, nextCursor: rows.length > f.limit && last ? { at: last.createdAt, id: last.id } : null };
}

/** A delivery with its attempts and the exact body sent (events carry no secret). */
export async function getDelivery(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ ...summary, data: outgoingEvents.data })
    .from(eventDeliveries)
    .innerJoin(outgoingEvents, eq(outgoingEvents.id, eventDeliveries.eventId))
    .leftJoin(customers, eq(customers.id, outgoingEvents.customerId))
    .where(eq(eventDeliveries.id, id));
  if (!row) throw notFound("That delivery");
  const history = await db
    .select({ id: eventDeliveryAttempts.id, trigger: eventDeliveryAttempts.trigger, ok: eventDeliveryAttempts.ok, statusCode: eventDeliveryAttempts.statusCode, error: eventDeliveryAttempts.error, durationMs: eventDeliveryAttempts.durationMs, at: eventDeliveryAttempts.at })
    .from(eventDeliveryAttempts)
    .where(eq(eventDeliveryAttempts.deliveryId, id))
    .orderBy(asc(eventDeliveryAttempts.at), asc(eventDeliveryAttempts.id));
  const { data, ...rest } = row;
  return { ...rest, messageId: messageIdOf(row.id), body: JSON.stringify(JSON.parse(eventBody({ type: row.type, occurredAt: row.occurredAt, data })), null, 2), history };
}

/** Sends a delivery again now, whatever its state, and reports what the receiver answered. */
export async function replayDelivery(db: Db, actor: Actor, id: string, opts: AttemptOptions = {}) {
  const [row] = await db.select({ endpointId: eventDeliveries.endpointId }).from(eventDeliveries).where(eq(eventDeliveries.id, id));
  if (!row) throw notFound("That delivery");
  const endpoint = await findEndpoint(db, row.endpointId);
  if (!endpoint.enabled) throw new AppError("PRECONDITION_FAILED", { userMessage: "The endpoint is disabled. Enable it before replaying.", reason: "endpoint_disabled" });
  const outcome = await attemptDelivery(db, id, { ...opts, trigger: "replay" });
  if (!outcome) throw new AppError("CONFLICT", { userMessage: "This delivery is being sent right now. Try again in a moment.", reason: "in_flight" });
  await audit(db, { actor, action: "events.delivery_replayed", target: { type: "event_delivery", id }, metadata: { endpointId: row.endpointId, ok: outcome.ok, statusCode: outcome.statusCode } });
  return outcome;
}
