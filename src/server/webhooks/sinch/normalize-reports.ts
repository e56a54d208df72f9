import {
  deliveryReportSchema,
  eventDeliveryReportSchema,
  eventInboundSchema,
  messageSubmitSchema,
} from "./schemas";
import { compact, contactFrom, conversationFrom, firstDate } from "./normalize-util";
import type { NormalizedCallback } from "./types";

export interface CallbackTimes {
  eventTime: Date | null;
  acceptedTime: Date | null;
  receivedAt: Date;
}

export interface NormalizedWithKey {
  normalized: NormalizedCallback;
  /** Null when the callback has no natural identity; the caller hashes the raw bytes instead. */
  dedupeKey: string | null;
}

/** When the status happened on the channel; Sinch's accept time is the fallback. */
function reportTime(times: CallbackTimes): Date {
  return firstDate(times.eventTime, times.acceptedTime) ?? times.receivedAt;
}

type ReportBody = { status: string; reason?: { code?: string; sub_code?: string; description?: string } | null; channel_identity?: { channel?: string; identity?: string } | null };

/** The status, its reason and the channel of a message or event delivery report. */
function statusFields(r: ReportBody, times: CallbackTimes) {
  return {
    status: r.status,
    reasonCode: r.reason?.code,
    reasonSubCode: r.reason?.sub_code,
    reasonDescription: r.reason?.description,
    at: reportTime(times),
    channel: r.channel_identity?.channel,
    identity: r.channel_identity?.identity,
  };
}

// Statuses that carry a reason and can repeat for one message (one failure per channel tried).
const STATUSES_KEYED_BY_REASON = new Set(["FAILED", "SWITCHING_CHANNEL"]);

export function normalizeDeliveryReport(body: unknown, times: CallbackTimes): NormalizedWithKey | null {
  const parsed = deliveryReportSchema.safeParse(body);
  if (!parsed.success) return null;
  const r = parsed.data;
  const channelIdentity = r.channel_identity;
  let dedupeKey = `dlr:${r.message_id}:${r.status}`;
  if (STATUSES_KEYED_BY_REASON.has(r.status)) {
    dedupeKey += `:${r.reason?.code ?? "NO_REASON"}`;
    if (r.status === "SWITCHING_CHANNEL") dedupeKey += `:${channelIdentity?.channel ?? ""}`;
  }
  return {
    dedupeKey,
    normalized: compact({
      contact: contactFrom(r.contact_id, channelIdentity),
      conversation: conversationFrom(r.conversation_id, r.contact_id),
      deliveryReport: compact({
        sinchMessageId: r.message_id,
        ...statusFields(r, times),
      }),
    }),
  };
}

export function normalizeMessageSubmit(body: unknown): NormalizedWithKey | null {
  const parsed = messageSubmitSchema.safeParse(body);
  if (!parsed.success) return null;
  const s = parsed.data;
  return {
    dedupeKey: null,
    normalized: compact({
      contact: contactFrom(s.contact_id, s.channel_identity),
      conversation: conversationFrom(s.conversation_id, s.contact_id),
    }),
  };
}

function firstEntry(record: Record<string, unknown> | undefined): [string, unknown] | undefined {
  return record ? Object.entries(record)[0] : undefined;
}

export function normalizeEventInbound(body: unknown, times: CallbackTimes): NormalizedWithKey | null {
  const parsed = eventInboundSchema.safeParse(body);
  if (!parsed.success) return null;
  const e = parsed.data;
  const [eventType, payload] =
    firstEntry(e.contact_event) ?? firstEntry(e.contact_message_event) ?? ["other", undefined];
  const at = firstDate(times.eventTime, e.accept_time, times.acceptedTime) ?? times.receivedAt;
  return {
    dedupeKey: `evt:${e.id}`,
    normalized: compact({
      contact: contactFrom(e.contact_id, e.channel_identity),
      conversation: conversationFrom(e.conversation_id, e.contact_id),
      event: compact({
        sinchEventId: e.id,
        eventType,
        payload: payload ?? {},
        channel: e.channel_identity?.channel,
        identity: e.channel_identity?.identity,
        at,
      }),
    }),
  };
}

export function normalizeEventDelivery(body: unknown, times: CallbackTimes): NormalizedWithKey | null {
  const parsed = eventDeliveryReportSchema.safeParse(body);
  if (!parsed.success) return null;
  const r = parsed.data;
  return {
    dedupeKey: `edlr:${r.event_id}:${r.status}`,
    normalized: compact({
      contact: contactFrom(r.contact_id, r.channel_identity),
      conversation: conversationFrom(r.conversation_id, r.contact_id),
      eventDeliveryReport: compact({
        sinchEventId: r.event_id,
        ...statusFields(r, times),
      }),
    }),
  };
}
