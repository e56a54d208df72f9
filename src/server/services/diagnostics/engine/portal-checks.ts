import { FIXES, pass, result, skip } from "./result";
import type { Check, Signals } from "./types";

const HOUR = 3_600_000;
/** A channel is "silent" when the last day brought under a fifth of its usual daily inbound. */
export const SILENT_RATIO = 0.2;
/** Below this usual rate a quiet day is normal, not a symptom. */
export const SILENT_MIN_BASELINE = 5;

const noInboundRow = (s: Signals) => (s.channel === "WHATSAPP" ? "M11" : s.channel === "INSTAGRAM" ? "M6" : "M3");
const ago = (at: Date, now: Date) => {
  const h = Math.round((now.getTime() - at.getTime()) / HOUR);
  return h < 48 ? `${h} h ago` : `${Math.round(h / 24)} days ago`;
};

export const inboundCheck: Check = (s) => {
  const base = { id: "portal.inbound", title: "Inbound messages", source: "portal" as const };
  const c = s.connection;
  if (!c || c.state !== "active") return skip(base, "The channel is not active, so no inbound is expected.");
  const { lastInboundAt, inboundLast24h, inboundDailyBaseline } = s.portal;
  const activeFor = s.now.getTime() - c.stateChangedAt.getTime();
  if (!lastInboundAt) {
    if (activeFor < 24 * HOUR) return pass(base, "No inbound yet; the channel became active less than a day ago.");
    return result(base, "warn", {
      text: `No inbound message since the channel became active ${ago(c.stateChangedAt, s.now)}.`,
      owner: "reseller_staff",
      row: noInboundRow(s),
      guidance: "Ask the customer to send a test message from a personal account. If it does not arrive, check the subscription and webhook checks above.",
    });
  }
  if (inboundDailyBaseline >= SILENT_MIN_BASELINE && inboundLast24h < inboundDailyBaseline * SILENT_RATIO) {
    return result(base, "warn", {
      text: `Silent channel: ${inboundLast24h} inbound in the last 24 h against a usual ${inboundDailyBaseline.toFixed(1)} a day (last ${ago(lastInboundAt, s.now)}).`,
      owner: "reseller_staff",
      row: noInboundRow(s),
      guidance: "Inbound is far below its usual rate. Check the subscription and webhook checks, then send a test message.",
    });
  }
  return pass(base, `Last inbound ${ago(lastInboundAt, s.now)}; ${inboundLast24h} in the last 24 h (usual ${inboundDailyBaseline.toFixed(1)} a day).`);
};

const RECENT = 24 * HOUR;

export const signatureCheck: Check = (s) => {
  const base = { id: "portal.signatures", title: "Callback signatures", source: "portal" as const };
  const recent = s.portal.signatureFailures.filter((f) => s.now.getTime() - f.lastAt.getTime() < RECENT && f.count > 0);
  if (recent.length === 0) return pass(base, "No rejected callbacks in the last 24 h.");
  const summary = recent.map((f) => `${f.reason} ×${f.count} (last ${ago(f.lastAt, s.now)})`).join(", ");
  const codes = recent.map((f) => `SIGNATURE_${f.reason.toUpperCase()}`);
  const has = (r: string) => recent.some((f) => f.reason === r);
  if (has("unsigned")) {
    return result(base, "fail", { text: `Callbacks are arriving without a signature and are rejected: ${summary}.`, codes, owner: "reseller_staff", row: "S7", fix: FIXES.rotateSecret });
  }
  if (has("bad_signature") || has("bad_algorithm")) {
    return result(base, "fail", {
      text: `Callbacks are rejected as badly signed: ${summary}.`,
      codes,
      owner: "reseller_staff",
      row: "S8",
      fix: FIXES.rotateSecret,
      guidance: "Usually the secret on Sinch differs from the portal's. Rotate it; if failures continue, check that a proxy passes the raw body through unchanged.",
    });
  }
  return result(base, "warn", {
    text: `Some callbacks were rejected: ${summary}.`,
    codes,
    owner: "reseller_staff",
    row: "S8",
    guidance: `Stale timestamps mean the server clock is off by more than 5 minutes (server time now ${s.now.toISOString()}); replayed nonces are Sinch retries or a replay attempt.`,
  });
};
