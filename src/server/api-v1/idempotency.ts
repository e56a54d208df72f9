import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { apiIdempotency } from "@/server/db/schema";
import { sha256Hex } from "@/server/lib/tokens";
import { ApiProblem } from "./problem";

/** An unfinished claim older than this is taken to be a crashed request and may be taken over. */
export const STALE_CLAIM_MS = 60_000;
export const IDEMPOTENCY_RETENTION_MS = 24 * 3_600_000;

export type Claim = { kind: "new" } | { kind: "replay"; status: number; body: string };

/** JSON with sorted keys, so the same body hashes the same whatever its key order or spacing. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export const requestHash = (method: string, path: string, body: unknown) => sha256Hex(`${method} ${path}\n${canonicalJson(body)}`);

export function readIdempotencyKey(headers: Headers): string {
  const key = headers.get("idempotency-key")?.trim();
  if (!key) throw new ApiProblem(400, "idempotency-key-required", "Send an Idempotency-Key header (any unique string up to 255 characters) with every POST.", { errors: { "Idempotency-Key": "Required." } });
  if (key.length > 255) throw new ApiProblem(400, "bad-request", "The Idempotency-Key is longer than 255 characters.", { errors: { "Idempotency-Key": "At most 255 characters." } });
  return key;
}

/**
 * Claims (key id, Idempotency-Key) with one insert. A second request with the key gets the stored
 * answer (same body), 422 (another body) or 409 (the first is still running).
 */
export async function claimIdempotency(db: Db, keyId: string, idempotencyKey: string, hash: string, now: Date): Promise<Claim> {
  const inserted = await db.insert(apiIdempotency).values({ keyId, idempotencyKey, requestHash: hash, createdAt: now }).onConflictDoNothing().returning({ keyId: apiIdempotency.keyId });
  if (inserted.length) return { kind: "new" };
  const [row] = await db.select().from(apiIdempotency).where(and(eq(apiIdempotency.keyId, keyId), eq(apiIdempotency.idempotencyKey, idempotencyKey)));
  if (!row) return claimIdempotency(db, keyId, idempotencyKey, hash, now);
  if (row.requestHash !== hash) {
    throw new ApiProblem(422, "idempotency-key-reused", "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
  }
  if (row.completedAt && row.statusCode !== null && row.responseBody !== null) return { kind: "replay", status: row.statusCode, body: row.responseBody };
  const takenOver = await db
    .update(apiIdempotency)
    .set({ createdAt: now })
    .where(and(eq(apiIdempotency.keyId, keyId), eq(apiIdempotency.idempotencyKey, idempotencyKey), isNull(apiIdempotency.completedAt), lt(apiIdempotency.createdAt, new Date(now.getTime() - STALE_CLAIM_MS))))
    .returning({ keyId: apiIdempotency.keyId });
  if (takenOver.length) return { kind: "new" };
  throw new ApiProblem(409, "idempotency-in-progress", "A request with this Idempotency-Key is still being processed. Retry shortly.", { headers: { "retry-after": "1" } });
}

/** Stores the answer for retries; a server failure releases the key instead so a retry runs again. */
export async function completeIdempotency(db: Db, keyId: string, idempotencyKey: string, status: number, body: string, now: Date): Promise<void> {
  const where = and(eq(apiIdempotency.keyId, keyId), eq(apiIdempotency.idempotencyKey, idempotencyKey));
  if (status >= 500) {
    await db.delete(apiIdempotency).where(where);
    return;
  }
  await db.update(apiIdempotency).set({ statusCode: status, responseBody: body, completedAt: now }).where(where);
}

export async function purgeIdempotency(db: Db, now: Date): Promise<number> {
  const rows = await db.delete(apiIdempotency).where(lt(apiIdempotency.createdAt, new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS))).returning({ k: sql`1` });
  return rows.length;
}
