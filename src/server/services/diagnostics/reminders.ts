import { and, eq, gt, isNull, lte, notInArray, or, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { channelConnections, channelHealth, customers } from "@/server/db/schema";
import { systemActor } from "@/server/services/audit";
import { CHANNEL_LABEL } from "@/server/services/channels/requirements";
import { notifyStaff } from "@/server/services/notifications";
import { EXPIRY_WARNING_DAYS } from "./engine";
import { sendReconnectLink } from "./fixes/reconnect";
import { diagnosisHref } from "./health-state";

export const REMINDER_JOB = "diagnostics.data-access-reminders";
const DAY = 86_400_000;

/**
 * 14 days before Meta's data access lapses, the customer gets a link to log in again (which renews
 * it) and staff get a notice. Sent once per expiry date: a fresh login moves the date and re-arms it.
 */
export async function sendDataAccessReminders(db: Db, now = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() + EXPIRY_WARNING_DAYS * DAY);
  const due = await db
    .select({ c: channelConnections, name: customers.businessName, remindedFor: channelHealth.dataAccessReminderFor })
    .from(channelConnections)
    .innerJoin(customers, eq(customers.id, channelConnections.customerId))
    .leftJoin(channelHealth, eq(channelHealth.connectionId, channelConnections.id))
    .where(
      and(
        isNull(customers.archivedAt),
        notInArray(channelConnections.state, ["not_started", "disconnected"]),
        gt(channelConnections.dataAccessExpiresAt, now),
        lte(channelConnections.dataAccessExpiresAt, horizon),
        or(isNull(channelHealth.dataAccessReminderFor), sql`${channelHealth.dataAccessReminderFor} <> ${channelConnections.dataAccessExpiresAt}`),
      ),
    );
  for (const { c, name } of due) {
    const expiresAt = c.dataAccessExpiresAt!;
    const days = Math.ceil((expiresAt.getTime() - now.getTime()) / DAY);
    await sendReconnectLink(db, systemActor("data access reminder"), { customerId: c.customerId, channel: c.channel, dataAccessExpiresAt: expiresAt }, now);
    await notifyStaff(db, {
      kind: "channel.data_access_expiring",
      title: `${name}: ${CHANNEL_LABEL[c.channel]} data access expires in ${days} days`,
      body: `The customer was emailed a link to log in again before ${expiresAt.toISOString().slice(0, 10)}.`,
      customerId: c.customerId,
      href: diagnosisHref(c.customerId, c.channel),
    });
    await db
      .insert(channelHealth)
      .values({ connectionId: c.id, customerId: c.customerId, channel: c.channel, verdict: "warning", mainReason: `Data access expires in ${days} days.`, mainOwner: "customer", lastRunAt: now, dataAccessReminderFor: expiresAt })
      .onConflictDoUpdate({ target: channelHealth.connectionId, set: { dataAccessReminderFor: expiresAt, updatedAt: now } });
  }
  return due.length;
}
