import { randomUUID } from "node:crypto";
import { and, eq, gt, lte } from "drizzle-orm";
import { secrets } from "@/server/crypto";
import type { Db, DbOrTx } from "@/server/db/client";
import { channelConnections, channelLoginSessions, type Channel, type ChannelLoginSession } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { IntegrationError } from "@/server/integrations/errors";
import type { DebugToken } from "@/server/integrations/meta/types";
import { audit, type Actor } from "../audit";
import { metaGraphFor } from "../sinch-client";
import { getSettings } from "../settings";
import { ensureConnection, loginTokenCtx } from "./context";
import { REQUIRED_SCOPES } from "./requirements";

export const LOGIN_SESSION_MS = 30 * 60_000;

export type TokenChoice = "user" | "system_user";

/** Step 1 → 2: records the attempt (audited) and marks the channel `connecting` unless it is live. */
export async function beginConnect(db: Db, actor: Actor, customerId: string, channel: Channel, details: Record<string, unknown>) {
  const row = await ensureConnection(db, customerId, channel);
  if (["not_started", "disconnected"].includes(row.state)) {
    await db.update(channelConnections).set({ state: "connecting", stateChangedAt: new Date(), updatedAt: new Date() }).where(eq(channelConnections.id, row.id));
  }
  await audit(db, { actor, action: "channel.connect_started", target: { type: "channel", id: row.id }, customerId, metadata: { channel, previousState: row.state, ...details } });
}

/** Translates Meta's failures during login into what the wizard shows, and audits the failure. */
export async function loginFailure(db: Db, actor: Actor, customerId: string, channel: Channel, err: unknown): Promise<never> {
  const integration = err instanceof IntegrationError ? err : null;
  await audit(db, { actor, action: "channel.login_failed", target: { type: "channel", id: channel }, customerId, metadata: { channel, reason: integration?.code ?? "unknown", fbtraceId: integration?.fbtraceId } });
  if (integration) throw new AppError("UPSTREAM_FAILED", { userMessage: integration.userMessage, reason: integration.code, cause: err });
  throw err;
}

export type LoginResult =
  | { status: "ok"; sessionId: string; tokenType: TokenChoice }
  | { status: "missing_permissions"; missing: string[] };

export function loginTokenType(debug: DebugToken): TokenChoice {
  return debug.type === "SYSTEM_USER" ? "system_user" : "user";
}

/**
 * Step 2 → 3 (Messenger/Instagram): exchange the code (no redirect_uri), check debug_token, keep the
 * long-lived token encrypted in a login session. A narrowed login returns the missing permissions
 * by name instead of failing later.
 */
export async function completeLogin(db: Db, actor: Actor, customerId: string, channel: Exclude<Channel, "WHATSAPP">, code: string): Promise<LoginResult> {
  const graph = await metaGraphFor(db);
  const { "meta.appId": appId } = await getSettings(db, ["meta.appId"]);
  let debug: DebugToken;
  let token: { accessToken: string; expiresAt: Date | null };
  try {
    token = await graph.exchangeCode(code);
    debug = await graph.debugToken(token.accessToken);
    // System-user tokens never expire; user tokens are swapped for the ~60-day kind before storing.
    if (debug.type === "USER") token = await graph.exchangeLongLived(token.accessToken);
  } catch (err) {
    return loginFailure(db, actor, customerId, channel, err);
  }
  if (!debug.isValid || (debug.appId && debug.appId !== appId)) {
    await audit(db, { actor, action: "channel.login_failed", target: { type: "channel", id: channel }, customerId, metadata: { channel, reason: "token_invalid" } });
    throw new AppError("BAD_REQUEST", { userMessage: "Facebook returned a login that is not valid for this app. Please log in again.", reason: "token_invalid" });
  }
  const missing = REQUIRED_SCOPES[channel].filter((s) => !debug.scopes.includes(s));
  if (missing.length) {
    await audit(db, { actor, action: "channel.login_failed", target: { type: "channel", id: channel }, customerId, metadata: { channel, reason: "scope_missing", missing } });
    return { status: "missing_permissions", missing };
  }
  const id = randomUUID();
  const now = new Date();
  await db.delete(channelLoginSessions).where(lte(channelLoginSessions.expiresAt, now));
  await db.insert(channelLoginSessions).values({
    id,
    customerId,
    channel,
    tokenType: loginTokenType(debug),
    tokenCiphertext: secrets().encrypt(token.accessToken, loginTokenCtx(id)),
    tokenExpiresAt: token.expiresAt ?? debug.expiresAt,
    dataAccessExpiresAt: debug.dataAccessExpiresAt,
    grantedScopes: debug.scopes,
    granularScopes: debug.granularScopes,
    createdBy: actor.label,
    expiresAt: new Date(now.getTime() + LOGIN_SESSION_MS),
  });
  await audit(db, {
    actor,
    action: "channel.login_completed",
    target: { type: "channel", id: channel },
    customerId,
    metadata: { channel, loginKind: debug.type, scopes: debug.scopes, sharedAssets: debug.granularScopes.map((g) => ({ scope: g.scope, targets: g.targetIds })) },
  });
  return { status: "ok", sessionId: id, tokenType: loginTokenType(debug) };
}

/** A live login session of this customer and channel, or NOT_FOUND (scoped in the WHERE clause). */
export async function loadLoginSession(db: DbOrTx, customerId: string, channel: Channel, sessionId: string): Promise<ChannelLoginSession & { token: string }> {
  const [row] = await db
    .select()
    .from(channelLoginSessions)
    .where(
      and(
        eq(channelLoginSessions.id, sessionId),
        eq(channelLoginSessions.customerId, customerId),
        eq(channelLoginSessions.channel, channel),
        gt(channelLoginSessions.expiresAt, new Date()),
      ),
    );
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "This Facebook login has expired. Please log in again.", reason: "login_expired" });
  return { ...row, token: secrets().decrypt(row.tokenCiphertext, loginTokenCtx(row.id)) };
}

/** The Embedded Signup or login stopped in the browser (CANCEL / ERROR): audited with where and why. */
export async function recordAbort(db: Db, actor: Actor, customerId: string, channel: Channel, input: { kind: "cancel" | "error"; step?: string; errorRef?: string; metaSessionRef?: string }) {
  await audit(db, {
    actor,
    action: input.kind === "cancel" ? "channel.connect_cancelled" : "channel.login_failed",
    target: { type: "channel", id: channel },
    customerId,
    metadata: { channel, step: input.step ?? null, errorRef: input.errorRef ?? null, metaSessionRef: input.metaSessionRef ?? null },
  });
}
