import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, webhooks } from "@/server/db/schema";
import { REQUIRED_WEBHOOK_TRIGGERS } from "@/server/integrations/sinch/conversation";
import { decryptWebhookSecret } from "@/server/services/customers/secrets";
import { CUSTOMER_LABEL } from "@/server/services/customers/step-project";
import { sinchGatewayFor } from "@/server/services/sinch-client";
import { createTestDb } from "../helpers/db";
import { useEmulator } from "../helpers/emulator";
import { asStaff, createUser } from "../helpers/factories";
import { customerInput } from "./customer-factories";
import { emuApps, emuBasic, emuProjects, emuTopLevelProject } from "./emulator-helpers";

const emu = useEmulator();
let handle: Awaited<ReturnType<typeof createTestDb>>;
let api: ReturnType<typeof asStaff>;

beforeAll(async () => {
  handle = await createTestDb();
  api = asStaff(handle.db, (await createUser(handle.db, { role: "admin" })).id);
});
afterAll(() => handle.close());
beforeEach(async () => {
  // A reset makes the emulator forget issued tokens, which real Sinch never does: drop the cached one.
  await emu.current.control("POST", "/_emulator/reset");
  (await sinchGatewayFor(handle.db)).tokens.invalidate();
});

async function createAndRun(overrides: Parameters<typeof customerInput>[0] = {}) {
  const { customerId } = await api.customers.create(customerInput(overrides));
  return { customerId, outcome: await api.customers.runSetup({ customerId }) };
}

