import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/server/db/rows";
import { apiKeys, auditLog } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { authenticateApiKey, authenticateApiKeyWithOwner, createApiKey, listApiKeys, revokeApiKey } from "@/server/services/api-keys";
import { createTestDb } from "../helpers/db";
import { createUser } from "../helpers/factories";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());

describe("API keys", () => {
  it("creates a key whose token is shown once, stored only as its SHA-256, audited without it", async () => {
    const admin = await createUser(handle.db, { role: "admin" });
    const { key, token } = await createApiKey(handle.db, { name: "  CRM sync ", scope: "full", actorUserId: admin.id });
    expect(token).toMatch(/^rp_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({ name: "CRM sync", scope: "full", prefix: token.slice(0, 12), lastUsedAt: null, revokedAt: null, createdByEmail: admin.email });

    const [stored] = rowsOf<{ row: string }>(await handle.db.execute(sql`select row_to_json(k)::text as row from api_keys k where id = ${key.id}`));
    expect(stored!.row).not.toContain(token.slice(12));
    const [row] = await handle.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, key.id));
    expect(audits.map((a) => [a.action, a.actorId])).toEqual([["api_key.created", admin.id]]);
    expect(JSON.stringify(audits)).not.toContain(token.slice(12));

    const listed = await listApiKeys(handle.db);
    expect(listed.find((k) => k.id === key.id)).toEqual(key);
    expect(JSON.stringify(listed)).not.toContain(token.slice(12));
  });

  it("refuses an empty or overlong name with a field error", async () => {
    const admin = await createUser(handle.db, { role: "admin" });
    for (const name of ["", "   ", "x".repeat(101)]) {
      const err = await createApiKey(handle.db, { name, scope: "read", actorUserId: admin.id }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).fieldErrors).toHaveProperty("name");
    }
  });

  it("authenticates the token, not a look-alike; records last use at most once a minute", async () => {
    const admin = await createUser(handle.db, { role: "admin" });
    const { key, token } = await createApiKey(handle.db, { name: "billing", scope: "read", actorUserId: admin.id });
    expect(await authenticateApiKey(handle.db, `${token}x`)).toBeNull();
    expect(await authenticateApiKey(handle.db, token.slice(0, -1))).toBeNull();
    expect(await authenticateApiKey(handle.db, "rp_unknown")).toBeNull();
    expect(await authenticateApiKey(handle.db, "")).toBeNull();

    const t0 = new Date("2026-12-07T10:00:00Z");
    const first = await authenticateApiKeyWithOwner(handle.db, token, t0);
    expect(first).toMatchObject({ id: key.id, scope: "read", createdById: admin.id, lastUsedAt: t0 });
    const soon = await authenticateApiKeyWithOwner(handle.db, token, new Date(t0.getTime() + 30_000));
    expect(soon!.lastUsedAt).toEqual(t0);
    const later = new Date(t0.getTime() + 61_000);
    expect((await authenticateApiKeyWithOwner(handle.db, token, later))!.lastUsedAt).toEqual(later);
    const [row] = await handle.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(row!.lastUsedAt).toEqual(later);

    const plain = await authenticateApiKey(handle.db, token);
    expect(plain).not.toHaveProperty("createdById");
    expect(plain).toMatchObject({ id: key.id, createdByEmail: admin.email });
  });

  it("revokes at once and idempotently (one audit row); a revoked key authenticates as nothing", async () => {
    const admin = await createUser(handle.db, { role: "admin" });
    const { key, token } = await createApiKey(handle.db, { name: "old", scope: "full", actorUserId: admin.id });
    expect(await authenticateApiKey(handle.db, token)).not.toBeNull();
    await revokeApiKey(handle.db, { id: key.id, actorUserId: admin.id });
    await revokeApiKey(handle.db, { id: key.id, actorUserId: admin.id });
    expect(await authenticateApiKey(handle.db, token)).toBeNull();
    const listed = (await listApiKeys(handle.db)).find((k) => k.id === key.id);
    expect(listed!.revokedAt).toBeInstanceOf(Date);
    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, key.id));
    expect(audits.map((a) => a.action).sort()).toEqual(["api_key.created", "api_key.revoked"]);
    const missing = await revokeApiKey(handle.db, { id: "00000000-0000-4000-8000-000000000000", actorUserId: admin.id }).catch((e: unknown) => e);
    expect((missing as AppError).code).toBe("NOT_FOUND");
  });
});
