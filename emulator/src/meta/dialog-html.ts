import type { MetaState } from "./state";
import type { MetaUser } from "./types";

export const ES_STEPS = [
  "BUSINESS_ACCOUNT_SELECTION",
  "WABA_PHONE_PROFILE_PICKER",
  "WHATSAPP_BUSINESS_PROFILE_SETUP",
  "PHONE_NUMBER_SETUP",
  "PHONE_NUMBER_VERIFICATION",
  "PERMISSIONS",
];

export interface DialogRequest {
  clientId: string;
  configId: string;
  channel: "messenger" | "instagram" | "whatsapp" | "classic";
  permissions: string[];
  responseType: string;
  origin: string;
  cbid: string;
  extras: string;
  featureType: string;
  /** `extras.setup.solutionID`: the Multi-Partner Solution the signup joins ("" when absent). */
  solutionId: string;
  sessionInfoVersion: number;
  authType: string;
  esOrder: "message" | "code";
}

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const CSS = `body{font-family:system-ui,sans-serif;margin:0;background:#f0f2f5;color:#1c1e21}
main{max-width:640px;margin:16px auto;background:#fff;border-radius:8px;padding:16px 24px;box-shadow:0 1px 3px #0003}
h1{font-size:1.25rem}fieldset{border:1px solid #ccd0d5;border-radius:6px;margin:12px 0;padding:8px 12px}
legend{font-weight:600;padding:0 4px}label{display:block;margin:4px 0}.muted{color:#606770;font-size:.9rem}
.actions{display:flex;gap:8px;flex-wrap:wrap;margin-top:12px}button{padding:8px 16px;border-radius:6px;border:1px solid #ccd0d5;background:#e4e6eb;cursor:pointer}
button.primary{background:#1877f2;color:#fff;border-color:#1877f2}[role=alert]{color:#b00020;font-weight:600}
input[type=text]{padding:4px 6px;margin-left:4px}`;

export function page(title: string, body: string, status = "Emulated Meta dialog"): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><style>${CSS}</style></head>
<body><main aria-label="${esc(status)}">${body}</main></body></html>`;
}

export function errorPage(message: string): string {
  return page("Error", `<h1>Something went wrong</h1><p role="alert">${esc(message)}</p>`);
}

function hidden(r: DialogRequest): string {
  const f: Record<string, string> = {
    client_id: r.clientId,
    config_id: r.configId,
    response_type: r.responseType,
    origin: r.origin,
    cbid: r.cbid,
    extras: r.extras,
    auth_type: r.authType,
    scope: r.channel === "classic" ? r.permissions.join(",") : "",
  };
  return Object.entries(f)
    .map(([k, v]) => `<input type="hidden" name="${k}" value="${esc(v)}">`)
    .join("");
}

function check(name: string, value: string, label: string, checked = true): string {
  return `<label><input type="checkbox" name="${name}" value="${esc(value)}"${checked ? " checked" : ""}> ${esc(label)}</label>`;
}

function radio(name: string, value: string, label: string, checked: boolean): string {
  return `<label><input type="radio" name="${name}" value="${esc(value)}"${checked ? " checked" : ""}> ${esc(label)}</label>`;
}

/** Switching user reloads the dialog, since the offered assets depend on who logs in. */
function userPicker(users: MetaUser[], userId: string): string {
  const opts = users.map((u) => `<option value="${esc(u.id)}"${u.id === userId ? " selected" : ""}>${esc(u.name)}</option>`).join("");
  // Inline handlers resolve names through the document first (document.URL is a string): use window.URL.
  const reload = "var u=new window.URL(location.href);u.searchParams.set('user_id',this.value);location.href=u.toString()";
  return `<label>Log in as <select name="user_id" onchange="${reload}">${opts}</select></label>`;
}

function permissionsBlock(r: DialogRequest): string {
  const boxes = r.permissions.map((p) => check("perm", p, p)).join("");
  return `<fieldset><legend>Permissions requested</legend>
<p class="muted">Unchecking any permission declines it. Facebook Login for Business is all-or-nothing: then no permission is granted.</p>${boxes}</fieldset>`;
}

function businessSelect(state: MetaState, userId: string, name: string, label: string): string {
  const opts = state
    .userBusinesses(userId)
    .map((b) => `<option value="${esc(b.id)}">${esc(b.name)}</option>`)
    .join("");
  return `<label>${esc(label)} <select name="${name}">${opts}</select></label>`;
}

/** Facebook Login for Business: token type, assets ("Choose what you allow") and permissions. */
export function loginForm(state: MetaState, r: DialogRequest, userId: string): string {
  const users = [...state.users.values()];
  const pages = state.reachablePages(userId);
  const igs = pages.map((p) => state.linkedProfessionalIg(p)).filter((i) => i !== undefined);
  const wabas = state.userBusinesses(userId).flatMap((b) => state.wabasOfBusiness(b.id));
  const wantsPages = r.permissions.some((p) => p.startsWith("pages_"));
  const wantsIg = r.permissions.some((p) => p.startsWith("instagram_"));
  const wantsWa = r.permissions.some((p) => p.startsWith("whatsapp_"));
  const assets = [
    wantsPages ? `<fieldset><legend>Facebook Pages</legend>${pages.map((p) => check("page", p.id, p.name)).join("") || "<p>No Pages</p>"}</fieldset>` : "",
    wantsIg ? `<fieldset><legend>Instagram accounts</legend>${igs.map((i) => check("ig", i.id, "@" + i.username)).join("") || "<p>No Instagram professional accounts</p>"}</fieldset>` : "",
    wantsWa ? `<fieldset><legend>WhatsApp accounts</legend>${wabas.map((w) => check("waba", w.id, w.name)).join("") || "<p>No WhatsApp accounts</p>"}</fieldset>` : "",
  ].join("");
  return page(
    "Log in with Facebook",
    `<h1>${esc(state.config.appName)} is requesting access</h1>
