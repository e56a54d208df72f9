import { randomUUID } from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import { secretHint, secrets } from "@/server/crypto";
import type { Db, DbOrTx } from "@/server/db/client";
import { eventDeliveries, eventEndpoints, type DeliveryStatus, type EventEndpoint, type OutgoingEventType } from "@/server/db/schema";
import { notFound } from "@/server/errors";
import { audit, type Actor } from "@/server/services/audit";
import { generateEndpointSecret } from "./signing";

/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

export interface EndpointInput {
  url: string;
  description?: string | null;
  eventTypes: OutgoingEventType[];
  enabled: boolean;
}

const encrypt = (value: string, id: string, column: string) => secrets().encrypt(value, { table: "event_endpoints", column, rowId: id });

/** What staff may see of an endpoint: never a secret, only its hint. */
export function endpointView(e: EventEndpoint, lastDelivery?: { status: DeliveryStatus; at: Date | null } | null) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    secretHint: e.secretHint,
    rotatingUntil: e.previousSecretExpiresAt && e.previousSecretCiphertext ? e.previousSecretExpiresAt : null,
    createdBy: e.createdBy,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    lastDelivery: lastDelivery ?? null,
  };
}

export async function listEndpoints(db: DbOrTx) {
  const rows = await db.select().from(eventEndpoints).orderBy(desc(eventEndpoints.createdAt), desc(eventEndpoints.id));
  if (!rows.length) return [];
  const last = await db
    .selectDistinctOn([eventDeliveries.endpointId], { endpointId: eventDeliveries.endpointId, status: eventDeliveries.status, at: eventDeliveries.lastAttemptAt })
    .from(eventDeliveries)
    .orderBy(eventDeliveries.endpointId, desc(eventDeliveries.createdAt))
    .where(sql`${eventDeliveries.endpointId} IN ${rows.map((r) => r.id)}`);
  const byEndpoint = new Map(last.map((l) => [l.endpointId, { status: l.status, at: l.at }]));
  return rows.map((r) => endpointView(r, byEndpoint.get(r.id)));
}

export async function findEndpoint(db: DbOrTx, id: string): Promise<EventEndpoint> {
  const [row] = await db.select().from(eventEndpoints).where(eq(eventEndpoints.id, id));
  if (!row) throw notFound("That endpoint");
  return row;
}

/** Creates an endpoint with a fresh signing secret, returned this once. */
export async function createEndpoint(db: Db, actor: Actor, input: EndpointInput) {
  const id = randomUUID();
  const secret = generateEndpointSecret();
  const [row] = await db
    .insert(eventEndpoints)
    .values({ id, url: input.url, description: input.description ?? null, eventTypes: input.eventTypes, enabled: input.enabled, secretCiphertext: encrypt(secret, id, "secret_ciphertext"), secretHint: secretHint(secret), createdBy: actor.label })
    .returning();
  await audit(db, { actor, action: "events.endpoint_created", target: { type: "event_endpoint", id }, metadata: { url: input.url, eventTypes: input.eventTypes } });
  return { endpoint: endpointView(row!), secret };
}

export async function updateEndpoint(db: Db, actor: Actor, id: string, input: EndpointInput) {
  await findEndpoint(db, id);
  const [row] = await db
    .update(eventEndpoints)
    .set({ url: input.url, description: input.description ?? null, eventTypes: input.eventTypes, enabled: input.enabled, ...(input.enabled ? { disabledReason: null } : {}), updatedAt: new Date() })
    .where(eq(eventEndpoints.id, id))
    .returning();
  await audit(db, { actor, action: "events.endpoint_updated", target: { type: "event_endpoint", id }, metadata: { url: input.url, eventTypes: input.eventTypes, enabled: input.enabled } });
  return endpointView(row!);
}

/** Deletes the endpoint with its delivery log. */
export async function deleteEndpoint(db: Db, actor: Actor, id: string) {
  const row = await findEndpoint(db, id);
  await db.delete(eventEndpoints).where(eq(eventEndpoints.id, id));
  await audit(db, { actor, action: "events.endpoint_deleted", target: { type: "event_endpoint", id }, metadata: { url: row.url } });
  return { id };
}

/** A new secret (returned once); the old one keeps signing for a day so receivers can switch without a gap. */
export async function rotateEndpointSecret(db: Db, actor: Actor, id: string, now = new Date()) {
  const current = await findEndpoint(db, id);
  const secret = generateEndpointSecret();
  const old = secrets().decrypt(current.secretCiphertext, { table: "event_endpoints", column: "secret_ciphertext", rowId: id });
  const [row] = await db
    .update(eventEndpoints)
    .set({
      secretCiphertext: encrypt(secret, id, "secret_ciphertext"),
      secretHint: secretHint(secret),
      previousSecretCiphertext: encrypt(old, id, "previous_secret_ciphertext"),
      previousSecretExpiresAt: new Date(now.getTime() + ROTATION_OVERLAP_MS),
      updatedAt: now,
    })
    .where(eq(eventEndpoints.id, id))
    .returning();
  await audit(db, { actor, action: "events.secret_rotated", target: { type: "event_endpoint", id }, metadata: {} });
  return { endpoint: endpointView(row!), secret };
}
