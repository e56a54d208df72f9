import { eq, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { contacts, conversations, messages, sinchProjects } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { IntegrationError } from "@/server/integrations/errors";
import type { SinchRegion } from "@/server/integrations/sinch/types";
import { audit, type Actor } from "@/server/services/audit";
import { sinchGatewayFor } from "@/server/services/sinch-client";
import { clipPreview } from "./preview";
import { conversationHeader } from "./thread";
import { applyStoredReports } from "./write-reports";

export interface ReplyInput {
  conversationId: string;
  text?: string;
  mediaUrl?: string;
}

type Part = { kind: "text"; text: string; message: Record<string, unknown> } | { kind: "media"; url: string; message: Record<string, unknown> };

function partsOf(input: ReplyInput): Part[] {
  const parts: Part[] = [];
  const text = input.text?.trim();
  if (text) parts.push({ kind: "text", text, message: { text_message: { text } } });
  if (input.mediaUrl) parts.push({ kind: "media", url: input.mediaUrl, message: { media_message: { url: input.mediaUrl } } });
  if (!parts.length) throw new AppError("BAD_REQUEST", { userMessage: "Write a message or add a media link.", fieldErrors: { text: "Write a message or add a media link." } });
  return parts;
}

/** The pending row is visible at once (and to other staff) before Sinch answers. */
async function insertPending(db: Db, conversationId: string, customerId: string, part: Part, actor: Actor): Promise<string> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const [row] = await tx
      .insert(messages)
      .values({ conversationId, customerId, direction: "outbound", kind: part.kind, text: part.kind === "text" ? part.text : null, mediaUrl: part.kind === "media" ? part.url : null, status: "pending", statusRank: 0, sentBy: actor.label, sentAt: now })
      .returning({ id: messages.id });
    await tx
      .update(conversations)
      .set({ preview: clipPreview(part.kind === "text" ? `You: ${part.text}` : "You sent a photo or file"), lastDirection: "outbound", lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${now.toISOString()}::timestamptz)`, updatedAt: sql`now()` })
      .where(eq(conversations.id, conversationId));
    return row!.id;
  });
}

async function markSent(db: Db, messageId: string, sinchMessageId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(messages).set({ sinchMessageId, status: "QUEUED", statusRank: 1 }).where(eq(messages.id, messageId));
    // Reports can beat the send answer; they were kept and apply now.
    await applyStoredReports(tx, messageId, sinchMessageId);
    await tx.update(conversations).set({ updatedAt: sql`now()` }).where(eq(conversations.id, sql`(SELECT conversation_id FROM messages WHERE id = ${messageId}::uuid)`));
  });
}

async function markFailed(db: Db, messageId: string, conversationId: string, err: unknown): Promise<string> {
  const code = err instanceof IntegrationError ? err.code : "unknown";
  const userMessage = err instanceof IntegrationError ? err.userMessage : "Sinch did not accept the message.";
  await db.transaction(async (tx) => {
    await tx.update(messages).set({ status: "FAILED", statusRank: 5, reasonCode: `SEND_${code.toUpperCase()}`, reasonDescription: userMessage }).where(eq(messages.id, messageId));
    await tx.update(conversations).set({ hasFailure: true, updatedAt: sql`now()` }).where(eq(conversations.id, conversationId));
  });
  return userMessage;
}

/** The channel identity the contact wrote from; the Sinch contact only when no identity is known. */
async function recipientOf(db: Db, conv: { channel: string; identity: string | null; contactId: string | null }) {
  if (conv.identity) return { channelIdentities: [{ channel: conv.channel, identity: conv.identity }] };
  const [contact] = conv.contactId ? await db.select({ id: contacts.sinchContactId }).from(contacts).where(eq(contacts.id, conv.contactId)) : [];
  if (!contact) throw new AppError("PRECONDITION_FAILED", { userMessage: "This conversation has no contact to reply to.", reason: "no_recipient" });
  return { contactId: contact.id };
}

/**
 * Staff reply through messages:send on the conversation's channel, within its window (HUMAN_AGENT
 * tag on Instagram/Messenger only for an approved customer). Each part is stored pending first,
 * then follows its delivery reports.
 */
export async function sendReply(db: Db, actor: Actor, input: ReplyInput, now = new Date()): Promise<{ messageIds: string[] }> {
  const parts = partsOf(input);
  const conv = await conversationHeader(db, input.conversationId, now);
  if (conv.window.state === "template_required" || conv.window.state === "closed") {
    throw new AppError("PRECONDITION_FAILED", { userMessage: conv.windowMessage ?? "The reply window is closed.", reason: `window_${conv.window.state}` });
  }
  const [project] = await db.select().from(sinchProjects).where(eq(sinchProjects.customerId, conv.customerId)).limit(1);
  if (!project || !conv.region) throw new AppError("PRECONDITION_FAILED", { userMessage: "This customer's Sinch project is not set up yet.", reason: "project_missing" });
  const recipient = await recipientOf(db, conv);
  const tagKey = conv.channel === "MESSENGER" ? "MESSENGER_MESSAGE_TAG" : "INSTAGRAM_MESSAGE_TAG";
  const channelProperties = conv.window.tag ? { [tagKey]: conv.window.tag } : undefined;
  const client = (await sinchGatewayFor(db, project)).conversation({ projectId: project.projectId, region: conv.region as SinchRegion });

  const messageIds: string[] = [];
  for (const part of parts) {
    const messageId = await insertPending(db, conv.id, conv.customerId, part, actor);
    messageIds.push(messageId);
    try {
      // identified_by names one channel identity, which pins the channel without channel_priority_order.
      const sent = await client.sendMessage({ appId: conv.appId, recipient, message: part.message, channelProperties });
      await markSent(db, messageId, sent.messageId);
    } catch (err) {
      const userMessage = await markFailed(db, messageId, conv.id, err);
      throw new AppError("UPSTREAM_FAILED", { userMessage: `The message was not sent: ${userMessage}`, reason: "send_failed", cause: err });
    }
    await audit(db, {
      actor,
      action: "inbox.reply_sent",
      target: { type: "conversation", id: conv.id },
      customerId: conv.customerId,
      metadata: { channel: conv.channel, kind: part.kind, humanAgentTag: !!conv.window.tag },
    });
  }
  return { messageIds };
}
