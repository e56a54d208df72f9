import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessGrants, auditLog, customerSessions, notifications, outboundEmails } from "@/server/db/schema";
import { sweepExpiredGrants } from "@/server/services/access/lifecycle";
import { resolveCustomerSession } from "@/server/services/customer-session";
import { updateSettings } from "@/server/services/settings";
import { createTestDb } from "../helpers/db";
import { asStaff, createUser } from "../helpers/factories";
import { asStaffAt, customerSession, grantRow, invited, linkTokenOf, openLink } from "./helpers";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());

const HOUR = 3_600_000;
const codeOf = async (p: Promise<unknown>) => p.then(() => "OK", (e: unknown) => (e instanceof TRPCError ? e.code : "THROWN"));

describe("invite", () => {
  it("creates a grant with the default window, queues the email with the link and audits it", async () => {
    const before = Date.now();
    const { grantId, token, customer } = await invited(handle.db);
    const grant = await grantRow(handle.db, grantId);
    expect(grant.expiresAt.getTime() - before).toBeGreaterThanOrEqual(72 * HOUR - 5_000);
    expect(grant.expiresAt.getTime() - before).toBeLessThanOrEqual(72 * HOUR + 5_000);
    expect(grant.tokenHash).not.toContain(token);
    expect(grant.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    const [email] = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.grantId, grantId));
    expect(email).toMatchObject({ to: customer.contactEmail, kind: "access.invite", status: "pending" });
    expect(email!.bodyCiphertext).not.toContain(token);
    const [entry] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "grant.invited"), eq(auditLog.targetId, grantId)));
    expect(entry?.customerId).toBe(customer.id);
  });

  it("rejects a window beyond the admin maximum with a field error", async () => {
    const staff = await createUser(handle.db);
    const { customer } = await invited(handle.db);
    const err = await asStaff(handle.db, staff.id)
      .access.invite({ customerId: customer.id, email: "a@b.test", channels: ["INSTAGRAM"], hours: 24 * 7 + 1 })
      .catch((e: TRPCError) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
  });

  it("answers NOT_FOUND for an unknown customer", async () => {
    const staff = await createUser(handle.db);
    const call = asStaff(handle.db, staff.id).access.invite({ customerId: crypto.randomUUID(), email: "a@b.test", channels: ["INSTAGRAM"] });
    expect(await codeOf(call)).toBe("NOT_FOUND");
  });
});

describe("the link", () => {
  it("opens once: a session for the first open, the same refusal for every later one", async () => {
    const { token, grantId } = await invited(handle.db);
    const first = await openLink(handle.db, token, { browserId: "b".repeat(43) });
    expect(first.ok).toBe(true);
    const again = await openLink(handle.db, token, { browserId: "b".repeat(43) });
    const unknown = await openLink(handle.db, "x".repeat(43));
    expect(again).toMatchObject({ ok: false, limited: false });
    expect(unknown).toMatchObject({ ok: false, limited: false });
    const sessions = await handle.db.select().from(customerSessions).where(eq(customerSessions.grantId, grantId));
    expect(sessions).toHaveLength(1);
    const actions = (await handle.db.select().from(auditLog).where(eq(auditLog.targetId, grantId))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["grant.link_opened", "grant.session_started", "grant.link_reopened"]));
  });

  it("tells staff when a used link is opened from another browser", async () => {
    const { token, customer } = await invited(handle.db);
    expect((await openLink(handle.db, token, { browserId: "c".repeat(43) })).ok).toBe(true);
    expect((await openLink(handle.db, token, { browserId: "d".repeat(43) })).ok).toBe(false);
    const notes = await handle.db.select().from(notifications).where(and(eq(notifications.customerId, customer.id), eq(notifications.kind, "grant.link_forwarded")));
    expect(notes.length).toBeGreaterThan(0);
    const emails = await handle.db.select().from(outboundEmails).where(and(eq(outboundEmails.customerId, customer.id), eq(outboundEmails.kind, "notice.grant.link_forwarded")));
    expect(emails).toHaveLength(1);
  });

  it("expires at the exact boundary: valid one millisecond before, invalid at expires_at", async () => {
    const t0 = new Date("2030-01-01T00:00:00Z");
    const { token, grantId } = await invited(handle.db, { hours: 2, now: () => t0 });
    const expiresAt = new Date(t0.getTime() + 2 * HOUR);
    expect((await grantRow(handle.db, grantId)).expiresAt.toISOString()).toBe(expiresAt.toISOString());
    expect((await openLink(handle.db, token, { now: expiresAt })).ok).toBe(false);
    const opened = await openLink(handle.db, token, { now: new Date(expiresAt.getTime() - 1) });
    expect(opened.ok).toBe(true);
    const token2 = opened.ok ? opened.sessionToken : "";
    expect((await resolveCustomerSession(handle.db, token2, new Date(expiresAt.getTime() - 1))).ok).toBe(true);
    expect(await resolveCustomerSession(handle.db, token2, expiresAt)).toMatchObject({ ok: false, reason: "expired" });
  });

  it("is rate limited per IP across every kind of invalid link", async () => {
    const ip = "203.0.113.9";
    for (let i = 0; i < 20; i++) await openLink(handle.db, `${"z".repeat(42)}${i % 10}`, { ip });
    const { token } = await invited(handle.db);
    expect(await openLink(handle.db, token, { ip })).toMatchObject({ ok: false, limited: true });
    expect((await openLink(handle.db, token, { ip: "203.0.113.10" })).ok).toBe(true);
  });
});

