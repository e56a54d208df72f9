import type { Router } from "../http";
import { badRequest, body, bool, need, oneOf, str, strList } from "./control-util";
import { patchPhone } from "./control-seed";
import { systemUserOf } from "./dialog-routes";
import { SCOPES_BY_CHANNEL, type MetaState } from "./state";

const P = "/_emulator/meta";

/** Control routes that break (or repair) things: one switch per Meta-side troubleshooting row. */
export function registerSwitchControl(router: Router, state: MetaState): void {
  router.add("POST", `${P}/users/:userId/password-change`, (req, res) => {
    const user = need(state.users.get(req.params.userId!), "user", req.params.userId!);
    user.passwordEpoch += 1;
    res.json({ ok: true, user });
  });

  router.add("POST", `${P}/users/:userId/app-role`, (req, res) => {
    const user = need(state.users.get(req.params.userId!), "user", req.params.userId!);
    user.appRole = bool(body(req), "enabled") ?? true;
    res.json(user);
  });

  router.add("POST", `${P}/pages/:pageId/remove-role`, (req, res) => {
    const page = need(state.pages.get(req.params.pageId!), "page", req.params.pageId!);
    const userId = str(body(req), "userId", true);
    need(state.users.get(userId), "user", userId);
    delete page.roles[userId];
    res.json({ ok: true, page });
  });

  router.add("POST", `${P}/apps/remove`, (req, res) => {
    const userId = str(body(req), "userId", true);
    const user = need(state.users.get(userId), "user", userId);
    user.appEpoch += 1;
    res.json({ ok: true, user });
  });

  router.add("POST", `${P}/app`, (req, res) => {
    const b = body(req);
    const mode = oneOf(b, "mode", ["live", "development"] as const);
    if (mode) state.app.mode = mode;
    for (const k of ["advancedAccess", "humanAgentApproved", "businessVerified"] as const) {
      const v = bool(b, k);
      if (v !== undefined) state.app[k] = v;
    }
    res.json(state.app);
  });

  router.add("POST", `${P}/businesses/:businessId/verified`, (req, res) => {
    const biz = need(state.businesses.get(req.params.businessId!), "business", req.params.businessId!);
    biz.verified = bool(body(req), "enabled") ?? true;
    res.json(biz);
  });

  router.add("POST", `${P}/instagram/:igId/allow-access`, (req, res) => {
    const ig = need(state.instagram.get(req.params.igId!), "instagram account", req.params.igId!);
    const enabled = bool(body(req), "enabled");
    if (enabled === undefined) throw badRequest("enabled (boolean) is required");
    ig.allowAccessToMessages = enabled;
    res.json(ig);
  });

  router.add("GET", `${P}/subscriptions/:assetId`, (req, res) => res.json({ data: state.subscriptionsOf(req.params.assetId!) }));

  /** Adds a subscription, by default of this app; another `appId` plus `override_callback_uri` models M11. */
  router.add("POST", `${P}/subscriptions/:assetId`, (req, res) => {
    const assetId = req.params.assetId!;
    if (!state.pages.has(assetId) && !state.wabas.has(assetId)) throw badRequest(`${assetId} is neither a Page nor a WABA`);
    const b = body(req);
    const appId = str(b, "appId") ?? state.config.appId;
    const override = str(b, "override_callback_uri");
    state.subscribe(assetId, {
      appId,
      name: str(b, "name") ?? (appId === state.config.appId ? state.config.appName : `App ${appId}`),
      subscribed_fields: strList(b, "subscribed_fields") ?? (state.pages.has(assetId) ? ["messages"] : []),
      ...(override ? { override_callback_uri: override } : {}),
    });
    res.json({ data: state.subscriptionsOf(assetId) });
  });

  router.add("DELETE", `${P}/subscriptions/:assetId`, (req, res) => {
    const appId = req.query.get("appId") ?? state.config.appId;
    const removed = state.unsubscribe(req.params.assetId!, appId);
    res.json({ ok: true, removed });
  });

  router.add("POST", `${P}/tokens/:token/expire`, (req, res) => {
    const rec = need(state.tokens.get(req.params.token!), "token", "(given)");
    rec.expiresAt = state.nowS() - 1;
    res.json({ ok: true, expires_at: rec.expiresAt });
  });

  /** Data access is per login, so the new expiry applies to every token of the token's grant. */
  router.add("POST", `${P}/tokens/:token/data-access`, (req, res) => {
    const rec = need(state.tokens.get(req.params.token!), "token", "(given)");
    const v = body(req).data_access_expires_at;
    if (typeof v !== "number" || !Number.isFinite(v)) throw badRequest("data_access_expires_at (unix seconds) is required");
    const grant = need(state.grants.get(rec.grantId), "grant", rec.grantId);
    grant.dataAccessExpiresAt = Math.floor(v);
    for (const t of state.tokens.values()) if (t.grantId === grant.id) delete t.dataAccessExpiresAt;
    res.json({ ok: true, data_access_expires_at: grant.dataAccessExpiresAt });
  });

  router.add("POST", `${P}/phone-numbers/:id/unregister`, (req, res) => {
    patchPhone(state, req.params.id!, { registered: false });
    res.json(state.phones.get(req.params.id!));
  });
  router.add("POST", `${P}/phone-numbers/:id/name-pending`, (req, res) => {
    patchPhone(state, req.params.id!, { name_status: "PENDING_REVIEW" });
    res.json(state.phones.get(req.params.id!));
  });
  router.add("POST", `${P}/phone-numbers/:id/pin-mismatch`, (req, res) => {
    patchPhone(state, req.params.id!, { forcePinMismatch: bool(body(req), "enabled") ?? true });
    res.json(state.phones.get(req.params.id!));
  });

  router.add("POST", `${P}/es/order`, (req, res) => {
    const first = oneOf(body(req), "first", ["message", "code"] as const);
    if (!first) throw badRequest("first must be message or code");
    state.esOrder = first;
    res.json({ first });
  });

  /** Mints tokens without the dialog (for other halves' tests); assets default to everything reachable. */
  router.add("POST", `${P}/tokens`, (req, res) => {
    const b = body(req);
    const userId = str(b, "userId") ?? [...state.users.keys()][0] ?? "";
    need(state.users.get(userId), "user", userId);
    const type = oneOf(b, "type", ["USER", "SYSTEM_USER"] as const) ?? "USER";
    const channel = oneOf(b, "channel", ["messenger", "instagram", "whatsapp"] as const) ?? "messenger";
    const businessId = str(b, "businessId") ?? state.userBusinesses(userId)[0]?.id;
    if (type === "SYSTEM_USER" && !businessId) throw badRequest("businessId is required for SYSTEM_USER tokens");
    const reachable = state.reachablePages(userId);
    const pageIds = strList(b, "pageIds") ?? reachable.map((p) => p.id);
    const grant = state.addGrant({
      userId,
      configId: state.config.configIds[channel],
      tokenType: type,
      ...(type === "SYSTEM_USER" && businessId ? { businessId, systemUserId: systemUserOf(businessId) } : {}),
      granted: strList(b, "scopes") ?? defaultScopes(channel),
      declined: strList(b, "declined") ?? [],
      pageIds,
      igIds: strList(b, "igIds") ?? reachable.flatMap((p) => state.linkedProfessionalIg(p)?.id ?? []),
      wabaIds: strList(b, "wabaIds") ?? state.userBusinesses(userId).flatMap((x) => state.wabasOfBusiness(x.id).map((w) => w.id)),
      businessIds: strList(b, "businessIds") ?? state.userBusinesses(userId).map((x) => x.id),
    });
    const rec = state.issueToken(grant, { longLived: bool(b, "longLived") ?? true });
    const pageTokens = Object.fromEntries(pageIds.filter((id) => state.pages.has(id)).map((id) => [id, state.pageToken(rec, id).token]));
    res.status(201).json({ access_token: rec.token, type: rec.type, expires_at: rec.expiresAt, grant_id: grant.id, page_tokens: pageTokens });
  });
}

function defaultScopes(channel: "messenger" | "instagram" | "whatsapp"): string[] {
  return [...SCOPES_BY_CHANNEL[channel]];
}
