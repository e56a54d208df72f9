import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages, outgoingEvents, webhookEvents } from "@/server/db/schema";
import { deliverDue } from "@/server/services/events/dispatch";
import { scanInboundMessages } from "@/server/services/events/inbound";
import { ingestSinchCallback } from "@/server/services/inbox/ingest";
import { createTestDb } from "../helpers/db";
import { asStaff, createUser, unique } from "../helpers/factories";
import { createInboxApp, inboundText, signed, type TestApp } from "../inbox/inbox-factories";
import { adminWithEndpoint, later, recordingEnqueue } from "./helpers";
import { startEventReceiver, type EventReceiver } from "./receiver";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let receiver: EventReceiver;
let app: TestApp;
beforeAll(async () => {
  handle = await createTestDb();
  receiver = await startEventReceiver();
  app = await createInboxApp(handle.db);
});
afterAll(async () => {
  await receiver.close();
  await handle.close();
});

async function ingest(text: string) {
  const messageId = unique("MSG");
  const req = signed(inboundText(app.appId, { text, messageId, conversationId: unique("CONV"), contactId: unique("CONTACT") }), app.secret!);
  const result = await ingestSinchCallback(handle.db, { appId: app.appId, rawBody: req.body, headers: req.headers });
  expect(result.status).toBe(200);
  return messageId;
}

const inboundEvents = () => handle.db.select().from(outgoingEvents).where(eq(outgoingEvents.type, "message.inbound"));

describe("message.inbound: read after a cursor, outside the webhook path", () => {
  it("emits nothing without a subscriber, then each new inbound message once, signed, from the time someone subscribes", async () => {
    await ingest("before anyone listens");
    // The reader's clock: it reads up to 10 s before `now`, so this run passes exactly everything stored so far.
    const t0 = new Date();
    expect(await scanInboundMessages(handle.db, later(t0, 10))).toMatchObject({ claimed: true, subscribed: false, emitted: 0 });

    const { secret } = await adminWithEndpoint(handle.db, receiver.url, ["message.inbound"]);
    const first = await ingest("Where is my parcel?");
    await ingest("Order 42");
    // The webhook itself wrote no event: the reader does that.
    expect(await inboundEvents()).toEqual([]);

    expect(await scanInboundMessages(handle.db, later(t0, 32))).toMatchObject({ claimed: true, subscribed: true, emitted: 2 });
    expect(await scanInboundMessages(handle.db, later(t0, 40))).toMatchObject({ emitted: 0 });
    expect(await inboundEvents()).toHaveLength(2);

    await deliverDue(handle.db, recordingEnqueue().enqueue);
    const payloads = receiver.received.map((r) => new Webhook(secret).verify(r.body, r.headers) as { type: string; data: Record<string, unknown> });
    expect(payloads.map((p) => p.data.text).sort()).toEqual(["Order 42", "Where is my parcel?"]);
    const [stored] = await handle.db.select().from(messages).where(eq(messages.sinchMessageId, first));
    expect(payloads.find((p) => p.data.sinchMessageId === first)).toEqual({
      type: "message.inbound",
      timestamp: stored!.sentAt.toISOString(),
      data: expect.objectContaining({ customerId: app.customerId, channel: "INSTAGRAM", conversationId: stored!.conversationId, messageId: stored!.id, kind: "text" }),
    });
  });

  it("a second run within the interval is a duplicate of the chain and reads nothing", async () => {
    const t = later(new Date(), 120);
    expect((await scanInboundMessages(handle.db, t)).claimed).toBe(true);
    expect((await scanInboundMessages(handle.db, later(t, 1))).claimed).toBe(false);
    expect((await scanInboundMessages(handle.db, later(t, 5))).claimed).toBe(true);
  });

  it("replaying a stored inbound callback the reader already passed reports its message once", async () => {
    const messageId = await ingest("lost in an outage");
    const [event] = await handle.db.select().from(webhookEvents).where(eq(webhookEvents.dedupeKey, (await handle.db.select().from(webhookEvents)).find((e) => e.raw.toString().includes(messageId))!.dedupeKey));
    // As if normalising had failed when it arrived: no message, the event kept for replay.
    await handle.db.delete(messages).where(eq(messages.sinchMessageId, messageId));
    await handle.db.update(webhookEvents).set({ status: "failed" }).where(eq(webhookEvents.id, event!.id));
    expect(await scanInboundMessages(handle.db, later(new Date(), 300))).toMatchObject({ emitted: 0 });

    const staff = asStaff(handle.db, (await createUser(handle.db, { role: "staff" })).id);
    expect(await staff.inbox.replay({ eventId: event!.id })).toMatchObject({ status: "processed" });
    await staff.inbox.replay({ eventId: event!.id });
    const reported = (await inboundEvents()).filter((e) => e.data.sinchMessageId === messageId);
    expect(reported).toHaveLength(1);
  });
});
