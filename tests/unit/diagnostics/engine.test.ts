import { describe, expect, it } from "vitest";
import { diagnose, type Signals } from "@/server/services/diagnostics/engine";
import { ALL_TRIGGERS, failed, healthy, NOW, probeError, TARGET } from "./signals";

const DAY = 86_400_000;
const run = (s: Signals) => diagnose(s);
const check = (s: Signals, id: string) => {
  const c = run(s).checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
};
const withReports = (s: Signals, ...reports: Signals["portal"]["recentReports"]) => ({ ...s, portal: { ...s.portal, recentReports: reports } });

describe("a healthy channel", () => {
  it.each(["MESSENGER", "INSTAGRAM", "WHATSAPP"] as const)("%s: every check passes, overall healthy", (channel) => {
    const d = run(healthy(channel));
    expect(d.checks.filter((c) => c.verdict !== "pass")).toEqual([]);
    expect(d).toMatchObject({ overall: "healthy", mainReason: null, reconnectRequired: false });
  });
});

describe("Sinch rows", () => {
  it("S1: INACTIVE_CREDENTIAL delivery report → fail, customer, reconnect", () => {
    const c = check(withReports(healthy(), failed("INACTIVE_CREDENTIAL", "The MESSENGER credential of app x is FAILING")), "sinch.delivery");
    expect(c).toMatchObject({ verdict: "fail", owner: "customer", catalogueRow: "S1", fix: { action: "send_reconnect_link" } });
  });
  it("S2: CHANNEL_BAD_CONFIGURATION → fail, reseller staff", () => {
    const c = check(withReports(healthy(), failed("CHANNEL_BAD_CONFIGURATION", "The underlying channel reported: (#100) Unsupported get request (subcode 33)")), "sinch.delivery");
    expect(c).toMatchObject({ verdict: "fail", owner: "reseller_staff", catalogueRow: "S2" });
    expect(c.evidence.codes).toContain("100/33");
  });
  it("S2: FAILING credential without business_account_id → reseller staff", () => {
    const s = healthy("INSTAGRAM");
    s.sinch.credential = { ok: true, value: { status: "FAILING", description: "Instagram business_account_id is required when using the Sinch Facebook App", knownId: null } };
    expect(check(s, "sinch.credential")).toMatchObject({ verdict: "fail", owner: "reseller_staff", catalogueRow: "S2" });
  });
  it("S3 / M8: window closed → warn, reseller staff, row per channel", () => {
    const wa = check(withReports(healthy("WHATSAPP"), failed("OUTSIDE_ALLOWED_SENDING_WINDOW", "(#131047) Re-engagement message")), "sinch.delivery");
    expect(wa).toMatchObject({ verdict: "warn", owner: "reseller_staff", catalogueRow: "S3" });
    expect(wa.guidance).toMatch(/template/);
    const ig = check(withReports(healthy("INSTAGRAM"), failed("OUTSIDE_ALLOWED_SENDING_WINDOW", "(#10) outside window (subcode 2534022)")), "sinch.delivery");
    expect(ig).toMatchObject({ verdict: "warn", catalogueRow: "M8" });
    expect(ig.guidance).toMatch(/HUMAN_AGENT/);
  });
  it("S4: RECIPIENT_NOT_REACHABLE → warn, nobody", () => {
    expect(check(withReports(healthy(), failed("RECIPIENT_NOT_REACHABLE")), "sinch.delivery")).toMatchObject({ verdict: "warn", owner: "nobody", catalogueRow: "S4" });
  });
  it("S5: app 404 in its region → probe regions; regions found elsewhere → correct region", () => {
    const s = healthy();
    s.sinch.credential = probeError({ service: "sinch", code: "not_found_in_region", operation: "conversation.apps.get", httpStatus: 404 });
    expect(check(s, "sinch.credential")).toMatchObject({ verdict: "fail", owner: "reseller_staff", catalogueRow: "S5", fix: { action: "probe_regions" } });
    s.sinch.regions = { ok: true, value: { found: ["us"] } };
    const r = check(s, "sinch.region");
    expect(r).toMatchObject({ verdict: "fail", catalogueRow: "S5", fix: { action: "probe_regions" } });
    expect(r.fix?.label).toContain("us");
  });
  it("S6: missing triggers → repair", () => {
    const s = healthy();
    s.sinch.webhooks = { ok: true, value: { target: TARGET, storedWebhookId: "wh1", list: [{ id: "wh1", target: TARGET, triggers: ["MESSAGE_INBOUND"], hasSecret: true }] } };
    const c = check(s, "sinch.webhook");
    expect(c).toMatchObject({ verdict: "fail", owner: "reseller_staff", catalogueRow: "S6", fix: { action: "repair_webhook" } });
    expect(c.evidence.codes).toContain("MESSAGE_DELIVERY");
  });
  it("S7: webhook without secret, and unsigned callbacks → rotate secret", () => {
    const s = healthy();
    s.sinch.webhooks = { ok: true, value: { target: TARGET, storedWebhookId: "wh1", list: [{ id: "wh1", target: TARGET, triggers: ALL_TRIGGERS, hasSecret: false }] } };
    expect(check(s, "sinch.webhook")).toMatchObject({ verdict: "fail", catalogueRow: "S7", fix: { action: "rotate_webhook_secret" } });
    s.portal.signatureFailures = [{ reason: "unsigned", count: 3, lastAt: new Date(NOW.getTime() - 60_000) }];
    expect(check(s, "portal.signatures")).toMatchObject({ verdict: "fail", catalogueRow: "S7", fix: { action: "rotate_webhook_secret" } });
  });
  it("S8: bad signatures → rotate; stale only → warn about the clock", () => {
    const s = healthy();
    s.portal.signatureFailures = [{ reason: "bad_signature", count: 2, lastAt: new Date(NOW.getTime() - 60_000) }];
    expect(check(s, "portal.signatures")).toMatchObject({ verdict: "fail", catalogueRow: "S8", owner: "reseller_staff", fix: { action: "rotate_webhook_secret" } });
    s.portal.signatureFailures = [{ reason: "stale", count: 2, lastAt: new Date(NOW.getTime() - 60_000) }];
    const stale = check(s, "portal.signatures");
    expect(stale).toMatchObject({ verdict: "warn", catalogueRow: "S8" });
    expect(stale.guidance).toMatch(/clock/);
    s.portal.signatureFailures = [{ reason: "bad_signature", count: 2, lastAt: new Date(NOW.getTime() - 3 * DAY) }];
    expect(check(s, "portal.signatures").verdict).toBe("pass");
  });
  it("S9: our webhook missing and 5 others → free a slot (with confirmation)", () => {
    const s = healthy();
    const list = [1, 2, 3, 4, 5].map((i) => ({ id: `o${i}`, target: `https://other.test/${i}`, triggers: ["MESSAGE_INBOUND"], hasSecret: true }));
    s.sinch.webhooks = { ok: true, value: { target: TARGET, storedWebhookId: null, list } };
    const c = check(s, "sinch.webhook");
    expect(c).toMatchObject({ verdict: "fail", catalogueRow: "S9", fix: { action: "free_webhook_slot" } });
    expect(c.fix?.confirm).toBeTruthy();
  });
  it("S10: our target registered under another id → adopt", () => {
    const s = healthy();
    s.sinch.webhooks = { ok: true, value: { target: TARGET, storedWebhookId: "old", list: [{ id: "wh9", target: TARGET, triggers: ALL_TRIGGERS, hasSecret: true }] } };
    expect(check(s, "sinch.webhook")).toMatchObject({ verdict: "fail", catalogueRow: "S10", fix: { action: "repair_webhook", label: "Adopt webhook" } });
  });
  it("S11: PENDING for more than 15 minutes → Sinch, support bundle; shorter → warn", () => {
    const s = healthy();
    s.sinch.credential = { ok: true, value: { status: "PENDING", description: null, knownId: null } };
    s.connection = { ...s.connection!, state: "activating", stateChangedAt: new Date(NOW.getTime() - 20 * 60_000) };
    expect(check(s, "sinch.credential")).toMatchObject({ verdict: "fail", owner: "sinch", catalogueRow: "S11", fix: { action: "copy_support_bundle" } });
    s.connection = { ...s.connection, stateChangedAt: new Date(NOW.getTime() - 2 * 60_000) };
    expect(check(s, "sinch.credential")).toMatchObject({ verdict: "warn", catalogueRow: "S11" });
  });
  it("S12: FAILING for a missing permission → customer reconnect", () => {
    const s = healthy();
    s.sinch.credential = { ok: true, value: { status: "FAILING", description: "Failed to validate Facebook Page token: (#10) Requires pages_messaging permission", knownId: null } };
    expect(check(s, "sinch.credential")).toMatchObject({ verdict: "fail", owner: "customer", catalogueRow: "S12", fix: { action: "send_reconnect_link" } });
  });
  it("S13: sender SUSPENDED with a REJECTED change → Sinch, support bundle", () => {
    const s = healthy("WHATSAPP");
    s.sinch.sender = { ok: true, value: { state: "SUSPENDED", changesStatus: "REJECTED", details: ["policy"] } };
    const c = check(s, "sinch.sender");
    expect(c).toMatchObject({ verdict: "fail", owner: "sinch", catalogueRow: "S13", fix: { action: "copy_support_bundle" } });
    expect(c.evidence.codes).toEqual(["SUSPENDED", "REJECTED"]);
  });
  it("S14 / S15 / S16: Sinch call failures are verdicts, not crashes", () => {
    const s = healthy();
    s.sinch.credential = probeError({ service: "sinch", code: "unauthorized", httpStatus: 401 });
    expect(check(s, "sinch.credential")).toMatchObject({ verdict: "fail", owner: "reseller_staff", catalogueRow: "S14" });
    s.sinch.credential = probeError({ service: "sinch", code: "not_ready", httpStatus: 404 });
    expect(check(s, "sinch.credential")).toMatchObject({ verdict: "warn", owner: "nobody", catalogueRow: "S15" });
    s.sinch.credential = probeError({ service: "sinch", code: "subprojects_not_enabled", httpStatus: 403 });
    expect(check(s, "sinch.credential")).toMatchObject({ verdict: "fail", owner: "sinch", catalogueRow: "S16" });
    s.sinch.credential = probeError({ service: "sinch", code: "timeout" });
    expect(check(s, "sinch.credential")).toMatchObject({ verdict: "warn", owner: "nobody", catalogueRow: null });
  });
});
