import { createHash } from "node:crypto";
import { envelopeSchema } from "./schemas";
import { detectTypeKey } from "./type-keys";
import { parseIsoDate } from "./normalize-util";
import { normalizeInboundMessage } from "./normalize-message";
import {
  normalizeDeliveryReport,
  normalizeEventDelivery,
  normalizeEventInbound,
  normalizeMessageSubmit,
  type CallbackTimes,
  type NormalizedWithKey,
} from "./normalize-reports";
import {
  normalizeChannelEvent,
  normalizeContact,
  normalizeContactMerge,
  normalizeContactStatus,
  normalizeConversation,
  normalizeGeneric,
  normalizeUnsupported,
} from "./normalize-misc";
import type { CallbackEnvelope, CallbackKind, ParseResult } from "./types";

export interface ParseOptions {
  /**
   * Time used when the callback carries no valid timestamp of its own (Sinch always sends
   * `accepted_time`, so this only matters for malformed bodies). Defaults to now.
   */
  receivedAt?: Date;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** JSON must be UTF-8 (RFC 8259); invalid bytes make the body unparseable rather than lossy. */
function decodeJson(raw: Buffer | Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(utf8.decode(raw)) };
  } catch {
    return { ok: false };
  }
}

export function rawContentHash(raw: Buffer | Uint8Array): string {
  return `sha256:${createHash("sha256").update(raw).digest("hex")}`;
}

function readEnvelope(body: Record<string, unknown>): CallbackEnvelope {
  const e = envelopeSchema.parse(body);
  return {
    appId: e.app_id ?? null,
    projectId: e.project_id ?? null,
    acceptedTime: parseIsoDate(e.accepted_time),
    eventTime: parseIsoDate(e.event_time),
    correlationId: e.correlation_id ?? null,
    messageMetadata: e.message_metadata ?? null,
  };
}

function normalizeKind(kind: CallbackKind, body: unknown, times: CallbackTimes): NormalizedWithKey | null {
  switch (kind) {
    case "message_inbound": {
      const result = normalizeInboundMessage(body, times, times.receivedAt);
      return result && { dedupeKey: `msg:${result.messageId}`, normalized: result.normalized };
    }
    case "delivery_report":
      return normalizeDeliveryReport(body, times);
    case "message_submit":
      return normalizeMessageSubmit(body);
    case "event_inbound":
      return normalizeEventInbound(body, times);
    case "event_delivery":
      return normalizeEventDelivery(body, times);
    case "conversation_start":
      return normalizeConversation(body, "conv-start");
    case "conversation_stop":
      return normalizeConversation(body, "conv-stop");
    case "conversation_delete":
      return normalizeConversation(body, null) ?? normalizeGeneric(body);
    case "contact_create":
    case "contact_update":
    case "contact_delete":
      return normalizeContact(body);
    case "contact_merge":
      return normalizeContactMerge(body);
    case "capability":
    case "opt_in":
    case "opt_out":
      return normalizeContactStatus(body, kind);
    case "channel_event":
      return normalizeChannelEvent(body);
    case "unsupported":
      return normalizeUnsupported(body);
    case "smart_conversation":
    case "message_redaction":
    case "duplicated_identities":
      return normalizeGeneric(body);
    case "unknown":
      return null;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Parses a verified callback body into its envelope, kind, dedupe key and normalised rows.
 * Never throws. A body of a kind or shape the portal does not understand still parses (kind
 * "unknown", content-hash dedupe key) so the caller stores and shows it instead of rejecting it.
 */
export function parseSinchCallback(raw: Buffer | Uint8Array, options: ParseOptions = {}): ParseResult {
  const decoded = decodeJson(raw);
  if (!decoded.ok) return { ok: false, error: "invalid_json" };
  if (!isPlainObject(decoded.value)) return { ok: false, error: "not_an_object" };
  const body = decoded.value;
  try {
    const envelope = readEnvelope(body);
    const detected = detectTypeKey(body);
    const times: CallbackTimes = {
      eventTime: envelope.eventTime,
      acceptedTime: envelope.acceptedTime,
      receivedAt: options.receivedAt ?? new Date(),
    };
    const result =
      detected.kind === "unknown" ? null : normalizeKind(detected.kind, body[detected.typeKey], times);
    const kind: CallbackKind = result === null ? "unknown" : detected.kind;
    return {
      ok: true,
      envelope,
      typeKey: detected.typeKey,
      kind,
      dedupeKey: result?.dedupeKey ?? rawContentHash(raw),
      normalized: result?.normalized ?? {},
    };
  } catch {
    return {
      ok: true,
      envelope: emptyEnvelope(),
      typeKey: "unknown",
      kind: "unknown",
      dedupeKey: rawContentHash(raw),
      normalized: {},
    };
  }
}

function emptyEnvelope(): CallbackEnvelope {
  return {
    appId: null,
    projectId: null,
    acceptedTime: null,
    eventTime: null,
    correlationId: null,
    messageMetadata: null,
  };
}
