import { and, eq, gt, inArray, isNull, lte } from "drizzle-orm";
import type { Db, DbOrTx } from "@/server/db/client";
import { accessGrants, auditLog, channelConnections, customers, type AccessGrant, type Channel } from "@/server/db/schema";
import { audit, systemActor } from "@/server/services/audit";
import { domainEvents } from "@/server/services/events/domain";
import { notifyStaff } from "@/server/services/notifications";
import { queueEmail } from "@/server/services/outbox";
import { getSetting } from "@/server/services/settings";
import { channelList, reminderEmail } from "./emails";

const REMINDER_BEFORE_MS = 24 * 3_600_000;

/** Requested channels of a grant that are not `active` yet. */
export async function missingChannels(db: DbOrTx, grant: Pick<AccessGrant, "customerId" | "channels">): Promise<Channel[]> {
  const requested = grant.channels as Channel[];
  if (!requested.length) return [];
  const rows = await db
    .select({ channel: channelConnections.channel, state: channelConnections.state })
    .from(channelConnections)
    .where(and(eq(channelConnections.customerId, grant.customerId), inArray(channelConnections.channel, requested)));
  const active = new Set(rows.filter((r) => r.state === "active").map((r) => r.channel));
  return requested.filter((c) => !active.has(c));
}

async function customerName(db: DbOrTx, customerId: string) {
  const [row] = await db.select({ name: customers.businessName }).from(customers).where(eq(customers.id, customerId));
  return row?.name ?? "a customer";
}

/**
 * Records every grant whose window has passed (access already stops at `expires_at` on each
 * request; this writes the trail). The conditional UPDATE lets several instances sweep at once.
 */
export async function sweepExpiredGrants(db: Db, now: Date): Promise<number> {
  const expired = await db.transaction(async (tx) => {
    const rows = await tx
      .update(accessGrants)
      .set({ endedAt: accessGrants.expiresAt, endReason: "expired", endedBy: "system" })
      .where(and(isNull(accessGrants.endedAt), lte(accessGrants.expiresAt, now)))
      .returning();
    for (const grant of rows) await domainEvents.accessEnded(tx, grant);
    return rows;
  });
  for (const grant of expired) {
    const missing = await missingChannels(db, grant);
    await audit(db, {
      actor: systemActor("expiry sweep"),
      action: "grant.expired",
      target: { type: "grant", id: grant.id },
      customerId: grant.customerId,
      metadata: { missing, reason: missing.length ? "expired with channels missing" : "expired" },
    });
    if (missing.length) {
      const name = await customerName(db, grant.customerId);
      await notifyStaff(db, {
        kind: "grant.expired_incomplete",
        title: `Access expired for ${name} with work undone`,
        body: `The access of ${grant.invitedEmail} ended before ${channelList(missing)} ${missing.length > 1 ? "were" : "was"} connected. Send a new invite to let them finish.`,
        customerId: grant.customerId,
        href: `/customers/${grant.customerId}`,
        emailUserIds: [grant.createdBy],
      });
    }
  }
  return expired.length;
}

/** One reminder per grant (claimed atomically), 24 h before expiry, only when channels are missing. */
export async function sendExpiryReminders(db: Db, now: Date): Promise<number> {
  const due = await db
    .select()
    .from(accessGrants)
    .where(and(isNull(accessGrants.endedAt), isNull(accessGrants.reminderSentAt), gt(accessGrants.expiresAt, now), lte(accessGrants.expiresAt, new Date(now.getTime() + REMINDER_BEFORE_MS))));
  let sent = 0;
  const publicUrl = (await getSetting(db, "portal.publicUrl")).replace(/\/$/, "");
  for (const grant of due) {
    const missing = await missingChannels(db, grant);
    if (!missing.length) continue;
    const [claimed] = await db
      .update(accessGrants)
      .set({ reminderSentAt: now })
      .where(and(eq(accessGrants.id, grant.id), isNull(accessGrants.reminderSentAt)))
      .returning({ id: accessGrants.id });
    if (!claimed) continue;
    const mail = reminderEmail({ customerName: await customerName(db, grant.customerId), portalUrl: `${publicUrl}/portal`, missing, expiresAt: grant.expiresAt });
    await queueEmail(db, { to: grant.invitedEmail, ...mail, kind: "access.reminder", customerId: grant.customerId, grantId: grant.id });
    await audit(db, { actor: systemActor("reminders"), action: "grant.reminder_sent", target: { type: "grant", id: grant.id }, customerId: grant.customerId, metadata: { missing } });
    sent++;
  }
  return sent;
}

