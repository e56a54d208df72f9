import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/** Outgoing event types an endpoint can subscribe to (Standard Webhooks `type`). */
export const outgoingEventTypes = [
  "customer.ready",
  "access.accepted",
  "access.ended",
  "channel.active",
  "channel.failing",
  "diagnosis.changed",
  "message.inbound",
] as const;
export type OutgoingEventType = (typeof outgoingEventTypes)[number];

/** A receiver registered by an admin. The signing secret is shown once and kept only encrypted. */
export const eventEndpoints = pgTable("event_endpoints", {
  id: uuid().primaryKey().defaultRandom(),
  url: text().notNull(),
  description: text(),
  eventTypes: text().array().$type<OutgoingEventType[]>().notNull(),
  enabled: boolean().notNull().default(true),
  /** Why the portal turned it off by itself (a 410 Gone answer); null when an admin did. */
  disabledReason: text(),
  secretCiphertext: text().notNull(),
  secretHint: text().notNull(),
  /** After a rotation the old secret signs too until it expires, so receivers can switch over. */
  previousSecretCiphertext: text(),
  previousSecretExpiresAt: timestamp({ withTimezone: true }),
  createdBy: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
export type EventEndpoint = typeof eventEndpoints.$inferSelect;

/**
 * The outbox: one row per domain event, written in the transaction of the state change it
 * reports, and only while some enabled endpoint subscribes to its type.
 */
export const outgoingEvents = pgTable(
  "outgoing_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    type: text().$type<OutgoingEventType>().notNull(),
    customerId: uuid(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    /** Set for events a sweep may find twice (an inbound message), so each is sent once. */
    dedupeKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("outgoing_events_dedupe_unique").on(t.dedupeKey), index("outgoing_events_created_idx").on(t.createdAt)],
);
export type OutgoingEvent = typeof outgoingEvents.$inferSelect;

export const deliveryStatuses = ["pending", "delivering", "succeeded", "failed"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** One event for one endpoint: retried on a schedule until it succeeds or the schedule ends. */
export const eventDeliveries = pgTable(
  "event_deliveries",
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid()
      .notNull()
      .references(() => outgoingEvents.id, { onDelete: "cascade" }),
    endpointId: uuid()
      .notNull()
      .references(() => eventEndpoints.id, { onDelete: "cascade" }),
    status: text({ enum: deliveryStatuses }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }),
    /** While `delivering`: after this instant a crashed sender's claim may be taken over. */
    leaseUntil: timestamp({ withTimezone: true }),
    lastAttemptAt: timestamp({ withTimezone: true }),
    lastStatusCode: integer(),
    lastError: text(),
    lastDurationMs: integer(),
    succeededAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("event_deliveries_event_endpoint_unique").on(t.eventId, t.endpointId),
    index("event_deliveries_endpoint_idx").on(t.endpointId, t.createdAt.desc(), t.id.desc()),
    index("event_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'delivering')`),
  ],
);
export type EventDelivery = typeof eventDeliveries.$inferSelect;

/** Every HTTP attempt of a delivery: what the receiver answered and how long it took (never a secret). */
export const eventDeliveryAttempts = pgTable(
  "event_delivery_attempts",
  {
    id: uuid().primaryKey().defaultRandom(),
    deliveryId: uuid()
      .notNull()
      .references(() => eventDeliveries.id, { onDelete: "cascade" }),
    trigger: text({ enum: ["schedule", "replay"] }).notNull(),
    ok: boolean().notNull(),
    statusCode: integer(),
    error: text(),
    durationMs: integer().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("event_delivery_attempts_delivery_idx").on(t.deliveryId, t.at)],
);
export type EventDeliveryAttempt = typeof eventDeliveryAttempts.$inferSelect;

/** Positions of background readers that follow a table (the inbound-message events, the chart rollup). */
export const jobCursors = pgTable("job_cursors", {
  name: text().primaryKey(),
  position: timestamp({ withTimezone: true }).notNull(),
  /** The id of the last row read at `position`: rows committed together share one timestamp. */
  positionId: text(),
  /** A run claims the cursor until then, so two instances never read the same window at once. */
  leaseUntil: timestamp({ withTimezone: true }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
