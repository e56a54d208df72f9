import { REQUIRED_WEBHOOK_TRIGGERS, MAX_WEBHOOKS_PER_APP } from "@/server/integrations/sinch/conversation";
import { metaCodeIn } from "../catalogue";
import { FIXES, pass, probeFailure, result } from "./result";
import type { Check } from "./types";

const STUCK_PENDING_MS = 15 * 60_000;

export const credentialCheck: Check = (s) => {
  const base = { id: "sinch.credential", title: "Sinch channel credential", source: "sinch" as const };
  const probe = s.sinch.credential;
  if (!probe) return null;
  if (!probe.ok) return probeFailure(base, probe.error);
  const cred = probe.value;
  if (!cred) {
    return result(base, "fail", {
      text: `The Sinch app has no ${s.channel} credential, so Sinch cannot send or receive on this channel.`,
      codes: ["CHANNEL_CONFIGURATION_MISSING"],
      owner: "customer",
      row: "S12",
      fix: FIXES.reconnect,
    });
  }
  const codes = [cred.status];
  if (cred.status === "ACTIVE") return pass(base, `Sinch reports the credential ACTIVE${cred.knownId ? ` for ${cred.knownId}` : ""}.`, codes);
  if (cred.status === "PENDING") {
    const since = s.connection?.stateChangedAt ?? s.now;
    const age = s.now.getTime() - since.getTime();
    const minutes = Math.round(age / 60_000);
    if (age > STUCK_PENDING_MS) {
      return result(base, "fail", { text: `The credential has been PENDING (activating) for ${minutes} minutes; Sinch usually finishes within a few.`, codes, owner: "sinch", row: "S11", fix: FIXES.bundle, guidance: "Open a Sinch ticket and paste the support bundle." });
    }
    return result(base, "warn", { text: `Sinch is still validating the credential (PENDING for ${minutes} min).`, codes, owner: "nobody", row: "S11", guidance: "Wait a few minutes and run the diagnosis again." });
  }
  const description = cred.description ?? "no description";
  const meta = metaCodeIn(cred.description);
  const text = `Sinch reports the credential ${cred.status}: ${description}`;
  if (meta?.startsWith("190")) return result(base, "fail", { text, codes: [...codes, meta], owner: "customer", row: "M7", fix: FIXES.reconnect });
  if (meta === "100/33" || /business_account_id/i.test(description)) {
    return result(base, "fail", { text, codes: [...codes, meta], owner: "reseller_staff", row: "S2", fix: FIXES.reconnect, guidance: "The Page or Instagram id on the credential is wrong or missing. Reconnect the channel so the portal re-reads the ids and rebuilds the credentials." });
  }
  if (cred.status === "FAILING") return result(base, "fail", { text, codes: [...codes, meta], owner: "customer", row: meta && /^(10|200)\b/.test(meta) ? "S12" : "S1", fix: FIXES.reconnect });
  return result(base, "warn", { text, codes: [...codes, meta], owner: "sinch", fix: FIXES.bundle });
};

export const regionCheck: Check = (s) => {
  const probe = s.sinch.regions;
  if (!probe || !s.app) return null;
  const base = { id: "sinch.region", title: "Sinch region", source: "sinch" as const };
  if (!probe.ok) return probeFailure(base, probe.error);
  const found = probe.value.found;
  if (found.includes(s.app.region)) return pass(base, `The app answers on its stored region (${s.app.region}).`);
  if (found.length === 0) {
    return result(base, "fail", { text: `The app ${s.app.appId} was found in no region (us, eu, br).`, codes: ["HTTP_404"], owner: "reseller_staff", row: "S5", guidance: "The app may have been deleted in the Sinch dashboard. Check the project and recreate the app." });
  }
  return result(base, "fail", {
    text: `The app lives in ${found.join(", ")} but the portal has ${s.app.region} stored, so every call answers 404.`,
    codes: ["HTTP_404"],
    owner: "reseller_staff",
    row: "S5",
    fix: { action: "probe_regions", label: `Correct region to ${found[0]}`, confirm: `Store region ${found[0]} for this app. Every Sinch call for the app will use that region.` },
  });
};

