import { describe, expect, it } from "vitest";
import { diagnose, type Signals } from "@/server/services/diagnostics/engine";
import { failed, healthy, META_APP, NOW, probeError } from "./signals";

const DAY = 86_400_000;
const check = (s: Signals, id: string) => {
  const c = diagnose(s).checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
};
const token = (s: Signals) => {
  const t = s.meta.token;
  if (!t?.ok) throw new Error("no token signal");
  return t.value;
};

describe("Meta rows", () => {
  it("M1: the Page is not among the shared assets → customer reconnects and selects it", () => {
    const s = healthy();
    token(s).granularScopes = [{ scope: "pages_messaging", targetIds: ["2000100002"] }];
    expect(check(s, "meta.assets")).toMatchObject({ verdict: "fail", owner: "customer", catalogueRow: "M1", fix: { action: "send_reconnect_link" } });
  });
  it("M2: a required permission is missing → list it, reconnect", () => {
    const s = healthy();
    token(s).scopes = ["pages_show_list"];
    const c = check(s, "meta.scopes");
    expect(c).toMatchObject({ verdict: "fail", owner: "customer", catalogueRow: "M2" });
    expect(c.evidence.text).toContain("pages_messaging");
  });
  it("M3: our app not subscribed to the Page → Meta app owner, re-subscribe", () => {
    const s = healthy();
    s.meta.subscriptions = { ok: true, value: [] };
    expect(check(s, "meta.subscription")).toMatchObject({ verdict: "fail", owner: "meta_app_owner", catalogueRow: "M3", fix: { action: "resubscribe_asset", label: "Re-subscribe Page" } });
  });
  it("M4: Page lost its Instagram link → customer, exact settings path", () => {
    const s = healthy("INSTAGRAM");
    s.meta.page = { ok: true, value: { instagramBusinessAccountId: null, tasks: ["MODERATE"] } };
    const c = check(s, "meta.instagram_link");
    expect(c).toMatchObject({ verdict: "fail", owner: "customer", catalogueRow: "M4" });
    expect(c.guidance).toMatch(/Linked accounts/);
  });
  it("M5: send error 200/2534041 → customer is told the exact toggle", () => {
    const s = healthy("INSTAGRAM");
    s.portal.recentReports = [failed("CHANNEL_FAILURE", "The underlying channel reported: (#200) The Instagram account owner has disabled access to messages (subcode 2534041)")];
    const c = check(s, "sinch.delivery");
    expect(c).toMatchObject({ verdict: "fail", owner: "customer", catalogueRow: "M5" });
    expect(c.guidance).toContain("Messages and story replies → Message controls → Connected tools → Allow access to messages");
  });
  it("M6: Instagram Page not subscribed → re-subscribe; no MODERATE task → warn customer", () => {
    const s = healthy("INSTAGRAM");
    s.meta.subscriptions = { ok: true, value: [] };
    expect(check(s, "meta.subscription")).toMatchObject({ verdict: "fail", catalogueRow: "M6", fix: { action: "resubscribe_asset" } });
    s.meta.page = { ok: true, value: { instagramBusinessAccountId: "17841000100001", tasks: ["MESSAGING", "ANALYZE"] } };
    expect(check(s, "meta.instagram_link")).toMatchObject({ verdict: "warn", owner: "customer", catalogueRow: "M6" });
  });
  it("M7: token invalid (190/460), data access expired, expiring in 12 days", () => {
    const s = healthy();
    Object.assign(token(s), { isValid: false, error: { code: 190, subcode: 460 } });
    const invalid = check(s, "meta.token");
    expect(invalid).toMatchObject({ verdict: "fail", owner: "customer", catalogueRow: "M7", fix: { action: "send_reconnect_link" } });
    expect(invalid.evidence.codes).toEqual(["190/460"]);
    const t = token(s);
    Object.assign(t, { isValid: true, error: null, dataAccessExpiresAt: new Date(NOW.getTime() - DAY) });
    expect(check(s, "meta.token")).toMatchObject({ verdict: "fail", catalogueRow: "M7" });
    t.dataAccessExpiresAt = new Date(NOW.getTime() + 12 * DAY - 60_000);
    const soon = check(s, "meta.token");
    expect(soon).toMatchObject({ verdict: "warn", owner: "customer", catalogueRow: "M7" });
    expect(soon.evidence.text).toContain("expires in 12 days");
  });
  it("M7: a 190 inside Sinch's FAILING description → customer reconnect", () => {
    const s = healthy();
    s.sinch.credential = { ok: true, value: { status: "FAILING", description: "Failed to validate Facebook Page token: (#190) Error validating access token: The session has been invalidated because the user changed their password (subcode 460)", knownId: null } };
    const c = check(s, "sinch.credential");
    expect(c).toMatchObject({ verdict: "fail", owner: "customer", catalogueRow: "M7" });
    expect(c.evidence.codes).toEqual(["FAILING", "190/460"]);
  });
  it("M10: another app subscribed to the Page → warn reseller staff", () => {
    const s = healthy();
    s.meta.subscriptions = { ok: true, value: [{ appId: META_APP, name: "Ours", subscribedFields: [], overrideCallbackUri: null }, { appId: "999", name: "Other CRM", subscribedFields: [], overrideCallbackUri: null }] };
    const c = check(s, "meta.subscription");
    expect(c).toMatchObject({ verdict: "warn", owner: "reseller_staff", catalogueRow: "M10" });
    expect(c.evidence.text).toContain("Other CRM");
  });
  it("M11: WABA not subscribed → Sinch; overridden callback → warn", () => {
    const s = healthy("WHATSAPP");
    s.meta.subscriptions = { ok: true, value: [] };
    expect(check(s, "meta.subscription")).toMatchObject({ verdict: "fail", owner: "sinch", catalogueRow: "M11", fix: { label: "Re-subscribe WhatsApp account" } });
    s.meta.subscriptions = { ok: true, value: [{ appId: META_APP, name: "Ours", subscribedFields: [], overrideCallbackUri: null }, { appId: "7", name: "Other", subscribedFields: [], overrideCallbackUri: "https://x.test" }] };
    expect(check(s, "meta.subscription")).toMatchObject({ verdict: "warn", owner: "sinch", catalogueRow: "M11" });
  });
  it("M12: unregistered number, name under review, billing; sender PENDING_VERIFICATION", () => {
    const s = healthy("WHATSAPP");
    s.meta.phone = { ok: true, value: { status: "PENDING", nameStatus: "APPROVED", codeVerificationStatus: "VERIFIED", qualityRating: "GREEN" } };
    expect(check(s, "meta.phone")).toMatchObject({ verdict: "fail", owner: "sinch", catalogueRow: "M12" });
    s.meta.phone = { ok: true, value: { status: "CONNECTED", nameStatus: "PENDING_REVIEW", codeVerificationStatus: "VERIFIED", qualityRating: "GREEN" } };
    expect(check(s, "meta.phone")).toMatchObject({ verdict: "warn", owner: "customer", catalogueRow: "M12" });
    s.portal.recentReports = [failed("CHANNEL_FAILURE", "The underlying channel reported: (#131042) Business eligibility payment issue")];
    expect(check(s, "sinch.delivery")).toMatchObject({ verdict: "fail", owner: "customer", catalogueRow: "M12" });
    s.sinch.sender = { ok: true, value: { state: "PENDING_VERIFICATION", changesStatus: null, details: [] } };
    expect(check(s, "sinch.sender")).toMatchObject({ verdict: "fail", owner: "sinch", catalogueRow: "M12" });
  });
  it("M13: WABA not shared → run signup again", () => {
    const s = healthy("WHATSAPP");
    token(s).granularScopes = [{ scope: "whatsapp_business_management", targetIds: [] }];
    const c = check(s, "meta.assets");
    expect(c).toMatchObject({ verdict: "fail", owner: "customer", catalogueRow: "M13" });
    expect(c.guidance).toMatch(/signup again/);
  });
  it("M14: HUMAN_AGENT refused with a 200 → Meta app owner", () => {
    const s = healthy("INSTAGRAM");
    s.portal.recentReports = [failed("CHANNEL_FAILURE", "The underlying channel reported: (#200) Human Agent feature not approved")];
    expect(check(s, "sinch.delivery")).toMatchObject({ verdict: "warn", owner: "meta_app_owner", catalogueRow: "M14" });
  });
  it("a failed Meta call for a dead token is M7, a timeout is only a warning", () => {
    const s = healthy();
    s.meta.token = probeError({ service: "meta", code: "password_changed", vendorCode: 190, vendorSubcode: 460 });
    expect(check(s, "meta.token")).toMatchObject({ verdict: "fail", catalogueRow: "M7", owner: "customer" });
    s.meta.token = probeError({ service: "meta", code: "timeout" });
    expect(check(s, "meta.token")).toMatchObject({ verdict: "warn", owner: "nobody" });
  });
});

