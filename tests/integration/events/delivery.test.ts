import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eventDeliveries, eventDeliveryAttempts, eventEndpoints } from "@/server/db/schema";
import { deliverDue } from "@/server/services/events/dispatch";
import { emitEvent } from "@/server/services/events/emit";
import { MAX_ATTEMPTS } from "@/server/services/events/schedule";
import { createTestDb } from "../helpers/db";
import { callerFor } from "../helpers/factories";
import { adminWithEndpoint, later, recordingEnqueue } from "./helpers";
import { startEventReceiver, type EventReceiver } from "./receiver";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let receiver: EventReceiver;
beforeAll(async () => {
  handle = await createTestDb();
  receiver = await startEventReceiver();
});
afterAll(async () => {
  await receiver.close();
  await handle.close();
});
beforeEach(async () => {
  // Each test owns the only endpoint, so an emit fans out to it alone.
  await handle.db.delete(eventEndpoints);
  receiver.received.length = 0;
});

const customerId = "00000000-0000-4000-8000-00000000c0de";
const emitReady = (occurredAt = new Date()) => emitEvent(handle.db, { type: "customer.ready", customerId, data: { customerId, businessName: "Acme" }, occurredAt });
const deliveryRow = async () => (await handle.db.select().from(eventDeliveries))[0]!;

