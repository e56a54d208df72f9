import type { CallbackKind } from "./types";

/**
 * Top-level type key → internal kind. Two kinds have two spellings in Sinch's own texts
 * (contract section 6); both map to one kind.
 */
export const TYPE_KEY_KINDS: Readonly<Record<string, CallbackKind>> = {
  message: "message_inbound",
  message_delivery_report: "delivery_report",
  message_submit_notification: "message_submit",
  event: "event_inbound",
  event_delivery_report: "event_delivery",
  conversation_start_notification: "conversation_start",
  conversation_stop_notification: "conversation_stop",
  conversation_delete_notification: "conversation_delete",
  contact_create_notification: "contact_create",
  contact_update_notification: "contact_update",
  contact_delete_notification: "contact_delete",
  contact_merge_notification: "contact_merge",
  capability_notification: "capability",
  opt_in_notification: "opt_in",
  opt_out_notification: "opt_out",
  channel_event_notification: "channel_event",
  channel_event: "channel_event",
  unsupported_callback: "unsupported",
  unsupported: "unsupported",
  smart_conversation_notification: "smart_conversation",
  message_redaction: "message_redaction",
  duplicated_identities: "duplicated_identities",
};

/** Envelope fields, plus `trigger`, which the Sinch SDK adds when it re-serialises a callback. */
const ENVELOPE_KEYS = new Set([
  "app_id",
  "project_id",
  "accepted_time",
  "event_time",
  "correlation_id",
  "message_metadata",
  "trigger",
]);

const MAX_TYPE_KEY_LENGTH = 100;

export interface DetectedType {
  typeKey: string;
  kind: CallbackKind;
}

/**
 * Exactly one known key → that kind. Several known keys are ambiguous and no known key is
 * unknown; both keep the single remaining key name when there is one, for display.
 */
export function detectTypeKey(body: Record<string, unknown>): DetectedType {
  const candidates = Object.keys(body).filter((key) => !ENVELOPE_KEYS.has(key));
  const known = candidates.filter((key) => Object.hasOwn(TYPE_KEY_KINDS, key));
  const [onlyKnown] = known;
  if (known.length === 1 && onlyKnown !== undefined) {
    return { typeKey: onlyKnown, kind: TYPE_KEY_KINDS[onlyKnown] ?? "unknown" };
  }
  const [onlyCandidate] = candidates;
  if (known.length === 0 && candidates.length === 1 && onlyCandidate !== undefined) {
    return { typeKey: onlyCandidate.slice(0, MAX_TYPE_KEY_LENGTH) || "unknown", kind: "unknown" };
  }
  return { typeKey: "unknown", kind: "unknown" };
}
