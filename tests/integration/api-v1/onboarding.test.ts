import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, customers, settings } from "@/server/db/schema";
import { sinchGatewayFor } from "@/server/services/sinch-client";
import { createTestDb } from "../helpers/db";
import { useEmulator } from "../helpers/emulator";
import { unique } from "../helpers/factories";
import { settle, signupCode } from "../channels/helpers";
import { eventually, startCallbackReceiver } from "../inbox/callback-receiver";
import { adminWithKeys, apiClient, expectProblem } from "./helpers";

const emu = useEmulator();
let handle: Awaited<ReturnType<typeof createTestDb>>;
let keys: Awaited<ReturnType<typeof adminWithKeys>>;
let full: ReturnType<typeof apiClient>;
let read: ReturnType<typeof apiClient>;
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;

beforeAll(async () => {
  handle = await createTestDb();
  keys = await adminWithKeys(handle.db);
  full = apiClient(handle.db, keys.full.token);
  read = apiClient(handle.db, keys.read.token);
  receiver = await startCallbackReceiver(() => handle.db);
  await handle.db.insert(settings).values({ key: "portal.publicUrl", value: receiver.url });
  (await sinchGatewayFor(handle.db)).tokens.invalidate();
});
afterAll(async () => {
  await receiver.close();
  await handle.close();
});

describe("a full onboarding through /api/v1 against the emulator", () => {
  it("creates a customer once per Idempotency-Key, connects WhatsApp, diagnoses, reads and answers the inbox, replays a callback", async () => {
    const businessName = unique("Api Bakery");
    const body = { businessName, contactName: "Ada", contactEmail: `${unique("ada")}@example.test`, region: "eu", projectMode: "subproject" };
    const created = await full("POST", "/customers", { body, idempotencyKey: `create-${businessName}` });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.setup).toEqual({ status: "ready" });
    expect(created.body.customer).toMatchObject({ businessName, setupStatus: "ready", region: "eu", app: { appId: expect.any(String) } });
    expect(JSON.stringify(created.body)).not.toMatch(/keySecret"|ciphertext/i);
    const customerId: string = created.body.customer.id;
    const appId: string = created.body.customer.app.appId;

    // A retry (a timeout on the client's side) answers the same customer and creates no second one.
    const retry = await full("POST", "/customers", { body, idempotencyKey: `create-${businessName}` });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(created.body);
    expect(await handle.db.select({ id: customers.id }).from(customers).where(eq(customers.businessName, businessName))).toEqual([{ id: customerId }]);
    expectProblem(await full("POST", "/customers", { body: { ...body, region: "us" }, idempotencyKey: `create-${businessName}` }), 422, "idempotency-key-reused");
    expect(await handle.db.select({ n: sql<number>`count(*)::int` }).from(customers).where(eq(customers.businessName, businessName))).toEqual([{ n: 1 }]);
    const invalid = await full("POST", "/customers", { body: { ...body, projectMode: "existing_project" } });
    expectProblem(invalid, 422, "validation");
    expect(Object.keys(invalid.body.errors)).toEqual(expect.arrayContaining(["projectId", "keyId", "keySecret"]));

    const setupAgain = await full("POST", `/customers/${customerId}/setup`, { body: {} });
    expect(setupAgain.body.setup).toEqual({ status: "ready" });

    const invite = await full("POST", `/customers/${customerId}/access`, { body: { email: "owner@bakery.test", channels: ["WHATSAPP"] } });
    expect(invite.status).toBe(201);

    const { code, message } = await signupCode(emu.current);
    const senderBody = { code, event: "FINISH", wabaId: message.data.waba_id, phoneNumberId: message.data.phone_number_id, businessId: message.data.business_id, region: "EU", metaLocalStorage: "DE" };
    expectProblem(await read("POST", `/customers/${customerId}/channels/whatsapp/sender`, { body: senderBody }), 403);
    const sender = await full("POST", `/customers/${customerId}/channels/whatsapp/sender`, { body: senderBody });
    expect(sender.status, JSON.stringify(sender.body)).toBe(201);
    expect(sender.body).toMatchObject({ channel: "WHATSAPP", state: "activating", wabaId: message.data.waba_id });
    expect(JSON.stringify(sender.body)).not.toContain(code);
    await settle(handle.db, customerId, "WHATSAPP");
    const channels = await read("GET", `/customers/${customerId}/channels`);
    expect(channels.body.data.find((c: { channel: string }) => c.channel === "WHATSAPP").state).not.toBe("not_connected");

    const run = await full("POST", `/customers/${customerId}/channels/WHATSAPP/diagnostics`);
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    expect(run.body).toMatchObject({ customerId, channel: "WHATSAPP", trigger: "manual", actorLabel: `API key "${keys.full.key.name}"` });
    const latest = await read("GET", `/customers/${customerId}/channels/WHATSAPP/diagnostics/latest`);
    expect(latest.body.run.id).toBe(run.body.id);

    await emu.current.control("POST", `/_emulator/sinch/apps/${appId}/inbound`, { channel: "INSTAGRAM", identity: "IGSID-7", kind: "text", text: "Do you deliver?", force: true });
    const conversation = await eventually(async () => (await read("GET", `/customers/${customerId}/conversations`)).body.data[0]);
    expect(conversation).toMatchObject({ preview: "Do you deliver?", window: { state: "open" } });
    const reply = await full("POST", `/customers/${customerId}/conversations/${conversation.id}/replies`, { body: { text: "Yes, every morning." } });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.messageIds).toHaveLength(1);
    const thread = await read("GET", `/customers/${customerId}/conversations/${conversation.id}`);
    expect(thread.body.messages.map((m: { text: string }) => m.text)).toEqual(["Do you deliver?", "Yes, every morning."]);
    const sent = await handle.db.select().from(auditLog).where(eq(auditLog.action, "inbox.reply_sent"));
    expect(sent.map((r) => r.actorLabel)).toContain(`API key "${keys.full.key.name}"`);

    const events = await read("GET", `/customers/${customerId}/webhook-events?kind=message_inbound`);
    expect(events.body.data.length).toBeGreaterThanOrEqual(1);
    const replay = await full("POST", `/customers/${customerId}/webhook-events/${events.body.data[0].id}/replay`);
    expect(replay.body.status).toBe("processed");

    const archived = await full("POST", `/customers/${customerId}/archive`);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
  });
});