describe("portal signals and the overall verdict", () => {
  it("silent channel: inbound far below its usual rate → warn", () => {
    const s = healthy();
    s.portal = { ...s.portal, inboundLast24h: 1, inboundDailyBaseline: 40 };
    const c = check(s, "portal.inbound");
    expect(c).toMatchObject({ verdict: "warn", catalogueRow: "M3" });
    expect(c.evidence.text).toMatch(/Silent channel/);
  });
  it("no inbound since the channel became active days ago → warn with the channel's row", () => {
    const s = healthy("WHATSAPP");
    s.portal = { ...s.portal, lastInboundAt: null, inboundLast24h: 0, inboundDailyBaseline: 0 };
    expect(check(s, "portal.inbound")).toMatchObject({ verdict: "warn", catalogueRow: "M11" });
  });
  it("two consecutive authorisation failures → reconnect required (counter or delivery reports)", () => {
    const s = healthy();
    s.portal.recentReports = [failed("INACTIVE_CREDENTIAL")];
    let d = diagnose(s);
    expect(d).toMatchObject({ overall: "broken", authFailure: true, consecutiveAuthFailures: 1, reconnectRequired: false });
    s.connection = { ...s.connection!, consecutiveAuthFailures: 1 };
    d = diagnose(s);
    expect(d).toMatchObject({ consecutiveAuthFailures: 2, reconnectRequired: true, mainOwner: "customer" });
    expect(d.checks[0]).toMatchObject({ id: "portal.reconnect_required", verdict: "fail", fix: { action: "send_reconnect_link" } });
    const fresh = healthy();
    fresh.portal.recentReports = [failed("INACTIVE_CREDENTIAL"), failed("INACTIVE_CREDENTIAL")];
    expect(diagnose(fresh).reconnectRequired).toBe(true);
  });
  it("failures from before the channel became active again (a reconnect) are history, not evidence", () => {
    const s = healthy();
    s.portal.recentReports = [{ ...failed("INACTIVE_CREDENTIAL"), at: new Date(s.connection!.stateChangedAt.getTime() - 60_000) }];
    expect(diagnose(s)).toMatchObject({ overall: "healthy", authFailure: false });
    s.connection = { ...s.connection!, state: "failing" };
    expect(diagnose(s).authFailure).toBe(true);
  });
  it("a window problem is a warning, never broken; the main reason names the first failing check", () => {
    const s = healthy();
    s.portal.recentReports = [failed("OUTSIDE_ALLOWED_SENDING_WINDOW")];
    expect(diagnose(s).overall).toBe("warning");
    s.meta.subscriptions = { ok: true, value: [] };
    const d = diagnose(s);
    expect(d.overall).toBe("broken");
    expect(d.mainReason).toMatch(/^Page subscription:/);
  });
});
