import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { contacts, conversations, deliveryReports, messages, webhookEvents } from "@/server/db/schema";
import { ingestSinchCallback } from "@/server/services/inbox/ingest";
import { STORE_BATCH, storeBatch, type PendingCallback } from "@/server/services/inbox/store-batch";
import { parseSinchCallback } from "@/server/webhooks/sinch/parse";
import { createTestDb } from "../helpers/db";
import { unique } from "../helpers/factories";
import { createInboxApp, deliveryReport, freshNonce, inboundText, signed, type TestApp } from "./inbox-factories";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());
afterEach(async () => {
  await handle.db.execute(sql`DROP TRIGGER IF EXISTS poison_messages ON messages`);
});

/** A verified callback as ingest hands it to the batch writer. */
function pending(app: TestApp, body: string): PendingCallback {
  const raw = Buffer.from(body);
  const parsed = parseSinchCallback(raw, { receivedAt: new Date() });
  if (!parsed.ok) throw new Error("fixture does not parse");
  return {
    event: { appId: app.appId, customerId: app.customerId, nonce: freshNonce(), typeKey: parsed.typeKey, kind: parsed.kind, dedupeKey: parsed.dedupeKey, raw, headers: {}, verdict: "signed", status: "processed" },
    parsed,
    at: new Date(),
  };
}

/** 50 contact messages, each in its own conversation but two sharing one, as a busy app sends them. */
function fifty(app: TestApp, text = (i: number) => `hello ${i}`): { ids: string[]; bodies: string[] } {
  const ids = Array.from({ length: 50 }, () => unique("MSG"));
  const bodies = ids.map((messageId, i) => inboundText(app.appId, { messageId, text: text(i), conversationId: `CONV-${i === 49 ? 48 : i}`, contactId: `CONTACT-${i}` }));
  return { ids, bodies };
}

const storedMessages = async (app: TestApp) => handle.db.select().from(messages).where(eq(messages.customerId, app.customerId));
const storedEvents = async (app: TestApp) => handle.db.select().from(webhookEvents).where(eq(webhookEvents.appId, app.appId));

