import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accessGrants, auditLog, customerSessions, notifications, outboundEmails } from "@/server/db/schema";
import { logger } from "@/server/log";
import { deliverPendingEmails } from "@/server/services/outbox";
import { createTestDb } from "../helpers/db";
import { asCustomer, asStaff, createUser } from "../helpers/factories";
import { createCustomer, linkTokenOf, openLink } from "./helpers";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());

describe("the link token appears only in the email", () => {
  it("is absent from procedure outputs, audit metadata, notifications, logs and every stored column but the encrypted body", async () => {
    const logged: unknown[] = [];
    for (const level of ["info", "warn", "error", "debug"] as const) {
      vi.spyOn(logger, level).mockImplementation(((...args: unknown[]) => void logged.push(args)) as never);
    }
    const db = handle.db;
    const admin = await createUser(db, { role: "admin" });
    const staff = asStaff(db, admin.id);
    const customer = await createCustomer(db);
    const outputs: unknown[] = [];
    const grant = await staff.access.invite({ customerId: customer.id, email: customer.contactEmail, channels: ["MESSENGER"], note: "Hi" });
    outputs.push(grant);
    const first = await linkTokenOf(db, grant.id);
    await deliverPendingEmails(db, { transport: null });
    const opened = await openLink(db, first, { browserId: "a".repeat(43) });
    expect(opened.ok).toBe(true);
    await openLink(db, first, { browserId: "b".repeat(43) });
    outputs.push(await staff.access.resend({ grantId: grant.id }));
    const second = await linkTokenOf(db, grant.id);
    outputs.push(await staff.access.extend({ grantId: grant.id, hours: 1 }));
    outputs.push(await staff.access.forCustomer({ customerId: customer.id }));
    outputs.push(await staff.access.timeline({ customerId: customer.id }));
    outputs.push(await staff.access.list({}));
    outputs.push(await staff.outbox.list({}));
    outputs.push(await staff.notifications.list({}));
    if (opened.ok) outputs.push(await asCustomer(db, opened.sessionToken).portal.overview());
    outputs.push(await staff.access.revoke({ grantId: grant.id, reason: "done testing" }));

    const stored = {
      audit: await db.select().from(auditLog),
      notifications: await db.select().from(notifications),
      emails: (await db.select().from(outboundEmails)).map(({ bodyCiphertext: _, ...rest }) => rest),
      grants: await db.select().from(accessGrants),
      sessions: await db.select().from(customerSessions),
    };
    const haystack = JSON.stringify({ outputs, stored, logged });
    for (const token of [first, second]) expect(haystack).not.toContain(token);
    if (opened.ok) expect(haystack).not.toContain(opened.sessionToken);
    expect(JSON.stringify(outputs)).not.toMatch(/tokenHash|firstBrowserHash/);
    vi.restoreAllMocks();
  });
});
