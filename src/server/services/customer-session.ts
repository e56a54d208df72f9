import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { accessGrants, customerSessions, type AccessGrant, type GrantEndReason } from "@/server/db/schema";
import { sha256Hex } from "@/server/lib/tokens";

export type SessionResolution =
  | { ok: true; grant: AccessGrant; sessionId: string }
  | { ok: false; reason: "no_session" | GrantEndReason; grant?: AccessGrant };

/** Grant state at `now`: ended (with why) or live. Expiry is exact: a grant is over at `expires_at`. */
export function grantEndedReason(grant: AccessGrant, now: Date): GrantEndReason | null {
  if (grant.endReason) return grant.endReason;
  if (grant.expiresAt.getTime() <= now.getTime()) return "expired";
  return null;
}

/** Checked on every customer request, so a revoke or expiry applies on the very next one. */
export async function resolveCustomerSession(db: DbOrTx, sessionToken: string, now: Date): Promise<SessionResolution> {
  if (!sessionToken) return { ok: false, reason: "no_session" };
  const [row] = await db
    .select({ session: customerSessions, grant: accessGrants })
    .from(customerSessions)
    .innerJoin(accessGrants, eq(accessGrants.id, customerSessions.grantId))
    .where(eq(customerSessions.tokenHash, sha256Hex(sessionToken)));
  if (!row) return { ok: false, reason: "no_session" };
  const ended = grantEndedReason(row.grant, now);
  if (ended) return { ok: false, reason: ended, grant: row.grant };
  return { ok: true, grant: row.grant, sessionId: row.session.id };
}
