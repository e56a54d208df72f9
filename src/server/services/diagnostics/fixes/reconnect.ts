import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { accessGrants, customers, type Channel } from "@/server/db/schema";
import { AppError, notFound } from "@/server/errors";
import { newLinkToken, sha256Hex } from "@/server/lib/tokens";
import { accessLimits } from "@/server/services/access/grants";
import { audit, type Actor } from "@/server/services/audit";
import { domainEvents } from "@/server/services/events/domain";
import { queueEmail } from "@/server/services/outbox";
import { dataAccessReminderEmail, reconnectEmail } from "../emails";

const HOUR = 3_600_000;

export interface ReconnectLinkInput {
  customerId: string;
  channel: Channel;
  /** Plain-language reason put in the email (the diagnosis' main reason); never a secret. */
  reason?: string | null;
  /** `data_access_expires_at` for the 14-day reminder wording. */
  dataAccessExpiresAt?: Date;
  email?: string;
}

/**
 * A new temporary grant of kind `reconnect` for exactly one channel, emailed to the customer. Earlier
 * live reconnect grants for the same channel end as `superseded`, so only the newest link works.
 */
export async function sendReconnectLink(db: Db, actor: Actor, input: ReconnectLinkInput, now = new Date()) {
  const [customer] = await db.select().from(customers).where(eq(customers.id, input.customerId));
  if (!customer) throw notFound("Customer");
  if (customer.archivedAt) throw new AppError("PRECONDITION_FAILED", { userMessage: "This customer is archived. Unarchive it before sending a reconnect link.", reason: "archived" });
  const limits = await accessLimits(db);
  const token = newLinkToken();
  const expiresAt = new Date(now.getTime() + limits.defaultHours * HOUR);
  const to = (input.email ?? customer.contactEmail).trim().toLowerCase();
  const link = `${limits.publicUrl}/access/${token}`;
  // The email is queued after the commit: with an embedded database the job queue shares the one
  // connection, so enqueueing inside the transaction would wait on the transaction itself.
  const grant = await db.transaction(async (tx) => {
    const superseded = await tx
      .update(accessGrants)
      .set({ endedAt: now, endReason: "superseded", endedBy: actor.label })
      .where(
        and(
          eq(accessGrants.customerId, customer.id),
          eq(accessGrants.kind, "reconnect"),
          isNull(accessGrants.endedAt),
          gt(accessGrants.expiresAt, now),
          sql`${accessGrants.channels} = array[${input.channel}]::text[]`,
        ),
      )
      .returning();
    for (const ended of superseded) await domainEvents.accessEnded(tx, ended);
    const [row] = await tx
      .insert(accessGrants)
      .values({
        customerId: customer.id,
        kind: "reconnect",
        invitedEmail: to,
        channels: [input.channel],
        note: input.reason?.slice(0, 500) ?? null,
        tokenHash: sha256Hex(token),
        expiresAt,
        autoRevokeOnActive: true,
        createdBy: actor.id ?? actor.label,
        createdAt: now,
      })
      .returning();
    await audit(tx, {
      actor,
      action: "grant.invited",
      target: { type: "grant", id: row!.id },
      customerId: customer.id,
      metadata: { kind: "reconnect", email: to, channels: [input.channel], hours: limits.defaultHours },
    });
    return row!;
  });
  const mail = input.dataAccessExpiresAt
    ? dataAccessReminderEmail({ customerName: customer.businessName, channel: input.channel, expiresAt: input.dataAccessExpiresAt, link, linkExpiresAt: expiresAt })
    : reconnectEmail({ customerName: customer.businessName, channel: input.channel, link, expiresAt, reason: input.reason ?? null });
  await queueEmail(db, { to, ...mail, kind: input.dataAccessExpiresAt ? "diagnostics.data_access_reminder" : "diagnostics.reconnect", customerId: customer.id, grantId: grant.id });
  return { grantId: grant.id, email: to, expiresAt };
}
