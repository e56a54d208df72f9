/** Internal names for the callback type keys of contract section 6. */
export const CALLBACK_KINDS = [
  "message_inbound",
  "delivery_report",
  "message_submit",
  "event_inbound",
  "event_delivery",
  "conversation_start",
  "conversation_stop",
  "conversation_delete",
  "contact_create",
  "contact_update",
  "contact_delete",
  "contact_merge",
  "capability",
  "opt_in",
  "opt_out",
  "channel_event",
  "unsupported",
  "smart_conversation",
  "message_redaction",
  "duplicated_identities",
  "unknown",
] as const;

export type CallbackKind = (typeof CALLBACK_KINDS)[number];

export type InboundMessageKind =
  | "text"
  | "media"
  | "media_card"
  | "story_reply"
  | "story_mention"
  | "media_share"
  | "choice_response"
  | "location"
  | "contact_info"
  | "product_response"
  | "fallback"
  | "other";

export interface CallbackEnvelope {
  appId: string | null;
  projectId: string | null;
  acceptedTime: Date | null;
  eventTime: Date | null;
  correlationId: string | null;
  messageMetadata: string | null;
}

export interface ChannelIdentity {
  channel: string;
  identity: string;
  appId?: string;
}

/**
 * `channel`/`identity` name the identity the callback arrived on (messages, reports);
 * contact notifications list every identity in `identities` instead.
 */
export interface NormalizedContact {
  sinchContactId: string;
  channel?: string;
  identity?: string;
  displayName?: string;
  identities?: ChannelIdentity[];
}

export interface NormalizedConversation {
  sinchConversationId: string;
  sinchContactId?: string;
  active?: boolean;
  activeChannel?: string;
}

export interface NormalizedMessage {
  sinchMessageId: string;
  direction: "inbound";
  channel: string;
  identity?: string;
  kind: InboundMessageKind;
  text?: string;
  mediaUrl?: string;
  thumbnailUrl?: string;
  caption?: string;
  choice?: { messageId: string; postbackData: string };
  location?: { lat: number; lon: number; title?: string; label?: string };
  contactInfo?: Record<string, unknown>;
  replyToMessageId?: string;
  sentAt: Date;
}

/** What a delivery report says, whether it is about a message or an event. */
interface DeliveryStatusFields {
  status: string;
  reasonCode?: string;
  reasonSubCode?: string;
  reasonDescription?: string;
  at: Date;
  channel?: string;
  identity?: string;
}

export interface NormalizedDeliveryReport extends DeliveryStatusFields {
  sinchMessageId: string;
}

export interface NormalizedEvent {
  sinchEventId: string;
  /** Inner key of `contact_event` / `contact_message_event`, e.g. `composing_event`. */
  eventType: string;
  payload: unknown;
  channel?: string;
  identity?: string;
  at: Date;
}

export interface NormalizedEventDeliveryReport extends DeliveryStatusFields {
  sinchEventId: string;
}

export interface NormalizedUnsupported {
  channel: string;
  /** The channel's raw payload, pretty-printed when it is JSON, else verbatim. */
  payloadPretty: string;
  sinchMessageId?: string;
}

export interface NormalizedChannelEvent {
  channel: string;
  eventType: string;
  additionalData: unknown;
}

export interface NormalizedContactStatus {
  type: "capability" | "opt_in" | "opt_out";
  sinchContactId?: string;
  channel?: string;
  identity?: string;
  status?: string;
  reason?: unknown;
}

export interface NormalizedCallback {
  contact?: NormalizedContact;
  conversation?: NormalizedConversation;
  message?: NormalizedMessage;
  deliveryReport?: NormalizedDeliveryReport;
  event?: NormalizedEvent;
  eventDeliveryReport?: NormalizedEventDeliveryReport;
  unsupported?: NormalizedUnsupported;
  channelEvent?: NormalizedChannelEvent;
  contactStatus?: NormalizedContactStatus;
  /** Contact merge: the contact that was merged into `contact` and no longer exists. */
  deletedContactId?: string;
}

export type ParseError = "invalid_json" | "not_an_object";

export interface ParsedCallback {
  ok: true;
  envelope: CallbackEnvelope;
  /** The top-level type key as sent (either spelling), or "unknown". */
  typeKey: string;
  kind: CallbackKind;
  dedupeKey: string;
  normalized: NormalizedCallback;
}

export type ParseResult = { ok: false; error: ParseError } | ParsedCallback;
