import { and, asc, desc, eq, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { channelConnections, customers, type Channel, type ChannelState, type Region } from "@/server/db/schema";
import { latestAccess } from "./access-status";
import { hasChannelSql, healthSql, stageSql, type Health, type Stage } from "./health";

export interface CustomerListQuery {
  search?: string;
  region?: Region;
  channel?: Channel;
  health?: Health;
  stage?: Stage;
  archived?: boolean;
  page: number;
  pageSize: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function whereFor(q: CustomerListQuery): SQL | undefined {
  const where: SQL[] = [q.archived ? isNotNull(customers.archivedAt) : isNull(customers.archivedAt)];
  if (q.search?.trim()) {
    const pattern = `%${escapeLike(q.search.trim())}%`;
    where.push(or(ilike(customers.businessName, pattern), ilike(customers.contactName, pattern), ilike(customers.contactEmail, pattern))!);
  }
  if (q.region) where.push(eq(customers.region, q.region));
  if (q.channel) where.push(hasChannelSql(q.channel));
  if (q.health) where.push(sql`${healthSql} = ${q.health}`);
  if (q.stage) where.push(sql`${stageSql} = ${q.stage}`);
  return and(...where);
}

export interface ChannelSummary {
  channel: Channel;
  state: ChannelState;
}

export async function channelsOf(db: DbOrTx, customerIds: string[]): Promise<Map<string, ChannelSummary[]>> {
  const out = new Map<string, ChannelSummary[]>();
  if (!customerIds.length) return out;
  const rows = await db
    .select({ customerId: channelConnections.customerId, channel: channelConnections.channel, state: channelConnections.state })
    .from(channelConnections)
    .where(inArray(channelConnections.customerId, customerIds))
    .orderBy(asc(channelConnections.channel));
  for (const r of rows) out.set(r.customerId, [...(out.get(r.customerId) ?? []), { channel: r.channel, state: r.state }]);
  return out;
}

/** The directory: every customer for staff (reseller-wide), filtered and paginated in SQL. */
export async function listCustomers(db: DbOrTx, q: CustomerListQuery, now = new Date()) {
  const where = whereFor(q);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: customers.id,
        businessName: customers.businessName,
        contactName: customers.contactName,
        contactEmail: customers.contactEmail,
        region: customers.region,
        projectMode: customers.projectMode,
        setupStatus: customers.setupStatus,
        archivedAt: customers.archivedAt,
        lastActivityAt: customers.lastActivityAt,
        createdAt: customers.createdAt,
        health: healthSql,
        stage: stageSql,
      })
      .from(customers)
      .where(where)
      .orderBy(sql`${customers.lastActivityAt} desc nulls last`, desc(customers.createdAt), desc(customers.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(customers).where(where),
  ]);
  const ids = rows.map((r) => r.id);
  const [channels, access] = await Promise.all([channelsOf(db, ids), latestAccess(db, ids, now)]);
  return {
    total: count?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    rows: rows.map((r) => ({ ...r, channels: channels.get(r.id) ?? [], access: access.get(r.id) ?? { status: "none" as const } })),
  };
}
