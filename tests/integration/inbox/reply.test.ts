import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, settings } from "@/server/db/schema";
import { sinchGatewayFor } from "@/server/services/sinch-client";
import { createTestDb } from "../helpers/db";
import { useEmulator } from "../helpers/emulator";
import { asStaff, callerFor, createUser } from "../helpers/factories";
import { customerInput } from "../customers/customer-factories";
import { eventually, startCallbackReceiver } from "./callback-receiver";

const emu = useEmulator();
let handle: Awaited<ReturnType<typeof createTestDb>>;
let api: ReturnType<typeof asStaff>;
let adminId: string;
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;

beforeAll(async () => {
  handle = await createTestDb();
  adminId = (await createUser(handle.db, { role: "admin" })).id;
  api = asStaff(handle.db, adminId);
  receiver = await startCallbackReceiver(() => handle.db);
  await handle.db.insert(settings).values({ key: "portal.publicUrl", value: receiver.url });
  (await sinchGatewayFor(handle.db)).tokens.invalidate();
});
afterAll(async () => {
  await receiver.close();
  await handle.close();
});

describe("reply through messages:send, following the emulator's signed callbacks", () => {
  it("receives a contact message, sends a reply that is pending then follows its reports, and refuses after the window", async () => {
    const { customerId } = await api.customers.create(customerInput());
    expect(await api.customers.runSetup({ customerId })).toEqual({ status: "ready" });
    const appId = (await api.customers.get({ customerId })).app!.appId;

    await emu.current.control("POST", `/_emulator/sinch/apps/${appId}/inbound`, { channel: "INSTAGRAM", identity: "IGSID-42", kind: "text", text: "Do you ship to Oslo?", force: true });
    const conv = await eventually(async () => (await api.inbox.list({ customerId })).items[0]);
    expect(conv).toMatchObject({ channel: "INSTAGRAM", identity: "IGSID-42", preview: "Do you ship to Oslo?", unreadCount: 1, window: { state: "open" } });

    const { messageIds } = await api.inbox.reply({ conversationId: conv.id, text: "Yes, in 3 days." });
    const sent = (await api.inbox.thread({ conversationId: conv.id })).messages.find((m) => m.id === messageIds[0]);
    expect(sent).toMatchObject({ direction: "outbound", text: "Yes, in 3 days." });
    expect(sent?.sinchMessageId).toBeTruthy();
    // No Instagram credential on the app: the emulator reports FAILED with Sinch's reason code.
    const failed = await eventually(async () => {
      const m = (await api.inbox.thread({ conversationId: conv.id })).messages.find((x) => x.id === messageIds[0]);
      return m?.status === "FAILED" ? m : null;
    });
    expect(failed.reasonCode).toBe("CHANNEL_CONFIGURATION_MISSING");
    expect(failed.reports.map((r) => r.status)).toContain("FAILED");
    expect((await api.inbox.list({ failures: true })).items.map((c) => c.id)).toContain(conv.id);
    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.action, "inbox.reply_sent"));
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0]!.metadata)).not.toContain("3 days");

    const later = callerFor(handle.db, { type: "staff", userId: adminId }, { now: () => new Date(Date.now() + 25 * 3_600_000) });
    await expect(later.inbox.reply({ conversationId: conv.id, text: "Still there?" })).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringMatching(/window is closed/) });
  });
});
