import { E, graphError } from "./errors";
import type { MetaState } from "./state";
import type { Grant, GraphErrorShape, MetaPage, TokenRecord } from "./types";

export type Inspection =
  | { ok: true; rec: TokenRecord; grant: Grant }
  | { ok: false; err: GraphErrorShape; rec?: TokenRecord; grant?: Grant };

/**
 * Validity of a token the way Graph reports it. Order matters: a removed app or changed password
 * dominates expiry, as on the real platform the session is gone before its clock runs out.
 */
export function inspectToken(state: MetaState, token: string | undefined | null): Inspection {
  if (!token) return { ok: false, err: E.noToken() };
  const rec = state.tokens.get(token);
  const grant = rec ? state.grants.get(rec.grantId) : undefined;
  if (!rec || !grant) return { ok: false, err: E.badToken() };
  const user = state.users.get(grant.userId);
  if (!user) return { ok: false, rec, grant, err: E.badToken() };
  if (user.appEpoch !== grant.appEpoch) return { ok: false, rec, grant, err: E.appRemoved(state.config.appId) };
  // Business integration system-user tokens are not tied to the person's Facebook session.
  if (grant.tokenType !== "SYSTEM_USER" && user.passwordEpoch !== grant.passwordEpoch) {
    return { ok: false, rec, grant, err: E.passwordChanged() };
  }
  if (rec.type === "PAGE" && grant.tokenType === "USER" && rec.pageId) {
    const page = state.pages.get(rec.pageId);
    if (!page || (page.roles[user.id] === undefined && !state.businessPathToPage(user.id, page))) {
      return { ok: false, rec, grant, err: E.noPageRole() };
    }
  }
  const now = state.nowS();
  if (rec.expiresAt !== 0 && rec.expiresAt <= now) return { ok: false, rec, grant, err: E.expired(rec.expiresAt, now) };
  if (grant.tokenType !== "SYSTEM_USER" && dataAccessExpiresAt(rec, grant) <= now) return { ok: false, rec, grant, err: E.dataAccessExpired() };
  return { ok: true, rec, grant };
}

export function dataAccessExpiresAt(rec: TokenRecord, grant: Grant): number {
  return rec.dataAccessExpiresAt ?? grant.dataAccessExpiresAt;
}

/** Inspection or a thrown Graph error. */
export function requireToken(state: MetaState, token: string | undefined | null): { rec: TokenRecord; grant: Grant } {
  const r = inspectToken(state, token);
  if (!r.ok) throw graphError(r.err);
  return r;
}

export function targetIdsFor(scope: string, grant: Grant): string[] {
  if (scope.startsWith("pages_")) return [...grant.pageIds];
  if (scope.startsWith("instagram_")) return [...grant.igIds];
  if (scope.startsWith("whatsapp_")) return [...grant.wabaIds];
  if (scope === "business_management") return [...grant.businessIds];
  return [];
}

export function granularScopes(grant: Grant): Array<{ scope: string; target_ids: string[] }> {
  return grant.granted.map((scope) => ({ scope, target_ids: targetIdsFor(scope, grant) }));
}

export function missingScope(grant: Grant, required: string[]): string | undefined {
  return required.find((s) => !grant.granted.includes(s));
}

/** Which Page a token may act for: the Page itself, or a shared Page the login can reach. */
export function tokenCoversPage(state: MetaState, rec: TokenRecord, grant: Grant, page: MetaPage): boolean {
  if (rec.type === "PAGE") return rec.pageId === page.id;
  if (!grant.pageIds.includes(page.id)) return false;
  if (grant.tokenType === "SYSTEM_USER") return true;
  return page.roles[grant.userId] !== undefined || state.businessPathToPage(grant.userId, page);
}

export function tokenCoversWaba(grant: Grant, wabaId: string): boolean {
  return grant.wabaIds.includes(wabaId);
}

/** Identity behind a token as `/me` sees it. */
export function tokenSubject(state: MetaState, rec: TokenRecord, grant: Grant): { id: string; name: string } {
  if (rec.type === "PAGE" && rec.pageId) return { id: rec.pageId, name: state.pages.get(rec.pageId)?.name ?? "" };
  if (grant.tokenType === "SYSTEM_USER") {
    const biz = grant.businessId ? state.businesses.get(grant.businessId) : undefined;
    return { id: grant.systemUserId ?? grant.userId, name: `${biz?.name ?? "Business"} system user` };
  }
  return { id: grant.userId, name: state.users.get(grant.userId)?.name ?? "" };
}
