import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/server/db/schema";
import { authenticate } from "@/server/services/staff";
import { createTestDb } from "../helpers/db";
import { asAnonymous, asStaff, createUser, unique } from "../helpers/factories";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    return e instanceof TRPCError ? e.code : `UNEXPECTED ${(e as Error).message}`;
  }
}

async function auditRows(targetId: string) {
  return handle.db.select().from(auditLog).where(eq(auditLog.targetId, targetId));
}

describe("staff router", () => {
  it("admins manage staff; each action writes exactly one audit row with no secret", async () => {
    const admin = await createUser(handle.db, { role: "admin" });
    const api = asStaff(handle.db, admin.id);
    const email = `${unique("new")}@example.test`;
    const created = await api.staff.create({ email, name: "New Person", role: "staff", password: "a very long password" });
    expect(created.user.email).toBe(email);
    expect(created.setPasswordUrl).toBeNull();
    const id = created.user.id;
    expect((await auditRows(id)).map((r) => r.action)).toEqual(["staff.created"]);

    await api.staff.changeRole({ userId: id, role: "admin" });
    await api.staff.setDisabled({ userId: id, disabled: true });
    await api.staff.setDisabled({ userId: id, disabled: false });
    const reset = await api.staff.resetPassword({ userId: id });
    expect(reset.setPasswordUrl).toMatch(/^http:\/\/portal\.test\/set-password\/[A-Za-z0-9_-]{43}$/);
    await api.staff.resetPassword({ userId: id, password: "another long password" });

    const actions = (await auditRows(id)).map((r) => r.action).sort();
    expect(actions).toEqual(["staff.created", "staff.disabled", "staff.enabled", "staff.password_link_created", "staff.password_reset", "staff.role_changed"].sort());
    const serialized = JSON.stringify(await auditRows(id));
    expect(serialized).not.toContain("a very long password");
    expect(serialized).not.toContain("another long password");
    expect(serialized).not.toContain(reset.setPasswordUrl!.split("/").pop()!);
  });

  it("field-level validation errors", async () => {
    const admin = await createUser(handle.db, { role: "admin" });
    const err = await asStaff(handle.db, admin.id)
      .staff.create({ email: "not-an-email", name: "", role: "staff", password: "short" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
  });

  it("rejects a duplicate email with a conflict", async () => {
    const admin = await createUser(handle.db, { role: "admin" });
    const api = asStaff(handle.db, admin.id);
    const email = `${unique("dup")}@example.test`;
    await api.staff.create({ email, name: "A", role: "staff" });
    expect(await code(api.staff.create({ email: email.toUpperCase(), name: "B", role: "staff" }))).toBe("CONFLICT");
  });

  it("keeps at least one active admin and never lets an admin disable themselves", async () => {
    const admin = await createUser(handle.db, { role: "admin" });
    const api = asStaff(handle.db, admin.id);
    expect(await code(api.staff.setDisabled({ userId: admin.id, disabled: true }))).toBe("PRECONDITION_FAILED");
  });

  it("a set-password link works once", async () => {
    const admin = await createUser(handle.db, { role: "admin" });
    const created = await asStaff(handle.db, admin.id).staff.create({ email: `${unique("link")}@example.test`, name: "Link", role: "staff" });
    const token = created.setPasswordUrl!.split("/").pop()!;
    const { setPasswordWithToken } = await import("@/server/services/staff");
    expect(await setPasswordWithToken(handle.db, token, "chosen password 123")).toBe(true);
    expect(await setPasswordWithToken(handle.db, token, "second try password")).toBe(false);
    const signIn = await authenticate(handle.db, { email: created.user.email, password: "chosen password 123", ip: "1.1.1.1" }, { maxFailures: 10, blockMinutes: 15 });
    expect(signIn.ok).toBe(true);
  });

  it("a role change or disable applies on the very next call", async () => {
    const admin = await createUser(handle.db, { role: "admin" });
    const other = await createUser(handle.db, { role: "admin" });
    const otherApi = asStaff(handle.db, other.id);
    expect(await code(otherApi.staff.list())).toBe("OK");
    await asStaff(handle.db, admin.id).staff.changeRole({ userId: other.id, role: "staff" });
    expect(await code(otherApi.staff.list())).toBe("FORBIDDEN");
    await asStaff(handle.db, admin.id).staff.setDisabled({ userId: other.id, disabled: true });
    expect(await code(otherApi.session.me())).toBe("UNAUTHORIZED");
  });

  it("anonymous callers are unauthorised", async () => {
    expect(await code(asAnonymous(handle.db).staff.list())).toBe("UNAUTHORIZED");
  });
});
