import { authFailureStreak, deliveryCheck } from "./delivery-checks";
import { assetsCheck, instagramLinkCheck, phoneCheck, scopesCheck, subscriptionCheck, tokenCheck } from "./meta-checks";
import { inboundCheck, signatureCheck } from "./portal-checks";
import { FIXES, result } from "./result";
import { credentialCheck, regionCheck, senderCheck, webhookCheck } from "./sinch-checks";
import type { Check, CheckResult, Diagnosis, Overall, Signals } from "./types";

export * from "./types";
export { failureStreak, authFailureStreak } from "./delivery-checks";
export { EXPIRY_WARNING_DAYS } from "./meta-checks";

/** Order matters: the first failing check names the channel's main reason on the overview. */
export const CHECKS: Check[] = [
  credentialCheck,
  regionCheck,
  tokenCheck,
  scopesCheck,
  assetsCheck,
  senderCheck,
  phoneCheck,
  deliveryCheck,
  webhookCheck,
  subscriptionCheck,
  instagramLinkCheck,
  signatureCheck,
  inboundCheck,
];

export const RECONNECT_AFTER = 2;

/** A failed check that says the customer's authorisation is gone (catalogue rule: 190 or INACTIVE_CREDENTIAL). */
export function isAuthFailure(c: CheckResult): boolean {
  if (c.verdict !== "fail") return false;
  if (c.evidence.codes.includes("INACTIVE_SENDER")) return false;
  return c.evidence.codes.some((code) => code === "INACTIVE_CREDENTIAL" || code.startsWith("190"));
}

function overallOf(checks: CheckResult[]): Overall {
  if (checks.some((c) => c.verdict === "fail")) return "broken";
  if (checks.some((c) => c.verdict === "warn")) return "warning";
  return "healthy";
}

/** Runs every check over the gathered signals. Pure: same signals, same diagnosis. */
export function diagnose(s: Signals): Diagnosis {
  const checks = CHECKS.flatMap((check) => {
    const out = check(s);
    return out === null ? [] : Array.isArray(out) ? out : [out];
  });
  const authFailure = checks.some(isAuthFailure);
  const stored = s.connection?.consecutiveAuthFailures ?? 0;
  const consecutiveAuthFailures = authFailure ? Math.max(stored + 1, authFailureStreak(s)) : 0;
  const reconnectRequired = consecutiveAuthFailures >= RECONNECT_AFTER;
  if (reconnectRequired) {
    checks.unshift(
      result({ id: "portal.reconnect_required", title: "Reconnect required", source: "portal" }, "fail", {
        text: `${consecutiveAuthFailures} consecutive authorisation failures (190 / INACTIVE_CREDENTIAL): the customer must log in again.`,
        codes: ["INACTIVE_CREDENTIAL", "190"],
        owner: "customer",
        row: "M7",
        fix: FIXES.reconnect,
      }),
    );
  }
  const overall = overallOf(checks);
  const main = checks.find((c) => c.verdict === "fail") ?? checks.find((c) => c.verdict === "warn") ?? null;
  return {
    overall,
    mainReason: main ? `${main.title}: ${main.evidence.text}` : null,
    mainOwner: main?.owner ?? null,
    authFailure,
    consecutiveAuthFailures,
    reconnectRequired,
    checks,
  };
}
