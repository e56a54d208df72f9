import { and, eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, outboundEmails } from "@/server/db/schema";
import { notifyStaff } from "@/server/services/notifications";
import { deliverEmail, deliverPendingEmails, MAX_ATTEMPTS, queueEmail, type MailTransport } from "@/server/services/outbox";
import { createTestDb } from "../helpers/db";
import { asStaff, createUser } from "../helpers/factories";
import { createCustomer, invited } from "./helpers";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());

const emailRow = async (id: string) => (await handle.db.select().from(outboundEmails).where(eq(outboundEmails.id, id)))[0]!;

describe("outbox delivery", () => {
  it("delivers through an SMTP-style transport once and records it on the grant's trail", async () => {
    const { grantId } = await invited(handle.db);
    const [row] = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.grantId, grantId));
    const sent: string[] = [];
    const json = nodemailer.createTransport({ jsonTransport: true });
    const transport: MailTransport = { sendMail: async (m) => (sent.push(m.text), json.sendMail(m)) };
    expect(await deliverEmail(handle.db, row!.id, { transport })).toBe("sent");
    expect(await deliverEmail(handle.db, row!.id, { transport })).toBe("skipped");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/\/access\/[A-Za-z0-9_-]{43}/);
    expect(await emailRow(row!.id)).toMatchObject({ status: "sent", attempts: 1 });
    const delivered = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "grant.email_delivered"), eq(auditLog.targetId, grantId)));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.metadata).toMatchObject({ via: "smtp" });
  });

  it("without SMTP marks the email not_configured and keeps it readable for admins", async () => {
    const admin = await createUser(handle.db, { role: "admin" });
    const { id } = await queueEmail(handle.db, { to: "x@y.test", subject: "Hello", body: "Body text", kind: "test" });
    expect(await deliverEmail(handle.db, id, { transport: null })).toBe("not_configured");
    const email = await asStaff(handle.db, admin.id).outbox.get({ id });
    expect(email).toMatchObject({ status: "not_configured", body: "Body text" });
    expect((await asStaff(handle.db, admin.id).outbox.list({})).rows.some((r) => r.id === id)).toBe(true);
    expect(await asStaff(handle.db, admin.id).outbox.retry({ id })).toMatchObject({ status: "pending" });
  });

  it("retries a failing transport and gives up after the last attempt", async () => {
    const { id } = await queueEmail(handle.db, { to: "x@y.test", subject: "Hi", body: "b", kind: "test" });
    const failing: MailTransport = { sendMail: async () => Promise.reject(new Error("connection refused")) };
    for (let i = 1; i < MAX_ATTEMPTS; i++) expect(await deliverEmail(handle.db, id, { transport: failing })).toBe("pending");
    expect(await deliverEmail(handle.db, id, { transport: failing })).toBe("failed");
    expect(await emailRow(id)).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, lastError: "Error: connection refused" });
    expect(await deliverPendingEmails(handle.db, { transport: failing })).not.toContain("failed");
  });
});

describe("staff notifications", () => {
  it("reach every active staff member in-app, email only the named ones, and are read per person", async () => {
    const a = await createUser(handle.db);
    const b = await createUser(handle.db);
    const off = await createUser(handle.db, { disabled: true });
    const customer = await createCustomer(handle.db);
    await notifyStaff(handle.db, { kind: "test.kind", title: "T", body: "B", customerId: customer.id, href: `/customers/${customer.id}`, emailUserIds: [a.id, off.id] });
    const listA = await asStaff(handle.db, a.id).notifications.list({});
    const listB = await asStaff(handle.db, b.id).notifications.list({});
    expect(listA.items.find((n) => n.kind === "test.kind")).toBeTruthy();
    expect(listB.items.find((n) => n.kind === "test.kind")).toBeTruthy();
    const emails = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.kind, "notice.test.kind"));
    expect(emails.map((e) => e.to)).toEqual([a.email]);
    const mine = listA.items.find((n) => n.kind === "test.kind")!;
    // Another person's notification id matches nothing.
    expect(await asStaff(handle.db, b.id).notifications.markRead({ ids: [mine.id] })).toEqual({ updated: 0 });
    expect(await asStaff(handle.db, a.id).notifications.markRead({ ids: [mine.id] })).toEqual({ updated: 1 });
    expect((await asStaff(handle.db, a.id).notifications.list({})).unread).toBe(listA.unread - 1);
    expect((await asStaff(handle.db, b.id).notifications.list({})).unread).toBe(listB.unread);
  });
});
