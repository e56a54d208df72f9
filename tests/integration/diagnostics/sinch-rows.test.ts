import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, conversationApps, outboundEmails, sinchProjects } from "@/server/db/schema";
import { systemActor } from "@/server/services/audit";
import { updateSettings } from "@/server/services/settings";
import { emuBasic } from "../customers/emulator-helpers";
import { checkOf, connectedCustomer, inbound, sendAndWaitReport, webhookSecrets, useDiagnosticsWorld } from "./helpers";

const world = useDiagnosticsWorld();
const ALL = ["MESSAGE_INBOUND", "MESSAGE_DELIVERY", "EVENT_INBOUND", "EVENT_DELIVERY", "CONVERSATION_START", "CONVERSATION_STOP", "UNSUPPORTED", "CHANNEL_EVENT"];
const emu = world.emu;


interface EmuWebhook {
  id: string;
  target: string;
  triggers: string[];
  secret?: string;
}
const hooks = async (appId: string) => {
  const res = await emu.current.control<{ webhooks: EmuWebhook[] } | EmuWebhook[]>("GET", `/_emulator/sinch/apps/${appId}/webhooks`);
  return Array.isArray(res) ? res : res.webhooks;
};
const projectOf = async (appId: string) => (await emu.current.control<{ apps: Array<{ id: string; project_id: string }> }>("GET", "/_emulator/sinch/apps")).apps.find((a) => a.id === appId)!.project_id;
const region = "eu";
const hookPath = async (appId: string, id = "") => `/sinch/conversation/${region}/v1/projects/${await projectOf(appId)}/webhooks${id ? `/${id}` : ""}`;

