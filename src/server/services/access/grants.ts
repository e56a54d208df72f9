import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db, DbOrTx } from "@/server/db/client";
import { accessGrants, customers, type AccessGrant, type Channel } from "@/server/db/schema";
import { AppError, notFound } from "@/server/errors";
import { newLinkToken, sha256Hex } from "@/server/lib/tokens";
import { audit, type Actor } from "@/server/services/audit";
import { domainEvents } from "@/server/services/events/domain";
import { queueEmail, requestDelivery } from "@/server/services/outbox";
import { getSettings } from "@/server/services/settings";
import { inviteEmail } from "./emails";
import { grantState, grantView } from "./grant-view";

const HOUR = 3_600_000;

export interface InviteInput {
  customerId: string;
  email: string;
  channels: Channel[];
  /** Access window; defaults to the `access.defaultHours` setting, capped by `access.maxHours`. */
  hours?: number;
  note?: string | null;
  autoRevokeOnActive?: boolean;
}

export async function accessLimits(db: DbOrTx) {
  const s = await getSettings(db, ["access.defaultHours", "access.maxHours", "portal.publicUrl"]);
  return { defaultHours: Math.min(s["access.defaultHours"], s["access.maxHours"]), maxHours: s["access.maxHours"], publicUrl: s["portal.publicUrl"].replace(/\/$/, "") };
}

const tooLong = (maxHours: number) =>
  new AppError("BAD_REQUEST", {
    userMessage: `Access can last at most ${maxHours} hours from now.`,
    fieldErrors: { hours: `At most ${maxHours} hours (the maximum set by an admin).` },
    reason: "window_too_long",
  });

async function liveCustomer(db: DbOrTx, customerId: string) {
  const [customer] = await db.select().from(customers).where(and(eq(customers.id, customerId), isNull(customers.archivedAt)));
  if (!customer) throw notFound("Customer");
  return customer;
}

/** A grant by id; unknown ids are NOT_FOUND. */
export async function findGrant(db: DbOrTx, grantId: string): Promise<AccessGrant> {
  const [grant] = await db.select().from(accessGrants).where(eq(accessGrants.id, grantId));
  if (!grant) throw notFound("Access grant");
  return grant;
}

/** Queues the link email inside the caller's transaction; delivery is requested after commit. */
async function sendLink(db: DbOrTx, grant: AccessGrant, token: string, customerName: string, publicUrl: string, resend: boolean) {
  const mail = inviteEmail({ customerName, link: `${publicUrl}/access/${token}`, channels: grant.channels as Channel[], expiresAt: grant.expiresAt, note: grant.note, resend });
  const email = await queueEmail(db, { to: grant.invitedEmail, ...mail, kind: resend ? "access.resend" : "access.invite", customerId: grant.customerId, grantId: grant.id }, { defer: true });
  return email.id;
}

/** Creates the grant and queues the invite email; the token exists in clear only inside that email. */
export async function inviteCustomer(db: Db, actor: Actor, input: InviteInput, now: Date) {
  const limits = await accessLimits(db);
  const hours = input.hours ?? limits.defaultHours;
  if (hours > limits.maxHours) throw tooLong(limits.maxHours);
  const customer = await liveCustomer(db, input.customerId);
  const token = newLinkToken();
  let emailId = "";
  const grant = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(accessGrants)
      .values({
        customerId: customer.id,
        invitedEmail: input.email.trim().toLowerCase(),
        channels: [...new Set(input.channels)],
        note: input.note?.trim() || null,
        tokenHash: sha256Hex(token),
        expiresAt: new Date(now.getTime() + hours * HOUR),
        autoRevokeOnActive: input.autoRevokeOnActive ?? true,
        createdBy: actor.id ?? actor.label,
        createdAt: now,
      })
      .returning();
    const row = inserted!;
    emailId = await sendLink(tx, row, token, customer.businessName, limits.publicUrl, false);
    await audit(tx, {
      actor,
      action: "grant.invited",
      target: { type: "grant", id: row.id },
      customerId: customer.id,
      metadata: { email: row.invitedEmail, channels: row.channels, hours, autoRevokeOnActive: row.autoRevokeOnActive },
    });
    return row;
  });
  await requestDelivery([emailId]);
  return grantView(grant, now, { customerName: customer.businessName });
}

