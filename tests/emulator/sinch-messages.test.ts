import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { computeSignature } from "../../emulator/src/callbacks/signer";
import { conv, createApp, igCred, msgrCred, startHarness, startReceiver, waitFor, type Harness } from "./sinch-harness";

const DAY = 86_400_000;
const SECRET = "test-webhook-secret-0123456789";
const ALL = ["MESSAGE_INBOUND", "MESSAGE_DELIVERY", "MESSAGE_SUBMIT", "EVENT_INBOUND", "CONVERSATION_START", "CONVERSATION_STOP", "UNSUPPORTED", "CHANNEL_EVENT", "CONTACT_CREATE"];

let h: Harness;
let rx: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  h = await startHarness();
  rx = await startReceiver();
});
afterAll(async () => {
  await h.close();
  await rx.close();
});
afterEach(() => {
  rx.received.length = 0;
});

async function activeApp(creds: unknown[]): Promise<any> {
  const app = await createApp(h, "eu", creds);
  await h.call("POST", `${conv("eu")}/webhooks`, { app_id: app.id, target: rx.url, triggers: ALL, secret: SECRET });
  await waitFor(async () => {
    const a = (await h.call("GET", `${conv("eu")}/apps/${app.id}`)).body;
    return a.channel_credentials.every((c: any) => c.state.status !== "PENDING") ? true : undefined;
  });
  return app;
}

const inbound = (appId: string, body: Record<string, unknown>) => h.control("POST", `/_emulator/sinch/apps/${appId}/inbound`, body);
const send = (appId: string, channel: string, identity: string, extra: Record<string, unknown> = {}) =>
  h.call("POST", `${conv("eu")}/messages:send`, {
    app_id: appId,
    recipient: { identified_by: { channel_identities: [{ channel, identity }] } },
    message: { text_message: { text: "hi" } },
    ...extra,
  });

async function finalReport(messageId: string): Promise<any> {
  return waitFor(() =>
    rx.received
      .map((r) => r.body.message_delivery_report)
      .find((d) => d && d.message_id === messageId && ["READ", "FAILED"].includes(d.status)),
  );
}

