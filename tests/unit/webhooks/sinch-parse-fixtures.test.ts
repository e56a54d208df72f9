import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSinchCallback, rawContentHash } from "@/server/webhooks/sinch/parse";
import type { ParsedCallback } from "@/server/webhooks/sinch/types";

const FIXTURES = new URL("../../../../shared/fixtures/sinch-callbacks/", import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES));

function parsed(name: string): ParsedCallback {
  const result = parseSinchCallback(fixture(name));
  if (!result.ok) throw new Error(`${name}: ${result.error}`);
  return result;
}

const IG_CONTACT = {
  sinchContactId: "01F6T8NG3ZWF460K28RHAM1DHW",
  channel: "INSTAGRAM",
  identity: "3964920326927846",
  identities: [{ channel: "INSTAGRAM", identity: "3964920326927846", appId: "01F6T8M717SPW0186EC5A90Z0E" }],
};
const IG_CONVERSATION = {
  sinchConversationId: "01F6T8NG7D6M3Y0DT0RMDP1KFE",
  sinchContactId: "01F6T8NG3ZWF460K28RHAM1DHW",
};

describe("parseSinchCallback: every fixture", () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith(".json"));

  it("finds the fixtures", () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });

  it.each(files)("%s parses to a known kind with a stable dedupe key", (name) => {
    const first = parsed(name);
    expect(first.kind).not.toBe("unknown");
    expect(first.envelope.appId).toMatch(/^01F6/);
    expect(first.envelope.acceptedTime).toBeInstanceOf(Date);
    expect(parsed(name).dedupeKey).toBe(first.dedupeKey);
  });
});

describe("parseSinchCallback: Instagram inbound messages", () => {
  it("text", () => {
    const r = parsed("inbound-text.json");
    expect(r).toMatchObject({ typeKey: "message", kind: "message_inbound", dedupeKey: "msg:01F6ZMFKRHKW7E0P58M9VM041G" });
    expect(r.envelope).toEqual({
      appId: "01F6T8M717SPW0186EC5A90Z0E",
      projectId: "5b7c830f-4183-4275-a028-13e40c98e29e",
      acceptedTime: new Date("2021-05-30T21:57:05.043Z"),
      eventTime: new Date("2021-05-30T21:57:04.198Z"),
      correlationId: null,
      messageMetadata: null,
    });
    expect(r.normalized).toEqual({
      contact: IG_CONTACT,
      conversation: IG_CONVERSATION,
      message: {
        sinchMessageId: "01F6ZMFKRHKW7E0P58M9VM041G",
        direction: "inbound",
        channel: "INSTAGRAM",
        identity: "3964920326927846",
        kind: "text",
        text: "Hello",
        sentAt: new Date("2021-05-30T21:57:04.198Z"),
      },
    });
  });

  it("media with a thumbnail", () => {
    const { message } = parsed("inbound-media.json").normalized;
    expect(message?.kind).toBe("media");
    expect(message?.mediaUrl).toMatch(/^https:\/\/lookaside\.fbsbx\.com\/ig_messaging_cdn\/\?asset_id=17965090030414009/);
    expect(message?.thumbnailUrl).toBe(message?.mediaUrl);
  });

  it("choice response", () => {
    const r = parsed("inbound-choice-response.json");
    expect(r.normalized.message).toMatchObject({
      kind: "choice_response",
      choice: { messageId: "01F6ZMTJNTSRF50T4EDNBX08HJ", postbackData: "choice_yes" },
    });
  });

  it("story reply: media_card_message on Instagram", () => {
    const { message } = parsed("inbound-story-reply.json").normalized;
    expect(message).toMatchObject({ kind: "story_reply", caption: "Story reply text" });
    expect(message?.mediaUrl).toContain("asset_id=17934482515542967");
  });

  it("story mention: media_message with an empty thumbnail_url on Instagram", () => {
    const r = parsed("inbound-story-mention.json");
    expect(r.envelope.projectId).toBe("id-of-created-project");
    expect(r.normalized.message).toMatchObject({ kind: "story_mention", sinchMessageId: "01F6SNC9KVC4QA0B5CJA3F01C5" });
    expect(r.normalized.message).not.toHaveProperty("thumbnailUrl");
    expect(r.normalized.contact?.identity).toBe("4165102890214238");
  });
});

describe("parseSinchCallback: delivery report and unsupported fixtures", () => {
  it("DELIVERED report", () => {
    const r = parsed("delivery-delivered.json");
    expect(r).toMatchObject({
      typeKey: "message_delivery_report",
      kind: "delivery_report",
      dedupeKey: "dlr:01F6ZNAQB7K25X1MHX2P6T1RE7:DELIVERED",
    });
    expect(r.normalized).toEqual({
      contact: IG_CONTACT,
      conversation: IG_CONVERSATION,
      deliveryReport: {
        sinchMessageId: "01F6ZNAQB7K25X1MHX2P6T1RE7",
        status: "DELIVERED",
        at: new Date("2021-05-30T22:11:54.260Z"),
        channel: "INSTAGRAM",
        identity: "3964920326927846",
      },
    });
  });

  it("unsupported_callback: the string payload is pretty-printed JSON", () => {
    const raw = fixture("unsupported.json");
    const r = parsed("unsupported.json");
    expect(r).toMatchObject({ typeKey: "unsupported_callback", kind: "unsupported", dedupeKey: rawContentHash(raw) });
    expect(r.dedupeKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    const pretty = r.normalized.unsupported?.payloadPretty ?? "";
    expect(r.normalized.unsupported?.channel).toBe("INSTAGRAM");
    expect(pretty).toContain('\n  "object": "instagram"');
    expect(JSON.parse(pretty).entry[0].messaging[0].message).toEqual({ mid: "message-mid", is_unsupported: true });
  });

  it("the fixture's final newline is part of the hashed bytes", () => {
    const raw = fixture("unsupported.json");
    const trimmed = raw.subarray(0, raw.length - 1);
    const a = parseSinchCallback(raw);
    const b = parseSinchCallback(trimmed);
    expect(a.ok && b.ok && a.dedupeKey !== b.dedupeKey).toBe(true);
  });
});