async function alreadyReportedComplete(db: DbOrTx, grantId: string) {
  const [row] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(and(eq(auditLog.action, "grant.completed"), eq(auditLog.targetType, "grant"), eq(auditLog.targetId, grantId)))
    .limit(1);
  return !!row;
}

/**
 * Inside the transaction that makes `channel` active: ends every live auto-revoke grant of the
 * customer that asked for this channel and now has all its channels active, naming `channel` as the
 * one that completed it. Being in that transaction, no reader ever sees the channel active while such
 * a grant is still open. The grants it ended go to `onChannelStateChanged` after commit.
 */
export async function endGrantsCompletedBy(tx: DbOrTx, customerId: string, channel: Channel, now: Date): Promise<AccessGrant[]> {
  const live = await tx
    .select()
    .from(accessGrants)
    .where(and(eq(accessGrants.customerId, customerId), isNull(accessGrants.endedAt), gt(accessGrants.expiresAt, now), eq(accessGrants.autoRevokeOnActive, true)));
  const ended: AccessGrant[] = [];
  for (const grant of live) {
    if (!grant.channels.includes(channel) || (await missingChannels(tx, grant)).length) continue;
    const row = await endCompleted(tx, grant, channel, now);
    if (row) ended.push(row);
  }
  return ended;
}

async function endCompleted(tx: DbOrTx, grant: AccessGrant, channel: Channel | null, now: Date) {
  const [row] = await tx
    .update(accessGrants)
    .set({ endedAt: now, endReason: "completed", endedBy: "system", completedByChannel: channel })
    .where(and(eq(accessGrants.id, grant.id), isNull(accessGrants.endedAt)))
    .returning();
  if (row) await domainEvents.accessEnded(tx, row);
  return row;
}

/** Audits a finished grant and tells the staff member who sent it. */
async function reportCompleted(db: DbOrTx, grant: AccessGrant, accessEnded: boolean) {
  await audit(db, {
    actor: systemActor("channel state"),
    action: "grant.completed",
    target: { type: "grant", id: grant.id },
    customerId: grant.customerId,
    metadata: { channels: grant.channels, accessEnded, completedBy: grant.completedByChannel },
  });
  const name = await customerName(db, grant.customerId);
  await notifyStaff(db, {
    kind: "grant.completed",
    title: `${name} finished connecting channels`,
    body: `${channelList(grant.channels as Channel[])} ${grant.channels.length > 1 ? "are" : "is"} active.${accessEnded ? " The customer's access ended by itself." : " The customer's access stays open until it expires or you revoke it."}`,
    customerId: grant.customerId,
    href: `/customers/${grant.customerId}`,
    emailUserIds: [grant.createdBy],
  });
}

/**
 * Called by the channel flows whenever a channel of this customer changes state (`change.ended`: the
 * grants `endGrantsCompletedBy` already ended in that transaction). A live grant whose requested
 * channels are all `active` is finished: with auto-revoke on (the default) access ends with reason
 * `completed`; either way staff are told once.
 */
export async function onChannelStateChanged(db: Db, customerId: string, now: Date = new Date(), change: { channel?: Channel; ended?: AccessGrant[] } = {}): Promise<{ completed: string[] }> {
  const completed: string[] = [];
  for (const grant of change.ended ?? []) {
    completed.push(grant.id);
    await reportCompleted(db, grant, true);
  }
  const live = await db
    .select()
    .from(accessGrants)
    .where(and(eq(accessGrants.customerId, customerId), isNull(accessGrants.endedAt), gt(accessGrants.expiresAt, now)));
  for (const grant of live) {
    if ((await missingChannels(db, grant)).length) continue;
    if (grant.autoRevokeOnActive) {
      // Reached here when two channels turned active in parallel transactions, neither seeing the other.
      const by = change.channel && grant.channels.includes(change.channel) ? change.channel : null;
      const ended = await db.transaction((tx) => endCompleted(tx, grant, by, now));
      if (!ended) continue;
      completed.push(grant.id);
      await reportCompleted(db, ended, true);
    } else if (!(await alreadyReportedComplete(db, grant.id))) {
      completed.push(grant.id);
      await reportCompleted(db, grant, false);
    }
  }
  return { completed };
}
