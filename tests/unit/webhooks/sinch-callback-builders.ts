import type { ParsedCallback } from "@/server/webhooks/sinch/types";
import { parseSinchCallback } from "@/server/webhooks/sinch/parse";

export const APP_ID = "01HAPPAPPAPPAPPAPPAPPAPPAP";
export const CONTACT_ID = "01HCONTACTCONTACTCONTACT01";
export const CONVERSATION_ID = "01HCONVERSATIONCONVERSAT01";
export const ACCEPTED = "2025-03-01T10:00:01.500Z";
export const EVENT_TIME = "2025-03-01T10:00:00.250Z";

export function channelIdentity(channel = "INSTAGRAM", identity = "17841400000000001") {
  return { channel, identity, app_id: APP_ID };
}

/** A callback body with the common envelope and one type key. */
export function envelope(typeKey: string, body: unknown, extra: Record<string, unknown> = {}) {
  return {
    app_id: APP_ID,
    accepted_time: ACCEPTED,
    event_time: EVENT_TIME,
    project_id: "proj-1",
    [typeKey]: body,
    message_metadata: "",
    correlation_id: "corr-1",
    ...extra,
  };
}

export function inboundMessage(contactMessage: unknown, channel = "INSTAGRAM", id = "01HMSG00000000000000000001") {
  return envelope("message", {
    id,
    direction: "TO_APP",
    contact_message: contactMessage,
    channel_identity: channelIdentity(channel),
    conversation_id: CONVERSATION_ID,
    contact_id: CONTACT_ID,
    metadata: "",
    accept_time: "2025-03-01T10:00:01.400Z",
    processing_mode: "CONVERSATION",
  });
}

export function deliveryReport(status: string, reason?: Record<string, unknown>, channel = "INSTAGRAM") {
  return envelope("message_delivery_report", {
    message_id: "01HOUT00000000000000000001",
    conversation_id: CONVERSATION_ID,
    status,
    channel_identity: channelIdentity(channel),
    contact_id: CONTACT_ID,
    ...(reason ? { reason } : {}),
    metadata: "",
    processing_mode: "CONVERSATION",
  });
}

export function parseBody(body: unknown): ParsedCallback {
  const result = parseSinchCallback(Buffer.from(JSON.stringify(body)), { receivedAt: new Date("2030-01-01T00:00:00Z") });
  if (!result.ok) throw new Error(result.error);
  return result;
}
