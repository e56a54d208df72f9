import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { accessGrants, customerSessions, type AccessGrant } from "@/server/db/schema";
import { blockedUntil, recordFailure } from "@/server/auth/rate-limit";
import { newLinkToken, sha256Hex } from "@/server/lib/tokens";
import { audit } from "@/server/services/audit";
import { domainEvents } from "@/server/services/events/domain";
import { notifyStaff } from "@/server/services/notifications";
import { grantState } from "./grant-view";

/**
 * Every invalid link open (unknown, used, expired, revoked: one bucket, so the answers cannot be
 * told apart by their limits) counts against the caller's IP, in the login-attempts counter table.
 */
export const LINK_RATE_KEY = "access-link-open";
export const LINK_LIMITS = { maxFailures: 20, blockMinutes: 15 };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export type ExchangeResult =
  | { ok: true; sessionToken: string; browserId: string; grant: AccessGrant }
  | { ok: false; browserId: string; limited: boolean };

/** A random id kept in a long-lived cookie, to tell a second browser from the first one. */
export const newBrowserId = () => newLinkToken();

/**
 * Exchanges a link token for a customer session: one conditional UPDATE marks the link used, so of
 * any number of concurrent opens exactly one wins. Every failure looks the same to the caller.
 */
export async function exchangeLink(db: Db, input: { token: string; browserId?: string; ip: string; now: Date }): Promise<ExchangeResult> {
  const { now, ip } = input;
  const browserId = input.browserId && TOKEN_SHAPE.test(input.browserId) ? input.browserId : newBrowserId();
  const browserHash = sha256Hex(browserId);
  if (await blockedUntil(db, LINK_RATE_KEY, ip, now)) return { ok: false, browserId, limited: true };
  const tokenHash = TOKEN_SHAPE.test(input.token) ? sha256Hex(input.token) : null;

  const won = tokenHash
    ? await db.transaction(async (tx) => {
        const [grant] = await tx
          .update(accessGrants)
          .set({ usedAt: now, firstBrowserHash: browserHash })
          .where(and(eq(accessGrants.tokenHash, tokenHash), isNull(accessGrants.usedAt), isNull(accessGrants.endedAt), gt(accessGrants.expiresAt, now)))
          .returning();
        if (!grant) return undefined;
        const sessionToken = newLinkToken();
        await tx.insert(customerSessions).values({ grantId: grant.id, tokenHash: sha256Hex(sessionToken), createdAt: now, lastSeenAt: now });
        const actor = { type: "customer" as const, id: grant.id, label: grant.invitedEmail };
        const target = { type: "grant", id: grant.id };
        await audit(tx, { actor, action: "grant.link_opened", target, customerId: grant.customerId, metadata: { ip } });
        await audit(tx, { actor, action: "grant.session_started", target, customerId: grant.customerId, metadata: {} });
        await domainEvents.accessAccepted(tx, grant, now);
        return { grant, sessionToken };
      })
    : undefined;
  if (won) return { ok: true, sessionToken: won.sessionToken, browserId, grant: won.grant };

  await recordFailure(db, LINK_RATE_KEY, ip, now, LINK_LIMITS);
  if (tokenHash) await noticeReopen(db, tokenHash, browserHash, ip, now);
  return { ok: false, browserId, limited: false };
}

/**
 * A used link opened again. From another browser while access is still live it may have been
 * forwarded: staff are told (in-app and by email to whoever invited).
 */
async function noticeReopen(db: Db, tokenHash: string, browserHash: string, ip: string, now: Date) {
  const [grant] = await db.select().from(accessGrants).where(eq(accessGrants.tokenHash, tokenHash));
  if (!grant?.usedAt) return;
  const sameBrowser = grant.firstBrowserHash === browserHash;
  await audit(db, {
    actor: { type: "system", label: "access link" },
    action: "grant.link_reopened",
    target: { type: "grant", id: grant.id },
    customerId: grant.customerId,
    metadata: { sameBrowser, ip },
  });
  if (sameBrowser || grantState(grant, now).state === "ended") return;
  await notifyStaff(db, {
    kind: "grant.link_forwarded",
    title: `Invite link opened from a second browser`,
    body: `The single-use link sent to ${grant.invitedEmail} was opened again from a different browser after it had been used. It may have been forwarded. The second browser was refused; revoke the access if this was not expected.`,
    customerId: grant.customerId,
    href: `/customers/${grant.customerId}`,
    emailUserIds: [grant.createdBy],
  });
}

/** Ends one browser session (the customer's "sign out"); the grant itself stays as it is. */
export async function endCustomerSession(db: Db, sessionToken: string) {
  await db.delete(customerSessions).where(eq(customerSessions.tokenHash, sha256Hex(sessionToken)));
}
