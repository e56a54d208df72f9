import { sql } from "drizzle-orm";
import { messages } from "@/server/db/schema";
import type { NormalizedCallback, NormalizedMessage, NormalizedUnsupported } from "@/server/webhooks/sinch/types";
import { writeInboundMessages } from "./inbound-messages";
import { UNSUPPORTED_PREVIEW } from "./preview";
import { adoptOrphanActivity, findConversation, touchConversation, upsertContact } from "./write-conversation";
import type { WriteContext } from "./write-context";

const notStored = (sinchMessageId: string) => sql`NOT EXISTS (SELECT 1 FROM ${messages} WHERE ${messages.sinchMessageId} = ${sinchMessageId})`;

/** A contact's message (a replayed event): the same statement ingest runs for a batch. */
export async function writeInboundMessage(ctx: WriteContext, n: NormalizedCallback & { message: NormalizedMessage }): Promise<void> {
  const [row] = await writeInboundMessages(ctx.tx, [{ eventId: ctx.eventId, appId: ctx.appId, customerId: ctx.customerId, normalized: n }]);
  if (row?.inserted) await adoptOrphanActivity(ctx.tx, ctx.appId, row.conversationId);
}

/** The sender of a raw Meta webhook (Messenger/Instagram `messaging[].sender`, WhatsApp `messages[].from`). */
export function senderOfChannelPayload(payloadPretty: string): string | null {
  try {
    const body = JSON.parse(payloadPretty) as { entry?: Array<Record<string, unknown>> };
    const entry = body.entry?.[0];
    const messaging = (entry?.messaging as Array<{ sender?: { id?: unknown } }> | undefined)?.[0];
    if (typeof messaging?.sender?.id === "string") return messaging.sender.id;
    const change = (entry?.changes as Array<{ value?: { messages?: Array<{ from?: unknown }> } }> | undefined)?.[0];
    const from = change?.value?.messages?.[0]?.from;
    return typeof from === "string" ? from : null;
  } catch {
    return null;
  }
}

/**
 * Content the channel could not map: shown in its conversation with the raw payload. When the
 * callback names no conversation, the sender inside the channel payload finds it; with neither,
 * the event stays visible in the events view only.
 */
export async function writeUnsupported(ctx: WriteContext, n: NormalizedCallback & { unsupported: NormalizedUnsupported }): Promise<void> {
  const u = n.unsupported;
  const identity = n.contact?.identity ?? senderOfChannelPayload(u.payloadPretty);
  const convKey = n.conversation?.sinchConversationId;
  const existing = await findConversation(ctx, { convKey, channel: u.channel, identity: identity ?? undefined });
  if (!existing && !convKey && !identity) return;
  const sinchMessageId = u.sinchMessageId ?? `event:${ctx.eventId}`;
  const contactId = n.contact ? await upsertContact(ctx, n.contact, "merge") : null;
  const at = ctx.at;
  const conversation = await touchConversation(ctx, {
    convKey: existing?.convKey ?? convKey ?? `${u.channel}:${identity}`,
    contactId,
    channel: u.channel,
    identity,
    contactName: identity,
    at,
    direction: "inbound",
    preview: UNSUPPORTED_PREVIEW,
    isNew: notStored(sinchMessageId),
  });
  await ctx.tx
    .insert(messages)
    .values({
      conversationId: conversation.id,
      customerId: ctx.customerId,
      sinchMessageId,
      direction: "inbound",
      kind: "unsupported",
      payload: { eventId: ctx.eventId, channel: u.channel, raw: u.payloadPretty },
      sentAt: at,
    })
    .onConflictDoNothing({ target: messages.sinchMessageId });
}
