import { describe, expect, it } from "vitest";
import {
  ACCEPTED,
  CONTACT_ID,
  CONVERSATION_ID,
  EVENT_TIME,
  channelIdentity,
  deliveryReport,
  envelope,
  parseBody,
} from "./sinch-callback-builders";

const OUTSIDE_WINDOW = {
  code: "OUTSIDE_ALLOWED_SENDING_WINDOW",
  description: "The underlying channel reported: Message failed to send because more than 24 hours have passed",
  sub_code: "UNSPECIFIED_SUB_CODE",
};

describe("delivery reports", () => {
  it("READ", () => {
    const r = parseBody(deliveryReport("READ"));
    expect(r.dedupeKey).toBe("dlr:01HOUT00000000000000000001:READ");
    expect(r.normalized.deliveryReport).toEqual({
      sinchMessageId: "01HOUT00000000000000000001",
      status: "READ",
      at: new Date(EVENT_TIME),
      channel: "INSTAGRAM",
      identity: "17841400000000001",
    });
  });

  it("FAILED carries reason code, sub-code and description, and is keyed by reason", () => {
    const r = parseBody(deliveryReport("FAILED", OUTSIDE_WINDOW));
    expect(r.dedupeKey).toBe("dlr:01HOUT00000000000000000001:FAILED:OUTSIDE_ALLOWED_SENDING_WINDOW");
    expect(r.normalized.deliveryReport).toMatchObject({
      status: "FAILED",
      reasonCode: "OUTSIDE_ALLOWED_SENDING_WINDOW",
      reasonSubCode: "UNSPECIFIED_SUB_CODE",
      reasonDescription: OUTSIDE_WINDOW.description,
    });
    const other = parseBody(deliveryReport("FAILED", { code: "RECIPIENT_NOT_REACHABLE" }));
    expect(other.dedupeKey).not.toBe(r.dedupeKey);
    expect(parseBody(deliveryReport("FAILED")).dedupeKey).toMatch(/:FAILED:NO_REASON$/);
  });

  it("SWITCHING_CHANNEL is keyed by reason and channel; unknown statuses and codes are kept", () => {
    const sms = parseBody(deliveryReport("SWITCHING_CHANNEL", { code: "CHANNEL_FAILURE" }, "SMS"));
    const rcs = parseBody(deliveryReport("SWITCHING_CHANNEL", { code: "CHANNEL_FAILURE" }, "RCS"));
    expect(sms.dedupeKey).not.toBe(rcs.dedupeKey);
    const odd = parseBody(deliveryReport("BRAND_NEW_STATUS", { code: "NEW_CODE", sub_code: "NEW_SUB" }));
    expect(odd.kind).toBe("delivery_report");
    expect(odd.normalized.deliveryReport).toMatchObject({ status: "BRAND_NEW_STATUS", reasonCode: "NEW_CODE" });
  });

  it("a report without message_id or status is stored as unknown", () => {
    const r = parseBody(envelope("message_delivery_report", { status: "READ" }));
    expect(r).toMatchObject({ typeKey: "message_delivery_report", kind: "unknown", normalized: {} });
    expect(r.dedupeKey).toMatch(/^sha256:/);
  });
});

describe("events", () => {
  it("inbound composing event", () => {
    const r = parseBody(envelope("event", {
      id: "01HEVT0000000000000000001",
      direction: "TO_APP",
      contact_event: { composing_event: {} },
      channel_identity: channelIdentity(),
      contact_id: CONTACT_ID,
      conversation_id: CONVERSATION_ID,
      accept_time: ACCEPTED,
      processing_mode: "CONVERSATION",
    }));
    expect(r).toMatchObject({ typeKey: "event", kind: "event_inbound", dedupeKey: "evt:01HEVT0000000000000000001" });
    expect(r.normalized.event).toEqual({
      sinchEventId: "01HEVT0000000000000000001",
      eventType: "composing_event",
      payload: {},
      channel: "INSTAGRAM",
      identity: "17841400000000001",
      at: new Date(EVENT_TIME),
    });
    expect(r.normalized.conversation?.sinchConversationId).toBe(CONVERSATION_ID);
  });

  it("event delivery report", () => {
    const r = parseBody(envelope("event_delivery_report", {
      event_id: "01HEVT0000000000000000002",
      status: "FAILED",
      channel_identity: channelIdentity(),
      contact_id: CONTACT_ID,
      reason: { code: "CHANNEL_FAILURE" },
    }));
    expect(r).toMatchObject({ kind: "event_delivery", dedupeKey: "edlr:01HEVT0000000000000000002:FAILED" });
    expect(r.normalized.eventDeliveryReport).toMatchObject({ status: "FAILED", reasonCode: "CHANNEL_FAILURE" });
  });
});

