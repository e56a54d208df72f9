import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { Db, DbOrTx } from "@/server/db/client";
import { apiKeys, apiKeyScopes, users, type ApiKey, type ApiKeyScope } from "@/server/db/schema";
import { AppError, notFound } from "@/server/errors";
import { sha256Hex } from "@/server/lib/tokens";
import { audit, type Actor } from "./audit";
import { actorOf } from "./staff";

export type ApiKeySummary = {
  id: string;
  name: string;
  scope: "read" | "full";
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdByEmail: string | null;
};

/** An authenticated key with the staff member who created it (the owner its calls act for). */
export type AuthenticatedApiKey = ApiKeySummary & { createdById: string };

export const API_KEY_TOKEN_PREFIX = "rp_";
export const API_KEY_PREFIX_LENGTH = 12;
export const API_KEY_NAME_MAX = 100;
/** last_used_at is written at most this often per key, so busy keys do not write on every call. */
export const LAST_USED_GRANULARITY_MS = 60_000;

const summaryColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  scope: apiKeys.scope,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  createdByEmail: users.email,
};

const toSummary = (k: ApiKey, createdByEmail: string | null): ApiKeySummary => ({
  id: k.id,
  name: k.name,
  scope: k.scope,
  prefix: k.prefix,
  createdAt: k.createdAt,
  lastUsedAt: k.lastUsedAt,
  revokedAt: k.revokedAt,
  createdByEmail,
});

/** What an API call is audited as: the key by name, on behalf of the staff member who made it. */
export const apiKeyActor = (key: Pick<AuthenticatedApiKey, "createdById" | "name">): Actor => ({
  type: "user",
  id: key.createdById,
  label: `API key "${key.name}"`,
});

export function newApiKeyToken(): string {
  return API_KEY_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

async function staffActor(db: DbOrTx, userId: string): Promise<{ actor: Actor; email: string }> {
  const [user] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, userId));
  if (!user) throw notFound("Staff member");
  return { actor: actorOf(user), email: user.email };
}

/** Creates a key; the token is returned this once and only its hash is stored. */
export async function createApiKey(db: Db, input: { name: string; scope: ApiKeyScope; actorUserId: string }): Promise<{ key: ApiKeySummary; token: string }> {
  const name = input.name.trim();
  if (!name || name.length > API_KEY_NAME_MAX) {
    throw new AppError("BAD_REQUEST", { userMessage: "Give the key a name.", fieldErrors: { name: `Use 1 to ${API_KEY_NAME_MAX} characters.` } });
  }
  if (!apiKeyScopes.includes(input.scope)) {
    throw new AppError("BAD_REQUEST", { userMessage: "Choose a scope.", fieldErrors: { scope: "Choose read or full." } });
  }
  const token = newApiKeyToken();
  return db.transaction(async (tx) => {
    const { actor, email } = await staffActor(tx, input.actorUserId);
    const [row] = await tx
      .insert(apiKeys)
      .values({ name, scope: input.scope, prefix: token.slice(0, API_KEY_PREFIX_LENGTH), tokenHash: sha256Hex(token), createdBy: input.actorUserId })
      .returning();
    await audit(tx, { actor, action: "api_key.created", target: { type: "api_key", id: row!.id }, metadata: { name, scope: input.scope, prefix: row!.prefix } });
    return { key: toSummary(row!, email), token };
  });
}

/** Every key, newest first, revoked ones included (they stay listed with their revoke time). */
export async function listApiKeys(db: DbOrTx): Promise<ApiKeySummary[]> {
  return db.select(summaryColumns).from(apiKeys).leftJoin(users, eq(users.id, apiKeys.createdBy)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Revokes a key at once; revoking a revoked key changes nothing and writes no second audit row. */
export async function revokeApiKey(db: Db, input: { id: string; actorUserId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const { actor } = await staffActor(tx, input.actorUserId);
    const [existing] = await tx.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, input.id));
    if (!existing) throw notFound("That API key");
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, input.id), isNull(apiKeys.revokedAt)))
      .returning();
    if (revoked) await audit(tx, { actor, action: "api_key.revoked", target: { type: "api_key", id: revoked.id }, metadata: { name: revoked.name, prefix: revoked.prefix } });
  });
}

/** The key a token belongs to with its owner, or null when unknown or revoked. */
export async function authenticateApiKeyWithOwner(db: DbOrTx, token: string, now = new Date()): Promise<AuthenticatedApiKey | null> {
  if (!token.startsWith(API_KEY_TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({ key: apiKeys, createdByEmail: users.email })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(and(eq(apiKeys.tokenHash, sha256Hex(token)), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  let lastUsedAt = row.key.lastUsedAt;
  if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS) {
    // The WHERE repeats the check so concurrent calls write at most once per interval.
    const cutoff = new Date(now.getTime() - LAST_USED_GRANULARITY_MS);
    const [updated] = await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.id, row.key.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, cutoff))))
      .returning({ lastUsedAt: apiKeys.lastUsedAt });
    if (updated) lastUsedAt = updated.lastUsedAt;
  }
  return { ...toSummary({ ...row.key, lastUsedAt }, row.createdByEmail), createdById: row.key.createdBy };
}

export async function authenticateApiKey(db: DbOrTx, token: string): Promise<ApiKeySummary | null> {
  const key = await authenticateApiKeyWithOwner(db, token);
  if (!key) return null;
  const { createdById: _owner, ...summary } = key;
  return summary;
}