export const webhookCheck: Check = (s) => {
  const probe = s.sinch.webhooks;
  if (!probe) return null;
  const base = { id: "sinch.webhook", title: "Portal webhook on the Sinch app", source: "sinch" as const };
  if (!probe.ok) return probeFailure(base, probe.error);
  const { target, storedWebhookId, list } = probe.value;
  const ours = list.find((w) => w.target === target);
  if (!ours) {
    if (list.length >= MAX_WEBHOOKS_PER_APP) {
      return result(base, "fail", {
        text: `The portal's webhook is missing and the app already has ${list.length} webhooks (the Sinch limit): ${list.map((w) => w.target).join(", ")}.`,
        codes: ["WEBHOOK_LIMIT"],
        owner: "reseller_staff",
        row: "S9",
        fix: FIXES.freeSlot,
      });
    }
    return result(base, "fail", { text: `The portal's webhook (${target}) is not registered on the app, so no callbacks reach the portal.`, owner: "reseller_staff", row: "S6", fix: FIXES.repairWebhook });
  }
  const missing = REQUIRED_WEBHOOK_TRIGGERS.filter((t) => !ours.triggers.includes(t));
  if (missing.length > 0) {
    return result(base, "fail", { text: `The portal's webhook lacks the triggers ${missing.join(", ")}; those callbacks are never sent.`, codes: missing, owner: "reseller_staff", row: "S6", fix: FIXES.repairWebhook });
  }
  if (storedWebhookId !== ours.id) {
    return result(base, "fail", { text: `The webhook ${ours.id} points at the portal but is not the one the portal registered, so its secret is unknown here.`, codes: ["DUPLICATE_TARGET"], owner: "reseller_staff", row: "S10", fix: { ...FIXES.repairWebhook, label: "Adopt webhook" } });
  }
  if (!ours.hasSecret) {
    return result(base, "fail", { text: "The portal's webhook has no signing secret, so callbacks arrive unsigned and are rejected.", owner: "reseller_staff", row: "S7", fix: FIXES.rotateSecret });
  }
  return pass(base, `Registered with a secret and all ${REQUIRED_WEBHOOK_TRIGGERS.length} required triggers (${list.length} of ${MAX_WEBHOOKS_PER_APP} webhook slots used).`);
};

export const senderCheck: Check = (s) => {
  const probe = s.sinch.sender;
  if (!probe || s.channel !== "WHATSAPP") return null;
  const base = { id: "sinch.sender", title: "WhatsApp sender (Sinch Provisioning)", source: "sinch" as const };
  if (!probe.ok) return probeFailure(base, probe.error);
  const { state, changesStatus, details } = probe.value;
  const detail = details.length ? ` (${details.join("; ")})` : "";
  const codes = [state, changesStatus];
  const text = `Sender ${state}${changesStatus ? `, pending change ${changesStatus}` : ""}${detail}.`;
  if (state === "ACTIVE") {
    if (changesStatus === "REJECTED" || changesStatus === "MULTIPLE_WABA_ERROR" || changesStatus === "ERROR") {
      return result(base, "warn", { text, codes, owner: "sinch", row: "S13", fix: FIXES.bundle });
    }
    return pass(base, text, [state]);
  }
  if (state === "PENDING_VERIFICATION") return result(base, "fail", { text: `${text} The number is not verified or registered yet.`, codes, owner: "sinch", row: "M12", fix: FIXES.bundle });
  if (state === "SUSPENDED" || state === "ERROR") return result(base, "fail", { text, codes, owner: "sinch", row: "S13", fix: FIXES.bundle, guidance: "Open a Sinch ticket with the support bundle; the customer may have to resolve a WABA restriction with Meta." });
  if (state === "IN_PROGRESS") return result(base, "warn", { text: `${text} Meta is still setting up the number.`, codes, owner: "nobody" });
  if (state === "INACTIVE") return result(base, "fail", { text: `${text} The sender was deleted.`, codes, owner: "reseller_staff", fix: FIXES.reconnect });
  return result(base, "warn", { text, codes, owner: "sinch", fix: FIXES.bundle });
};
