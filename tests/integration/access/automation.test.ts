import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, channelConnections, customerSessions, notifications, outboundEmails, type Channel } from "@/server/db/schema";
import { onChannelStateChanged, sendExpiryReminders } from "@/server/services/access/lifecycle";
import { applyConnectionPatch } from "@/server/services/channels/transitions";
import { resolveCustomerSession } from "@/server/services/customer-session";
import { createTestDb } from "../helpers/db";
import { customerSession, grantRow, invited, openLink, setChannelState } from "./helpers";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());

const HOUR = 3_600_000;

describe("concurrent accepts", () => {
  it("20 concurrent opens of one link create exactly one session", async () => {
    const { token, grantId } = await invited(handle.db);
    const browserId = "q".repeat(43);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => openLink(handle.db, token, { browserId, ip: `198.51.100.${i}` })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const sessions = await handle.db.select().from(customerSessions).where(eq(customerSessions.grantId, grantId));
    expect(sessions).toHaveLength(1);
    const opened = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "grant.link_opened"), eq(auditLog.targetId, grantId)));
    expect(opened).toHaveLength(1);
  });
});

describe("auto-revoke when every requested channel is active", () => {
  it("ends the grant with reason completed, on the customer's next request, and tells staff", async () => {
    const s = await customerSession(handle.db, { channels: ["MESSENGER", "WHATSAPP"] });
    await setChannelState(handle.db, s.customer.id, "MESSENGER", "active");
    expect((await onChannelStateChanged(handle.db, s.customer.id)).completed).toEqual([]);
    expect((await s.api().portal.overview()).progress).toEqual({ done: 1, total: 2 });
    await setChannelState(handle.db, s.customer.id, "WHATSAPP", "activating");
    expect((await onChannelStateChanged(handle.db, s.customer.id)).completed).toEqual([]);
    await setChannelState(handle.db, s.customer.id, "WHATSAPP", "active");
    expect((await onChannelStateChanged(handle.db, s.customer.id)).completed).toEqual([s.grantId]);
    expect(await grantRow(handle.db, s.grantId)).toMatchObject({ endReason: "completed", endedBy: "system" });
    expect(await resolveCustomerSession(handle.db, s.sessionToken, new Date())).toMatchObject({ ok: false, reason: "completed" });
    await expect(s.api().portal.overview()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const notes = await handle.db.select().from(notifications).where(and(eq(notifications.customerId, s.customer.id), eq(notifications.kind, "grant.completed")));
    expect(notes.length).toBeGreaterThan(0);
    // A later state change does not report it twice.
    expect((await onChannelStateChanged(handle.db, s.customer.id)).completed).toEqual([]);
  });

  it("with auto-revoke off, access stays open and staff are told once", async () => {
    const s = await customerSession(handle.db, { channels: ["INSTAGRAM"], autoRevokeOnActive: false });
    await setChannelState(handle.db, s.customer.id, "INSTAGRAM", "active");
    expect((await onChannelStateChanged(handle.db, s.customer.id)).completed).toEqual([s.grantId]);
    expect((await onChannelStateChanged(handle.db, s.customer.id)).completed).toEqual([]);
    expect((await grantRow(handle.db, s.grantId)).endedAt).toBeNull();
    expect((await s.api().portal.overview()).progress).toEqual({ done: 1, total: 1 });
  });
});

async function connectionRow(customerId: string, channel: Channel) {
  const [row] = await handle.db
    .select()
    .from(channelConnections)
    .where(and(eq(channelConnections.customerId, customerId), eq(channelConnections.channel, channel)));
  return row!;
}

describe("the activation that completes a grant", () => {
  it("ends the grant in the same step, naming the channel, which the customer's ended session carries", async () => {
    const s = await customerSession(handle.db, { channels: ["MESSENGER"] });
    await setChannelState(handle.db, s.customer.id, "MESSENGER", "reconnect_required");
    const active = await applyConnectionPatch(handle.db, await connectionRow(s.customer.id, "MESSENGER"), { state: "active" });

    const grant = await grantRow(handle.db, s.grantId);
    expect(grant).toMatchObject({ endReason: "completed", endedBy: "system", completedByChannel: "MESSENGER" });
    expect(grant.endedAt).toEqual(active.stateChangedAt);
    const session = await resolveCustomerSession(handle.db, s.sessionToken, new Date());
    expect(session).toMatchObject({ ok: false, reason: "completed", grant: { completedByChannel: "MESSENGER" } });
    const trail = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "grant.completed"), eq(auditLog.targetId, s.grantId)));
    expect(trail).toHaveLength(1);
    expect(trail[0]!.metadata).toMatchObject({ accessEnded: true, completedBy: "MESSENGER" });
    const notes = await handle.db.select().from(notifications).where(and(eq(notifications.customerId, s.customer.id), eq(notifications.kind, "grant.completed")));
    expect(notes.length).toBeGreaterThan(0);
  });

  it("a grant still missing a channel stays live; the last one to turn active is the one named", async () => {
    const s = await customerSession(handle.db, { channels: ["INSTAGRAM", "WHATSAPP"] });
    await setChannelState(handle.db, s.customer.id, "INSTAGRAM", "activating");
    await setChannelState(handle.db, s.customer.id, "WHATSAPP", "activating");
    await applyConnectionPatch(handle.db, await connectionRow(s.customer.id, "INSTAGRAM"), { state: "active" });
    expect(await grantRow(handle.db, s.grantId)).toMatchObject({ endedAt: null, endReason: null, completedByChannel: null });
    expect(await resolveCustomerSession(handle.db, s.sessionToken, new Date())).toMatchObject({ ok: true });

    await applyConnectionPatch(handle.db, await connectionRow(s.customer.id, "WHATSAPP"), { state: "active" });
    expect(await grantRow(handle.db, s.grantId)).toMatchObject({ endReason: "completed", completedByChannel: "WHATSAPP" });
  });

  it("a channel turning active that the grant did not ask for neither ends nor names it", async () => {
    const s = await customerSession(handle.db, { channels: ["MESSENGER"] });
    await setChannelState(handle.db, s.customer.id, "WHATSAPP", "activating");
    await applyConnectionPatch(handle.db, await connectionRow(s.customer.id, "WHATSAPP"), { state: "active" });
    expect(await grantRow(handle.db, s.grantId)).toMatchObject({ endedAt: null, completedByChannel: null });
  });

  it("two channels made active apart (neither saw the other) still end the grant after commit, naming the later one", async () => {
    const s = await customerSession(handle.db, { channels: ["MESSENGER", "WHATSAPP"] });
    await setChannelState(handle.db, s.customer.id, "MESSENGER", "active");
    await setChannelState(handle.db, s.customer.id, "WHATSAPP", "active");
    expect((await onChannelStateChanged(handle.db, s.customer.id, new Date(), { channel: "WHATSAPP" })).completed).toEqual([s.grantId]);
    expect(await grantRow(handle.db, s.grantId)).toMatchObject({ endReason: "completed", completedByChannel: "WHATSAPP" });
  });
});