describe("webhook rows (S6–S10) and their fixes in the emulator", () => {
  it("S6: triggers removed → repair restores every required trigger on Sinch", async () => {
    const { staff, customerId, appId } = await connectedCustomer(emu.current, world.db, "MESSENGER");
    const [ours] = await hooks(appId);
    await emuBasic(emu.current, "PATCH", `${await hookPath(appId, ours!.id)}?update_mask=triggers`, { app_id: appId, target: ours!.target, triggers: ["MESSAGE_INBOUND"] });
    const run = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(checkOf(run, "sinch.webhook")).toMatchObject({ verdict: "fail", owner: "reseller_staff", catalogueRow: "S6", fix: { action: "repair_webhook" } });
    const fix = await staff.diagnostics.applyFix({ customerId, channel: "MESSENGER", action: "repair_webhook" });
    expect(fix.summary).toMatch(/Added the missing triggers/);
    expect(checkOf(fix.run, "sinch.webhook").verdict).toBe("pass");
    expect((await hooks(appId))[0]!.triggers.sort()).toEqual([...ALL].sort());
    const actions = (await world.db.select().from(auditLog).where(eq(auditLog.customerId, customerId))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["webhook.repaired", "diagnostics.fix_applied", "diagnostics.run"]));
  });

  it("S7 / S8: a secret the portal does not know → callbacks rejected as badly signed → rotate secret → accepted again", async () => {
    const { staff, customerId, appId } = await connectedCustomer(emu.current, world.db, "MESSENGER");
    const [ours] = await hooks(appId);
    await emuBasic(emu.current, "PATCH", `${await hookPath(appId, ours!.id)}?update_mask=secret`, { app_id: appId, target: ours!.target, secret: "someone-else-changed-this-secret" });
    await inbound(emu.current, appId, "MESSENGER");
    await new Promise((r) => setTimeout(r, 500));
    const run = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(checkOf(run, "portal.signatures")).toMatchObject({ verdict: "fail", owner: "reseller_staff", catalogueRow: "S8", fix: { action: "rotate_webhook_secret" } });
    await staff.diagnostics.applyFix({ customerId, channel: "MESSENGER", action: "rotate_webhook_secret" });
    const secret = (await webhookSecrets(emu.current, appId))[0]!;
    expect(secret).not.toBe("someone-else-changed-this-secret");
    const contact = await inbound(emu.current, appId, "MESSENGER", "after-rotation");
    expect(contact).toBeTruthy();
    expect((await world.db.select().from(auditLog).where(and(eq(auditLog.customerId, customerId), eq(auditLog.action, "webhook.secret_rotated")))).length).toBe(1);
  });

  it("S7: the webhook has no secret on Sinch → rotate sets one", async () => {
    const { staff, customerId, appId } = await connectedCustomer(emu.current, world.db, "MESSENGER");
    const [ours] = await hooks(appId);
    await emuBasic(emu.current, "PATCH", `${await hookPath(appId, ours!.id)}?update_mask=secret`, { app_id: appId, target: ours!.target, secret: "" });
    const run = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(checkOf(run, "sinch.webhook")).toMatchObject({ verdict: "fail", catalogueRow: "S7", fix: { action: "rotate_webhook_secret" } });
    const fix = await staff.diagnostics.applyFix({ customerId, channel: "MESSENGER", action: "rotate_webhook_secret" });
    expect(checkOf(fix.run, "sinch.webhook").verdict).toBe("pass");
  });

  it("S10: our target registered again under a new id → adopt it", async () => {
    const { staff, customerId, appId } = await connectedCustomer(emu.current, world.db, "MESSENGER");
    const [ours] = await hooks(appId);
    await emuBasic(emu.current, "DELETE", await hookPath(appId, ours!.id));
    await emuBasic(emu.current, "POST", await hookPath(appId), { app_id: appId, target: ours!.target, triggers: ALL, secret: "unknown-to-the-portal-123456" });
    const run = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(checkOf(run, "sinch.webhook")).toMatchObject({ verdict: "fail", catalogueRow: "S10", fix: { action: "repair_webhook", label: "Adopt webhook" } });
    const fix = await staff.diagnostics.applyFix({ customerId, channel: "MESSENGER", action: "repair_webhook" });
    expect(fix.summary).toMatch(/Adopted/);
    expect(checkOf(fix.run, "sinch.webhook").verdict).toBe("pass");
  });

  it("S9: our webhook gone and five others → free a confirmed slot → registered again", async () => {
    const { staff, customerId, appId } = await connectedCustomer(emu.current, world.db, "MESSENGER");
    const [ours] = await hooks(appId);
    await emuBasic(emu.current, "DELETE", await hookPath(appId, ours!.id));
    for (let i = 0; i < 5; i++) await emuBasic(emu.current, "POST", await hookPath(appId), { app_id: appId, target: `https://crm${i}.example.test/hook`, triggers: ["MESSAGE_INBOUND"], secret: `other-secret-${i}-abcdefgh` });
    const run = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(checkOf(run, "sinch.webhook")).toMatchObject({ verdict: "fail", catalogueRow: "S9", fix: { action: "free_webhook_slot" } });
    await expect(staff.diagnostics.applyFix({ customerId, channel: "MESSENGER", action: "repair_webhook" })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    const others = await staff.diagnostics.otherWebhooks({ customerId });
    expect(others).toHaveLength(5);
    const fix = await staff.diagnostics.applyFix({ customerId, channel: "MESSENGER", action: "free_webhook_slot", webhookId: others[0]!.id });
    expect(checkOf(fix.run, "sinch.webhook").verdict).toBe("pass");
    expect((await hooks(appId)).map((h) => h.target)).toContain(ours!.target);
  });
});