describe("conversations", () => {
  const conversation = { id: CONVERSATION_ID, app_id: "a", contact_id: CONTACT_ID, active_channel: "INSTAGRAM", active: true, metadata: "" };

  it("start and stop", () => {
    const start = parseBody(envelope("conversation_start_notification", { conversation }));
    expect(start).toMatchObject({ kind: "conversation_start", dedupeKey: `conv-start:${CONVERSATION_ID}` });
    expect(start.normalized.conversation).toEqual({
      sinchConversationId: CONVERSATION_ID,
      sinchContactId: CONTACT_ID,
      active: true,
      activeChannel: "INSTAGRAM",
    });
    const stop = parseBody(envelope("conversation_stop_notification", { conversation: { ...conversation, active: false } }));
    expect(stop).toMatchObject({ kind: "conversation_stop", dedupeKey: `conv-stop:${CONVERSATION_ID}` });
    expect(stop.normalized.conversation?.active).toBe(false);
  });

  it("delete keeps the conversation id when present", () => {
    const r = parseBody(envelope("conversation_delete_notification", { conversation }));
    expect(r.kind).toBe("conversation_delete");
    expect(r.dedupeKey).toMatch(/^sha256:/);
  });
});

describe("channel events and unsupported callbacks, both spellings", () => {
  const quality = { channel: "WHATSAPP", event_type: "QUALITY_RATING_CHANGED", additional_data: { quality: "YELLOW" } };

  it.each([
    ["channel_event_notification", { channel_event: quality }],
    ["channel_event", { channel_event: quality }],
    ["channel_event", quality],
  ])("%s", (typeKey, body) => {
    const r = parseBody(envelope(typeKey, body));
    expect(r).toMatchObject({ typeKey, kind: "channel_event" });
    expect(r.normalized.channelEvent).toEqual({ channel: "WHATSAPP", eventType: "QUALITY_RATING_CHANGED", additionalData: { quality: "YELLOW" } });
  });

  it.each(["unsupported_callback", "unsupported"])("%s with JSON and non-JSON payloads", (typeKey) => {
    const json = parseBody(envelope(typeKey, { channel: "MESSENGER", payload: '{"a":[1,2]}', id: "01HUNSUP" }));
    expect(json).toMatchObject({ typeKey, kind: "unsupported" });
    expect(json.normalized.unsupported).toEqual({ channel: "MESSENGER", payloadPretty: '{\n  "a": [\n    1,\n    2\n  ]\n}', sinchMessageId: "01HUNSUP" });
    const text = parseBody(envelope(typeKey, { channel: "MESSENGER", payload: "not json {" }));
    expect(text.normalized.unsupported?.payloadPretty).toBe("not json {");
    const missing = parseBody(envelope(typeKey, { channel_identity: channelIdentity("VIBER"), contact_id: CONTACT_ID }));
    expect(missing.normalized.unsupported?.channel).toBe("VIBER");
    expect(missing.normalized.unsupported?.payloadPretty).toContain('"channel_identity"');
  });
});

describe("contacts and contact status", () => {
  const contact = {
    id: CONTACT_ID,
    channel_identities: [{ channel: "SMS", identity: "48123456789", app_id: "" }, { bogus: true }],
    display_name: "New Test Contact",
  };

  it.each(["contact_create_notification", "contact_update_notification", "contact_delete_notification"])("%s", (key) => {
    const r = parseBody(envelope(key, { contact }));
    expect(r.kind).toBe(key.replace("_notification", ""));
    expect(r.normalized.contact).toEqual({
      sinchContactId: CONTACT_ID,
      displayName: "New Test Contact",
      identities: [{ channel: "SMS", identity: "48123456789" }],
    });
  });

  it("merge", () => {
    const r = parseBody(envelope("contact_merge_notification", { preserved_contact: contact, deleted_contact: { id: "01HGONE" } }));
    expect(r).toMatchObject({ kind: "contact_merge", normalized: { contact: { sinchContactId: CONTACT_ID }, deletedContactId: "01HGONE" } });
  });

  it("capability, opt-in and opt-out", () => {
    const who = { contact_id: CONTACT_ID, channel: "RCS", identity: "+46700000000" };
    const cap = parseBody(envelope("capability_notification", { ...who, capability_status: "CAPABILITY_FULL" }));
    expect(cap.normalized.contactStatus).toEqual({
      type: "capability",
      sinchContactId: CONTACT_ID,
      channel: "RCS",
      identity: "+46700000000",
      status: "CAPABILITY_FULL",
    });
    for (const key of ["opt_in_notification", "opt_out_notification"] as const) {
      const r = parseBody(envelope(key, { contact_id: CONTACT_ID, channel: "WHATSAPP", identity: "+46700000000", status: "OPT_IN_SUCCEEDED" }));
      expect(r.normalized.contactStatus?.type).toBe(key === "opt_in_notification" ? "opt_in" : "opt_out");
    }
  });
});

describe("kinds kept raw", () => {
  it.each([
    ["message_submit_notification", "message_submit", { message_id: "01HOUT1", contact_id: CONTACT_ID, channel_identity: channelIdentity() }],
    ["smart_conversation_notification", "smart_conversation", { contact_id: CONTACT_ID, analysis_results: {} }],
    ["message_redaction", "message_redaction", {}],
    ["duplicated_identities", "duplicated_identities", {}],
  ])("%s", (typeKey, kind, body) => {
    const r = parseBody(envelope(typeKey, body));
    expect(r).toMatchObject({ typeKey, kind });
    expect(r.dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
