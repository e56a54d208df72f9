import { contactFor, contactRefs } from "./contacts";
import { CHANNELS } from "./credentials";
import { invalid } from "./errors";
import { emit } from "./events";
import { ulid } from "./ids";
import type { App, SinchState } from "./state";

export const INBOUND_KINDS = [
  "text", "media", "choice_response", "story_reply", "story_mention", "media_share", "location", "contact_info", "unsupported", "composing",
] as const;

type Obj = Record<string, unknown>;
const str = (v: unknown, d: string): string => (typeof v === "string" && v !== "" ? v : d);

const SAMPLE_MEDIA = "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17965090030414009&signature=emulator";

/** Maps an emulator "kind" to Sinch's `contact_message` shape (Instagram specifics per contract section 6). */
function contactMessage(kind: string, input: Obj): Obj {
  switch (kind) {
    case "text":
      return { text_message: { text: str(input.text, "Hello") } };
    case "media": {
      const url = str(input.url, SAMPLE_MEDIA);
      return { media_message: { url, thumbnail_url: str(input.thumbnailUrl, url) } };
    }
    case "choice_response":
      return { choice_response_message: { message_id: str(input.messageId, ""), postback_data: str(input.postbackData, str(input.text, "choice")) } };
    case "story_reply":
      return { media_card_message: { url: str(input.url, SAMPLE_MEDIA), caption: str(input.text, "Story reply text") } };
    case "story_mention":
      return { media_message: { url: str(input.url, SAMPLE_MEDIA), thumbnail_url: "" } };
    case "media_share":
      return { media_message: { url: str(input.url, SAMPLE_MEDIA) } };
    case "location":
      return {
        location_message: {
          coordinates: { latitude: Number(input.latitude ?? 59.3293), longitude: Number(input.longitude ?? 18.0686) },
          title: str(input.title, "Location"),
          label: str(input.label, ""),
        },
      };
    case "contact_info":
      return {
        contact_info_message: {
          name: { full_name: str(input.name, "Jane Doe") },
          phone_numbers: [{ phone_number: str(input.phoneNumber, "+46700000000"), type: "MOBILE" }],
        },
      };
    default:
      throw invalid(`Unknown inbound kind ${kind}`);
  }
}

function rawChannelPayload(channel: string, identity: string, app: App, nowMs: number): string {
  const object = channel === "INSTAGRAM" ? "instagram" : channel === "MESSENGER" ? "page" : "whatsapp_business_account";
  const recipient = app.credentials.find((c) => c.channel === channel)?.channelKnownId ?? "recipient-id";
  return JSON.stringify({
    object,
    entry: [{ time: nowMs, id: recipient, messaging: [{ sender: { id: identity }, recipient: { id: recipient }, timestamp: nowMs, message: { mid: `m_${ulid(nowMs)}`, is_unsupported: true } }] }],
  });
}

/**
 * The asset Meta's webhook is about: the Page (Messenger), the IG account, or the sender's WABA. Unknown
 * until Sinch has validated the channel, and then Meta has no subscription to deliver through either.
 */
export function inboundAsset(state: SinchState, app: App, channel: string): string | undefined {
  const cred = app.credentials.find((c) => c.channel === channel);
  if (!cred) return undefined;
  if (channel === "INSTAGRAM") {
    const ic = cred.request.instagram_credentials as Obj | undefined;
    return typeof ic?.business_account_id === "string" ? ic.business_account_id : undefined;
  }
  if (channel === "WHATSAPP") {
    const sb = cred.request.static_bearer as Obj | undefined;
    return state.senders.get(String(sb?.claimed_identity ?? ""))?.wabaId;
  }
  return cred.channelKnownId;
}

const META_CHANNELS = ["MESSENGER", "INSTAGRAM", "WHATSAPP"] as const;

export interface InboundResult {
  delivered: boolean;
  reason?: string;
  contactId?: string;
  conversationId?: string;
  messageId?: string;
  body?: Obj;
}

/**
 * Makes a contact write to the app. Inbound messages (not composing events) open the channel's
 * messaging window for replies. A story mention from a private account is dropped, as Meta does (M9).
 */
export function injectInbound(state: SinchState, app: App, input: Obj): InboundResult {
  const channel = input.channel;
  if (typeof channel !== "string" || !(CHANNELS as readonly string[]).includes(channel)) throw invalid("channel is required (e.g. INSTAGRAM)");
  const identity = input.identity;
  if (typeof identity !== "string" || identity === "") throw invalid("identity is required (PSID / IGSID / phone number)");
  const kind = str(input.kind, "text");
  if (!(INBOUND_KINDS as readonly string[]).includes(kind)) throw invalid(`kind must be one of ${INBOUND_KINDS.join(", ")}`);
  if (!input.force && !app.credentials.some((c) => c.channel === channel)) {
    return { delivered: false, reason: `App ${app.id} has no ${channel} credential, so Sinch receives nothing (pass force: true to inject anyway)` };
  }
  if (kind === "story_mention" && input.fromPrivateAccount === true) {
    return { delivered: false, reason: "Story mentions from private accounts not followed by the business are never delivered (M9)" };
  }
  if (!input.force && (META_CHANNELS as readonly string[]).includes(channel)) {
    const asset = inboundAsset(state, app, channel);
    if (!asset) return { delivered: false, reason: `The ${channel} channel of app ${app.id} is not validated yet, so Meta has nowhere to deliver` };
    const hasRole = typeof input.recipientHasAppRole === "boolean" ? { senderHasAppRole: input.recipientHasAppRole } : {};
    const route = state.world.meta.inboundRoute(channel as (typeof META_CHANNELS)[number], asset, hasRole);
    if (!route.ok) return { delivered: false, reason: route.reason };
  }
  const contact = contactFor(state, app, channel, identity);
  if (typeof input.recipientHasAppRole === "boolean") contact.hasAppRole = input.recipientHasAppRole;
  const now = state.world.clock.now();
  const refs = contactRefs(app, contact);
  const id = ulid(now);
  const iso = new Date(now).toISOString();
  let body: Obj;
  if (kind === "composing") {
    body = emit(state, app, "EVENT_INBOUND", "event", {
      id, direction: "TO_APP", contact_event: { composing_event: {} }, ...refs, accept_time: iso, processing_mode: app.fields.processing_mode,
    });
  } else {
    contact.lastInboundAt = now;
    if (kind === "unsupported") {
      const payload = input.payload === undefined ? rawChannelPayload(channel, identity, app, now) : typeof input.payload === "string" ? input.payload : JSON.stringify(input.payload);
      body = emit(state, app, "UNSUPPORTED", "unsupported_callback", { channel, payload, id, ...refs });
    } else {
      const cm = contactMessage(kind, input);
      if (typeof input.replyTo === "string") cm.reply_to = { message_id: input.replyTo };
      body = emit(state, app, "MESSAGE_INBOUND", "message", {
        id, direction: "TO_APP", contact_message: cm, channel_identity: refs.channel_identity, conversation_id: refs.conversation_id,
        contact_id: refs.contact_id, metadata: "", accept_time: iso, processing_mode: app.fields.processing_mode,
      });
    }
  }
  return { delivered: true, contactId: contact.id, conversationId: contact.conversationId, messageId: id, body };
}
