import { randomBytes } from "node:crypto";
import type { Req, Res, Router } from "../http";
import { defaultPhone, waba as newWaba } from "./seed";
import { embeddedSignupForm, errorPage, ES_STEPS, loginForm, resultPage, type DialogRequest } from "./dialog-html";
import { SCOPES_BY_CHANNEL, type MetaState } from "./state";
import type { Grant } from "./types";

type Outcome = { response: Record<string, unknown>; esMessage?: string; summary: string; code?: string };

/** Reads the dialog parameters (query on GET, form on POST); a string is an error for the user. */
export function parseDialogRequest(state: MetaState, p: URLSearchParams): DialogRequest | string {
  const clientId = p.get("client_id") ?? "";
  if (clientId !== state.config.appId) return `Invalid App ID: ${clientId || "(missing)"}`;
  const origin = p.get("origin") ?? "";
  let parsedOrigin: URL;
  try {
    parsedOrigin = new URL(origin);
  } catch {
    return "Missing or invalid origin of the opener window";
  }
  if (!/^https?:$/.test(parsedOrigin.protocol) || parsedOrigin.origin !== origin) return "Missing or invalid origin of the opener window";
  const configId = p.get("config_id") ?? "";
  const ids = state.config.configIds;
  let channel: DialogRequest["channel"];
  let permissions: string[];
  if (configId) {
    const found = (Object.keys(ids) as Array<keyof typeof ids>).find((k) => ids[k] === configId);
    if (!found) return `The configuration ${configId} is invalid for this app`;
    channel = found;
    permissions = [...SCOPES_BY_CHANNEL[found]];
  } else {
    permissions = (p.get("scope") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    if (permissions.length === 0) return "Neither config_id nor scope was given";
    channel = "classic";
  }
  const extrasRaw = p.get("extras") ?? "";
  let extras: Record<string, unknown> = {};
  if (extrasRaw) {
    try {
      const v: unknown = JSON.parse(extrasRaw);
      if (v && typeof v === "object" && !Array.isArray(v)) extras = v as Record<string, unknown>;
    } catch {
      return "extras is not valid JSON";
    }
  }
  const order = p.get("es_order");
  return {
    clientId,
    configId,
    channel,
    permissions,
    responseType: p.get("response_type") ?? "token",
    origin,
    cbid: p.get("cbid") ?? "",
    extras: extrasRaw,
    featureType: typeof extras.featureType === "string" ? extras.featureType : "",
    solutionId: solutionOf(extras),
    sessionInfoVersion: Number(extras.sessionInfoVersion ?? 3) || 3,
    authType: p.get("auth_type") ?? "",
    esOrder: order === "code" || order === "message" ? order : state.esOrder,
  };
}

function solutionOf(extras: Record<string, unknown>): string {
  const setup = extras.setup;
  if (!setup || typeof setup !== "object" || Array.isArray(setup)) return "";
  const id = (setup as Record<string, unknown>).solutionID;
  return typeof id === "string" ? id : "";
}

/**
 * Sinch onboards ASP customers only through its Multi-Partner Solution (Sinch WhatsApp ASP guide;
 * Meta: "the solution's ID can be used to customize the Embedded Signup flow", multi-partner-solutions).
 * A signup without the configured solution, or with another one, would leave Sinch without access to
 * the WABA, so the emulator refuses it with an ES ERROR event (the wording is the emulator's own).
 */
export function solutionProblem(state: MetaState, r: DialogRequest): string | null {
  if (!r.solutionId) return "This signup was started without a Multi-Partner Solution (extras.setup.solutionID), so the WhatsApp account cannot be shared with the Solution Partner.";
  if (r.solutionId !== state.config.solutionId) return `The Multi-Partner Solution ${r.solutionId} is not active for this app.`;
  return null;
}

function chosenUser(state: MetaState, p: URLSearchParams): string {
  const id = p.get("user_id");
  return id && state.users.has(id) ? id : [...state.users.keys()][0] ?? "";
}

const cancelled = (summary: string): Outcome => ({ response: { status: "unknown", authResponse: null }, summary });

/** All-or-nothing: any unchecked permission declines it and leaves nothing granted. */
function permissionChoice(r: DialogRequest, p: URLSearchParams): { granted: string[]; declined: string[] } {
  const checked = new Set(p.getAll("perm"));
  const declined = r.permissions.filter((x) => !checked.has(x));
  return { granted: declined.length > 0 ? [] : [...r.permissions], declined };
}

function connected(state: MetaState, r: DialogRequest, grant: Grant, embeddedSignup: boolean): Outcome {
  const userID = grant.tokenType === "SYSTEM_USER" ? grant.systemUserId ?? "" : grant.userId;
  const base = { userID, graphDomain: "facebook", data_access_expiration_time: grant.dataAccessExpiresAt, expiresIn: 0 };
  if (r.responseType !== "code" && r.channel === "classic") {
    const token = state.issueToken(grant);
    const authResponse = { ...base, accessToken: token.token, expiresIn: token.expiresAt - state.nowS(), grantedScopes: grant.granted.join(",") };
    return { response: { status: "connected", authResponse }, summary: "Connected: access token issued." };
  }
  const code = state.issueCode(grant.id, embeddedSignup);
  return { response: { status: "connected", authResponse: { ...base, code: code.code } }, summary: "Connected: authorization code issued.", code: code.code };
}

function flbOutcome(state: MetaState, r: DialogRequest, p: URLSearchParams, userId: string): Outcome {
  const tokenType = p.get("token_type") === "SYSTEM_USER" ? "SYSTEM_USER" : "USER";
  const businessId = p.get("business_id") ?? "";
  const biz = state.businesses.get(businessId);
  if (tokenType === "SYSTEM_USER" && (!biz || !biz.userIds.includes(userId))) return cancelled("A business portfolio is required for a system user token.");
  const reachable = new Set(state.reachablePages(userId).map((x) => x.id));
  const pageIds = p.getAll("page").filter((id) => reachable.has(id));
  const igIds = p.getAll("ig").filter((id) => state.instagram.get(id)?.accountType !== "PERSONAL" && reachable.has(state.pageOfIg(id)?.id ?? ""));
  const myBiz = state.userBusinesses(userId).map((b) => b.id);
  const wabaIds = p.getAll("waba").filter((id) => myBiz.includes(state.wabas.get(id)?.businessId ?? ""));
  const related = new Set<string>(tokenType === "SYSTEM_USER" ? [businessId] : []);
  for (const id of pageIds) {
    const pg = state.pages.get(id)!;
    for (const b of [pg.ownerBusinessId, ...pg.clientBusinessIds]) if (b && myBiz.includes(b)) related.add(b);
  }
  for (const id of wabaIds) related.add(state.wabas.get(id)!.businessId);
  const grant = state.addGrant({
    userId,
    configId: r.configId,
    tokenType,
    ...(tokenType === "SYSTEM_USER" ? { businessId, systemUserId: systemUserOf(businessId) } : {}),
    ...permissionChoice(r, p),
    pageIds,
    igIds,
    wabaIds,
    businessIds: [...related],
  });
  return connected(state, r, grant, false);
}

export const systemUserOf = (businessId: string) => `6${businessId}`;

function esMessage(r: DialogRequest, event: string, data: Record<string, unknown>): string {
  return JSON.stringify({ type: "WA_EMBEDDED_SIGNUP", event, version: r.sessionInfoVersion, data });
}

function esError(state: MetaState, r: DialogRequest, message: string): Outcome {
  const data = { error_message: message, error_id: "524126", session_id: randomBytes(8).toString("hex"), timestamp: String(state.nowS()) };
  return { ...cancelled(`Signup failed: ${message}`), esMessage: esMessage(r, "ERROR", data) };
}

function esOutcome(state: MetaState, r: DialogRequest, p: URLSearchParams, userId: string, action: string): Outcome {
  if (action === "cancel") {
    const step = ES_STEPS.includes(p.get("cancel_step") ?? "") ? p.get("cancel_step")! : "BUSINESS_ACCOUNT_SELECTION";
    return { ...cancelled(`Signup cancelled at ${step}.`), esMessage: esMessage(r, "CANCEL", { current_step: step }) };
  }
  if (action === "error") return esError(state, r, p.get("error_message") || "An unexpected error occurred.");
  const refused = solutionProblem(state, r);
  if (refused) return esError(state, r, refused);
  const biz = state.businesses.get(p.get("es_business") ?? "");
  if (!biz || !biz.userIds.includes(userId)) return { ...cancelled("No business portfolio chosen."), esMessage: esMessage(r, "CANCEL", { current_step: "BUSINESS_ACCOUNT_SELECTION" }) };
  let waba = state.wabas.get(p.get("es_waba") ?? "");
  if (waba && !state.businesses.get(waba.businessId)?.userIds.includes(userId)) waba = undefined;
  if (!waba) {
    waba = newWaba(state.newId(), p.get("es_new_waba_name") || "New WhatsApp account", biz.id);
    state.wabas.set(waba.id, waba);
  }
  const businessId = waba.businessId;
  const finishType =
    r.featureType === "only_waba_sharing" ? "FINISH_ONLY_WABA" : r.featureType === "whatsapp_business_app_onboarding" ? "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING" : "FINISH";
  let phoneId: string | undefined;
  if (finishType !== "FINISH_ONLY_WABA") {
    let phone = state.phones.get(p.get("es_phone") ?? "");
    if (!phone || phone.wabaId !== waba.id) {
      phone = defaultPhone(state.newId(), waba.id, p.get("es_new_phone") || "+1 555-019-9999", p.get("es_new_phone_name") || "New Business");
      const verified = /^\d{6}$/.test(p.get("es_verification_code") ?? "");
      phone.code_verification_status = verified ? "VERIFIED" : "NOT_VERIFIED";
      // Coexistence numbers stay registered through the WhatsApp Business app; others need /register.
      phone.registered = finishType === "FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING";
      phone.status = phone.registered ? "CONNECTED" : "PENDING";
      if (phone.registered) phone.platform_type = "CLOUD_API";
      state.phones.set(phone.id, phone);
    }
    phoneId = phone.id;
  }
  const share = p.get("es_share_waba") === "yes";
  if (share && !waba.solutionIds.includes(r.solutionId)) waba.solutionIds.push(r.solutionId);
  const grant = state.addGrant({
    userId,
    configId: r.configId,
    tokenType: "SYSTEM_USER",
    businessId,
    systemUserId: systemUserOf(businessId),
    ...permissionChoice(r, p),
    pageIds: [],
    igIds: [],
    wabaIds: share ? [waba.id] : [],
    businessIds: [businessId],
  });
  const data = finishType === "FINISH" ? { phone_number_id: phoneId, waba_id: waba.id, business_id: businessId } : { waba_id: waba.id };
  return { ...connected(state, r, grant, true), esMessage: esMessage(r, finishType, data) };
}

export function registerDialogRoutes(router: Router, state: MetaState): void {
  router.add("GET", "/meta/dialog/oauth", (req: Req, res: Res) => {
    const r = parseDialogRequest(state, req.query);
    if (typeof r === "string") return res.status(400).html(errorPage(r));
    const userId = chosenUser(state, req.query);
    res.html(r.channel === "whatsapp" ? embeddedSignupForm(state, r, userId) : loginForm(state, r, userId));
  });

  /** Form target of the dialog; answers JSON when asked (tests drive the dialog without a browser). */
  router.add("POST", "/meta/dialog/oauth", (req: Req, res: Res) => {
    const p = req.form();
    const wantsJson = String(req.headers.accept ?? "").includes("application/json");
    const r = parseDialogRequest(state, p);
    if (typeof r === "string") {
      if (wantsJson) return res.status(400).json({ error: { message: r, type: "OAuthException", code: 100 } });
      return res.status(400).html(errorPage(r));
    }
    const order = p.get("es_order");
    if (order === "code" || order === "message") r.esOrder = order;
    const userId = chosenUser(state, p);
    const user = state.users.get(userId);
    const action = p.get("action") ?? "continue";
    let outcome: Outcome;
    if (!user) outcome = cancelled("No such user.");
    else if ((state.app.mode === "development" || !state.app.advancedAccess) && !user.appRole) outcome = cancelled("App not active: this app is in development mode and you have no role on it.");
    else if (r.channel === "whatsapp") outcome = esOutcome(state, r, p, userId, action);
    else if (action === "cancel") outcome = cancelled("Login cancelled.");
    else outcome = flbOutcome(state, r, p, userId);
    const payload = { cbid: r.cbid, origin: r.origin, order: r.esOrder, response: outcome.response, ...(outcome.esMessage ? { esMessage: outcome.esMessage } : {}) };
    if (wantsJson) return res.json({ ...payload, summary: outcome.summary, code: outcome.code ?? null });
    res.html(resultPage(payload, outcome.summary));
  });
}
