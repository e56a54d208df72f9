import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contacts, conversations, deliveryReports, messages, signatureFailures, webhookEvents } from "@/server/db/schema";
import { ingestSinchCallback, MAX_CALLBACK_BYTES } from "@/server/services/inbox/ingest";
import { signSinchPayload } from "@/server/webhooks/sinch/verify";
import { createTestDb } from "../helpers/db";
import { createInboxApp, deliveryReport, fixtures, freshNonce, inboundText, signed, type TestApp } from "./inbox-factories";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let app: TestApp;
beforeAll(async () => {
  handle = await createTestDb();
  app = await createInboxApp(handle.db);
});
afterAll(() => handle.close());

const ingest = (a: TestApp, req: { body: Buffer; headers: Headers }, now?: Date) =>
  ingestSinchCallback(handle.db, { appId: a.appId, rawBody: req.body, headers: req.headers, now });

const eventsOf = (appId: string) => handle.db.select().from(webhookEvents).where(eq(webhookEvents.appId, appId));
const failureCount = async (appId: string, reason: string) =>
  (await handle.db.select().from(signatureFailures).where(and(eq(signatureFailures.appId, appId), sql`${signatureFailures.reason} = ${reason}`)))[0]?.count ?? 0;

describe("every shared fixture, signed", () => {
  it("is accepted, stored raw once and normalised", async () => {
    const a = await createInboxApp(handle.db);
    for (const f of fixtures(a.appId)) {
      const result = await ingest(a, signed(f.body, a.secret!));
      expect(result, f.name).toMatchObject({ status: 200, outcome: "stored" });
    }
    const events = await eventsOf(a.appId);
    expect(events).toHaveLength(7);
    expect(events.every((e) => e.verdict === "signed" && e.status === "processed")).toBe(true);
    const text = fixtures(a.appId).find((f) => f.name === "inbound-text.json")!;
    expect(events.find((e) => e.kind === "message_inbound" && e.raw.equals(Buffer.from(text.body)))).toBeDefined();
    expect(events.some((e) => "x-sinch-webhook-signature" in e.headers)).toBe(false);

    const rows = await handle.db.select().from(messages).where(eq(messages.customerId, a.customerId));
    const kinds = rows.map((m) => m.kind).sort();
    expect(kinds).toEqual(["choice_response", "media", "story_mention", "story_reply", "text", "unsupported"]);
    expect(rows.find((m) => m.kind === "story_reply")).toMatchObject({ caption: "Story reply text" });
    expect(rows.find((m) => m.kind === "choice_response")?.payload).toMatchObject({ choice: { postbackData: "choice_yes" } });
    // The unsupported fixture names no conversation: the sender inside the raw payload finds one.
    const unsupported = rows.find((m) => m.kind === "unsupported")!;
    expect(String(unsupported.payload?.raw)).toContain('"is_unsupported": true');

    const convs = await handle.db.select().from(conversations).where(eq(conversations.customerId, a.customerId));
    const main = convs.find((c) => c.convKey === "01F6T8NG7D6M3Y0DT0RMDP1KFE")!;
    expect(main).toMatchObject({ channel: "INSTAGRAM", identity: "3964920326927846", unreadCount: 4 });
    expect(main.lastInboundAt?.toISOString()).toBe("2021-05-30T22:06:16.726Z");
    expect(main.preview).toBe("Replied to your story: Story reply text");
    const [contact] = await handle.db.select().from(contacts).where(eq(contacts.sinchContactId, "01F6T8NG3ZWF460K28RHAM1DHW"));
    expect(contact?.identities).toEqual([{ channel: "INSTAGRAM", identity: "3964920326927846", appId: a.appId }]);
    const reports = await handle.db.select().from(deliveryReports).where(eq(deliveryReports.appId, a.appId));
    expect(reports).toMatchObject([{ status: "DELIVERED", sinchMessageId: "01F6ZNAQB7K25X1MHX2P6T1RE7" }]);
  });
});

