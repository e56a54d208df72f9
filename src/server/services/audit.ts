import { and, desc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { auditLog, type AuditAction } from "@/server/db/schema";

export type Actor =
  | { type: "user"; id: string; label: string }
  | { type: "customer"; id: string; label: string }
  | { type: "system"; id?: undefined; label: string };

export const systemActor = (label = "system"): Actor => ({ type: "system", label });

/** Metadata keys that must never reach the audit log, whatever a caller passes. */
const FORBIDDEN_KEY = /token|secret|password|authorization|cookie|code|pin|signature/i;

function scrub(value: unknown, depth = 0): unknown {
  if (depth > 4) return "[depth]";
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, FORBIDDEN_KEY.test(k) ? "[redacted]" : scrub(v, depth + 1)]),
    );
  }
  return value;
}

export interface AuditInput {
  actor: Actor;
  action: AuditAction;
  target?: { type: string; id: string };
  customerId?: string | null;
  metadata?: Record<string, unknown>;
}

/** The one helper that writes an audit row. Pass the transaction when the action is part of one. */
export async function audit(db: DbOrTx, input: AuditInput): Promise<void> {
  await db.insert(auditLog).values({
    actorType: input.actor.type,
    actorId: input.actor.id ?? null,
    actorLabel: input.actor.label,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    customerId: input.customerId ?? null,
    metadata: scrub(input.metadata ?? {}) as Record<string, unknown>,
  });
}

export interface AuditQuery {
  actorId?: string;
  action?: AuditAction;
  customerId?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export async function listAudit(db: DbOrTx, q: AuditQuery) {
  const where: SQL[] = [];
  if (q.actorId) where.push(eq(auditLog.actorId, q.actorId));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.customerId) where.push(eq(auditLog.customerId, q.customerId));
  if (q.from) where.push(gte(auditLog.at, q.from));
  if (q.to) where.push(lte(auditLog.at, q.to));
  const cond = where.length ? and(...where) : undefined;
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(cond)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(cond),
  ]);
  return { rows, total: count?.n ?? 0 };
}
