import { INSTAGRAM_HELP } from "@/server/services/channels/requirements";
import { lookupCode, metaCodeIn } from "../catalogue";
import { FIXES, pass, result, skip } from "./result";
import type { Check, ReportSignal, Signals } from "./types";

const SUCCESS = new Set(["DELIVERED", "READ"]);

/** Failed sends since the last one that reached the device, newest first. */
export function failureStreak(reports: readonly ReportSignal[]): ReportSignal[] {
  const streak: ReportSignal[] = [];
  for (const r of reports) {
    if (SUCCESS.has(r.status)) break;
    if (r.status === "FAILED") streak.push(r);
  }
  return streak;
}

/**
 * Reports that still describe the current credential: once a channel is active again (after a
 * reconnect), failures from before that moment are history, not evidence.
 */
export function relevantReports(s: Pick<Signals, "portal" | "connection">): ReportSignal[] {
  const c = s.connection;
  const since = c && c.state === "active" ? c.stateChangedAt.getTime() : null;
  return since === null ? s.portal.recentReports : s.portal.recentReports.filter((r) => r.at.getTime() >= since);
}

/** Consecutive authorisation failures (INACTIVE_CREDENTIAL or a Meta 190) at the head of the streak. */
export function authFailureStreak(s: Pick<Signals, "portal" | "connection">): number {
  let n = 0;
  for (const r of failureStreak(relevantReports(s))) {
    if (r.reasonCode === "INACTIVE_CREDENTIAL" && r.reasonSubCode !== "INACTIVE_SENDER") n++;
    else if (metaCodeIn(r.description)?.startsWith("190")) n++;
    else break;
  }
  return n;
}

const WHATSAPP_OWNER: Record<string, "customer" | "sinch"> = { "131042": "customer", "131037": "customer", "133006": "customer", "133010": "sinch", "131045": "sinch", "133005": "sinch" };

export const deliveryCheck: Check = (s) => {
  const base = { id: "sinch.delivery", title: "Recent delivery reports", source: "sinch" as const };
  const reports = relevantReports(s);
  if (reports.length === 0) return skip(base, "No message has been sent on this channel since it became active, so there are no delivery reports to read.");
  const streak = failureStreak(reports);
  if (streak.length === 0) return pass(base, `The last outbound message reached the device (${reports[0]!.status}).`, [reports[0]!.status]);
  const last = streak[0]!;
  const code = last.reasonCode ?? "UNKNOWN";
  const meta = metaCodeIn(last.description);
  const codes = [code, last.reasonSubCode, meta];
  const count = streak.length === 1 ? "The last send failed" : `The last ${streak.length} sends failed`;
  const text = `${count}: ${code}${last.description ? ` — ${last.description}` : ""}.`;
  const window = s.channel === "WHATSAPP" ? "S3" : "M8";

  if (code === "INACTIVE_CREDENTIAL" && last.reasonSubCode === "INACTIVE_SENDER") return result(base, "fail", { text, codes, owner: "sinch", row: "S13", fix: FIXES.bundle });
  if (code === "INACTIVE_CREDENTIAL") return result(base, "fail", { text, codes, owner: "customer", row: meta?.startsWith("190") ? "M7" : "S1", fix: FIXES.reconnect });
  if (code === "CHANNEL_BAD_CONFIGURATION") return result(base, "fail", { text, codes, owner: "reseller_staff", row: "S2", fix: FIXES.reconnect, guidance: "Reconnect the channel so the portal re-reads the Page and Instagram ids and rebuilds the credentials." });
  if (code === "CHANNEL_CONFIGURATION_MISSING") return result(base, "fail", { text, codes, owner: "customer", row: "S12", fix: FIXES.reconnect });
  if (code === "OUTSIDE_ALLOWED_SENDING_WINDOW") {
    const guidance =
      s.channel === "WHATSAPP"
        ? "The 24-hour window is closed: send an approved WhatsApp template."
        : "The 24-hour window is closed: wait for the contact to write again, or reply with HUMAN_AGENT (7 days) if Human Agent is approved for this customer.";
    return result(base, "warn", { text, codes, owner: "reseller_staff", row: window, guidance });
  }
  if (code === "RECIPIENT_NOT_REACHABLE") return result(base, "warn", { text, codes, owner: "nobody", row: "S4", guidance: "The person blocked the business or left the channel. Stop retrying this contact." });
  if (meta === "200/2534041") {
    return result(base, "fail", { text, codes, owner: "customer", row: "M5", guidance: `The customer must turn Instagram message access on. ${INSTAGRAM_HELP.allowAccess}` });
  }
  if (meta && WHATSAPP_OWNER[meta]) {
    const entry = lookupCode(meta);
    return result(base, "fail", { text, codes, owner: WHATSAPP_OWNER[meta], row: "M12", guidance: entry?.how, fix: FIXES.bundle });
  }
  if (meta === "131031") return result(base, "fail", { text, codes, owner: "customer", row: "S13", guidance: lookupCode(meta)?.how });
  if (meta && /^(200|10)(\/\d+)?$/.test(meta) && !lookupCode(meta)?.rows.includes("M8")) {
    return result(base, "warn", { text, codes, owner: "meta_app_owner", row: "M14", guidance: "Meta refused a permission or feature (App Review, Advanced Access or Human Agent). The Meta app owner checks the verification checklist." });
  }
  if (meta?.startsWith("190")) return result(base, "fail", { text, codes, owner: "customer", row: "M7", fix: FIXES.reconnect });
  const entry = lookupCode(code) ?? (meta ? lookupCode(meta) : undefined);
  return result(base, "warn", { text, codes, owner: entry?.who[0] ?? "reseller_staff", row: entry?.rows[0] ?? null, guidance: entry?.how ?? "Unknown reason code: shown as Sinch sent it. Copy the support bundle for a Sinch ticket." });
};
