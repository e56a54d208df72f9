import { and, desc, eq, gte, lt, max, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { conversations, deliveryReports, messages, type Channel } from "@/server/db/schema";
import { signatureFailuresFor } from "@/server/services/inbox/failures";
import type { Signals } from "../engine/types";

const DAY = 86_400_000;
const BASELINE_DAYS = 14;
const RECENT_REPORTS = 20;

/** The portal's own evidence: inbound rate, delivery reports, rejected callbacks. */
export async function gatherPortalSignals(db: DbOrTx, q: { customerId: string; appId: string; channel: Channel; now: Date }): Promise<Signals["portal"]> {
  const dayAgo = new Date(q.now.getTime() - DAY);
  const baselineFrom = new Date(dayAgo.getTime() - BASELINE_DAYS * DAY);
  const convScope = and(eq(conversations.customerId, q.customerId), eq(conversations.appId, q.appId), eq(conversations.channel, q.channel));
  const inboundSince = (from: Date, to: Date) =>
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(messages)
      .innerJoin(conversations, eq(messages.conversationId, conversations.id))
      .where(and(convScope, eq(messages.direction, "inbound"), gte(messages.sentAt, from), lt(messages.sentAt, to)));

  const [[last], reports, [recent], [baseline], failures] = await Promise.all([
    db.select({ at: max(conversations.lastInboundAt) }).from(conversations).where(convScope),
    db
      .select({ status: deliveryReports.status, reasonCode: deliveryReports.reasonCode, reasonSubCode: deliveryReports.reasonSubCode, description: deliveryReports.reasonDescription, at: deliveryReports.at })
      .from(deliveryReports)
      .where(and(eq(deliveryReports.appId, q.appId), eq(deliveryReports.channel, q.channel)))
      .orderBy(desc(deliveryReports.at), desc(deliveryReports.id))
      .limit(RECENT_REPORTS),
    inboundSince(dayAgo, q.now),
    inboundSince(baselineFrom, dayAgo),
    signatureFailuresFor(db, q.appId),
  ]);
  return {
    lastInboundAt: last?.at ? new Date(last.at) : null,
    lastReportAt: reports[0]?.at ?? null,
    recentReports: reports,
    signatureFailures: failures.map((f) => ({ reason: f.reason, count: Number(f.count), lastAt: f.lastAt })),
    inboundLast24h: recent?.n ?? 0,
    inboundDailyBaseline: (baseline?.n ?? 0) / BASELINE_DAYS,
  };
}
