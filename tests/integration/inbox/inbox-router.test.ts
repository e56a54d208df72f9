import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, conversations, messages, settings, webhookEvents, webhookNonces } from "@/server/db/schema";
import { ingestSinchCallback } from "@/server/services/inbox/ingest";
import { purgeInbox } from "@/server/services/inbox/retention";
import { createTestDb } from "../helpers/db";
import { asStaff, callerFor, createUser } from "../helpers/factories";
import { createInboxApp, fixture, inboundText, seedTwoInboxes, sendSigned, signed, type TestApp } from "./inbox-factories";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let staff: ReturnType<typeof asStaff>;
let a: TestApp;
let b: TestApp;

const send = (app: TestApp, body: string) => sendSigned(handle.db, app, body);

beforeAll(async () => {
  handle = await createTestDb();
  staff = asStaff(handle.db, (await createUser(handle.db, { role: "staff" })).id);
  ({ a, b } = await seedTwoInboxes(handle.db));
});
afterAll(() => handle.close());

describe("conversation list", () => {
  it("lists newest first across customers, per customer, per channel, and pages by keyset", async () => {
    const all = await staff.inbox.list({ limit: 2 });
    expect(all.items.map((c) => c.identity)).toEqual(["333", "222"]);
    expect(all.items[0]).toMatchObject({ customerName: "Beta Bikes", unreadCount: 1, window: { state: "open" } });
    const next = await staff.inbox.list({ limit: 2, cursor: all.nextCursor! });
    expect(next.items.map((c) => c.identity)).toEqual(["111"]);
    expect(next.nextCursor).toBeNull();
    expect((await staff.inbox.list({ customerId: a.customerId })).items).toHaveLength(2);
    expect((await staff.inbox.list({ channel: "MESSENGER" })).items.map((c) => c.identity)).toEqual(["222"]);
  });

  it("searches message text (word prefixes) and contacts", async () => {
    expect((await staff.inbox.list({ search: "parc" })).items.map((c) => c.identity)).toEqual(["111"]);
    expect((await staff.inbox.list({ search: "repair quote" })).items.map((c) => c.identity)).toEqual(["333"]);
    expect((await staff.inbox.list({ search: "222" })).items.map((c) => c.identity)).toEqual(["222"]);
    expect((await staff.inbox.list({ search: "%_" })).items).toEqual([]);
  });

  it("filters unread and failures, and marking read clears unread and moves the version", async () => {
    const before = await staff.inbox.version({});
    const [conv] = (await staff.inbox.list({ customerId: b.customerId })).items;
    expect(await staff.inbox.markRead({ conversationId: conv!.id })).toEqual({ changed: true });
    expect((await staff.inbox.list({ unread: true })).items.map((c) => c.identity).sort()).toEqual(["111", "222"]);
    expect((await staff.inbox.version({})).version).not.toBe(before.version);
    expect((await staff.inbox.list({ failures: true })).items).toEqual([]);
  });
});

