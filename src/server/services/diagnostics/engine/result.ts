import type { CheckResult, Fix, Owner, ProbeError, Verdict } from "./types";

type Base = Pick<CheckResult, "id" | "title" | "source">;

interface Detail {
  text: string;
  codes?: Array<string | null | undefined>;
  owner?: Owner;
  row?: string | null;
  guidance?: string;
  fix?: Fix;
}

export function result(base: Base, verdict: Verdict, d: Detail): CheckResult {
  const codes = [...new Set((d.codes ?? []).filter((c): c is string => typeof c === "string" && c.length > 0))];
  return {
    ...base,
    verdict,
    evidence: { text: d.text, codes },
    owner: d.owner ?? "nobody",
    catalogueRow: d.row ?? null,
    ...(d.guidance ? { guidance: d.guidance } : {}),
    ...(d.fix ? { fix: d.fix } : {}),
  };
}

export const pass = (base: Base, text: string, codes: string[] = []) => result(base, "pass", { text, codes });
export const skip = (base: Base, text: string) => result(base, "skip", { text });

export const FIXES = {
  reconnect: { action: "send_reconnect_link", label: "Send reconnect link", confirm: "Email the customer a new link that lets them reconnect this channel only." },
  repairWebhook: { action: "repair_webhook", label: "Repair webhook" },
  freeSlot: { action: "free_webhook_slot", label: "Free a webhook slot", confirm: "Delete the chosen webhook from the Sinch app. Whatever it served stops receiving callbacks." },
  rotateSecret: { action: "rotate_webhook_secret", label: "Rotate webhook secret", confirm: "Set a new signing secret on Sinch. Callbacks signed with the old one will be rejected." },
  resubscribe: { action: "resubscribe_asset", label: "Re-subscribe" },
  probeRegions: { action: "probe_regions", label: "Probe regions" },
  bundle: { action: "copy_support_bundle", label: "Copy support bundle" },
} as const satisfies Record<string, Fix>;

export const metaCodeOf = (e: Pick<ProbeError, "vendorCode" | "vendorSubcode">): string | null =>
  e.vendorCode === undefined ? null : e.vendorSubcode ? `${e.vendorCode}/${e.vendorSubcode}` : String(e.vendorCode);

const TOKEN_DEAD = new Set(["token_invalid", "password_changed", "role_removed", "app_removed", "token_expired"]);

/**
 * A call that failed is itself evidence: the Sinch key is wrong, the app is in another region, the
 * Meta token is dead… Transient failures become a warning, never a crash or a false "broken".
 */
export function probeFailure(base: Base, e: ProbeError): CheckResult {
  const codes = [e.httpStatus ? `HTTP_${e.httpStatus}` : null, metaCodeOf(e), e.reason?.toUpperCase()];
  const text = `${e.operation} failed (${e.code}${e.httpStatus ? `, HTTP ${e.httpStatus}` : ""}): ${e.message}`;
  if (e.code === "setup_incomplete") return result(base, "fail", { text: e.message, owner: "reseller_staff", guidance: "Finish the customer's setup (Sinch project, app and webhook) on the customer page." });
  if (e.service === "sinch") {
    if (e.code === "unauthorized") return result(base, "fail", { text, codes, owner: "reseller_staff", row: "S14", guidance: "Settings → Sinch access key: replace the key, then use Test credentials." });
    if (e.code === "not_found_in_region" || (e.code === "not_found" && e.operation.includes("apps.get")))
      return result(base, "fail", { text, codes, owner: "reseller_staff", row: "S5", fix: FIXES.probeRegions });
    if (e.code === "not_ready") return result(base, "warn", { text, codes, owner: "nobody", row: "S15", guidance: "A new Sinch project becomes usable within a minute; run the diagnosis again shortly." });
    if (e.code === "subprojects_not_enabled") return result(base, "fail", { text, codes, owner: "sinch", row: "S16", guidance: "Ask your Sinch account manager to enable Subprojects." });
    if (e.code === "forbidden") return result(base, "fail", { text, codes, owner: "reseller_staff", guidance: "The access key cannot reach this project. Check the project id and its parent." });
  }
  if (e.service === "meta" && TOKEN_DEAD.has(e.code)) {
    return result(base, "fail", { text, codes: [...codes, "190"], owner: "customer", row: "M7", fix: FIXES.reconnect });
  }
  if (e.service === "meta" && e.code === "asset_not_shared") return result(base, "fail", { text, codes, owner: "customer", row: "M1", fix: FIXES.reconnect });
  if (e.service === "meta" && e.code === "scope_missing") return result(base, "fail", { text, codes, owner: "customer", row: "M2", fix: FIXES.reconnect });
  return result(base, "warn", { text, codes, owner: "nobody", guidance: "The check could not be completed. Run the diagnosis again; if it keeps failing, copy the support bundle." });
}
