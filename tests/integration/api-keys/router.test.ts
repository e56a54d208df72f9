import { TRPCError } from "@trpc/server";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/server/db/rows";
import { apiKeys, auditLog } from "@/server/db/schema";
import { sha256Hex } from "@/server/lib/tokens";
import { authenticateApiKey } from "@/server/services/api-keys";
import { createTestDb } from "../helpers/db";
import { asStaff, createUser, unique } from "../helpers/factories";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "OK",
    (e: unknown) => (e instanceof TRPCError ? e.code : "NON_TRPC_ERROR"),
  );

async function admin() {
  const user = await createUser(handle.db, { role: "admin" });
  return { user, api: asStaff(handle.db, user.id) };
}

describe("apiKeys router", () => {
  it("creates a key: the token is answered once, never listed, stored only as its hash, audited without it", async () => {
    const { user, api } = await admin();
    const name = unique("Billing");
    const created = await api.apiKeys.create({ name: `  ${name}  `, scope: "full" });
    expect(created.key).toMatchObject({ name, scope: "full", createdByEmail: user.email, lastUsedAt: null, revokedAt: null });
    expect(created.token.startsWith(created.key.prefix)).toBe(true);
    expect(created.token.length).toBeGreaterThan(created.key.prefix.length + 30);
    expect(Object.keys(created.key).sort()).toEqual(["createdAt", "createdByEmail", "id", "lastUsedAt", "name", "prefix", "revokedAt", "scope"]);

    const listed = await api.apiKeys.list();
    const row = listed.find((k) => k.id === created.key.id);
    expect(row).toEqual(created.key);
    const secretPart = created.token.slice(created.key.prefix.length);
    const hash = sha256Hex(created.token);
    expect(JSON.stringify(listed)).not.toContain(secretPart);
    expect(JSON.stringify(listed)).not.toContain(hash);
    expect(listed.every((k) => !("tokenHash" in k))).toBe(true);

    const [stored] = rowsOf<{ row: string }>(await handle.db.execute(sql`select row_to_json(k)::text as row from api_keys k where id = ${created.key.id}`));
    expect(stored!.row).not.toContain(secretPart);
    expect(stored!.row).toContain(hash);
    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, created.key.id));
    expect(audits.map((a) => a.action)).toEqual(["api_key.created"]);
    expect(JSON.stringify(audits)).not.toContain(secretPart);
  });

  it("refuses a blank or long name and an unknown scope with field errors", async () => {
    const { api } = await admin();
    for (const input of [{ name: "   ", scope: "read" }, { name: "x".repeat(101), scope: "read" }, { name: "ok", scope: "admin" }]) {
      const err = await api.apiKeys.create(input as never).catch((e: unknown) => e);
      expect(err, JSON.stringify(input)).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code).toBe("BAD_REQUEST");
    }
  });

  it("revokes at once: the token stops authenticating, the list shows when, a second revoke changes nothing", async () => {
    const { api } = await admin();
    const { key, token } = await api.apiKeys.create({ name: unique("CRM"), scope: "read" });
    expect(await authenticateApiKey(handle.db, token)).toMatchObject({ id: key.id });
    const used = (await api.apiKeys.list()).find((k) => k.id === key.id)!;
    expect(used.lastUsedAt).toBeInstanceOf(Date);

    expect(await api.apiKeys.revoke({ keyId: key.id })).toEqual({ id: key.id });
    expect(await authenticateApiKey(handle.db, token)).toBeNull();
    const revoked = (await api.apiKeys.list()).find((k) => k.id === key.id)!;
    expect(revoked.revokedAt).toBeInstanceOf(Date);

    await api.apiKeys.revoke({ keyId: key.id });
    const [row] = await handle.db.select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row!.revokedAt!.getTime()).toBe(revoked.revokedAt!.getTime());
    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, key.id));
    expect(audits.map((a) => a.action).sort()).toEqual(["api_key.created", "api_key.revoked"]);
  });

  it("a key that does not exist is NOT_FOUND; staff may not list, create or revoke", async () => {
    const { api } = await admin();
    expect(await codeOf(api.apiKeys.revoke({ keyId: crypto.randomUUID() }))).toBe("NOT_FOUND");
    const { key } = await api.apiKeys.create({ name: unique("ERP"), scope: "read" });
    const staff = asStaff(handle.db, (await createUser(handle.db, { role: "staff" })).id);
    expect(await codeOf(staff.apiKeys.list())).toBe("FORBIDDEN");
    expect(await codeOf(staff.apiKeys.create({ name: "mine", scope: "full" }))).toBe("FORBIDDEN");
    expect(await codeOf(staff.apiKeys.revoke({ keyId: key.id }))).toBe("FORBIDDEN");
    expect((await api.apiKeys.list()).find((k) => k.id === key.id)!.revokedAt).toBeNull();
  });
});