describe("verification failures answer 401 and are counted per reason", () => {
  const body = () => inboundText(app.appId);

  it("rejects a tampered body", async () => {
    const req = signed(body(), app.secret!);
    const tampered = Buffer.from(req.body.toString().replace("Hello there", "Hello thief"));
    expect(await ingest(app, { body: tampered, headers: req.headers })).toEqual({ status: 401, reason: "bad_signature" });
  });

  it("rejects the wrong secret, a stale timestamp, swapped nonce/timestamp and missing headers", async () => {
    expect(await ingest(app, signed(body(), "not-the-secret"))).toMatchObject({ status: 401, reason: "bad_signature" });
    const stale = signed(body(), app.secret!, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(await ingest(app, stale)).toEqual({ status: 401, reason: "stale" });
    const future = signed(body(), app.secret!, { timestamp: Math.floor(Date.now() / 1000) + 301 });
    expect(await ingest(app, future)).toEqual({ status: 401, reason: "stale" });

    const raw = Buffer.from(body());
    const nonce = freshNonce();
    const ts = String(Math.floor(Date.now() / 1000));
    const swapped = new Headers({
      "x-sinch-webhook-signature": signSinchPayload(raw, app.secret!, ts, nonce),
      "x-sinch-webhook-signature-nonce": nonce,
      "x-sinch-webhook-signature-timestamp": ts,
    });
    expect(await ingest(app, { body: raw, headers: swapped })).toMatchObject({ status: 401 });

    for (const drop of ["x-sinch-webhook-signature", "x-sinch-webhook-signature-nonce", "x-sinch-webhook-signature-timestamp"]) {
      const req = signed(body(), app.secret!);
      req.headers.delete(drop);
      expect(await ingest(app, req), drop).toEqual({ status: 401, reason: "unsigned" });
    }
    const wrongAlgorithm = signed(body(), app.secret!);
    wrongAlgorithm.headers.set("x-sinch-webhook-signature-algorithm", "HmacSHA1");
    expect(await ingest(app, wrongAlgorithm)).toEqual({ status: 401, reason: "bad_algorithm" });

    expect(await failureCount(app.appId, "unsigned")).toBe(3);
    expect(await failureCount(app.appId, "stale")).toBe(2);
    expect(await failureCount(app.appId, "bad_signature")).toBeGreaterThanOrEqual(2);
    expect((await eventsOf(app.appId)).filter((e) => e.raw.toString().includes("Hello thief"))).toHaveLength(0);
  });

  it("rejects a replayed nonce even when the body is new", async () => {
    const nonce = freshNonce();
    expect(await ingest(app, signed(body(), app.secret!, { nonce }))).toMatchObject({ status: 200 });
    expect(await ingest(app, signed(body(), app.secret!, { nonce }))).toEqual({ status: 401, reason: "replayed" });
    expect(await failureCount(app.appId, "replayed")).toBeGreaterThanOrEqual(1);
  });

  it("answers 404 for an unknown app and 413 for a body over 1 MiB", async () => {
    const req = signed(body(), app.secret!);
    expect(await ingestSinchCallback(handle.db, { appId: "NO-SUCH-APP", rawBody: req.body, headers: req.headers })).toEqual({ status: 404 });
    const big = Buffer.alloc(MAX_CALLBACK_BYTES + 1, 32);
    expect(await ingest(app, signed(big, app.secret!))).toEqual({ status: 413 });
  });
});

describe("exactly once", () => {
  it("stores the same callback sent 100 times, 10 at once, once", async () => {
    const a = await createInboxApp(handle.db);
    const body = inboundText(a.appId, { messageId: "MSG-ONCE", conversationId: "CONV-ONCE" });
    const statuses: number[] = [];
    for (let round = 0; round < 10; round++) {
      // Sinch signs every retry with a new nonce; each one must be acknowledged.
      const results = await Promise.all(Array.from({ length: 10 }, () => ingest(a, signed(body, a.secret!))));
      statuses.push(...results.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
    expect(await eventsOf(a.appId)).toHaveLength(1);
    const [conv] = await handle.db.select().from(conversations).where(eq(conversations.appId, a.appId));
    expect(conv?.unreadCount).toBe(1);
    expect(await handle.db.select().from(messages).where(eq(messages.conversationId, conv!.id))).toHaveLength(1);
  });

  it("accepts an identical request (same nonce) once and refuses its replays", async () => {
    const a = await createInboxApp(handle.db);
    const req = signed(inboundText(a.appId), a.secret!);
    const results = await Promise.all(Array.from({ length: 10 }, () => ingest(a, req)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 401)).toHaveLength(9);
    expect(await eventsOf(a.appId)).toHaveLength(1);
  });
});

describe("what the portal does not understand", () => {
  it("stores an unknown kind and a non-JSON body raw instead of rejecting them", async () => {
    const a = await createInboxApp(handle.db);
    const unknown = JSON.stringify({ app_id: a.appId, accepted_time: new Date().toISOString(), brand_new_notification: { x: 1 } });
    expect(await ingest(a, signed(unknown, a.secret!))).toMatchObject({ status: 200, outcome: "stored" });
    expect(await ingest(a, signed("not json at all", a.secret!))).toMatchObject({ status: 200, outcome: "stored" });
    const events = await eventsOf(a.appId);
    expect(events.map((e) => [e.typeKey, e.status]).sort()).toEqual([["brand_new_notification", "stored_raw"], ["invalid_json", "stored_raw"]]);
  });

  it("accepts unsigned callbacks only for a webhook created without a secret", async () => {
    const a = await createInboxApp(handle.db, { unsigned: true });
    const body = Buffer.from(inboundText(a.appId));
    expect(await ingest(a, { body, headers: new Headers() })).toMatchObject({ status: 200 });
    expect((await eventsOf(a.appId))[0]?.verdict).toBe("unsigned");
    expect(await ingest(a, signed(inboundText(a.appId), "anything"))).toEqual({ status: 401, reason: "bad_signature" });
  });
});

describe("delivery reports", () => {
  it("never move a message backwards and flag failures on the conversation", async () => {
    const a = await createInboxApp(handle.db);
    await ingest(a, signed(inboundText(a.appId, { conversationId: "CONV-DLR" }), a.secret!));
    const [conv] = await handle.db.select().from(conversations).where(eq(conversations.appId, a.appId));
    const [out] = await handle.db
      .insert(messages)
      .values({ conversationId: conv!.id, customerId: a.customerId, sinchMessageId: "OUT-1", direction: "outbound", kind: "text", text: "hi", status: "QUEUED", statusRank: 1, sentAt: new Date() })
      .returning();
    const t0 = Date.now();
    await ingest(a, signed(deliveryReport(a.appId, "OUT-1", "READ", { conversationId: "CONV-DLR", at: new Date(t0) }), a.secret!));
    await ingest(a, signed(deliveryReport(a.appId, "OUT-1", "DELIVERED", { conversationId: "CONV-DLR", at: new Date(t0 - 1000) }), a.secret!));
    const [after] = await handle.db.select().from(messages).where(eq(messages.id, out!.id));
    expect(after?.status).toBe("READ");

    await handle.db.insert(messages).values({ conversationId: conv!.id, customerId: a.customerId, sinchMessageId: "OUT-2", direction: "outbound", kind: "text", text: "late", status: "QUEUED", statusRank: 1, sentAt: new Date() });
    const reason = { code: "OUTSIDE_ALLOWED_SENDING_WINDOW", description: "more than 24 hours", sub_code: "UNSPECIFIED_SUB_CODE" };
    await ingest(a, signed(deliveryReport(a.appId, "OUT-2", "FAILED", { conversationId: "CONV-DLR", reason }), a.secret!));
    const [failed] = await handle.db.select().from(messages).where(eq(messages.sinchMessageId, "OUT-2"));
    expect(failed).toMatchObject({ status: "FAILED", reasonCode: "OUTSIDE_ALLOWED_SENDING_WINDOW", reasonDescription: "more than 24 hours" });
    const [flagged] = await handle.db.select().from(conversations).where(eq(conversations.id, conv!.id));
    expect(flagged?.hasFailure).toBe(true);
    const timeline = await handle.db.select().from(deliveryReports).where(eq(deliveryReports.sinchMessageId, "OUT-1"));
    expect(timeline.map((r) => r.status).sort()).toEqual(["DELIVERED", "READ"]);
  });
});