const alreadyEnded = () =>
  new AppError("PRECONDITION_FAILED", { userMessage: "This access has already ended. Send a new invite instead.", reason: "grant_ended" });

function requireLive(grant: AccessGrant, now: Date) {
  if (grantState(grant, now).state === "ended") throw alreadyEnded();
}

/** Adds hours to the current expiry; the result may not lie more than `access.maxHours` from now. */
export async function extendGrant(db: Db, actor: Actor, input: { grantId: string; hours: number }, now: Date) {
  const { maxHours } = await accessLimits(db);
  const grant = await findGrant(db, input.grantId);
  requireLive(grant, now);
  const expiresAt = new Date(grant.expiresAt.getTime() + input.hours * HOUR);
  if (expiresAt.getTime() - now.getTime() > maxHours * HOUR) throw tooLong(maxHours);
  const [row] = await db
    .update(accessGrants)
    .set({ expiresAt, reminderSentAt: null })
    .where(and(eq(accessGrants.id, grant.id), isNull(accessGrants.endedAt), gt(accessGrants.expiresAt, now)))
    .returning();
  if (!row) throw alreadyEnded();
  await audit(db, {
    actor,
    action: "grant.extended",
    target: { type: "grant", id: grant.id },
    customerId: grant.customerId,
    metadata: { hours: input.hours, from: grant.expiresAt.toISOString(), to: expiresAt.toISOString() },
  });
  return grantView(row, now);
}

/** A new link for a live grant: the old token hash is replaced, so the old link stops working. */
export async function resendGrant(db: Db, actor: Actor, input: { grantId: string }, now: Date) {
  const limits = await accessLimits(db);
  const grant = await findGrant(db, input.grantId);
  requireLive(grant, now);
  const customer = await liveCustomer(db, grant.customerId);
  const token = newLinkToken();
  let emailId = "";
  const row = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(accessGrants)
      .set({ tokenHash: sha256Hex(token), usedAt: null, firstBrowserHash: null })
      .where(and(eq(accessGrants.id, grant.id), isNull(accessGrants.endedAt), gt(accessGrants.expiresAt, now)))
      .returning();
    if (!updated) return undefined;
    emailId = await sendLink(tx, updated, token, customer.businessName, limits.publicUrl, true);
    await audit(tx, { actor, action: "grant.resent", target: { type: "grant", id: grant.id }, customerId: grant.customerId, metadata: { email: updated.invitedEmail } });
    return updated;
  });
  if (!row) throw alreadyEnded();
  await requestDelivery([emailId]);
  return grantView(row, now, { customerName: customer.businessName });
}

/** Ends access now. The customer's very next request sees the grant ended (checked per request). */
export async function revokeGrant(db: Db, actor: Actor, input: { grantId: string; reason: string }, now: Date) {
  const grant = await findGrant(db, input.grantId);
  requireLive(grant, now);
  const row = await db.transaction(async (tx) => {
    const [ended] = await tx
      .update(accessGrants)
      .set({ endedAt: now, endReason: "revoked", endedBy: actor.label, revokeReason: input.reason.trim() })
      .where(and(eq(accessGrants.id, grant.id), isNull(accessGrants.endedAt)))
      .returning();
    if (ended) await domainEvents.accessEnded(tx, ended);
    return ended;
  });
  if (!row) throw alreadyEnded();
  await audit(db, { actor, action: "grant.revoked", target: { type: "grant", id: grant.id }, customerId: grant.customerId, metadata: { reason: row.revokeReason } });
  return grantView(row, now);
}