describe("messages:send, windows and delivery reports", () => {
  it("inbound then reply inside 24 h: QUEUED_ON_CHANNEL, DELIVERED, READ, all signed", async () => {
    const app = await activeApp([igCred()]);
    const inb = await inbound(app.id, { channel: "INSTAGRAM", identity: "3964920326927846", kind: "text", text: "Hello" });
    expect(inb.delivered).toBe(true);
    const r = await send(app.id, "INSTAGRAM", "3964920326927846");
    expect(r.status).toBe(200);
    expect(r.body.message_id).toMatch(/^[0-9A-Z]{26}$/);
    expect(typeof r.body.accepted_time).toBe("string");
    const last = await finalReport(r.body.message_id);
    expect(last.status).toBe("READ");
    // Callbacks are delivered concurrently (at-least-once, unordered), so compare as a set.
    const statuses = await waitFor(() => {
      const s = rx.received.map((x) => x.body.message_delivery_report?.status).filter(Boolean);
      return s.length === 3 ? s : undefined;
    });
    expect([...statuses].sort()).toEqual(["DELIVERED", "QUEUED_ON_CHANNEL", "READ"]);
    expect(last.contact_id).toBe(inb.contactId);
    expect(last.conversation_id).toBe(inb.conversationId);
    for (const x of rx.received) {
      expect(x.body.trigger).toBeUndefined();
      const sig = computeSignature(SECRET, x.raw, String(x.headers["x-sinch-webhook-signature-nonce"]), String(x.headers["x-sinch-webhook-signature-timestamp"]));
      expect(x.headers["x-sinch-webhook-signature"]).toBe(sig);
      expect(x.headers["x-sinch-webhook-signature-algorithm"]).toBe("HmacSHA256");
    }
    const msg = rx.received.find((x) => x.body.message)!.body;
    expect(Object.keys(msg)).toEqual(["app_id", "accepted_time", "event_time", "project_id", "message", "message_metadata"]);
    expect(msg.message.contact_message).toEqual({ text_message: { text: "Hello" } });
    expect(rx.received.some((x) => x.body.conversation_start_notification)).toBe(true);
    expect(rx.received.some((x) => x.body.contact_create_notification)).toBe(true);
  });

  it("passes the window facts to Meta and maps Meta's window verdict to OUTSIDE_ALLOWED_SENDING_WINDOW", async () => {
    const app = await activeApp([msgrCred("m-token")]);
    await inbound(app.id, { channel: "MESSENGER", identity: "psid-1", kind: "text", recipientHasAppRole: true });
    const { now } = await h.control("GET", "/_emulator/clock");
    h.meta.sendCalls.length = 0;
    const tag = { channel_properties: { MESSENGER_MESSAGE_TAG: "HUMAN_AGENT" } };
    expect((await finalReport((await send(app.id, "MESSENGER", "psid-1", tag)).body.message_id)).status).toBe("READ");
    const opts = h.meta.sendCalls[0]!.opts as { lastInboundAt: number; messageTag: string; recipientHasAppRole: boolean };
    expect(opts.messageTag).toBe("HUMAN_AGENT");
    expect(opts.recipientHasAppRole).toBe(true);
    expect(Math.abs(opts.lastInboundAt - now)).toBeLessThan(1000);
    h.meta.sendFailures.set("m-token", { ok: false, code: 10, subcode: 2018278, message: "(#10) This message is sent outside of allowed window." });
    const last = await finalReport((await send(app.id, "MESSENGER", "psid-1")).body.message_id);
    expect(last).toMatchObject({ status: "FAILED", reason: { code: "OUTSIDE_ALLOWED_SENDING_WINDOW" } });
    expect(last.reason.description).toBe("The underlying channel reported: (#10) This message is sent outside of allowed window. (subcode 2018278)");
    h.meta.sendFailures.delete("m-token");
  });

  it("a never-written contact is asked about with last inbound at the epoch; a missing channel is CHANNEL_CONFIGURATION_MISSING", async () => {
    const app = await activeApp([igCred("ig-2")]);
    h.meta.sendCalls.length = 0;
    await finalReport((await send(app.id, "INSTAGRAM", "never-wrote")).body.message_id);
    expect(h.meta.sendCalls[0]!.opts).toMatchObject({ lastInboundAt: 0 });
    const wa = await finalReport((await send(app.id, "WHATSAPP", "46700000000")).body.message_id);
    expect(wa.reason.code).toBe("CHANNEL_CONFIGURATION_MISSING");
  });

  it("blocked contact, failing credential and Meta send errors map to reason codes", async () => {
    const app = await activeApp([igCred("ig-3", "ig-asset-3"), msgrCred("m-3")]);
    for (const id of ["blocked", "ok"]) await inbound(app.id, { channel: "INSTAGRAM", identity: id, kind: "text" });
    await h.control("POST", "/_emulator/sinch/contacts/block", { appId: app.id, channel: "INSTAGRAM", identity: "blocked" });
    expect((await finalReport((await send(app.id, "INSTAGRAM", "blocked")).body.message_id)).reason.code).toBe("RECIPIENT_NOT_REACHABLE");

    h.meta.sendFailures.set("ig-asset-3", { ok: false, code: 200, subcode: 2534041, message: "(#200) Allow access to messages is off" });
    const m5 = await finalReport((await send(app.id, "INSTAGRAM", "ok")).body.message_id);
    expect(m5.status).toBe("FAILED");
    expect(m5.reason.description).toContain("Allow access to messages is off");

    h.meta.sendFailures.set("ig-asset-3", { ok: false, code: 190, subcode: 460, message: "Error validating access token" });
    const s1 = await finalReport((await send(app.id, "INSTAGRAM", "ok")).body.message_id);
    expect(s1.reason.code).toBe("INACTIVE_CREDENTIAL");
    const a = (await h.call("GET", `${conv("eu")}/apps/${app.id}`)).body;
    expect(a.channel_credentials[0].state.status).toBe("FAILING");
    expect(rx.received.some((x) => x.body.channel_event_notification?.channel_event?.additional_data?.status === "FAILING")).toBe(true);
    const again = await finalReport((await send(app.id, "INSTAGRAM", "ok")).body.message_id);
    expect(again.reason.code).toBe("INACTIVE_CREDENTIAL");
  });

  it("contact_id recipients, validation errors and region 404 on send", async () => {
    const app = await activeApp([igCred("ig-4")]);
    const inb = await inbound(app.id, { channel: "INSTAGRAM", identity: "c-4", kind: "story_reply", text: "nice" });
    const r = await h.call("POST", `${conv("eu")}/messages:send`, { app_id: app.id, recipient: { contact_id: inb.contactId }, message: { text_message: { text: "x" } } });
    expect((await finalReport(r.body.message_id)).status).toBe("READ");
    const bad = [
      { recipient: { contact_id: inb.contactId }, message: { text_message: { text: "x" } } },
      { app_id: app.id, message: { text_message: { text: "x" } } },
      { app_id: app.id, recipient: { contact_id: inb.contactId } },
      { app_id: app.id, recipient: { contact_id: inb.contactId }, message: { text_message: { text: "" } } },
      { app_id: app.id, recipient: { contact_id: "nope" }, message: { text_message: { text: "x" } } },
      { app_id: app.id, recipient: { contact_id: inb.contactId }, message: { text_message: { text: "x" } }, channel_priority_order: ["WHATSAPP"] },
    ];
    for (const b of bad) expect((await h.call("POST", `${conv("eu")}/messages:send`, b)).status).toBe(400);
    expect((await h.call("POST", `${conv("us")}/messages:send`, { app_id: app.id, recipient: { contact_id: inb.contactId }, message: { text_message: { text: "x" } } })).status).toBe(404);
    await h.control("POST", "/_emulator/faults", { key: "sinch.messages.send", status: 503 });
    expect((await send(app.id, "INSTAGRAM", "c-4")).status).toBe(503);
  });
});

