import { describe, expect, it } from "vitest";
import { CONTACT_ID, EVENT_TIME, inboundMessage, parseBody } from "./sinch-callback-builders";

const message = (contactMessage: unknown, channel?: string) =>
  parseBody(inboundMessage(contactMessage, channel)).normalized.message;

describe("inbound message kinds", () => {
  it("location", () => {
    const m = message({
      location_message: { coordinates: { latitude: 59.3293, longitude: 18.0686 }, title: "Office", label: "Stockholm" },
    }, "WHATSAPP");
    expect(m).toMatchObject({ kind: "location", channel: "WHATSAPP", location: { lat: 59.3293, lon: 18.0686, title: "Office", label: "Stockholm" } });
  });

  it("location with out-of-range or string coordinates degrades to other", () => {
    expect(message({ location_message: { coordinates: { latitude: 91, longitude: 0 } } })?.kind).toBe("other");
    expect(message({ location_message: { coordinates: { latitude: "59", longitude: "18" } } })?.kind).toBe("other");
  });

  it("contact info keeps the whole object", () => {
    const info = { name: { full_name: "Ada Lovelace" }, phone_numbers: [{ phone_number: "+46700000000", type: "CELL" }] };
    expect(message({ contact_info_message: info }, "WHATSAPP")).toMatchObject({ kind: "contact_info", contactInfo: info });
  });

  it("media share: media_message without thumbnail_url on Instagram", () => {
    expect(message({ media_message: { url: "https://cdn.example/share" } })).toMatchObject({
      kind: "media_share",
      mediaUrl: "https://cdn.example/share",
    });
  });

  it("outside Instagram, media and media cards keep their generic kinds", () => {
    expect(message({ media_message: { url: "https://cdn.example/a" } }, "MESSENGER")?.kind).toBe("media");
    const whatsapp = message({ media_message: { url: "https://cdn.example/a", thumbnail_url: "" } }, "WHATSAPP");
    expect(whatsapp?.kind).toBe("media");
    expect(whatsapp).not.toHaveProperty("thumbnailUrl");
    expect(message({ media_card_message: { url: "https://cdn.example/c", caption: "Hi" } }, "MESSENGER")).toMatchObject({
      kind: "media_card",
      caption: "Hi",
    });
  });

  it("product response and fallback", () => {
    expect(message({ product_response_message: { title: "Order", products: [] } }, "WHATSAPP")).toMatchObject({
      kind: "product_response",
      text: "Order",
    });
    expect(message({ fallback_message: { raw_message: "{}", reason: { code: "UNKNOWN" } } })).toMatchObject({
      kind: "fallback",
      text: "{}",
    });
  });

  it("reply_to is lifted next to the content", () => {
    const m = message({ text_message: { text: "yes" }, reply_to: { message_id: "01HORIGINAL" } });
    expect(m).toMatchObject({ kind: "text", text: "yes", replyToMessageId: "01HORIGINAL" });
  });

  it("an icebreaker is plain text", () => {
    expect(message({ text_message: { text: "What are your opening hours?" } })?.kind).toBe("text");
  });

  it("an unknown or mistyped content becomes other, keeping ids and time", () => {
    for (const content of [{ carousel_message: {} }, { text_message: { text: 5 } }, { media_message: "x" }, {}]) {
      const r = parseBody(inboundMessage(content));
      expect(r.kind).toBe("message_inbound");
      expect(r.normalized.message).toMatchObject({ kind: "other", sentAt: new Date(EVENT_TIME) });
      expect(r.normalized.contact?.sinchContactId).toBe(CONTACT_ID);
    }
  });

  it("sentAt falls back from event_time to accept_time to accepted_time", () => {
    const body = inboundMessage({ text_message: { text: "hi" } });
    delete (body as Record<string, unknown>).event_time;
    expect(parseBody(body).normalized.message?.sentAt).toEqual(new Date("2025-03-01T10:00:01.400Z"));
  });
});