describe("group commit of a batch of callbacks", () => {
  it("a poison callback in a batch of 50 fails alone: the other 49 are stored and normalised, the poison one kept raw as failed", async () => {
    const app = await createInboxApp(handle.db);
    // The database itself refuses one row of the batch (a data error, as a bad value would raise).
    await handle.db.execute(sql.raw(`CREATE OR REPLACE FUNCTION poison_messages() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.text = 'poison' THEN RAISE EXCEPTION 'poisoned row' USING ERRCODE = '22023'; END IF; RETURN NEW; END $$`));
    await handle.db.execute(sql`CREATE TRIGGER poison_messages BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION poison_messages()`);
    const { ids, bodies } = fifty(app, (i) => (i === 17 ? "poison" : `hello ${i}`));

    const outcomes = await storeBatch(handle.db, bodies.map((b) => pending(app, b)));

    expect(outcomes.map((o) => o.outcome)).toEqual(Array(50).fill("stored"));
    const stored = await storedMessages(app);
    expect(stored.map((m) => m.sinchMessageId).sort()).toEqual(ids.filter((_, i) => i !== 17).sort());
    const events = await storedEvents(app);
    expect(events).toHaveLength(50);
    const failed = events.filter((e) => e.status === "failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]!.raw.toString()).toContain(ids[17]);
    expect(failed[0]!.processingError).toContain("22023");
    const [shared] = await handle.db.select().from(conversations).where(eq(conversations.convKey, "CONV-48"));
    expect(shared?.unreadCount).toBe(2);
  });

  it("a crash between commit and answer loses nothing: Sinch's retries (new nonces) are duplicates answered 200, stored once", async () => {
    const app = await createInboxApp(handle.db);
    const { ids, bodies } = fifty(app);
    // The batch commits; the process dies before any answer leaves, so Sinch saw no 200.
    await storeBatch(handle.db, bodies.map((b) => pending(app, b)));

    const retries = await Promise.all(
      bodies.map((b) => {
        const req = signed(b, app.secret!);
        return ingestSinchCallback(handle.db, { appId: app.appId, rawBody: req.body, headers: req.headers });
      }),
    );

    expect(retries).toEqual(Array(50).fill({ status: 200, outcome: "duplicate" }));
    expect((await storedEvents(app)).filter((e) => e.status === "processed")).toHaveLength(50);
    expect((await storedMessages(app)).map((m) => m.sinchMessageId).sort()).toEqual([...ids].sort());
    const [shared] = await handle.db.select().from(conversations).where(eq(conversations.convKey, "CONV-48"));
    expect(shared?.unreadCount).toBe(2);
  });

  it("a message whose event the batch does not store writes nothing: a replayed nonce leaves no contact, conversation or message; a duplicate moves no count", async () => {
    const app = await createInboxApp(handle.db);
    const first = pending(app, inboundText(app.appId, { messageId: unique("MSG"), conversationId: "CONV-A", contactId: "CONTACT-A" }));
    await storeBatch(handle.db, [first]);
    // A new message under a spent nonce (a replay with a forged body), the first callback again
    // under a new nonce (Sinch's retry), and a new message: one batch.
    const replayedId = unique("MSG");
    const replayed = pending(app, inboundText(app.appId, { messageId: replayedId, conversationId: "CONV-R", contactId: "CONTACT-R" }));
    replayed.event.nonce = first.event.nonce;
    const retry = pending(app, first.event.raw.toString());
    const freshId = unique("MSG");
    const fresh = pending(app, inboundText(app.appId, { messageId: freshId, conversationId: "CONV-A", contactId: "CONTACT-A" }));

    const outcomes = await storeBatch(handle.db, [replayed, retry, fresh]);

    expect(outcomes.map((o) => o.outcome)).toEqual(["replayed", "duplicate", "stored"]);
    expect(outcomes[2]).toMatchObject({ conversation: { inserted: false } });
    expect((await storedMessages(app)).map((m) => m.sinchMessageId)).not.toContain(replayedId);
    expect((await storedMessages(app)).map((m) => m.sinchMessageId)).toContain(freshId);
    expect(await handle.db.select().from(conversations).where(eq(conversations.convKey, "CONV-R"))).toEqual([]);
    expect(await handle.db.select().from(contacts).where(eq(contacts.sinchContactId, "CONTACT-R"))).toEqual([]);
    const [a] = await handle.db.select().from(conversations).where(eq(conversations.convKey, "CONV-A"));
    expect(a?.unreadCount).toBe(2);
    expect(await storedEvents(app)).toHaveLength(2);
  });

  it("a batch mixing contact messages and delivery reports stores all of them, each event once, the reports applied to their messages", async () => {
    const app = await createInboxApp(handle.db);
    const inboundId = unique("MSG");
    const message = pending(app, inboundText(app.appId, { messageId: inboundId, conversationId: "CONV-M", contactId: "CONTACT-M" }));
    const outboundId = unique("OUT");
    const report = pending(app, deliveryReport(app.appId, outboundId, "DELIVERED", { conversationId: "CONV-M" }));

    const outcomes = await storeBatch(handle.db, [report, message]);

    expect(outcomes.map((o) => o.outcome)).toEqual(["stored", "stored"]);
    expect(outcomes[1]).toMatchObject({ conversation: { inserted: true } });
    expect((await storedMessages(app)).map((m) => m.sinchMessageId)).toEqual([inboundId]);
    const reports = await handle.db.select().from(deliveryReports).where(eq(deliveryReports.sinchMessageId, outboundId));
    expect(reports.map((r) => [r.status, r.eventId])).toEqual([["DELIVERED", (outcomes[0] as { eventId: string }).eventId]]);
    expect((await storedEvents(app)).map((e) => e.status).sort()).toEqual(["processed", "processed"]);
  });

  it("the batch statement's cached plan checks each message against the unique index, not a scan of all messages, however few there were when it was made", async () => {
    const params = STORE_BATCH.match(/\$\d+/g)!.map((p) => Number(p.slice(1)));
    const plan = await handle.db.transaction(async (tx) => {
      // The plan a pooled connection keeps: generic, made now while the messages table is small.
      await tx.execute(sql`SET LOCAL plan_cache_mode = force_generic_plan`);
      await tx.execute(sql.raw(`PREPARE store_batch_plan AS ${STORE_BATCH}`));
      const rows = await tx.execute(sql.raw(`EXPLAIN EXECUTE store_batch_plan(${Array(Math.max(...params)).fill("NULL").join(", ")})`));
      await tx.execute(sql`DEALLOCATE store_batch_plan`);
      return (rows as unknown as { rows?: unknown[] }).rows ?? (rows as unknown as unknown[]);
    });
    const text = plan.map((r) => Object.values(r as Record<string, string>)[0]).join("\n");
    expect(text).toMatch(/Index (Only )?Scan using "?messages_sinchMessageId_unique"? on messages x/);
    expect(text).not.toMatch(/Seq Scan on messages/);
  });
});
