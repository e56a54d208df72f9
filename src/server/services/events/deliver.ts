import { and, eq, lt, or, sql } from "drizzle-orm";
import { secrets } from "@/server/crypto";
import type { Db } from "@/server/db/client";
import { eventDeliveries, eventDeliveryAttempts, eventEndpoints, outgoingEvents, type DeliveryStatus, type EventDelivery, type EventEndpoint } from "@/server/db/schema";
import { audit, systemActor } from "@/server/services/audit";
import { eventBody, messageIdOf } from "./payload";
import { MAX_ATTEMPTS, nextAttemptDelay } from "./schedule";
import { sendEvent, SEND_TIMEOUT_MS, type SendOptions, type SendResult } from "./send";
import { signedHeaders } from "./signing";

/** A claim outlives the longest attempt, so only a crashed sender's claim is ever taken over. */
const LEASE_MS = SEND_TIMEOUT_MS * 4;

export interface AttemptOptions {
  now?: Date;
  trigger?: "schedule" | "replay";
  send?: SendOptions;
}

export interface AttemptOutcome {
  status: DeliveryStatus;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** Set when another scheduled attempt follows. */
  retryInSeconds: number | null;
}

const secretCtx = (endpointId: string, column: string) => ({ table: "event_endpoints", column, rowId: endpointId });

/** The current secret, and the previous one while its overlap after a rotation lasts. */
export function signingSecrets(endpoint: EventEndpoint, now: Date): string[] {
  const current = secrets().decrypt(endpoint.secretCiphertext, secretCtx(endpoint.id, "secret_ciphertext"));
  const previousLive = endpoint.previousSecretCiphertext && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now;
  if (!previousLive) return [current];
  return [current, secrets().decrypt(endpoint.previousSecretCiphertext!, secretCtx(endpoint.id, "previous_secret_ciphertext"))];
}

/** Check-and-act: one sender owns a delivery at a time; a lapsed lease (crashed process) may be taken over. */
async function claim(db: Db, deliveryId: string, now: Date, trigger: "schedule" | "replay"): Promise<{ row: EventDelivery; before: DeliveryStatus } | null> {
  const [current] = await db.select().from(eventDeliveries).where(eq(eventDeliveries.id, deliveryId));
  if (!current) return null;
  const lapsed = and(eq(eventDeliveries.status, "delivering"), lt(eventDeliveries.leaseUntil, now));
  const ready =
    trigger === "replay"
      ? or(and(eq(eventDeliveries.status, current.status), sql`${eventDeliveries.status} <> 'delivering'`), lapsed)
      : or(and(eq(eventDeliveries.status, "pending"), sql`${eventDeliveries.nextAttemptAt} <= ${now.toISOString()}::timestamptz`), lapsed);
  const [row] = await db
    .update(eventDeliveries)
    .set({ status: "delivering", leaseUntil: new Date(now.getTime() + LEASE_MS) })
    .where(and(eq(eventDeliveries.id, deliveryId), ready))
    .returning();
  return row ? { row, before: current.status === "delivering" ? "pending" : current.status } : null;
}

function nextState(result: SendResult, attempts: number, before: DeliveryStatus, trigger: "schedule" | "replay"): { status: DeliveryStatus; retryInSeconds: number | null } {
  if (result.ok) return { status: "succeeded", retryInSeconds: null };
  if (result.statusCode === 410) return { status: "failed", retryInSeconds: null };
  // A replay is one extra attempt: it never moves the schedule of a delivery still being retried.
  if (trigger === "replay") return { status: before === "pending" ? "pending" : "failed", retryInSeconds: null };
  const delay = attempts < MAX_ATTEMPTS ? nextAttemptDelay(attempts, result.retryAfterSeconds) : null;
  return delay === null ? { status: "failed", retryInSeconds: null } : { status: "pending", retryInSeconds: delay };
}

/**
 * One HTTP attempt of one delivery, signed per Standard Webhooks, then the outcome recorded: the
 * attempt row, the delivery's state and its next attempt. A 410 Gone disables the endpoint.
 * Returns null when the delivery is not due, or someone else is sending it.
 */
export async function attemptDelivery(db: Db, deliveryId: string, opts: AttemptOptions = {}): Promise<AttemptOutcome | null> {
  const now = opts.now ?? new Date();
  const trigger = opts.trigger ?? "schedule";
  const claimed = await claim(db, deliveryId, now, trigger);
  if (!claimed) return null;
  const [joined] = await db
    .select({ endpoint: eventEndpoints, event: outgoingEvents })
    .from(eventEndpoints)
    .innerJoin(outgoingEvents, eq(outgoingEvents.id, claimed.row.eventId))
    .where(eq(eventEndpoints.id, claimed.row.endpointId));
  if (!joined) return null;
  const { endpoint, event } = joined;

  let result: SendResult;
  if (!endpoint.enabled && trigger === "schedule") {
    result = { ok: false, statusCode: null, error: "Endpoint disabled", durationMs: 0, retryAfterSeconds: null };
  } else {
    const body = eventBody(event);
    // The signed timestamp is the wall clock of this attempt; receivers check it against theirs.
    const headers = signedHeaders(signingSecrets(endpoint, now), messageIdOf(claimed.row.id), Math.floor(Date.now() / 1000), body);
    result = await sendEvent(endpoint.url, { ...headers, "user-agent": "reseller-portal-events/1" }, body, opts.send);
  }
  const counted = trigger === "schedule" && endpoint.enabled ? claimed.row.attempts + 1 : claimed.row.attempts;
  const next = !endpoint.enabled && trigger === "schedule" ? { status: "failed" as const, retryInSeconds: null } : nextState(result, counted, claimed.before, trigger);

  await db.transaction(async (tx) => {
    await tx.insert(eventDeliveryAttempts).values({ deliveryId, trigger, ok: result.ok, statusCode: result.statusCode, error: result.error, durationMs: result.durationMs, at: now });
    await tx
      .update(eventDeliveries)
      .set({
        status: next.status,
        attempts: counted,
        leaseUntil: null,
        nextAttemptAt: next.status === "pending" ? (next.retryInSeconds === null ? claimed.row.nextAttemptAt : new Date(now.getTime() + next.retryInSeconds * 1000)) : null,
        lastAttemptAt: now,
        lastStatusCode: result.statusCode,
        lastError: result.error,
        lastDurationMs: result.durationMs,
        ...(result.ok ? { succeededAt: now } : {}),
      })
      .where(eq(eventDeliveries.id, deliveryId));
    if (result.statusCode === 410 && endpoint.enabled) {
      await tx.update(eventEndpoints).set({ enabled: false, disabledReason: "The receiver answered 410 Gone.", updatedAt: now }).where(eq(eventEndpoints.id, endpoint.id));
      await audit(tx, { actor: systemActor("event delivery"), action: "events.endpoint_disabled", target: { type: "event_endpoint", id: endpoint.id }, metadata: { reason: "410 Gone" } });
    }
  });
  return { status: next.status, ok: result.ok, statusCode: result.statusCode, error: result.error, durationMs: result.durationMs, retryInSeconds: next.retryInSeconds };
}
