import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { customers, messageStats } from "@/server/db/schema";
import { notFound } from "@/server/errors";

export const statsRanges = ["24h", "7d", "30d"] as const;
export type StatsRange = (typeof statsRanges)[number];
export const statsChannels = ["MESSENGER", "INSTAGRAM", "WHATSAPP"] as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface Counts {
  inbound: number;
  outbound: number;
  delivered: number;
  failed: number;
}

/** 24 h in hours; 7 and 30 days in UTC days, today included. */
export function windowOf(range: StatsRange, now: Date): { grain: "hour" | "day"; buckets: Date[] } {
  const [grain, step, count] = range === "24h" ? (["hour", HOUR, 24] as const) : (["day", DAY, range === "7d" ? 7 : 30] as const);
  const last = Math.floor(now.getTime() / step) * step;
  return { grain, buckets: Array.from({ length: count }, (_, i) => new Date(last - (count - 1 - i) * step)) };
}

const zero = (): Counts => ({ inbound: 0, outbound: 0, delivered: 0, failed: 0 });
const sums = {
  inbound: sql<number>`sum(${messageStats.inbound})::int`,
  outbound: sql<number>`sum(${messageStats.outbound})::int`,
  delivered: sql<number>`sum(${messageStats.delivered})::int`,
  failed: sql<number>`sum(${messageStats.failed})::int`,
};

function add(into: Counts, row: Counts) {
  into.inbound += row.inbound;
  into.outbound += row.outbound;
  into.delivered += row.delivered;
  into.failed += row.failed;
}

/**
 * Volume and delivery outcome per bucket (every bucket present, zeros included), plus totals per
 * channel. Reads only the rollup: `customerId` uses its (customer, grain, bucket) index, the
 * portal-wide view the primary key's (grain, bucket) prefix.
 */
export async function messageVolume(db: DbOrTx, opts: { range: StatsRange; customerId?: string; channel?: string; now?: Date }) {
  const { grain, buckets } = windowOf(opts.range, opts.now ?? new Date());
  const where: SQL[] = [eq(messageStats.grain, grain), gte(messageStats.bucket, buckets[0]!)];
  if (opts.customerId) where.push(eq(messageStats.customerId, opts.customerId));
  const rows = await db
    .select({ bucket: messageStats.bucket, channel: messageStats.channel, ...sums })
    .from(messageStats)
    .where(and(...where))
    .groupBy(messageStats.bucket, messageStats.channel);
  const series = new Map(buckets.map((b) => [b.getTime(), zero()]));
  const channels = new Map<string, Counts>(statsChannels.map((c) => [c, zero()]));
  for (const row of rows) {
    const point = series.get(new Date(row.bucket).getTime());
    if (!point) continue;
    if (!channels.has(row.channel)) channels.set(row.channel, zero());
    add(channels.get(row.channel)!, row);
    if (!opts.channel || opts.channel === row.channel) add(point, row);
  }
  const totals = zero();
  for (const point of series.values()) add(totals, point);
  return {
    range: opts.range,
    grain,
    series: buckets.map((b) => ({ at: b, ...series.get(b.getTime())! })),
    channels: [...channels].map(([channel, counts]) => ({ channel, ...counts })),
    totals,
  };
}

export async function customerVolume(db: DbOrTx, opts: { customerId: string; range: StatsRange; channel?: string; now?: Date }) {
  const [found] = await db.select({ id: customers.id }).from(customers).where(eq(customers.id, opts.customerId));
  if (!found) throw notFound("Customer");
  return messageVolume(db, opts);
}

/** The busiest customers of the window, with their delivery outcome. */
export async function topCustomers(db: DbOrTx, opts: { range: StatsRange; channel?: string; limit: number; now?: Date }) {
  const { grain, buckets } = windowOf(opts.range, opts.now ?? new Date());
  const where: SQL[] = [eq(messageStats.grain, grain), gte(messageStats.bucket, buckets[0]!), lt(messageStats.bucket, new Date(buckets.at(-1)!.getTime() + (grain === "hour" ? HOUR : DAY)))];
  if (opts.channel) where.push(eq(messageStats.channel, opts.channel));
  const volume = sql<number>`sum(${messageStats.inbound} + ${messageStats.outbound})`;
  const top = db
    .select({
      customerId: messageStats.customerId,
      inbound: sums.inbound.as("inbound"),
      outbound: sums.outbound.as("outbound"),
      delivered: sums.delivered.as("delivered"),
      failed: sums.failed.as("failed"),
      volume: volume.as("volume"),
    })
    .from(messageStats)
    .where(and(...where))
    .groupBy(messageStats.customerId)
    .orderBy(desc(volume))
    .limit(opts.limit)
    .as("top");
  return db
    .select({ customerId: top.customerId, name: customers.businessName, inbound: top.inbound, outbound: top.outbound, delivered: top.delivered, failed: top.failed })
    .from(top)
    .innerJoin(customers, eq(customers.id, top.customerId))
    .orderBy(desc(top.volume), customers.businessName);
}