describe("thread", () => {
  it("shows every fixture kind with its details and hides expired story media", async () => {
    const c = await createInboxApp(handle.db);
    for (const name of ["inbound-story-reply.json", "inbound-story-mention.json", "inbound-choice-response.json"]) await send(c, fixture(c.appId, name));
    const ids = (await staff.inbox.list({ customerId: c.customerId })).items.map((i) => i.id);
    const threads = await Promise.all(ids.map((id) => staff.inbox.thread({ conversationId: id })));
    const kinds = threads.flatMap((t) => t.messages).map((m) => [m.kind, m.mediaExpired]);
    expect(kinds).toEqual(expect.arrayContaining([["story_reply", true], ["story_mention", true], ["choice_response", false]]));
    const thread = threads[0]!;
    // 2021 callbacks: the window closed long ago; Instagram without approval waits for the contact.
    expect(thread.conversation.window.state).toBe("closed");
    expect(thread.conversation.windowMessage).toMatch(/Wait for the contact/);
  });

  it("answers NOT_FOUND for an unknown conversation and refuses customers", async () => {
    await expect(staff.inbox.thread({ conversationId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const customer = callerFor(handle.db, { type: "customer", sessionToken: "any" });
    for (const call of [() => customer.inbox.list({}), () => customer.inbox.events({}), () => customer.inbox.version({})]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code).toBe("NOT_FOUND");
    }
  });
});

describe("events, export and replay", () => {
  it("lists stored callbacks per app with verdict and status, exports JSON and replays idempotently", async () => {
    const c = await createInboxApp(handle.db);
    await send(c, fixture(c.appId, "inbound-text.json"));
    await send(c, fixture(c.appId, "unsupported.json"));
    const list = await staff.inbox.events({ appId: c.appId });
    expect(list.items.map((e) => [e.kind, e.verdict, e.status]).sort()).toEqual([["message_inbound", "signed", "processed"], ["unsupported", "signed", "processed"]]);
    const detail = await staff.inbox.event({ eventId: list.items[0]!.id });
    expect(detail.body).toContain('"app_id"');
    expect(Object.keys(detail.headers)).not.toContain("x-sinch-webhook-signature");
    const exported = await staff.inbox.exportEvents({ appId: c.appId });
    expect(exported).toHaveLength(2);
    expect(exported.find((e) => e.kind === "message_inbound")?.body).toMatchObject({ message: { id: "01F6ZMFKRHKW7E0P58M9VM041G" } });

    const [conv] = await handle.db.select().from(conversations).where(eq(conversations.appId, c.appId));
    const textEvent = list.items.find((e) => e.kind === "message_inbound")!;
    // Replaying what is already stored changes nothing; a lost normalised row comes back.
    expect(await staff.inbox.replay({ eventId: textEvent.id })).toEqual({ status: "processed", error: null });
    const [after] = await handle.db.select().from(conversations).where(eq(conversations.id, conv!.id));
    expect(after?.unreadCount).toBe(conv!.unreadCount);
    const kinds = async () => (await handle.db.select().from(messages).where(eq(messages.conversationId, conv!.id))).map((m) => m.kind).sort();
    expect(await kinds()).toEqual(["text"]);
    await handle.db.delete(messages).where(eq(messages.conversationId, conv!.id));
    expect(await staff.inbox.replay({ eventId: textEvent.id })).toEqual({ status: "processed", error: null });
    expect(await kinds()).toEqual(["text"]);
    const [stored] = await handle.db.select().from(webhookEvents).where(eq(webhookEvents.id, textEvent.id));
    expect(stored?.replayCount).toBe(2);
    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, textEvent.id));
    expect(audits.map((r) => r.action)).toEqual(["inbox.event_replayed", "inbox.event_replayed"]);
  });

  it("counts signature failures per reason for an app", async () => {
    const req = signed(inboundText(a.appId), "wrong");
    await ingestSinchCallback(handle.db, { appId: a.appId, rawBody: req.body, headers: req.headers });
    expect(await staff.inbox.signatureFailures({ appId: a.appId })).toMatchObject([{ reason: "bad_signature", count: 1 }]);
  });

  it("refuses a NUL character in any input as BAD_REQUEST naming the field (Postgres text cannot hold it)", async () => {
    for (const call of [() => staff.inbox.signatureFailures({ appId: "\u0000" }), () => staff.inbox.events({ kind: "te\u0000xt", limit: 5 })]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code).toBe("BAD_REQUEST");
      expect((err as TRPCError).message).toContain("NUL");
    }
  });
});

describe("retention", () => {
  it("purges events, messages and conversations older than inbox.retentionDays, and nonces after 24 h", async () => {
    const c = await createInboxApp(handle.db);
    const old = new Date(Date.now() - 40 * 86_400_000);
    await send(c, inboundText(c.appId, { conversationId: "OLD", at: old }));
    await send(c, inboundText(c.appId, { conversationId: "NEW" }));
    await handle.db.insert(settings).values({ key: "inbox.retentionDays", value: 30 }).onConflictDoUpdate({ target: settings.key, set: { value: 30 } });
    const future = new Date(Date.now() + 25 * 3_600_000);
    const result = await purgeInbox(handle.db, future);
    expect(result.retentionDays).toBe(30);
    expect(result.messages).toBeGreaterThanOrEqual(1);
    const left = await handle.db.select().from(conversations).where(eq(conversations.appId, c.appId));
    expect(left.map((r) => r.convKey)).toEqual(["NEW"]);
    expect(await handle.db.select().from(webhookNonces).where(eq(webhookNonces.appId, c.appId))).toEqual([]);
  });
});
