import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { contacts, conversationEvents, conversations } from "@/server/db/schema";
import type { NormalizedContact } from "@/server/webhooks/sinch/types";
import type { WriteContext } from "./write-context";

type Identity = { channel: string; identity: string; appId?: string };

/** Upserts a contact. `merge` adds the callback's identity; `replace` takes a full contact notification. */
export async function upsertContact(ctx: WriteContext, c: NormalizedContact, mode: "merge" | "replace"): Promise<string> {
  const identities: Identity[] = c.identities ?? (c.channel && c.identity ? [{ channel: c.channel, identity: c.identity }] : []);
  const identitiesSet =
    mode === "replace"
      ? sql`excluded.identities`
      : sql`CASE WHEN ${contacts.identities} @> excluded.identities THEN ${contacts.identities} ELSE ${contacts.identities} || excluded.identities END`;
  const [row] = await ctx.tx
    .insert(contacts)
    .values({ customerId: ctx.customerId, appId: ctx.appId, sinchContactId: c.sinchContactId, displayName: c.displayName ?? null, identities })
    .onConflictDoUpdate({
      target: [contacts.appId, contacts.sinchContactId],
      set: {
        displayName: sql`coalesce(excluded.display_name, ${contacts.displayName})`,
        identities: identitiesSet,
        ...(mode === "replace" ? { deletedAt: null, updatedAt: sql`now()` } : {}),
      },
    })
    .returning({ id: contacts.id });
  return row!.id;
}

export interface ConversationTouch {
  convKey: string;
  contactId: string | null;
  channel: string;
  identity: string | null;
  contactName: string | null;
  at: Date;
  direction: "inbound" | "outbound";
  preview: string;
  /** True only when the message is not stored yet, so a replay never counts it twice. */
  isNew: SQL;
}

/**
 * Creates or advances a conversation for one message. Counters move only for a new message, and
 * the preview only when the message is the newest, so late or repeated callbacks change nothing.
 */
export async function touchConversation(ctx: WriteContext, t: ConversationTouch): Promise<{ id: string; inserted: boolean }> {
  const inbound = t.direction === "inbound";
  const newer = sql`(${t.isNew} AND excluded.last_message_at >= ${conversations.lastMessageAt})`;
  const [row] = await ctx.tx
    .insert(conversations)
    .values({
      customerId: ctx.customerId,
      appId: ctx.appId,
      convKey: t.convKey,
      contactId: t.contactId,
      channel: t.channel,
      identity: t.identity,
      contactName: t.contactName,
      lastMessageAt: t.at,
      lastInboundAt: inbound ? t.at : null,
      lastDirection: t.direction,
      preview: t.preview,
      unreadCount: inbound ? 1 : 0,
    })
    .onConflictDoUpdate({
      target: [conversations.appId, conversations.convKey],
      set: {
        contactId: sql`coalesce(excluded.contact_id, ${conversations.contactId})`,
        channel: sql`CASE WHEN ${newer} THEN excluded.channel ELSE ${conversations.channel} END`,
        identity: sql`coalesce(${conversations.identity}, excluded.identity)`,
        contactName: sql`coalesce(${conversations.contactName}, excluded.contact_name)`,
        preview: sql`CASE WHEN ${newer} THEN excluded.preview ELSE ${conversations.preview} END`,
        lastDirection: sql`CASE WHEN ${newer} THEN excluded.last_direction ELSE ${conversations.lastDirection} END`,
        lastMessageAt: sql`CASE WHEN ${t.isNew} THEN greatest(${conversations.lastMessageAt}, excluded.last_message_at) ELSE ${conversations.lastMessageAt} END`,
        lastInboundAt: sql`CASE WHEN ${t.isNew} THEN greatest(${conversations.lastInboundAt}, excluded.last_inbound_at) ELSE ${conversations.lastInboundAt} END`,
        unreadCount: sql`${conversations.unreadCount} + CASE WHEN ${t.isNew} THEN excluded.unread_count ELSE 0 END`,
        active: sql`${conversations.active} OR ${t.isNew}`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ id: conversations.id, inserted: sql<boolean>`(xmax = 0)` });
  if (row!.inserted) await adoptOrphanActivity(ctx.tx, ctx.appId, row!.id);
  return { id: row!.id, inserted: row!.inserted };
}

/** Conversation notifications that arrived before the conversation's first message. */
export async function adoptOrphanActivity(db: DbOrTx, appId: string, conversationId: string): Promise<void> {
  const convKey = sql`(SELECT ${conversations.convKey} FROM ${conversations} WHERE ${conversations.id} = ${conversationId})`;
  await db
    .update(conversationEvents)
    .set({ conversationId })
    .where(and(eq(conversationEvents.appId, appId), isNull(conversationEvents.conversationId), sql`${conversationEvents.detail}->>'convKey' = ${convKey}`));
}

/** An existing conversation by Sinch id, or by channel identity when the callback names none. */
export async function findConversation(ctx: WriteContext, by: { convKey?: string; channel?: string; identity?: string }): Promise<{ id: string; convKey: string } | null> {
  const where = by.convKey
    ? and(eq(conversations.appId, ctx.appId), eq(conversations.convKey, by.convKey))
    : by.channel && by.identity
      ? and(eq(conversations.appId, ctx.appId), eq(conversations.channel, by.channel), eq(conversations.identity, by.identity))
      : undefined;
  if (!where) return null;
  const [row] = await ctx.tx.select({ id: conversations.id, convKey: conversations.convKey }).from(conversations).where(where).limit(1);
  return row ?? null;
}
