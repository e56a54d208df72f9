import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessGrants } from "@/server/db/schema";
import { createTestDb } from "../helpers/db";
import { asCustomer, asStaff, createUser } from "../helpers/factories";
import { createCustomerFixture } from "./support/world";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());

const code = (p: Promise<unknown>) => p.then(() => "OK", (e: unknown) => (e instanceof TRPCError ? e.code : "NON_TRPC_ERROR"));

/**
 * The session holds only an id: role, disabled state and grant state are read on every call, so a
 * change applies to the very next request of a session that is already open.
 */
describe("session state is re-read on every request", () => {
  it("a role change applies to an open staff session on its next call, both ways", async () => {
    const boss = asStaff(handle.db, (await createUser(handle.db, { role: "admin" })).id);
    const member = await createUser(handle.db, { role: "staff" });
    const session = asStaff(handle.db, member.id);
    expect(await code(session.staff.list())).toBe("FORBIDDEN");
    await boss.staff.changeRole({ userId: member.id, role: "admin" });
    expect(await code(session.staff.list())).toBe("OK");
    expect((await session.session.me()).role).toBe("admin");
    await boss.staff.changeRole({ userId: member.id, role: "staff" });
    expect(await code(session.staff.list())).toBe("FORBIDDEN");
  });

  it("disabling applies on the next call; enabling again restores access", async () => {
    const boss = asStaff(handle.db, (await createUser(handle.db, { role: "admin" })).id);
    const member = await createUser(handle.db, { role: "staff" });
    const session = asStaff(handle.db, member.id);
    expect(await code(session.customers.list({}))).toBe("OK");
    await boss.staff.setDisabled({ userId: member.id, disabled: true });
    expect(await code(session.customers.list({}))).toBe("UNAUTHORIZED");
    expect(await code(session.session.me())).toBe("UNAUTHORIZED");
    await boss.staff.setDisabled({ userId: member.id, disabled: false });
    expect(await code(session.customers.list({}))).toBe("OK");
  });

  it("a revoked grant ends an open customer session on its next call", async () => {
    const boss = asStaff(handle.db, (await createUser(handle.db, { role: "admin" })).id);
    const customer = await createCustomerFixture(handle.db, "B");
    const session = asCustomer(handle.db, customer.sessionToken);
    expect(await code(session.portal.overview())).toBe("OK");
    await boss.access.revoke({ grantId: customer.grantId, reason: "proof: revoke applies at once" });
    expect(await code(session.portal.overview())).toBe("UNAUTHORIZED");
  });

  it("a grant is over at its expiry instant, without any sweep having run", async () => {
    const customer = await createCustomerFixture(handle.db, "B");
    const [grant] = await handle.db.select({ expiresAt: accessGrants.expiresAt }).from(accessGrants).where(eq(accessGrants.id, customer.grantId));
    const expiresAt = grant!.expiresAt;
    expect(await code(asCustomer(handle.db, customer.sessionToken, () => new Date(expiresAt.getTime() - 1)).portal.overview())).toBe("OK");
    expect(await code(asCustomer(handle.db, customer.sessionToken, () => expiresAt).portal.overview())).toBe("UNAUTHORIZED");
  });
});
