import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { conversations, eventEndpoints, messages, webhookEvents } from "@/server/db/schema";
import { claimCursor, releaseCursor, webhookEventsAfter, type CursorPosition } from "@/server/services/job-cursors";
import { emitEvent } from "./emit";

export const INBOUND_JOB = "events.inbound";
const CURSOR = "events.message_inbound";
/** Events younger than this are left for the next run: a transaction started earlier may still commit. */
const SETTLE_MS = 10_000;
const BATCH = 500;
/** A chain of runs every few seconds while someone subscribes; a run sooner than this after the last is a duplicate. */
export const INBOUND_INTERVAL_SECONDS = 5;
const MIN_INTERVAL_MS = (INBOUND_INTERVAL_SECONDS - 1) * 1000;

async function subscribed(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ id: eventEndpoints.id })
    .from(eventEndpoints)
    .where(and(eq(eventEndpoints.enabled, true), sql`'message.inbound' = ANY(${eventEndpoints.eventTypes})`))
    .limit(1);
  return !!row;
}

function messageIdOf(raw: Buffer): string | null {
  try {
    const id = (JSON.parse(raw.toString("utf8")) as { message?: { id?: unknown } }).message?.id;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}

/** `message.inbound` for the contact messages stored by these events (dedupe: one event per message). */
export async function emitInboundFor(db: Db, events: Array<{ raw: Buffer }>): Promise<number> {
  const ids = events.map((e) => messageIdOf(e.raw)).filter((id): id is string => !!id);
  if (!ids.length) return 0;
  const rows = await db
    .select({ message: messages, channel: conversations.channel, contactName: conversations.contactName, identity: conversations.identity })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(inArray(messages.sinchMessageId, ids), eq(messages.direction, "inbound")));
  let emitted = 0;
  await db.transaction(async (tx) => {
    for (const { message: m, channel, contactName, identity } of rows) {
      emitted += await emitEvent(tx, {
        type: "message.inbound",
        customerId: m.customerId,
        occurredAt: m.sentAt,
        dedupeKey: `message.inbound:${m.id}`,
        data: {
          customerId: m.customerId,
          channel,
          conversationId: m.conversationId,
          messageId: m.id,
          sinchMessageId: m.sinchMessageId,
          kind: m.kind,
          text: m.text,
          mediaUrl: m.mediaUrl,
          caption: m.caption,
          contact: { name: contactName, identity },
          sentAt: m.sentAt.toISOString(),
        },
      });
    }
  });
  return emitted;
}

/**
 * Outside the webhook's hot path: follows the stored inbound callbacks after a cursor (received
 * time, id) and emits `message.inbound` for their messages. Without a subscriber it only moves
 * the cursor, so a new subscriber gets messages from then on, not the backlog.
 */
export async function scanInboundMessages(db: Db, now = new Date()): Promise<{ claimed: boolean; subscribed: boolean; emitted: number }> {
  const upTo = new Date(now.getTime() - SETTLE_MS);
  const claim = await claimCursor(db, CURSOR, { now, start: upTo, leaseMs: 60_000, minIntervalMs: MIN_INTERVAL_MS });
  if (!claim.claimed) return { claimed: false, subscribed: false, emitted: 0 };
  let position: CursorPosition = { at: claim.at, id: claim.id };
  let emitted = 0;
  const listening = await subscribed(db);
  try {
    if (!listening) {
      position = { at: upTo > claim.at ? upTo : claim.at, id: null };
      return { claimed: true, subscribed: false, emitted: 0 };
    }
    for (;;) {
      const batch = await webhookEventsAfter(db, position, upTo, and(eq(webhookEvents.kind, "message_inbound"), eq(webhookEvents.status, "processed")), BATCH);
      if (batch.length) emitted += await emitInboundFor(db, batch);
      const last = batch.at(-1);
      if (last) position = { at: last.receivedAt, id: last.id };
      if (batch.length < BATCH) break;
    }
    return { claimed: true, subscribed: true, emitted };
  } finally {
    await releaseCursor(db, CURSOR, position, now);
  }
}
