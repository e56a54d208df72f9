import { and, desc, eq, gt, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { accessGrants, auditLog, customers, users, type AuditAction } from "@/server/db/schema";
import { channels as allChannels } from "@/server/db/schema/channels";
import { notFound } from "@/server/errors";
import { grantView } from "./grant-view";
import { missingChannels } from "./lifecycle";

export type GrantFilter = "all" | "live" | "invited" | "active" | "ended";

function filterWhere(filter: GrantFilter, now: Date): SQL | undefined {
  const live = and(isNull(accessGrants.endedAt), gt(accessGrants.expiresAt, now));
  switch (filter) {
    case "live":
      return live;
    case "invited":
      return and(live, isNull(accessGrants.usedAt));
    case "active":
      return and(live, isNotNull(accessGrants.usedAt));
    case "ended":
      return or(isNotNull(accessGrants.endedAt), lte(accessGrants.expiresAt, now));
    default:
      return undefined;
  }
}

const selection = { grant: accessGrants, customerName: customers.businessName, createdByLabel: users.email };

/** Every grant across customers (the staff "access" view), live ones first by time left. */
export async function listGrants(db: DbOrTx, q: { filter: GrantFilter; page: number; pageSize: number }, now: Date) {
  const where = filterWhere(q.filter, now);
  const [rows, [count]] = await Promise.all([
    db
      .select(selection)
      .from(accessGrants)
      .innerJoin(customers, eq(customers.id, accessGrants.customerId))
      .leftJoin(users, sql`${users.id}::text = ${accessGrants.createdBy}`)
      .where(where)
      .orderBy(sql`(${accessGrants.endedAt} is null and ${accessGrants.expiresAt} > ${now.toISOString()}::timestamptz) desc`, desc(accessGrants.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(accessGrants).where(where),
  ]);
  return { rows: rows.map((r) => grantView(r.grant, now, { customerName: r.customerName, createdByLabel: r.createdByLabel })), total: count?.n ?? 0 };
}

/** The grants of one customer, and the channels it has not got active yet; an unknown customer is NOT_FOUND. */
export async function grantsForCustomer(db: DbOrTx, customerId: string, now: Date) {
  const [customer] = await db.select({ id: customers.id, name: customers.businessName, email: customers.contactEmail }).from(customers).where(eq(customers.id, customerId));
  if (!customer) throw notFound("Customer");
  const rows = await db
    .select(selection)
    .from(accessGrants)
    .innerJoin(customers, eq(customers.id, accessGrants.customerId))
    .leftJoin(users, sql`${users.id}::text = ${accessGrants.createdBy}`)
    .where(eq(accessGrants.customerId, customerId))
    .orderBy(desc(accessGrants.createdAt))
    .limit(50);
  const toConnect = await missingChannels(db, { customerId, channels: [...allChannels] });
  return { customer, toConnect, grants: rows.map((r) => grantView(r.grant, now, { customerName: r.customerName, createdByLabel: r.createdByLabel })) };
}

const timelineTitles: Partial<Record<AuditAction, string>> = {
  "grant.invited": "Customer invited",
  "grant.email_delivered": "Invite email delivered",
  "grant.link_opened": "Invite link opened",
  "grant.link_reopened": "Used link opened again",
  "grant.session_started": "Customer session started",
  "grant.extended": "Access extended",
  "grant.resent": "New link sent",
  "grant.revoked": "Access revoked",
  "grant.expired": "Access expired",
  "grant.completed": "All requested channels connected",
  "grant.reminder_sent": "Expiry reminder sent",
};

/** Only these metadata values are shown on the timeline, as text; nothing else leaves the log. */
function detail(action: string, m: Record<string, unknown>): string | null {
  const parts: string[] = [];
  if (typeof m.email === "string") parts.push(`to ${m.email}`);
  if (Array.isArray(m.channels)) parts.push(`channels: ${m.channels.join(", ")}`);
  if (typeof m.hours === "number") parts.push(`${m.hours} h`);
  if (typeof m.reason === "string") parts.push(`reason: ${m.reason}`);
  if (typeof m.via === "string") parts.push(m.via === "smtp" ? "sent by email" : "in the outbox (no mail server configured)");
  if (typeof m.channel === "string") parts.push(m.channel);
  if (typeof m.state === "string") parts.push(`state: ${m.state}`);
  if (action === "grant.link_reopened") parts.push(m.sameBrowser ? "same browser" : "from another browser");
  if (typeof m.accessEnded === "boolean" && !m.accessEnded) parts.push("access kept open (auto-revoke off)");
  return parts.length ? parts.join(" · ") : null;
}

/** The access trail of one customer: every grant step plus every channel step, newest first. */
export async function accessTimeline(db: DbOrTx, customerId: string, limit = 100) {
  const [customer] = await db.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId));
  if (!customer) throw notFound("Customer");
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.customerId, customerId), or(sql`${auditLog.action}::text like 'grant.%'`, sql`${auditLog.action}::text like 'channel.%'`)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    title: timelineTitles[r.action] ?? r.action.replace(/^channel\./, "Channel: ").replace(/_/g, " "),
    detail: detail(r.action, r.metadata),
    actor: r.actorType === "customer" ? `Customer (${r.actorLabel})` : r.actorType === "system" ? "System" : r.actorLabel,
    grantId: r.targetType === "grant" ? r.targetId : null,
  }));
}