<p class="muted">App ID <span data-testid="app-id">${esc(r.clientId)}</span> · configuration <span data-testid="config-id">${esc(r.configId || "classic login")}</span></p>
<form method="post" action="/meta/dialog/oauth">${hidden(r)}
${userPicker(users, userId)}
<fieldset><legend>Token type</legend>
${radio("token_type", "USER", "User access token", true)}${radio("token_type", "SYSTEM_USER", "System user access token", false)}
${businessSelect(state, userId, "business_id", "Business portfolio")}</fieldset>
<h2>Choose what you allow</h2>${assets}
${permissionsBlock(r)}
<div class="actions"><button class="primary" type="submit" name="action" value="continue">Continue</button>
<button type="submit" name="action" value="cancel">Cancel</button></div></form>`,
    "Facebook Login for Business",
  );
}

/** WhatsApp Embedded Signup: portfolio, WABA, phone, verification; cancel or error at a chosen step. */
export function embeddedSignupForm(state: MetaState, r: DialogRequest, userId: string): string {
  const businesses = state.userBusinesses(userId);
  const wabas = businesses.flatMap((b) => state.wabasOfBusiness(b.id).map((w) => ({ w, b })));
  const onlyWaba = r.featureType === "only_waba_sharing";
  const wabaRadios =
    wabas.map(({ w, b }, i) => radio("es_waba", w.id, `${w.name} (${b.name})`, i === 0)).join("") +
    radio("es_waba", "new", "Create a new WhatsApp Business Account", wabas.length === 0) +
    `<label>New WhatsApp Business Account name <input type="text" name="es_new_waba_name" value="New WhatsApp account"></label>`;
  const phones = wabas.flatMap(({ w }) => state.phonesOfWaba(w.id).map((p) => ({ p, w })));
  const phoneBlock = onlyWaba
    ? ""
    : `<fieldset><legend>Step 3: Phone number</legend>
${phones.map(({ p, w }, i) => radio("es_phone", p.id, `${p.display_phone_number} (${w.name})`, i === 0)).join("")}
${radio("es_phone", "new", "Add a new phone number", phones.length === 0)}
<label>New phone number <input type="text" name="es_new_phone" value="+1 555-019-9999"></label>
<label>Display name <input type="text" name="es_new_phone_name" value="New Business"></label></fieldset>
<fieldset><legend>Step 4: Verify phone number</legend>
<label>Verification code <input type="text" name="es_verification_code" value="123456" inputmode="numeric"></label>
<p class="muted">Leave empty to finish with an unverified number (allowed from version 3).</p></fieldset>`;
  const steps = ES_STEPS.map((s) => `<option value="${s}"${s === "PHONE_NUMBER_VERIFICATION" ? " selected" : ""}>${s}</option>`).join("");
  const order = (["message", "code"] as const)
    .map((o) => `<option value="${o}"${r.esOrder === o ? " selected" : ""}>${o === "message" ? "Message event first" : "Login callback (code) first"}</option>`)
    .join("");
  return page(
    "WhatsApp Embedded Signup",
    `<h1>Connect your WhatsApp Business account to ${esc(state.config.appName)}</h1>
<p class="muted">App ID <span data-testid="app-id">${esc(r.clientId)}</span> · configuration <span data-testid="config-id">${esc(r.configId)}</span>
· feature type <span data-testid="feature-type">${esc(r.featureType || "(default)")}</span> · session info version ${r.sessionInfoVersion}</p>
<form method="post" action="/meta/dialog/oauth">${hidden(r)}
${userPicker([...state.users.values()], userId)}
<fieldset><legend>Step 1: Business portfolio</legend>${businessSelect(state, userId, "es_business", "Business portfolio")}</fieldset>
<fieldset><legend>Step 2: WhatsApp Business Account</legend>${wabaRadios}
${check("es_share_waba", "yes", `Share the selected WhatsApp account with ${state.config.appName}`)}</fieldset>
${phoneBlock}
${permissionsBlock(r)}
<label>Delivery order <select name="es_order">${order}</select></label>
<div class="actions"><button class="primary" type="submit" name="action" value="continue">Finish</button></div>
<fieldset><legend>Stop early</legend>
<label>Cancel at step <select name="cancel_step">${steps}</select></label>
<label>Error message <input type="text" name="error_message" value="An unexpected error occurred. Please try again later."></label>
<div class="actions"><button type="submit" name="action" value="cancel">Cancel</button>
<button type="submit" name="action" value="error">Report error</button></div></fieldset></form>`,
    "WhatsApp Embedded Signup",
  );
}

/** Final popup page: hands the results to the opener in the chosen order, then closes itself. */
export function resultPage(payload: { cbid: string; origin: string; order: "message" | "code"; response: unknown; esMessage?: string }, summary: string): string {
  const json = JSON.stringify(payload).replace(/</g, "\\u003c");
  return page(
    "Done",
    `<h1>Done</h1><p role="status">${esc(summary)}</p><p class="muted">This window closes automatically.</p>
<script type="application/json" id="fb-emu-payload">${json}</script>
<script>(function(){
var p=JSON.parse(document.getElementById('fb-emu-payload').textContent);var op=window.opener;if(!op)return;
function es(){if(p.esMessage)op.postMessage(p.esMessage,'*');}
function cb(){op.postMessage({__fbEmu:'login-result',cbid:p.cbid,response:p.response},p.origin);}
var first=p.order==='code'?cb:es,second=p.order==='code'?es:cb;
first();setTimeout(function(){second();setTimeout(function(){window.close();},150);},60);
})();</script>`,
    "Login finished",
  );
}
