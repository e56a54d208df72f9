import { INSTAGRAM_HELP, REQUIRED_SCOPES } from "@/server/services/channels/requirements";
import { FIXES, pass, probeFailure, result, skip } from "./result";
import type { Check, Signals, TokenSignal } from "./types";

const DAY = 86_400_000;
export const EXPIRY_WARNING_DAYS = 14;

const daysUntil = (at: Date, now: Date) => Math.ceil((at.getTime() - now.getTime()) / DAY);
const tokenOf = (s: Signals): TokenSignal | null => (s.meta.token?.ok ? s.meta.token.value : null);

export const tokenCheck: Check = (s) => {
  const base = { id: "meta.token", title: "Meta token", source: "meta" as const };
  if (s.connection && !s.connection.hasToken) return skip(base, "The portal holds no Meta token for this channel (not connected yet, or disconnected).");
  const probe = s.meta.token;
  if (!probe) return null;
  if (!probe.ok) return probeFailure(base, probe.error);
  const t = probe.value;
  const errCode = t.error?.code ? (t.error.subcode ? `${t.error.code}/${t.error.subcode}` : String(t.error.code)) : null;
  if (!t.isValid) {
    return result(base, "fail", { text: `debug_token reports the token invalid${errCode ? ` (code ${errCode})` : ""}. The customer must log in again.`, codes: [errCode ?? "190"], owner: "customer", row: "M7", fix: FIXES.reconnect });
  }
  const dataAccess = t.dataAccessExpiresAt;
  if (dataAccess && dataAccess <= s.now) {
    return result(base, "fail", { text: `Data access expired on ${dataAccess.toISOString().slice(0, 10)}; Meta refuses the token until the customer logs in again.`, codes: ["190"], owner: "customer", row: "M7", fix: FIXES.reconnect });
  }
  const soonest = [t.expiresAt, dataAccess].filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0];
  if (soonest && daysUntil(soonest, s.now) <= EXPIRY_WARNING_DAYS) {
    const what = soonest === dataAccess ? "Data access" : "The token";
    return result(base, "warn", { text: `${what} expires in ${daysUntil(soonest, s.now)} days (${soonest.toISOString().slice(0, 10)}).`, owner: "customer", row: "M7", fix: FIXES.reconnect, guidance: "Send a reconnect link before it lapses; logging in again renews it." });
  }
  const until = dataAccess ? `; data access until ${dataAccess.toISOString().slice(0, 10)}` : "";
  return pass(base, `Valid ${t.type ?? ""} token${t.expiresAt ? ` until ${t.expiresAt.toISOString().slice(0, 10)}` : " without expiry"}${until}.`.replace("  ", " "));
};

export const scopesCheck: Check = (s) => {
  const t = tokenOf(s);
  if (!t || !t.isValid) return null;
  const base = { id: "meta.scopes", title: "Granted permissions", source: "meta" as const };
  const missing = REQUIRED_SCOPES[s.channel].filter((p) => !t.scopes.includes(p));
  if (missing.length === 0) return pass(base, `Every required permission is granted (${REQUIRED_SCOPES[s.channel].join(", ")}).`);
  return result(base, "fail", {
    text: `The token lacks ${missing.join(", ")}. Either the customer declined it (Facebook Login is all-or-nothing) or the Meta app lacks Advanced Access for it.`,
    codes: ["10"],
    owner: "customer",
    row: "M2",
    fix: FIXES.reconnect,
    guidance: "Reconnect and allow every permission. If it keeps missing, the Meta app owner checks Advanced Access for it.",
  });
};

/** Which granular scope must list which asset (meta.md section 5). */
function requiredAsset(s: Signals): { scope: string; id: string; label: string; row: string } | null {
  const c = s.connection;
  if (!c) return null;
  if (s.channel === "MESSENGER" && c.pageId) return { scope: "pages_messaging", id: c.pageId, label: `Page ${c.pageId}`, row: "M1" };
  if (s.channel === "INSTAGRAM" && c.igAccountId) return { scope: "instagram_manage_messages", id: c.igAccountId, label: `Instagram account ${c.igAccountId}`, row: "M1" };
  if (s.channel === "WHATSAPP" && c.wabaId) return { scope: "whatsapp_business_management", id: c.wabaId, label: `WhatsApp Business Account ${c.wabaId}`, row: "M13" };
  return null;
}

export const assetsCheck: Check = (s) => {
  const t = tokenOf(s);
  const need = requiredAsset(s);
  if (!t || !t.isValid || !need) return null;
  const base = { id: "meta.assets", title: "Shared assets", source: "meta" as const };
  const entry = t.granularScopes.find((g) => g.scope === need.scope);
  if (entry && (entry.targetIds === "all" || entry.targetIds.includes(need.id))) return pass(base, `${need.label} is shared with the app (${need.scope}).`);
  return result(base, "fail", {
    text: `${need.label} is not among the assets shared for ${need.scope}${entry && entry.targetIds !== "all" ? ` (shared: ${entry.targetIds.join(", ") || "none"})` : ""}.`,
    codes: ["100/33"],
    owner: "customer",
    row: need.row,
    fix: FIXES.reconnect,
    guidance: s.channel === "WHATSAPP" ? "Run the signup again and share the WhatsApp account." : "Reconnect and select this asset in the picker.",
  });
};