describe("ending and changing access", () => {
  it("revoke ends the session on the very next request and records who and why", async () => {
    const s = await customerSession(handle.db);
    expect(await codeOf(s.api().portal.overview())).toBe("OK");
    const revoked = await asStaff(handle.db, s.staff.id).access.revoke({ grantId: s.grantId, reason: "Wrong contact" });
    expect(revoked).toMatchObject({ state: "ended", endReason: "revoked", revokeReason: "Wrong contact", endedBy: s.staff.email });
    expect(await codeOf(s.api().portal.overview())).toBe("UNAUTHORIZED");
    expect(await resolveCustomerSession(handle.db, s.sessionToken, new Date())).toMatchObject({ ok: false, reason: "revoked" });
    expect(await codeOf(asStaff(handle.db, s.staff.id).access.revoke({ grantId: s.grantId, reason: "again" }))).toBe("PRECONDITION_FAILED");
  });

  it("extend stays within the admin maximum", async () => {
    const t0 = new Date("2030-02-01T00:00:00Z");
    const { grantId, staff } = await invited(handle.db, { hours: 72, now: () => t0 });
    const api = asStaffAt(handle.db, staff.id, () => t0);
    const extended = await api.access.extend({ grantId, hours: 96 });
    expect(extended.expiresAt.toISOString()).toBe(new Date(t0.getTime() + 168 * HOUR).toISOString());
    const err = await api.access.extend({ grantId, hours: 1 }).catch((e: TRPCError) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    expect((await grantRow(handle.db, grantId)).expiresAt.toISOString()).toBe(extended.expiresAt.toISOString());
    await updateSettings(handle.db, { type: "system", label: "test" }, { "access.maxHours": 24 * 7 });
  });

  it("resend invalidates the old link and the new one works", async () => {
    const { grantId, token, staff } = await invited(handle.db);
    await asStaff(handle.db, staff.id).access.resend({ grantId });
    const fresh = await linkTokenOf(handle.db, grantId);
    expect(fresh).not.toBe(token);
    expect((await openLink(handle.db, token)).ok).toBe(false);
    expect((await openLink(handle.db, fresh)).ok).toBe(true);
  });

  it("the expiry sweep records expired grants once and tells staff about undone work", async () => {
    const t0 = new Date("2031-03-01T00:00:00Z");
    const { grantId, customer } = await invited(handle.db, { hours: 1, now: () => t0 });
    const after = new Date(t0.getTime() + HOUR);
    await sweepExpiredGrants(handle.db, new Date(after.getTime() - 1));
    expect((await grantRow(handle.db, grantId)).endedAt).toBeNull();
    expect(await sweepExpiredGrants(handle.db, after)).toBeGreaterThanOrEqual(1);
    expect(await sweepExpiredGrants(handle.db, after)).toBe(0);
    const grant = await grantRow(handle.db, grantId);
    expect(grant).toMatchObject({ endReason: "expired", endedBy: "system" });
    const expired = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "grant.expired"), eq(auditLog.targetId, grantId)));
    expect(expired).toHaveLength(1);
    const notes = await handle.db.select().from(notifications).where(and(eq(notifications.customerId, customer.id), eq(notifications.kind, "grant.expired_incomplete")));
    expect(notes.length).toBeGreaterThan(0);
    const rows = await handle.db.select().from(accessGrants).where(eq(accessGrants.id, grantId));
    expect(rows[0]!.endedAt?.toISOString()).toBe(after.toISOString());
  });
});