describe("callback delivery", () => {
  it("retries non-2xx answers on the schedule and logs every attempt", async () => {
    const flaky = await startReceiver([500, 503]);
    try {
      const app = await createApp(h, "eu", [igCred("ig-5")]);
      const wh = (await h.call("POST", `${conv("eu")}/webhooks`, { app_id: app.id, target: flaky.url, triggers: ["MESSAGE_INBOUND"], secret: SECRET })).body;
      await inbound(app.id, { channel: "INSTAGRAM", identity: "r-1", kind: "media", url: "https://cdn.example/a.jpg" });
      await waitFor(() => (flaky.received.length >= 3 ? true : undefined));
      const nonces = flaky.received.map((r) => r.headers["x-sinch-webhook-signature-nonce"]);
      expect(new Set(nonces).size).toBe(3);
      expect(new Set(flaky.received.map((r) => r.raw)).size).toBe(1);
      const log = await waitFor(async () => {
        const l = (await h.control("GET", `/_emulator/callbacks/log?webhookId=${wh.id}`)).entries;
        return l.length === 3 ? l : undefined;
      });
      expect(log.map((e: any) => [e.attempt, e.status, e.eventType, e.willRetry])).toEqual([
        [1, 500, "message", true],
        [2, 503, "message", true],
        [3, 200, "message", false],
      ]);
    } finally {
      await flaky.close();
    }
  });

  it("logs network errors, gives up after the schedule, and sends unsigned when the webhook has no secret", async () => {
    const app = await createApp(h, "eu", [igCred("ig-6")]);
    const dead = (await h.call("POST", `${conv("eu")}/webhooks`, { app_id: app.id, target: "http://127.0.0.1:9/dead", triggers: ["MESSAGE_INBOUND"] })).body;
    await h.call("POST", `${conv("eu")}/webhooks`, { app_id: app.id, target: rx.url, triggers: ["UNSUPPORTED"] });
    await inbound(app.id, { channel: "INSTAGRAM", identity: "u-1", kind: "text" });
    await inbound(app.id, { channel: "INSTAGRAM", identity: "u-1", kind: "unsupported" });
    const unsigned = await waitFor(() => rx.received.find((r) => r.body.unsupported_callback));
    expect(unsigned.headers["x-sinch-webhook-signature"]).toBeUndefined();
    expect(typeof unsigned.body.unsupported_callback.payload).toBe("string");
    expect(JSON.parse(unsigned.body.unsupported_callback.payload).entry[0].messaging[0].message.is_unsupported).toBe(true);
    const log = await waitFor(async () => {
      const l = (await h.control("GET", `/_emulator/callbacks/log?webhookId=${dead.id}`)).entries;
      return l.length === 3 ? l : undefined;
    });
    expect(log.every((e: any) => typeof e.error === "string" && e.status === undefined)).toBe(true);
    expect(log[2].willRetry).toBe(false);
  });
});
