import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { conversationApps, conversationEvents, conversations, customers, deliveryReports, messages } from "@/server/db/schema";
import { notFound } from "@/server/errors";
import { replyWindow, windowExplanation } from "./window";

const STORY_MEDIA_TTL_MS = 24 * 3_600_000;
// Instagram story media is a CDN link that stops working after 24 h (meta.md section 9).
const EXPIRING_KINDS = new Set(["story_mention", "story_reply"]);

export async function conversationHeader(db: DbOrTx, conversationId: string, now = new Date()) {
  const [row] = await db
    .select({
      id: conversations.id,
      customerId: conversations.customerId,
      customerName: customers.businessName,
      humanAgentApproved: customers.humanAgentApproved,
      appId: conversations.appId,
      region: conversationApps.region,
      channel: conversations.channel,
      identity: conversations.identity,
      contactName: conversations.contactName,
      active: conversations.active,
      lastInboundAt: conversations.lastInboundAt,
      unreadCount: conversations.unreadCount,
      hasFailure: conversations.hasFailure,
      contactId: conversations.contactId,
    })
    .from(conversations)
    .innerJoin(customers, eq(customers.id, conversations.customerId))
    .leftJoin(conversationApps, eq(conversationApps.appId, conversations.appId))
    .where(eq(conversations.id, conversationId))
    .limit(1);
  if (!row) throw notFound("That conversation");
  const window = replyWindow({ channel: row.channel, lastInboundAt: row.lastInboundAt, humanAgentApproved: row.humanAgentApproved, now });
  return { ...row, window, windowMessage: windowExplanation(window, row.channel) };
}

/**
 * One page of a thread, newest first from the index (conversation_id, sent_at desc, id desc),
 * returned oldest first for display, with each outbound message's delivery timeline.
 */
export async function threadPage(db: DbOrTx, conversationId: string, opts: { before?: { at: Date; id: string }; limit: number; now?: Date }) {
  const now = opts.now ?? new Date();
  const cursor = opts.before;
  const rows = await db
    .select({
      id: messages.id,
      sinchMessageId: messages.sinchMessageId,
      direction: messages.direction,
      kind: messages.kind,
      text: messages.text,
      mediaUrl: messages.mediaUrl,
      thumbnailUrl: messages.thumbnailUrl,
      caption: messages.caption,
      payload: messages.payload,
      status: messages.status,
      reasonCode: messages.reasonCode,
      reasonDescription: messages.reasonDescription,
      sentBy: messages.sentBy,
      sentAt: messages.sentAt,
    })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), cursor ? sql`(${messages.sentAt}, ${messages.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)` : undefined))
    .orderBy(sql`${messages.sentAt} DESC NULLS LAST`, sql`${messages.id} DESC NULLS LAST`)
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  const oldest = page.at(-1);
  const outboundIds = page.filter((m) => m.direction === "outbound" && m.sinchMessageId).map((m) => m.sinchMessageId!);
  const reports = outboundIds.length
    ? await db
        .select({ sinchMessageId: deliveryReports.sinchMessageId, status: deliveryReports.status, reasonCode: deliveryReports.reasonCode, reasonSubCode: deliveryReports.reasonSubCode, reasonDescription: deliveryReports.reasonDescription, at: deliveryReports.at })
        .from(deliveryReports)
        .where(inArray(deliveryReports.sinchMessageId, outboundIds))
        .orderBy(asc(deliveryReports.at))
    : [];
  const timeline = new Map<string, typeof reports>();
  for (const r of reports) timeline.set(r.sinchMessageId, [...(timeline.get(r.sinchMessageId) ?? []), r]);
  const items = page.reverse().map(({ payload, ...m }) => {
    const p = payload ?? {};
    return {
      ...m,
      eventId: typeof p.eventId === "string" ? p.eventId : null,
      choice: (p.choice as { messageId: string; postbackData: string } | undefined) ?? null,
      location: (p.location as { lat: number; lon: number; title?: string; label?: string } | undefined) ?? null,
      contactInfo: (p.contactInfo as Record<string, unknown> | undefined) ?? null,
      unsupportedPayload: typeof p.raw === "string" ? p.raw : null,
      mediaExpired: EXPIRING_KINDS.has(m.kind) && now.getTime() - m.sentAt.getTime() > STORY_MEDIA_TTL_MS,
      reports: (m.sinchMessageId ? timeline.get(m.sinchMessageId) : undefined)?.map(({ sinchMessageId: _id, ...r }) => r) ?? [],
    };
  });
  return { items, olderCursor: rows.length > opts.limit && oldest ? { at: oldest.sentAt, id: oldest.id } : null };
}

/** Conversation notifications (start/stop, opt-in/out…) shown between messages; typing is left out. */
export async function conversationActivity(db: DbOrTx, conversationId: string, limit = 50) {
  const rows = await db
    .select({ id: conversationEvents.id, type: conversationEvents.type, detail: conversationEvents.detail, at: conversationEvents.at })
    .from(conversationEvents)
    .where(eq(conversationEvents.conversationId, conversationId))
    .orderBy(desc(conversationEvents.at))
    .limit(limit);
  return rows.filter((r) => r.type !== "composing_event" && r.type !== "composing_end_event").reverse();
}
