import { E, graphError } from "./errors";
import { accessTokenOf, applyFault, auth, type GraphCtx } from "./graph-context";
import { CODE_TTL_MS, LONG_USER_TOKEN_TTL_S } from "./state";
import { dataAccessExpiresAt, granularScopes, inspectToken, tokenSubject } from "./tokens";

function checkClient(ctx: GraphCtx): void {
  const clientId = ctx.params.get("client_id");
  const secret = ctx.params.get("client_secret");
  if (!clientId) throw graphError(E.param("Missing client_id parameter."));
  if (clientId !== ctx.state.config.appId) throw graphError({ code: 101, message: "Error validating application. Invalid application ID." });
  if (secret !== ctx.state.config.appSecret) throw graphError({ code: 1, message: "Error validating client secret." });
}

/** `GET /oauth/access_token`: code exchange (JS SDK codes, no redirect_uri) or long-lived exchange. */
export function oauthAccessToken(ctx: GraphCtx): void {
  applyFault(ctx, "oauth.access_token");
  checkClient(ctx);
  const { state, params } = ctx;
  if (params.get("grant_type") === "fb_exchange_token") {
    const short = params.get("fb_exchange_token");
    if (!short) throw graphError(E.param("Missing fb_exchange_token parameter."));
    const insp = inspectToken(state, short);
    if (!insp.ok) throw graphError(insp.err);
    if (insp.rec.type !== "USER") throw graphError(E.param("fb_exchange_token must be a user access token"));
    const long = state.issueToken(insp.grant, { longLived: true });
    ctx.res.json({ access_token: long.token, token_type: "bearer", expires_in: LONG_USER_TOKEN_TTL_S });
    return;
  }
  // JS SDK codes carry no redirect URI, so any redirect_uri (even empty) fails Meta's comparison.
  if (params.has("redirect_uri")) {
    throw graphError({
      code: 100,
      subcode: 36008,
      message: "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request",
    });
  }
  const codeValue = params.get("code");
  if (!codeValue) throw graphError(E.param("Missing code parameter."));
  const code = state.codes.get(codeValue);
  if (!code) throw graphError({ code: 100, message: "Invalid verification code format." });
  if (code.used) throw graphError({ code: 100, subcode: 36009, message: "This authorization code has been used." });
  if (ctx.world.clock.now() - code.createdAt > CODE_TTL_MS) {
    throw graphError({ code: 100, subcode: 36007, message: "This authorization code has expired." });
  }
  code.used = true;
  const grant = state.grants.get(code.grantId);
  if (!grant) throw graphError({ code: 100, message: "Invalid verification code format." });
  const token = state.issueToken(grant);
  const body: Record<string, unknown> = { access_token: token.token, token_type: "bearer" };
  if (token.expiresAt !== 0) body.expires_in = token.expiresAt - state.nowS();
  ctx.res.json(body);
}

/** `GET /debug_token`: needs an app token `{app_id}|{app_secret}`; invalid input tokens still answer 200. */
export function debugToken(ctx: GraphCtx): void {
  applyFault(ctx, "debug_token");
  const { state } = ctx;
  const appToken = accessTokenOf(ctx);
  if (!appToken) throw graphError(E.noToken());
  if (appToken !== `${state.config.appId}|${state.config.appSecret}`) {
    throw graphError({ code: 190, message: "Invalid OAuth access token signature." });
  }
  const input = ctx.params.get("input_token");
  if (!input) throw graphError(E.param("The parameter input_token is required"));
  const insp = inspectToken(state, input);
  if (!insp.rec || !insp.grant) {
    ctx.res.json({ data: { error: { code: 190, message: "Invalid OAuth access token." }, is_valid: false, scopes: [], granular_scopes: [] } });
    return;
  }
  const { rec, grant } = insp;
  const subject = tokenSubject(state, rec, grant);
  const data: Record<string, unknown> = {
    app_id: state.config.appId,
    type: rec.type,
    application: state.config.appName,
    data_access_expires_at: grant.tokenType === "SYSTEM_USER" ? 0 : dataAccessExpiresAt(rec, grant),
    expires_at: rec.expiresAt,
    is_valid: insp.ok,
    issued_at: rec.issuedAt,
    scopes: [...grant.granted],
    granular_scopes: granularScopes(grant),
    user_id: rec.type === "PAGE" ? grant.systemUserId ?? grant.userId : subject.id,
  };
  if (rec.type === "PAGE") data.profile_id = rec.pageId;
  if (!insp.ok) data.error = { code: insp.err.code, message: insp.err.message, ...(insp.err.subcode ? { subcode: insp.err.subcode } : {}) };
  ctx.res.json({ data });
}

export function me(ctx: GraphCtx): void {
  applyFault(ctx, "me");
  const { rec, grant } = auth(ctx);
  const subject = tokenSubject(ctx.state, rec, grant);
  const fields = (ctx.params.get("fields") ?? "id,name").split(",").map((s) => s.trim());
  const out: Record<string, unknown> = { id: subject.id };
  if (fields.includes("name")) out.name = subject.name;
  ctx.res.json(out);
}

export function mePermissions(ctx: GraphCtx): void {
  applyFault(ctx, "me.permissions");
  const { grant } = auth(ctx);
  const data = [
    ...grant.granted.map((permission) => ({ permission, status: "granted" })),
    ...grant.declined.map((permission) => ({ permission, status: "declined" })),
  ];
  ctx.res.json({ data });
}

/** `DELETE /me/permissions` is how a user (or app) revokes the login: every token of the app dies with 458. */
export function revokePermissions(ctx: GraphCtx): void {
  const { grant } = auth(ctx);
  const user = ctx.state.users.get(grant.userId);
  if (user) user.appEpoch += 1;
  ctx.res.json({ success: true });
}
