import {
  choiceResponseContentSchema,
  fallbackContentSchema,
  inboundMessageSchema,
  locationContentSchema,
  mediaCardContentSchema,
  mediaContentSchema,
  objectSchema,
  productResponseContentSchema,
  replyToSchema,
  textContentSchema,
} from "./schemas";
import { compact, contactFrom, conversationFrom, firstDate } from "./normalize-util";
import type { NormalizedCallback, NormalizedMessage } from "./types";

type MessageContent = Omit<
  NormalizedMessage,
  "sinchMessageId" | "direction" | "channel" | "identity" | "sentAt" | "replyToMessageId"
>;

const INSTAGRAM = "INSTAGRAM";

function mediaContent(raw: unknown, channel: string): MessageContent {
  const parsed = mediaContentSchema.safeParse(raw);
  if (!parsed.success) return { kind: "other" };
  const { url, thumbnail_url: thumbnail } = parsed.data;
  if (channel === INSTAGRAM) {
    // Instagram marks a story mention by an empty thumbnail_url and a share by its absence.
    if (thumbnail === "") return { kind: "story_mention", mediaUrl: url };
    if (thumbnail === undefined) return { kind: "media_share", mediaUrl: url };
  }
  return compact({ kind: "media", mediaUrl: url, thumbnailUrl: thumbnail || undefined });
}

function mediaCardContent(raw: unknown, channel: string): MessageContent {
  const parsed = mediaCardContentSchema.safeParse(raw);
  if (!parsed.success) return { kind: "other" };
  const kind = channel === INSTAGRAM ? "story_reply" : "media_card";
  return compact({ kind, mediaUrl: parsed.data.url, caption: parsed.data.caption });
}

function choiceContent(raw: unknown): MessageContent {
  const parsed = choiceResponseContentSchema.safeParse(raw);
  if (!parsed.success) return { kind: "other" };
  return {
    kind: "choice_response",
    choice: { messageId: parsed.data.message_id, postbackData: parsed.data.postback_data },
  };
}

function locationContent(raw: unknown): MessageContent {
  const parsed = locationContentSchema.safeParse(raw);
  if (!parsed.success) return { kind: "other" };
  const { coordinates, title, label } = parsed.data;
  return {
    kind: "location",
    location: compact({ lat: coordinates.latitude, lon: coordinates.longitude, title, label }),
  };
}

function simpleContent(key: string, raw: unknown): MessageContent | null {
  switch (key) {
    case "text_message": {
      const parsed = textContentSchema.safeParse(raw);
      return parsed.success ? { kind: "text", text: parsed.data.text } : { kind: "other" };
    }
    case "contact_info_message": {
      const parsed = objectSchema.safeParse(raw);
      return parsed.success ? { kind: "contact_info", contactInfo: parsed.data } : { kind: "other" };
    }
    case "product_response_message": {
      const parsed = productResponseContentSchema.safeParse(raw);
      if (!parsed.success) return { kind: "other" };
      return compact({ kind: "product_response" as const, text: parsed.data.title });
    }
    case "fallback_message": {
      const parsed = fallbackContentSchema.safeParse(raw);
      if (!parsed.success) return { kind: "other" };
      return compact({ kind: "fallback" as const, text: parsed.data.raw_message });
    }
    default:
      return null;
  }
}

/** The first recognised content key wins; Sinch sends exactly one besides `reply_to`. */
export function messageContent(contactMessage: Record<string, unknown>, channel: string): MessageContent {
  for (const [key, raw] of Object.entries(contactMessage)) {
    if (key === "media_message") return mediaContent(raw, channel);
    if (key === "media_card_message") return mediaCardContent(raw, channel);
    if (key === "choice_response_message") return choiceContent(raw);
    if (key === "location_message") return locationContent(raw);
    const simple = simpleContent(key, raw);
    if (simple !== null) return simple;
  }
  return { kind: "other" };
}

/** `null` when the body lacks what a message row needs; the caller then stores it as unknown. */
export function normalizeInboundMessage(
  body: unknown,
  envelopeTimes: { eventTime: Date | null; acceptedTime: Date | null },
  receivedAt: Date,
): { normalized: NormalizedCallback; messageId: string } | null {
  const parsed = inboundMessageSchema.safeParse(body);
  if (!parsed.success) return null;
  const m = parsed.data;
  // MESSAGE_INBOUND only carries TO_APP; anything else must not be shown as sent by the contact.
  if (m.direction !== undefined && m.direction !== "TO_APP") return null;
  const channel = m.channel_identity.channel;
  const replyTo = replyToSchema.safeParse(m.contact_message["reply_to"]);
  const sentAt =
    firstDate(envelopeTimes.eventTime, m.accept_time, envelopeTimes.acceptedTime) ?? receivedAt;
  const message: NormalizedMessage = compact({
    sinchMessageId: m.id,
    direction: "inbound" as const,
    channel,
    identity: m.channel_identity.identity,
    ...messageContent(m.contact_message, channel),
    replyToMessageId: replyTo.success ? replyTo.data.message_id : undefined,
    sentAt,
  });
  return {
    messageId: m.id,
    normalized: compact({
      contact: contactFrom(m.contact_id, m.channel_identity),
      conversation: conversationFrom(m.conversation_id, m.contact_id),
      message,
    }),
  };
}