export const subscriptionCheck: Check = (s) => {
  const probe = s.meta.subscriptions;
  if (!probe) return null;
  const whatsapp = s.channel === "WHATSAPP";
  const base = { id: "meta.subscription", title: whatsapp ? "WhatsApp account subscription" : "Page subscription", source: "meta" as const };
  if (!probe.ok) return probeFailure(base, probe.error);
  const subs = probe.value;
  const ours = subs.find((a) => a.appId === s.metaAppId);
  const others = subs.filter((a) => a.appId !== s.metaAppId);
  const listed = subs.map((a) => `${a.name ?? a.appId}${a.subscribedFields.length ? ` [${a.subscribedFields.join(", ")}]` : ""}`).join("; ") || "none";
  if (!ours) {
    const row = whatsapp ? "M11" : s.channel === "INSTAGRAM" ? "M6" : "M3";
    return result(base, "fail", {
      text: `The Meta app ${s.metaAppId} is not subscribed, so Meta sends no messages for this ${whatsapp ? "WhatsApp account" : "Page"}. Subscribed apps: ${listed}.`,
      owner: whatsapp ? "sinch" : "meta_app_owner",
      row,
      fix: { ...FIXES.resubscribe, label: whatsapp ? "Re-subscribe WhatsApp account" : "Re-subscribe Page" },
      guidance: whatsapp ? "If re-subscribing does not bring messages back, open a Sinch ticket with the support bundle." : "Meta unsubscribes an app after an hour of failed webhooks. Check the Meta app is Live, then send yourself a test message.",
    });
  }
  const override = others.find((a) => a.overrideCallbackUri);
  if (whatsapp && override) {
    return result(base, "warn", { text: `Another app (${override.name ?? override.appId}) overrides the callback URL of this WhatsApp account, so messages may go there. Subscribed apps: ${listed}.`, owner: "sinch", row: "M11", fix: FIXES.bundle });
  }
  if (!whatsapp && others.length > 0) {
    return result(base, "warn", { text: `The Page is also subscribed to ${others.map((a) => a.name ?? a.appId).join(", ")}; messages may arrive twice or be answered elsewhere.`, owner: "reseller_staff", row: "M10", guidance: "Find the other connection (a second app or the other login path) and disconnect one." });
  }
  return pass(base, `Subscribed${ours.subscribedFields.length ? ` to ${ours.subscribedFields.join(", ")}` : ""}.`);
};

export const instagramLinkCheck: Check = (s) => {
  if (s.channel !== "INSTAGRAM" || !s.meta.page) return null;
  const base = { id: "meta.instagram_link", title: "Page ↔ Instagram link", source: "meta" as const };
  const probe = s.meta.page;
  if (!probe.ok) return probeFailure(base, probe.error);
  const linked = probe.value.instagramBusinessAccountId;
  const expected = s.connection?.igAccountId ?? null;
  if (!linked) {
    return result(base, "fail", { text: "The Page has no linked Instagram professional account: it was unlinked or switched to a personal account.", owner: "customer", row: "M4", guidance: `${INSTAGRAM_HELP.notProfessional} ${INSTAGRAM_HELP.notLinked}`, fix: FIXES.reconnect });
  }
  if (expected && linked !== expected) {
    return result(base, "fail", { text: `The Page is now linked to Instagram account ${linked}, not ${expected} which the credential uses.`, codes: ["100/33"], owner: "reseller_staff", row: "S2", fix: FIXES.reconnect });
  }
  const tasks = probe.value.tasks;
  if (tasks.length > 0 && !tasks.includes("MODERATE")) {
    return result(base, "warn", { text: `Linked to ${linked}, but the person who connected lacks the MODERATE task on the Page (has ${tasks.join(", ")}).`, owner: "customer", row: "M6", guidance: "A Page admin gives this person full control of the Page (MODERATE), then reconnects." });
  }
  return pass(base, `The Page is linked to Instagram account ${linked}.`);
};

export const phoneCheck: Check = (s) => {
  if (s.channel !== "WHATSAPP" || !s.meta.phone) return null;
  const base = { id: "meta.phone", title: "WhatsApp phone number", source: "meta" as const };
  const probe = s.meta.phone;
  if (!probe.ok) return probeFailure(base, probe.error);
  const p = probe.value;
  const text = `status ${p.status ?? "unknown"}, name ${p.nameStatus ?? "unknown"}, verification ${p.codeVerificationStatus ?? "unknown"}, quality ${p.qualityRating ?? "unknown"}, data at rest in ${p.dataLocalizationRegion ?? "Meta's default region"}.`;
  const codes = [p.status, p.nameStatus];
  if (p.status && p.status !== "CONNECTED") return result(base, "fail", { text: `The number is not registered: ${text}`, codes: [...codes, "133010"], owner: "sinch", row: "M12", fix: FIXES.bundle, guidance: "Sinch registers numbers it manages; open a Sinch ticket with the support bundle." });
  if (p.nameStatus && /PENDING|DECLINED|REJECTED/.test(p.nameStatus)) return result(base, "warn", { text: `The display name is not approved yet: ${text}`, codes: [...codes, "131037"], owner: "customer", row: "M12", guidance: "Wait for Meta's display name review, or change the name in WhatsApp Manager." });
  if (p.codeVerificationStatus === "EXPIRED") return result(base, "warn", { text: `The number must be verified again: ${text}`, codes: [...codes, "133006"], owner: "customer", row: "M12" });
  return pass(base, `Connected: ${text}`);
};