describe("outgoing events: signed delivery (Standard Webhooks)", () => {
  it("delivers a subscribed event with headers and a body an independent Standard Webhooks verifier accepts", async () => {
    const { secret } = await adminWithEndpoint(handle.db, `${receiver.url}/hooks`);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const occurredAt = new Date("2026-12-01T10:00:00.000Z");
    expect(await emitReady(occurredAt)).toBe(1);
    const q = recordingEnqueue();
    expect(await deliverDue(handle.db, q.enqueue)).toBe(1);

    expect(receiver.received).toHaveLength(1);
    const [req] = receiver.received;
    expect(req!.headers["content-type"]).toBe("application/json");
    expect(req!.headers["webhook-id"]).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(req!.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    // The package from standard-webhooks, not our signing code, decides.
    const payload = new Webhook(secret).verify(req!.body, req!.headers);
    expect(payload).toEqual({ type: "customer.ready", timestamp: occurredAt.toISOString(), data: { customerId, businessName: "Acme" } });
    expect(() => new Webhook(secret).verify(req!.body.replace("Acme", "Acmf"), req!.headers)).toThrow();
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`).verify(req!.body, req!.headers)).toThrow();

    const row = await deliveryRow();
    expect(row).toMatchObject({ status: "succeeded", attempts: 1, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
    expect(q.calls).toEqual([]);
  });

  it("writes nothing when no enabled endpoint subscribes to the type", async () => {
    await adminWithEndpoint(handle.db, receiver.url, ["access.ended"]);
    expect(await emitReady()).toBe(0);
    await handle.db.update(eventEndpoints).set({ eventTypes: ["customer.ready"], enabled: false });
    expect(await emitReady()).toBe(0);
    expect(await handle.db.select().from(eventDeliveries)).toEqual([]);
  });

  it("retries a failing receiver on the backoff schedule, honours Retry-After, keeps one webhook-id, then succeeds", async () => {
    const { secret } = await adminWithEndpoint(handle.db, receiver.url);
    await emitReady();
    const q = recordingEnqueue();
    const t0 = new Date();
    receiver.answer(receiver.status(500), receiver.status(503, { "retry-after": "120" }));

    await deliverDue(handle.db, q.enqueue, { now: t0 });
    let row = await deliveryRow();
    expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: "HTTP 500" });
    const firstDelay = (row.nextAttemptAt!.getTime() - t0.getTime()) / 1000;
    expect(firstDelay).toBeGreaterThanOrEqual(5);
    expect(firstDelay).toBeLessThanOrEqual(5.5);
    expect(q.calls).toEqual([{ name: "events.deliver", data: { deliveryId: row.id }, startAfterSeconds: Math.round(firstDelay) }]);

    // Not due yet: nothing is sent.
    expect(await deliverDue(handle.db, q.enqueue, { now: later(t0, 2) })).toBe(0);
    expect(receiver.received).toHaveLength(1);

    await deliverDue(handle.db, q.enqueue, { now: later(t0, 6) });
    row = await deliveryRow();
    expect(row).toMatchObject({ status: "pending", attempts: 2, lastStatusCode: 503 });
    // The schedule says 5 min (+ jitter); the receiver asked for 2 min: the later one wins.
    const secondDelay = (row.nextAttemptAt!.getTime() - later(t0, 6).getTime()) / 1000;
    expect(secondDelay).toBeGreaterThanOrEqual(300);
    expect(secondDelay).toBeLessThanOrEqual(330);

    await deliverDue(handle.db, q.enqueue, { now: later(t0, 6 + 331) });
    row = await deliveryRow();
    expect(row).toMatchObject({ status: "succeeded", attempts: 3, lastStatusCode: 200, nextAttemptAt: null });
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(1);
    for (const r of receiver.received) expect(new Webhook(secret).verify(r.body, r.headers)).toMatchObject({ type: "customer.ready" });
    const attempts = await handle.db.select().from(eventDeliveryAttempts).where(eq(eventDeliveryAttempts.deliveryId, row.id));
    expect(attempts.map((a) => [a.statusCode, a.ok, a.trigger])).toEqual([
      [500, false, "schedule"],
      [503, false, "schedule"],
      [200, true, "schedule"],
    ]);
  });

  it("gives up after the last attempt of the schedule; a replay then delivers it with the same webhook-id", async () => {
    const { admin, caller, secret } = await adminWithEndpoint(handle.db, receiver.url);
    await emitReady();
    const q = recordingEnqueue();
    receiver.answer(...Array.from({ length: MAX_ATTEMPTS }, () => receiver.status(500)));
    let now = new Date();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      expect(await deliverDue(handle.db, q.enqueue, { now })).toBe(1);
      // The longest delay is 24 h plus up to 10 % jitter.
      now = later(now, 27 * 3600);
    }
    const row = await deliveryRow();
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    expect(await deliverDue(handle.db, q.enqueue, { now })).toBe(0);

    const replayed = await callerFor(handle.db, { type: "staff", userId: admin.id }, { now: () => now }).events.replay({ deliveryId: row.id });
    expect(replayed).toMatchObject({ ok: true, statusCode: 200, status: "succeeded" });
    expect(receiver.received).toHaveLength(MAX_ATTEMPTS + 1);
    const last = receiver.received.at(-1)!;
    expect(last.headers["webhook-id"]).toBe(receiver.received[0]!.headers["webhook-id"]);
    expect(new Webhook(secret).verify(last.body, last.headers)).toMatchObject({ type: "customer.ready" });
    const detail = await caller.events.delivery({ deliveryId: row.id });
    expect(detail.history.map((a) => a.trigger)).toEqual([...Array(MAX_ATTEMPTS).fill("schedule"), "replay"]);
    expect(detail.attempts).toBe(MAX_ATTEMPTS);
  });

  it("does not follow redirects: a 3xx is a failed attempt and the redirect target gets nothing", async () => {
    const other = await startEventReceiver();
    try {
      await adminWithEndpoint(handle.db, receiver.url);
      await emitReady();
      receiver.answer(receiver.status(307, { location: `${other.url}/elsewhere` }));
      await deliverDue(handle.db, recordingEnqueue().enqueue);
      expect(await deliveryRow()).toMatchObject({ status: "pending", lastStatusCode: 307, lastError: "Redirect not followed (HTTP 307)" });
      expect(other.received).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it("stops waiting for a receiver that does not answer (bounded timeout), and records it", async () => {
    await adminWithEndpoint(handle.db, receiver.url);
    await emitReady();
    receiver.answer(() => undefined);
    await deliverDue(handle.db, recordingEnqueue().enqueue, { send: { timeoutMs: 300 } });
    expect(await deliveryRow()).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: null, lastError: "Timed out" });
  });

  it("a 410 Gone disables the endpoint (Standard Webhooks) and ends the delivery", async () => {
    const { endpoint } = await adminWithEndpoint(handle.db, receiver.url);
    await emitReady();
    receiver.answer(receiver.status(410));
    await deliverDue(handle.db, recordingEnqueue().enqueue);
    expect(await deliveryRow()).toMatchObject({ status: "failed", lastStatusCode: 410 });
    const [row] = await handle.db.select().from(eventEndpoints).where(eq(eventEndpoints.id, endpoint.id));
    expect(row).toMatchObject({ enabled: false, disabledReason: "The receiver answered 410 Gone." });
    expect(await emitReady()).toBe(0);
  });

  it("after a rotation both secrets sign, so a receiver holding either one verifies", async () => {
    const { caller, endpoint, secret: oldSecret } = await adminWithEndpoint(handle.db, receiver.url);
    const { secret: newSecret } = await caller.events.rotateSecret({ endpointId: endpoint.id });
    expect(newSecret).not.toBe(oldSecret);
    await emitReady();
    await deliverDue(handle.db, recordingEnqueue().enqueue);
    const [req] = receiver.received;
    expect(req!.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(new Webhook(oldSecret).verify(req!.body, req!.headers)).toMatchObject({ type: "customer.ready" });
    expect(new Webhook(newSecret).verify(req!.body, req!.headers)).toMatchObject({ type: "customer.ready" });
  });
});
