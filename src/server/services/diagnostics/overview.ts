import { and, asc, eq, ilike, isNull, notInArray, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { channelConnections, channelHealth, customers, diagnosticRuns, type Channel, type HealthVerdict } from "@/server/db/schema";
import type { CheckResult } from "./engine/types";

const DAY = 86_400_000;
export type OverviewVerdict = HealthVerdict | "unchecked";

export interface OverviewRow {
  customerId: string;
  customerName: string;
  channel: Channel;
  connectionState: string;
  verdict: OverviewVerdict;
  mainReason: string | null;
  mainOwner: string | null;
  lastRunAt: Date | null;
  brokenSince: Date | null;
  reconnectRequired: boolean;
  silent: boolean;
  /** The sooner of token expiry and Meta data-access expiry, with whole days left (negative = past). */
  expiry: { at: Date; daysLeft: number; kind: "token" | "data_access" } | null;
}

function expiryOf(tokenExpiresAt: Date | null, dataAccessExpiresAt: Date | null, now: Date): OverviewRow["expiry"] {
  const candidates = [
    tokenExpiresAt ? { at: tokenExpiresAt, kind: "token" as const } : null,
    dataAccessExpiresAt ? { at: dataAccessExpiresAt, kind: "data_access" as const } : null,
  ].filter((x): x is NonNullable<typeof x> => x !== null);
  const soonest = candidates.sort((a, b) => a.at.getTime() - b.at.getTime())[0];
  return soonest ? { ...soonest, daysLeft: Math.floor((soonest.at.getTime() - now.getTime()) / DAY) } : null;
}

const RANK: Record<OverviewVerdict, number> = { broken: 0, warning: 1, unchecked: 2, healthy: 3 };

/** Every connected customer channel with its latest verdict, worst first. */
export async function healthOverview(db: DbOrTx, q: { verdict?: OverviewVerdict; search?: string }, now = new Date()) {
  const where: SQL[] = [isNull(customers.archivedAt), notInArray(channelConnections.state, ["not_started", "disconnected"])];
  if (q.search?.trim()) where.push(ilike(customers.businessName, `%${q.search.trim().replace(/[%_]/g, "\\$&")}%`));
  const rows = await db
    .select({ c: channelConnections, name: customers.businessName, h: channelHealth, checks: diagnosticRuns.checks })
    .from(channelConnections)
    .innerJoin(customers, eq(customers.id, channelConnections.customerId))
    .leftJoin(channelHealth, eq(channelHealth.connectionId, channelConnections.id))
    .leftJoin(diagnosticRuns, eq(diagnosticRuns.id, channelHealth.lastRunId))
    .where(and(...where))
    .orderBy(asc(customers.businessName), asc(channelConnections.channel));
  const all: OverviewRow[] = rows.map(({ c, name, h, checks }) => ({
    customerId: c.customerId,
    customerName: name,
    channel: c.channel,
    connectionState: c.state,
    verdict: h?.verdict ?? "unchecked",
    mainReason: h?.mainReason ?? null,
    mainOwner: h?.mainOwner ?? null,
    lastRunAt: h?.lastRunAt ?? null,
    brokenSince: h?.brokenSince ?? null,
    reconnectRequired: c.state === "reconnect_required" || (h?.reconnectRequired ?? false),
    silent: ((checks ?? []) as CheckResult[]).some((k) => k.id === "portal.inbound" && k.verdict === "warn" && k.evidence.text.startsWith("Silent")),
    expiry: expiryOf(c.tokenExpiresAt, c.dataAccessExpiresAt, now),
  }));
  const counts = { healthy: 0, warning: 0, broken: 0, unchecked: 0 } satisfies Record<OverviewVerdict, number>;
  for (const r of all) counts[r.verdict]++;
  const filtered = q.verdict ? all.filter((r) => r.verdict === q.verdict) : all;
  filtered.sort((a, b) => RANK[a.verdict] - RANK[b.verdict]);
  return { rows: filtered, counts };
}
