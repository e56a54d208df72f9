import { and, eq, sql } from "drizzle-orm";
import { channelEvents, contacts, conversationEvents, conversations } from "@/server/db/schema";
import type { CallbackKind, NormalizedCallback } from "@/server/webhooks/sinch/types";
import { upsertContact } from "./write-conversation";
import type { WriteContext } from "./write-context";

/** A conversation-level happening; linked now if the conversation exists, else when it appears. */
async function recordActivity(ctx: WriteContext, type: string, convKey: string | undefined, detail: Record<string, unknown>, at: Date): Promise<void> {
  const conversationId = convKey
    ? sql`(SELECT ${conversations.id} FROM ${conversations} WHERE ${conversations.appId} = ${ctx.appId} AND ${conversations.convKey} = ${convKey})`
    : null;
  await ctx.tx.insert(conversationEvents).values({
    appId: ctx.appId,
    conversationId: conversationId as unknown as string | null,
    type,
    detail: convKey ? { ...detail, convKey } : detail,
    at,
    eventId: ctx.eventId,
  });
}

async function hasActivity(ctx: WriteContext): Promise<boolean> {
  const [row] = await ctx.tx.select({ id: conversationEvents.id }).from(conversationEvents).where(eq(conversationEvents.eventId, ctx.eventId)).limit(1);
  return !!row;
}

export async function writeConversationActivity(ctx: WriteContext, kind: CallbackKind, n: NormalizedCallback): Promise<void> {
  // Replays must not add a second line: activity rows are keyed by their stored event.
  if (await hasActivity(ctx)) return;
  const convKey = n.conversation?.sinchConversationId;
  if (n.event) {
    const e = n.event;
    await recordActivity(ctx, e.eventType, convKey, { channel: e.channel, payload: e.payload, sinchEventId: e.sinchEventId }, e.at);
  } else if (n.eventDeliveryReport) {
    const r = n.eventDeliveryReport;
    await recordActivity(ctx, "event_delivery", convKey, { status: r.status, reasonCode: r.reasonCode, reasonDescription: r.reasonDescription, sinchEventId: r.sinchEventId }, r.at);
  } else if (kind === "conversation_start" || kind === "conversation_stop") {
    const active = kind === "conversation_start";
    if (convKey) {
      await ctx.tx
        .update(conversations)
        .set({ active, updatedAt: sql`now()` })
        .where(and(eq(conversations.appId, ctx.appId), eq(conversations.convKey, convKey)));
    }
    await recordActivity(ctx, kind, convKey, { channel: n.conversation?.activeChannel }, ctx.at);
  } else if (n.contactStatus) {
    const s = n.contactStatus;
    await recordActivity(ctx, s.type, convKey, { sinchContactId: s.sinchContactId, channel: s.channel, identity: s.identity, status: s.status, reason: s.reason }, ctx.at);
  }
}

/** CONTACT_* notifications: the contact's name and identities as Sinch knows them. */
export async function writeContactNotification(ctx: WriteContext, kind: CallbackKind, n: NormalizedCallback): Promise<void> {
  if (!n.contact) return;
  const contactId = await upsertContact(ctx, n.contact, "replace");
  if (kind === "contact_delete") {
    await ctx.tx.update(contacts).set({ deletedAt: sql`now()` }).where(eq(contacts.id, contactId));
  }
  if (n.contact.displayName) {
    await ctx.tx.update(conversations).set({ contactName: n.contact.displayName, updatedAt: sql`now()` }).where(and(eq(conversations.appId, ctx.appId), eq(conversations.contactId, contactId)));
  }
  if (n.deletedContactId) {
    const [gone] = await ctx.tx
      .update(contacts)
      .set({ deletedAt: sql`now()` })
      .where(and(eq(contacts.appId, ctx.appId), eq(contacts.sinchContactId, n.deletedContactId)))
      .returning({ id: contacts.id });
    if (gone) await ctx.tx.update(conversations).set({ contactId, updatedAt: sql`now()` }).where(and(eq(conversations.appId, ctx.appId), eq(conversations.contactId, gone.id)));
  }
}

export async function writeChannelEvent(ctx: WriteContext, n: NormalizedCallback): Promise<void> {
  const e = n.channelEvent;
  if (!e) return;
  const [seen] = await ctx.tx.select({ id: channelEvents.id }).from(channelEvents).where(eq(channelEvents.eventId, ctx.eventId)).limit(1);
  if (seen) return;
  await ctx.tx.insert(channelEvents).values({
    appId: ctx.appId,
    customerId: ctx.customerId,
    channel: e.channel,
    eventType: e.eventType,
    additionalData: e.additionalData ?? null,
    at: ctx.at,
    eventId: ctx.eventId,
  });
}
