import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSinchCallback, rawContentHash } from "@/server/webhooks/sinch/parse";
import { envelope, inboundMessage, parseBody } from "./sinch-callback-builders";

const parseText = (text: string) => parseSinchCallback(Buffer.from(text, "utf8"));

describe("bodies that are not a JSON object", () => {
  it.each([
    ["empty", ""],
    ["invalid JSON", "{app_id: 1}"],
    ["truncated JSON", '{"app_id":"a","message":{"id":"x"'],
    ["trailing garbage", '{"app_id":"a"} x'],
  ])("%s → invalid_json", (_label, text) => {
    expect(parseText(text)).toEqual({ ok: false, error: "invalid_json" });
  });

  it("invalid UTF-8 → invalid_json, even when the rest is JSON", () => {
    const raw = Buffer.concat([Buffer.from('{"app_id":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    expect(parseSinchCallback(raw)).toEqual({ ok: false, error: "invalid_json" });
  });

  it.each([["JSON array", "[]"], ["array of objects", '[{"message":{}}]'], ["null", "null"], ["number", "42"], ["string", '"x"']])(
    "%s → not_an_object",
    (_label, text) => {
      expect(parseText(text)).toEqual({ ok: false, error: "not_an_object" });
    },
  );

  it("a UTF-8 byte order mark is tolerated", () => {
    const raw = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(inboundMessage({ text_message: { text: "hi" } })))]);
    expect(parseSinchCallback(raw)).toMatchObject({ ok: true, kind: "message_inbound" });
  });
});

describe("type keys the portal does not understand", () => {
  it("an unknown key is stored as unknown under its own name", () => {
    const raw = Buffer.from(JSON.stringify(envelope("record_notification", { recording: {} })));
    const r = parseSinchCallback(raw);
    expect(r).toMatchObject({ ok: true, typeKey: "record_notification", kind: "unknown", dedupeKey: rawContentHash(raw), normalized: {} });
  });

  it("an envelope alone, or two known keys at once, is unknown", () => {
    expect(parseText('{"app_id":"a","accepted_time":"2025-01-01T00:00:00Z"}')).toMatchObject({ typeKey: "unknown", kind: "unknown" });
    const both = { ...inboundMessage({ text_message: { text: "hi" } }), event: { id: "e" } };
    expect(parseBody(both)).toMatchObject({ typeKey: "unknown", kind: "unknown" });
  });

  it("the SDK's added trigger field does not count as a type key", () => {
    const body = { ...inboundMessage({ text_message: { text: "hi" } }), trigger: "MESSAGE_INBOUND" };
    expect(parseBody(body).kind).toBe("message_inbound");
  });

  it("a known key with the wrong shape degrades to unknown, keeping its name", () => {
    for (const inner of ["text", 42, null, [], { direction: "TO_APP" }]) {
      expect(parseBody(envelope("message", inner))).toMatchObject({ typeKey: "message", kind: "unknown", normalized: {} });
    }
    const noIdentity = inboundMessage({ text_message: { text: "hi" } });
    delete (noIdentity.message as Record<string, unknown>).channel_identity;
    expect(parseBody(noIdentity).kind).toBe("unknown");
    const hugeId = { id: "x".repeat(5000), contact_message: {}, channel_identity: { channel: "SMS", identity: "1" } };
    expect(parseBody(envelope("message", hugeId)).kind).toBe("unknown");
  });

  it("a message that is not TO_APP is never shown as sent by the contact", () => {
    const body = inboundMessage({ text_message: { text: "echo" } });
    (body.message as Record<string, unknown>).direction = "TO_CONTACT";
    expect(parseBody(body).kind).toBe("unknown");
  });
});

describe("envelope tolerance", () => {
  it("mistyped envelope fields become null; non-ISO dates are not guessed", () => {
    const body = {
      ...inboundMessage({ text_message: { text: "hi" } }),
      app_id: 7,
      accepted_time: "1",
      event_time: "2025-13-45T99:00:00Z",
      correlation_id: null,
    };
    const r = parseSinchCallback(Buffer.from(JSON.stringify(body)), { receivedAt: new Date("2030-01-01T00:00:00Z") });
    expect(r).toMatchObject({ ok: true, envelope: { appId: null, acceptedTime: null, eventTime: null, correlationId: null, projectId: "proj-1" } });
    expect(r.ok && r.normalized.message?.sentAt).toEqual(new Date("2025-03-01T10:00:01.400Z"));
  });

  it("with no usable time at all, the receive time is used", () => {
    const body = inboundMessage({ text_message: { text: "hi" } });
    delete (body as Record<string, unknown>).accepted_time;
    delete (body as Record<string, unknown>).event_time;
    delete (body.message as Record<string, unknown>).accept_time;
    expect(parseBody(body).normalized.message?.sentAt).toEqual(new Date("2030-01-01T00:00:00Z"));
  });

  it("__proto__ keys in the body stay inert data", () => {
    const text = JSON.stringify(inboundMessage({ text_message: { text: "hi" } })).replace('"metadata":""', '"__proto__":{"polluted":true}');
    expect(parseText(text)).toMatchObject({ ok: true, kind: "message_inbound" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a payload too deep to pretty-print is kept verbatim", () => {
    const deep = `${"[".repeat(50_000)}${"]".repeat(50_000)}`;
    const r = parseText(`{"app_id":"a","unsupported_callback":{"channel":"X","payload":${JSON.stringify(deep)}},"x":${deep}}`);
    expect(r).toMatchObject({ ok: true, kind: "unsupported" });
    expect(r.ok && r.normalized.unsupported?.payloadPretty).toBe(deep);
  });
});

describe("never throws", () => {
  it("on arbitrary JSON values under every known type key", () => {
    const keys = ["message", "message_delivery_report", "event", "event_delivery_report", "conversation_start_notification",
      "contact_merge_notification", "channel_event", "unsupported_callback", "capability_notification", "opt_out_notification", "zzz"];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue(), fc.jsonValue(), (key, inner, extra) => {
        const raw = Buffer.from(JSON.stringify({ app_id: extra, accepted_time: extra, [key]: inner }));
        const r = parseSinchCallback(raw);
        expect(r.ok).toBe(true);
      }),
      { numRuns: 1_000, seed: 4242 },
    );
  });

  it("on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const r = parseSinchCallback(Buffer.from(bytes));
        if (!r.ok) expect(["invalid_json", "not_an_object"]).toContain(r.error);
      }),
      { numRuns: 1_000, seed: 4243 },
    );
  });
});
