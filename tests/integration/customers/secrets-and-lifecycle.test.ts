import { eq } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { notifications, sinchProjects, webhooks } from "@/server/db/schema";
import { sendChecklistReminders } from "@/server/services/customers/checklist";
import { decryptWebhookSecret } from "@/server/services/customers/secrets";
import { sinchGatewayFor } from "@/server/services/sinch-client";
import { createTestDb } from "../helpers/db";
import { useEmulator } from "../helpers/emulator";
import { asStaff, createUser } from "../helpers/factories";
import { addChannel, customerInput } from "./customer-factories";
import { emuApps, emuTopLevelProject } from "./emulator-helpers";

const emu = useEmulator();
let handle: Awaited<ReturnType<typeof createTestDb>>;
let api: ReturnType<typeof asStaff>;

beforeAll(async () => {
  handle = await createTestDb();
  api = asStaff(handle.db, (await createUser(handle.db, { role: "admin" })).id);
});
afterAll(() => handle.close());
beforeEach(async () => {
  await emu.current.control("POST", "/_emulator/reset");
  (await sinchGatewayFor(handle.db)).tokens.invalidate();
});

describe("existing top-level project", () => {
  it("verifies the key with a test call before saving anything", async () => {
    const project = await emuTopLevelProject(emu.current);
    const before = (await api.customers.list({})).total;
    const bad = api.customers.create({ ...customerInput(), projectMode: "existing_project", ...project, keySecret: "not-the-secret" });
    await expect(bad).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const err = (await bad.catch((e: unknown) => e)) as { cause?: { fieldErrors?: Record<string, string> } };
    expect(Object.keys(err.cause?.fieldErrors ?? {})).toEqual(["keySecret"]);
    expect((await api.customers.list({})).total).toBe(before);
  });

  it("never returns a secret from any procedure, and tracks the dashboard checklist with reminders", async () => {
    const project = await emuTopLevelProject(emu.current);
    const outputs: unknown[] = [];
    const created = await api.customers.create({ ...customerInput({ region: "us" }), projectMode: "existing_project", ...project });
    outputs.push(created, await api.customers.runSetup({ customerId: created.customerId }));
    const { customerId } = created;
    outputs.push(await api.customers.get({ customerId }), await api.customers.list({}), await api.customers.timeline({ customerId }), await api.settings.get());

    const [hook] = await handle.db.select().from(webhooks).where(eq(webhooks.customerId, customerId));
    const webhookSecret = decryptWebhookSecret(hook!)!;
    const serialised = superjson.stringify(outputs);
    for (const secret of [project.keySecret, webhookSecret, "emu-key-secret", "emu-meta-app-secret", hook!.secretCiphertext!]) {
      expect(serialised).not.toContain(secret);
    }
    const [row] = await handle.db.select().from(sinchProjects).where(eq(sinchProjects.customerId, customerId));
    expect(row?.keySecretCiphertext).not.toContain(project.keySecret);

    // The checklist: invite reminder after a day, then removal once every channel is active.
    const later = new Date(Date.now() + 25 * 3600_000);
    expect(await sendChecklistReminders(handle.db, later)).toBe(1);
    expect(await sendChecklistReminders(handle.db, later)).toBe(0);
    await expect(api.customers.setChecklist({ customerId, item: "remove", done: true })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await api.customers.setChecklist({ customerId, item: "invite", done: true });
    await addChannel(handle.db, customerId, "INSTAGRAM", "active");
    const detail = await api.customers.get({ customerId });
    expect(detail.checklist).toMatchObject({ invite: { done: true }, remove: { done: false, due: true } });
    expect(await sendChecklistReminders(handle.db, later)).toBe(1);
    const kinds = (await handle.db.select().from(notifications).where(eq(notifications.customerId, customerId))).map((n) => n.kind).sort();
    expect(kinds).toEqual(["customer.checklist_invite", "customer.checklist_remove"]);
    await api.customers.setChecklist({ customerId, item: "remove", done: true });
    expect((await api.customers.get({ customerId })).checklist?.remove.done).toBe(true);
    const actions = (await api.customers.timeline({ customerId })).map((t) => t.action);
    expect(actions.filter((a) => a === "customer.checklist_updated")).toHaveLength(2);
  });
});

describe("deleting the Sinch app", () => {
  it("needs the app id typed back, then deletes it at Sinch and keeps the history", async () => {
    const { customerId } = await api.customers.create(customerInput());
    await api.customers.runSetup({ customerId });
    const { app, project } = await api.customers.get({ customerId });
    await expect(api.customers.deleteApp({ customerId, confirmation: "delete" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await emuApps(emu.current, project!.projectId)).toHaveLength(1);
    await api.customers.deleteApp({ customerId, confirmation: app!.appId });
    expect(await emuApps(emu.current, project!.projectId)).toHaveLength(0);
    const after = await api.customers.get({ customerId });
    expect(after.app?.deletedAt).toBeInstanceOf(Date);
    expect(after.webhook).toBeNull();
    expect((await api.customers.timeline({ customerId })).map((t) => t.action)).toContain("app.deleted");
    await expect(api.customers.deleteApp({ customerId, confirmation: app!.appId })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });
});
