import type { AccessGrant, Channel, GrantEndReason } from "@/server/db/schema";
import { grantEndedReason } from "@/server/services/customer-session";

/** invited: link not opened yet; active: a customer session exists; ended: no access any more. */
export type GrantState = "invited" | "active" | "ended";

export function grantState(grant: AccessGrant, now: Date): { state: GrantState; endReason: GrantEndReason | null } {
  const endReason = grantEndedReason(grant, now);
  if (endReason) return { state: "ended", endReason };
  return { state: grant.usedAt ? "active" : "invited", endReason: null };
}

/**
 * The only shape a grant leaves the server in: no token hash, no browser fingerprint. When the
 * sweep has not yet recorded an expiry, `endedAt` is the expiry time itself.
 */
export function grantView(grant: AccessGrant, now: Date, extra: { customerName?: string; createdByLabel?: string | null } = {}) {
  const { state, endReason } = grantState(grant, now);
  return {
    id: grant.id,
    customerId: grant.customerId,
    customerName: extra.customerName ?? null,
    kind: grant.kind,
    invitedEmail: grant.invitedEmail,
    channels: grant.channels as Channel[],
    note: grant.note,
    state,
    endReason,
    revokeReason: grant.revokeReason,
    endedBy: grant.endedBy,
    endedAt: grant.endedAt ?? (endReason === "expired" ? grant.expiresAt : null),
    expiresAt: grant.expiresAt,
    usedAt: grant.usedAt,
    autoRevokeOnActive: grant.autoRevokeOnActive,
    reminderSentAt: grant.reminderSentAt,
    createdBy: extra.createdByLabel ?? null,
    createdAt: grant.createdAt,
  };
}
export type GrantView = ReturnType<typeof grantView>;