describe("Sinch account rows", () => {
  it("S5: stored region wrong → 404 → probe regions → corrected region", async () => {
    const { staff, customerId, appId } = await connectedCustomer(emu.current, world.db, "MESSENGER");
    await world.db.update(conversationApps).set({ region: "us" }).where(eq(conversationApps.appId, appId));
    // An hour-old project: a 404 now means "wrong region", not "subproject still warming up" (S15).
    await world.db.update(sinchProjects).set({ createdAt: new Date(Date.now() - 3_600_000) }).where(eq(sinchProjects.customerId, customerId));
    const run = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(checkOf(run, "sinch.credential")).toMatchObject({ verdict: "fail", catalogueRow: "S5", fix: { action: "probe_regions" } });
    expect(checkOf(run, "sinch.region")).toMatchObject({ verdict: "fail", owner: "reseller_staff", catalogueRow: "S5" });
    const probed = await staff.diagnostics.probeRegions({ customerId });
    expect(probed).toMatchObject({ stored: "us", found: ["eu"], corrected: null });
    const fix = await staff.diagnostics.applyFix({ customerId, channel: "MESSENGER", action: "probe_regions" });
    expect(fix.summary).toMatch(/Corrected the stored region to eu/);
    expect(checkOf(fix.run, "sinch.credential").verdict).toBe("pass");
  });

  it("S14: the access key is rejected → reseller staff, settings guidance", async () => {
    const { staff, customerId } = await connectedCustomer(emu.current, world.db, "MESSENGER");
    await updateSettings(world.db, systemActor("test"), { "sinch.keySecret": "wrong-secret-for-the-key" });
    try {
      const run = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
      expect(checkOf(run, "sinch.credential")).toMatchObject({ verdict: "fail", owner: "reseller_staff", catalogueRow: "S14" });
      expect(checkOf(run, "sinch.credential").guidance).toMatch(/Test credentials/);
    } finally {
      await updateSettings(world.db, systemActor("test"), { "sinch.keySecret": "emu-key-secret" });
    }
  });

  it("S12 via the fail switch: FAILING for a missing permission → customer reconnect, emailed at once (not an auth failure)", async () => {
    const { staff, customerId, appId } = await connectedCustomer(emu.current, world.db, "MESSENGER");
    await emu.current.control("POST", `/_emulator/sinch/apps/${appId}/credentials/MESSENGER/fail`, { description: "Failed to validate Facebook Page token: (#10) Requires pages_messaging permission" });
    const run = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(checkOf(run, "sinch.credential")).toMatchObject({ verdict: "fail", owner: "customer", catalogueRow: "S12", fix: { action: "send_reconnect_link" } });
    expect(await world.db.select().from(outboundEmails).where(and(eq(outboundEmails.customerId, customerId), eq(outboundEmails.kind, "diagnostics.reconnect")))).toHaveLength(1);
    await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(await world.db.select().from(outboundEmails).where(and(eq(outboundEmails.customerId, customerId), eq(outboundEmails.kind, "diagnostics.reconnect")))).toHaveLength(1);
  });

  it("S2: CHANNEL_BAD_CONFIGURATION → reseller staff", async () => {
    const { staff, customerId, appId } = await connectedCustomer(emu.current, world.db, "MESSENGER");
    await emu.current.control("POST", `/_emulator/sinch/apps/${appId}/credentials/MESSENGER/fail`, { description: "Failed to validate Facebook Page token: (#100) Unsupported get request (subcode 33)" });
    const run = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(checkOf(run, "sinch.credential")).toMatchObject({ verdict: "fail", owner: "reseller_staff", catalogueRow: "S2" });
  });

  it("S11: credential held PENDING for more than 15 minutes → Sinch, support bundle", async () => {
    const { staff, customerId, appId, connection } = await connectedCustomer(emu.current, world.db, "MESSENGER");
    await emu.current.control("POST", `/_emulator/sinch/apps/${appId}/credentials/MESSENGER/hold`, {});
    const run = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    const check = checkOf(run, "sinch.credential");
    expect(check.evidence.codes).toContain("PENDING");
    expect(check).toMatchObject({ verdict: "warn", catalogueRow: "S11" });
    const later = await (await import("@/server/services/diagnostics/run")).runDiagnosis(world.db, systemActor("test"), {
      customerId,
      channel: "MESSENGER",
      now: new Date(connection.stateChangedAt.getTime() + 20 * 60_000),
    });
    expect(checkOf(later, "sinch.credential")).toMatchObject({ verdict: "fail", owner: "sinch", catalogueRow: "S11", fix: { action: "copy_support_bundle" } });
  });

  it("delivery reports feed the diagnosis: a healthy send passes", async () => {
    const { staff, customerId, appId } = await connectedCustomer(emu.current, world.db, "MESSENGER");
    await sendAndWaitReport(world.db, customerId, await inbound(emu.current, appId, "MESSENGER"), "MESSENGER");
    const run = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(checkOf(run, "sinch.delivery").verdict).toBe("pass");
  });
});
