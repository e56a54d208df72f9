import { AccessEnded } from "@/components/portal/access-ended";
import { env } from "@/env";
import type { SessionResolution } from "@/server/services/customer-session";

/** The "access ended" page for a session that is not (or no longer) valid. */
export function EndedFor({ session }: { session: Extract<SessionResolution, { ok: false }> }) {
  const grant = session.grant;
  return (
    <AccessEnded
      reason={session.reason}
      resellerName={env.RESELLER_NAME}
      endedAt={grant ? (grant.endedAt ?? (session.reason === "expired" ? grant.expiresAt : null)) : null}
      revokeReason={grant?.revokeReason}
      completedBy={grant?.completedByChannel}
    />
  );
}