describe("reminders", () => {
  it("sends one reminder 24 h before expiry when channels are missing, none when all are done", async () => {
    const t0 = new Date("2032-05-01T00:00:00Z");
    const missing = await invited(handle.db, { hours: 48, now: () => t0, channels: ["MESSENGER"] });
    const done = await invited(handle.db, { hours: 48, now: () => t0, channels: ["INSTAGRAM"] });
    await setChannelState(handle.db, done.customer.id, "INSTAGRAM", "active");
    const tooEarly = new Date(t0.getTime() + 24 * HOUR - 60_000);
    await sendExpiryReminders(handle.db, tooEarly);
    expect((await grantRow(handle.db, missing.grantId)).reminderSentAt).toBeNull();
    const due = new Date(t0.getTime() + 24 * HOUR);
    await sendExpiryReminders(handle.db, due);
    await sendExpiryReminders(handle.db, new Date(due.getTime() + 60_000));
    expect((await grantRow(handle.db, missing.grantId)).reminderSentAt?.toISOString()).toBe(due.toISOString());
    expect((await grantRow(handle.db, done.grantId)).reminderSentAt).toBeNull();
    const reminders = await handle.db.select().from(outboundEmails).where(and(eq(outboundEmails.grantId, missing.grantId), eq(outboundEmails.kind, "access.reminder")));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.to).toBe(missing.customer.contactEmail);
  });

  it("a reminder never carries a link token", async () => {
    const t0 = new Date("2032-06-01T00:00:00Z");
    const s = await invited(handle.db, { hours: 10, now: () => t0, channels: ["WHATSAPP"] });
    await sendExpiryReminders(handle.db, new Date(t0.getTime() + HOUR));
    const { readOutboxEmail } = await import("@/server/services/outbox");
    const [row] = await handle.db.select().from(outboundEmails).where(and(eq(outboundEmails.grantId, s.grantId), eq(outboundEmails.kind, "access.reminder")));
    const body = (await readOutboxEmail(handle.db, row!.id)).body;
    expect(body).not.toContain(s.token);
    expect(body).not.toMatch(/\/access\//);
    expect((await openLink(handle.db, s.token, { now: new Date(t0.getTime() + 2 * HOUR) })).ok).toBe(true);
  });
});