describe("guided setup against the emulator", () => {
  it("creates the subproject, the app in the chosen region and one signed webhook with the inbox triggers", async () => {
    const { customerId, outcome } = await createAndRun({ region: "br" });
    expect(outcome).toEqual({ status: "ready" });
    const detail = await api.customers.get({ customerId });
    expect(detail.setupStatus).toBe("ready");
    expect(detail.project?.kind).toBe("subproject");
    const sub = (await emuProjects(emu.current)).find((p) => p.id === detail.project?.projectId);
    expect(sub?.parentId).toBe("emu-parent-project");
    expect(sub?.labels[CUSTOMER_LABEL]).toBe(customerId);

    const apps = await emuApps(emu.current, detail.project!.projectId);
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({ id: detail.app?.appId, region: "br", processing_mode: "CONVERSATION", display_name: detail.businessName });
    expect(apps[0]!.webhooks).toHaveLength(1);
    const hook = apps[0]!.webhooks[0]!;
    expect(hook.target).toBe(`http://portal.test/api/webhooks/sinch/${detail.app!.appId}`);
    expect([...hook.triggers].sort()).toEqual([...REQUIRED_WEBHOOK_TRIGGERS].sort());
    expect(Buffer.from(hook.secret!, "base64url")).toHaveLength(32);

    const [row] = await handle.db.select().from(webhooks).where(eq(webhooks.customerId, customerId));
    expect(row?.secretCiphertext).not.toContain(hook.secret!);
    expect(decryptWebhookSecret(row!)).toBe(hook.secret);
    expect(detail.webhook).toMatchObject({ sinchWebhookId: hook.id, signed: true });

    // Running again changes nothing at Sinch.
    expect(await api.customers.runSetup({ customerId })).toEqual({ status: "ready" });
    expect(await emuApps(emu.current, detail.project!.projectId)).toHaveLength(1);
  });

  it("with Subprojects disabled: needs attention with the reason, then the existing-project path completes", async () => {
    await emu.current.control("POST", "/_emulator/sinch/subprojects/disable", { disabled: true });
    const { customerId, outcome } = await createAndRun();
    expect(outcome).toMatchObject({ status: "needs_attention", step: "project", code: "subprojects_not_enabled" });
    const detail = await api.customers.get({ customerId });
    expect(detail.setupStatus).toBe("needs_attention");
    expect(detail.steps[0]?.errorMessage).toMatch(/account manager/);

    const project = await emuTopLevelProject(emu.current);
    await expect(api.customers.linkProject({ customerId, ...project, keySecret: "wrong-secret" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await api.customers.linkProject({ customerId, ...project });
    expect(await api.customers.runSetup({ customerId })).toEqual({ status: "ready" });
    const linked = await api.customers.get({ customerId });
    expect(linked.projectMode).toBe("existing_project");
    expect(linked.project).toMatchObject({ projectId: project.projectId, kind: "project", keyId: project.keyId });
    expect(linked.checklist?.invite.done).toBe(false);
    expect(await emuApps(emu.current, project.projectId)).toHaveLength(1);
  });

  it("the app endpoint failing twice: each retry continues, and Sinch ends with one app and one webhook", async () => {
    await emu.current.control("POST", "/_emulator/faults", { key: "sinch.apps.create", status: 500, count: 2 });
    const { customerId, outcome } = await createAndRun({ region: "us" });
    expect(outcome).toMatchObject({ status: "needs_attention", step: "app", code: "unavailable" });
    expect(await api.customers.runSetup({ customerId })).toMatchObject({ status: "needs_attention", step: "app" });
    expect(await api.customers.runSetup({ customerId })).toEqual({ status: "ready" });
    const detail = await api.customers.get({ customerId });
    expect(detail.steps.map((s) => [s.step, s.status, s.attempts])).toEqual([
      ["project", "done", 1],
      ["app", "done", 3],
      ["webhook", "done", 1],
    ]);
    const apps = await emuApps(emu.current, detail.project!.projectId);
    expect(apps).toHaveLength(1);
    expect(apps[0]!.webhooks).toHaveLength(1);
    const actions = (await handle.db.select().from(auditLog).where(eq(auditLog.customerId, customerId))).map((a) => a.action);
    expect(actions.filter((a) => a === "customer.step_failed")).toHaveLength(2);
  });

  it("adopts the portal's webhook already on the app, and lets staff replace one when the app has five", async () => {
    await emu.current.control("POST", "/_emulator/faults", { key: "sinch.webhooks.create", status: 500, count: 1 });
    const { customerId, outcome } = await createAndRun();
    expect(outcome).toMatchObject({ status: "needs_attention", step: "webhook" });
    const { project, app } = await api.customers.get({ customerId });
    const hooksPath = `/sinch/conversation/eu/v1/projects/${project!.projectId}/webhooks`;
    for (let i = 0; i < 5; i++) await emuBasic(emu.current, "POST", hooksPath, { app_id: app!.appId, target: `https://other.example/${i}`, triggers: ["MESSAGE_INBOUND"] });

    const full = await api.customers.runSetup({ customerId });
    expect(full).toMatchObject({ status: "needs_attention", step: "webhook", code: "webhook_limit" });
    const choices = (await api.customers.get({ customerId })).steps[2]!.replaceChoices;
    expect(choices).toHaveLength(5);
    expect(await api.customers.runSetup({ customerId, replaceWebhookId: choices[0]!.id })).toEqual({ status: "ready" });
    const hooks = (await emuApps(emu.current, project!.projectId))[0]!.webhooks;
    expect(hooks).toHaveLength(5);
    expect(hooks.map((h) => h.target)).not.toContain(choices[0]!.target);

    // Our target registered by someone else (S10): adopted with a fresh secret and the full trigger list.
    const { customerId: second } = await createAndRun();
    const s = await api.customers.get({ customerId: second });
    const ours = `http://portal.test/api/webhooks/sinch/${s.app!.appId}`;
    await emuBasic(emu.current, "DELETE", `/sinch/conversation/eu/v1/projects/${s.project!.projectId}/webhooks/${s.webhook!.sinchWebhookId}`);
    await emuBasic(emu.current, "POST", `/sinch/conversation/eu/v1/projects/${s.project!.projectId}/webhooks`, { app_id: s.app!.appId, target: ours, triggers: ["MESSAGE_INBOUND"] });
    await handle.db.delete(webhooks).where(eq(webhooks.customerId, second));
    const { resetStepForTest } = await import("./reset-step");
    await resetStepForTest(handle.db, second, "webhook");
    expect(await api.customers.runSetup({ customerId: second })).toEqual({ status: "ready" });
    const adopted = (await emuApps(emu.current, s.project!.projectId))[0]!.webhooks;
    expect(adopted).toHaveLength(1);
    expect([...adopted[0]!.triggers].sort()).toEqual([...REQUIRED_WEBHOOK_TRIGGERS].sort());
    const actions = (await handle.db.select().from(auditLog).where(eq(auditLog.customerId, second))).map((a) => a.action);
    expect(actions).toContain("webhook.adopted");
  });
});
