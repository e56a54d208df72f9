import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { accessGrants, auditLog, channelConnections, channelLoginSessions } from "@/server/db/schema";
import { eq } from "drizzle-orm";
import { sinchGatewayFor } from "@/server/services/sinch-client";
import { decryptSenderToken, findConnection } from "@/server/services/channels/context";
import { credentialWritersInProcess, withAppCredentialLock } from "@/server/services/channels/credentials";
import { refreshConnection } from "@/server/services/channels/poll";
import { applyConnectionPatch } from "@/server/services/channels/transitions";
import { createTestDb } from "../helpers/db";
import { useEmulator } from "../helpers/emulator";
import { env } from "@/env";
import { clearSetting } from "@/server/services/settings";
import { asStaff, createUser } from "../helpers/factories";
import { captureLogs, emulatorApp, invitedCustomer, issuedTokens, pageLoginCode, readyCustomer, resetEmulator, SCOPES, SEED, settle, signupCode, submitDialog } from "./helpers";

const emu = useEmulator();
let handle: Awaited<ReturnType<typeof createTestDb>>;
const logs = captureLogs();
/** Every tRPC output of this file, serialised, for the token scan. */
const outputs: unknown[] = [];
const seen = <T>(value: T): T => (outputs.push(value), value);

beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());
beforeEach(async () => {
  await resetEmulator(emu.current);
  await handle.db.delete(channelConnections);
  (await sinchGatewayFor(handle.db)).tokens.invalidate();
});

const signupInput = (code: string, data: Record<string, string>) => ({
  code,
  event: "FINISH" as const,
  wabaId: data.waba_id!,
  phoneNumberId: data.phone_number_id!,
  businessId: data.business_id,
  region: "EU" as const,
  metaLocalStorage: "DE" as const,
});

describe("WhatsApp Embedded Signup and the customer's own path", () => {
  it("customer path: Messenger, Instagram and WhatsApp reach ACTIVE and the grant ends by itself; tokens never leave the back end", async () => {
    const { staff, customerId, appId } = await readyCustomer(handle.db);
    const { grantId, api } = await invitedCustomer(handle.db, staff, customerId, ["MESSENGER", "INSTAGRAM", "WHATSAPP"]);

    for (const [channel, pageId] of [["MESSENGER", SEED.outlet], ["INSTAGRAM", SEED.bakery]] as const) {
      seen(await api.portalChannels.begin({ channel, tokenType: "user" }));
      const code = await pageLoginCode(emu.current, channel === "MESSENGER" ? "messenger" : "instagram", { pages: [SEED.bakery, SEED.outlet], igs: [SEED.bakeryIg] });
      const login = seen(await api.portalChannels.completeLogin({ channel, code }));
      if (login.status !== "ok") throw new Error("login refused");
      seen(await api.portalChannels.listPages({ channel, sessionId: login.sessionId }));
      seen(await api.portalChannels.selectPage({ channel, sessionId: login.sessionId, pageId }));
      const connected = seen(await api.portalChannels.connect({ channel, sessionId: login.sessionId }));
      expect(connected.state).toBe("activating");
      expect(connected).not.toHaveProperty("pageId");
      await settle(handle.db, customerId, channel);
      expect(seen(await api.portalChannels.get({ channel })).connection.state).toBe("active");
    }

    seen(await api.portalChannels.begin({ channel: "WHATSAPP", region: "EU", metaLocalStorage: "DE" }));
    const { code, message } = await signupCode(emu.current);
    expect(message.event).toBe("FINISH");
    const started = seen(await api.portalChannels.whatsappSignup(signupInput(code, message.data)));
    expect(started.state).toBe("activating");
    // No staff step: the poll reads the ACTIVE sender's bearerToken, stores it and writes static_bearer.
    const activated = await settle(handle.db, customerId, "WHATSAPP");
    expect(activated).toMatchObject({ state: "active", senderState: "ACTIVE" });
    // The grant ends by itself once every channel is active, so the staff view is read here.
    expect(seen(await staff.channels.get({ customerId, channel: "WHATSAPP" })).connection).toMatchObject({ state: "active", waitingForSenderToken: false });
    const { token } = await emu.current.control<{ token: string }>("GET", `/_emulator/sinch/senders/${activated!.senderId}/token`);
    expect(decryptSenderToken(activated!)).toBe(token);
    const tokenAudit = (await handle.db.select().from(auditLog).where(eq(auditLog.customerId, customerId))).filter((a) => a.action === "channel.sender_token_set");
    expect(tokenAudit.map((a) => [a.actorType, a.metadata.source])).toEqual([["system", "provisioning"]]);
    expect((await emulatorApp(emu.current, appId)).channel_credentials.map((c) => [c.channel, c.state?.status])).toEqual([
      ["MESSENGER", "ACTIVE"],
      ["INSTAGRAM", "ACTIVE"],
      ["WHATSAPP", "ACTIVE"],
    ]);

    const [grant] = await handle.db.select().from(accessGrants).where(eq(accessGrants.id, grantId));
    expect(grant!.endReason).toBe("completed");
    await expect(api.portalChannels.get({ channel: "MESSENGER" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const transitions = (await handle.db.select().from(auditLog).where(eq(auditLog.customerId, customerId))).filter((a) => a.action === "channel.state_changed");
    expect(transitions.length).toBeGreaterThanOrEqual(6);

    // Token scan: nothing the emulator issued (codes excluded: they are single-use) is in an output, a log line, the audit log, or stored in clear.
    const tokens = [...(await issuedTokens(emu.current)), token];
    expect(tokens.length).toBeGreaterThan(4);
    const haystacks = {
      trpc: JSON.stringify(outputs),
      logs: logs.join("\n"),
      audit: JSON.stringify(await handle.db.select().from(auditLog)),
      rows: JSON.stringify([...(await handle.db.select().from(channelConnections)), ...(await handle.db.select().from(channelLoginSessions))]),
    };
    expect(haystacks.logs.length).toBeGreaterThan(0);
    for (const [where, text] of Object.entries(haystacks)) {
      expect(tokens.filter((t) => text.includes(t)), where).toEqual([]);
    }
  });

  it("refuses channels outside the grant and a signup whose WABA was not shared", async () => {
    const { staff, customerId } = await readyCustomer(handle.db);
    const { api } = await invitedCustomer(handle.db, staff, customerId, ["WHATSAPP"]);
    await expect(api.portalChannels.get({ channel: "MESSENGER" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(api.portalChannels.begin({ channel: "INSTAGRAM" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { code, message } = await signupCode(emu.current, { share: false });
    await expect(api.portalChannels.whatsappSignup(signupInput(code, message.data))).rejects.toMatchObject({ message: expect.stringMatching(/not shared/) });
    const failures = (await handle.db.select().from(auditLog).where(eq(auditLog.customerId, customerId))).filter((a) => a.action === "channel.login_failed");
    expect(failures.map((f) => f.metadata.reason)).toContain("asset_not_shared");
  });

  it("requests the number's storage_configuration and shows its data-localisation region", async () => {
    const { staff, customerId } = await readyCustomer(handle.db);
    const { code, message } = await signupCode(emu.current);
    await emu.current.control("POST", `/_emulator/meta/phone-numbers/${message.data.phone_number_id}`, { data_localization_region: "DE" });
    const started = await staff.channels.whatsappSignup({ customerId, ...signupInput(code, message.data) });
    expect(started.dataLocalizationRegion).toBe("DE");
    expect((await staff.channels.get({ customerId, channel: "WHATSAPP" })).connection).toMatchObject({ displayPhoneNumber: expect.any(String), dataLocalizationRegion: "DE" });
  });

  it("Embedded Signup joins the Multi-Partner Solution from settings (environment default, admin override); the emulator refuses another one", async () => {
    const { staff, customerId } = await readyCustomer(handle.db);
    const config = async () => (await staff.channels.get({ customerId, channel: "WHATSAPP" })).config;
    expect((await config()).solutionId).toBe(env.META_SOLUTION_ID);
    expect((await staff.channels.get({ customerId, channel: "MESSENGER" })).config.solutionId).toBeNull();
    const admin = asStaff(handle.db, (await createUser(handle.db, { role: "admin" })).id);
    await admin.settings.update({ values: { "meta.solutionId": "  another-solution  " } });
    try {
      const overridden = await config();
      expect(overridden.solutionId).toBe("another-solution");
      // Meta's dialog (emulated) refuses a signup that joins a solution other than the app's, with an ES ERROR.
      const refused = await submitDialog(emu.current, {
        config_id: overridden.configId,
        extras: JSON.stringify({ setup: { solutionID: overridden.solutionId }, featureType: "", sessionInfoVersion: "3" }),
        action: "continue",
        perm: SCOPES.whatsapp,
        es_business: SEED.acmeGroup,
        es_waba: SEED.waba,
        es_phone: SEED.phone,
        es_share_waba: "yes",
      });
      expect(refused.code).toBeNull();
      expect(JSON.parse(refused.esMessage!)).toMatchObject({ event: "ERROR", data: { error_message: expect.stringContaining("another-solution") } });
    } finally {
      await clearSetting(handle.db, "meta.solutionId");
    }
    expect((await config()).solutionId).toBe(env.META_SOLUTION_ID);
  });

  it("fallback: a sender object without bearerToken waits for staff, who paste it once; the form is explained", async () => {
    await emu.current.control("POST", "/_emulator/sinch/senders/omit-bearer-token", { omit: true });
    const { staff, customerId, appId } = await readyCustomer(handle.db);
    const { code, message } = await signupCode(emu.current);
    await staff.channels.whatsappSignup({ customerId, ...signupInput(code, message.data) });
    const waiting = await settle(handle.db, customerId, "WHATSAPP", 2500);
    expect(waiting).toMatchObject({ state: "activating", senderState: "ACTIVE", senderTokenCiphertext: null });
    const view = (await staff.channels.get({ customerId, channel: "WHATSAPP" })).connection;
    expect(view.waitingForSenderToken).toBe(true);
    expect(view.description).toMatch(/did not hand over its access token/);
    expect((await emulatorApp(emu.current, appId)).channel_credentials.map((c) => c.channel)).not.toContain("WHATSAPP");

    // The reseller pastes the sender's bearer token (emulator-only route stands in for the Sinch dashboard).
    const { token } = await emu.current.control<{ token: string }>("GET", `/_emulator/sinch/senders/${waiting!.senderId}/token`);
    await staff.channels.setSenderToken({ customerId, token });
    expect((await settle(handle.db, customerId, "WHATSAPP"))?.state).toBe("active");
    expect((await emulatorApp(emu.current, appId)).channel_credentials.map((c) => [c.channel, c.state?.status])).toContainEqual(["WHATSAPP", "ACTIVE"]);
  });

  it("a sender that ends in ERROR shows the reason; the code cannot be used twice", async () => {
    const { staff, customerId } = await readyCustomer(handle.db);
    const { code, message } = await signupCode(emu.current);
    const started = await staff.channels.whatsappSignup({ customerId, ...signupInput(code, message.data) });
    await emu.current.control("POST", `/_emulator/sinch/senders/${started.senderId}/state`, { state: "ERROR", reason: "Phone number is already registered with another provider" });
    const failed = await settle(handle.db, customerId, "WHATSAPP");
    expect(failed?.state).toBe("failing");
    const view = (await staff.channels.get({ customerId, channel: "WHATSAPP" })).connection;
    expect(view.description).toMatch(/ERROR/);
    expect(view.fix).toMatch(/signup again/);
    await expect(staff.channels.whatsappSignup({ customerId, ...signupInput(code, message.data) })).rejects.toMatchObject({ code: "BAD_GATEWAY" });
  });

  it("a sender poll that read the row before a disconnect committed does not add the WhatsApp credential back", async () => {
    const { staff, customerId, appId } = await readyCustomer(handle.db);
    const { code, message } = await signupCode(emu.current);
    const started = await staff.channels.whatsappSignup({ customerId, ...signupInput(code, message.data) });
    await emu.current.control("POST", `/_emulator/sinch/senders/${started.senderId}/state`, { state: "ACTIVE" });

    // The poll reads the row (activating, no credential yet) and the ACTIVE sender, then waits for
    // the app's lock, which another writer holds.
    let release!: () => void;
    const holder = withAppCredentialLock(handle.db, appId, () => new Promise<void>((r) => (release = r)));
    await vi.waitFor(() => expect(credentialWritersInProcess(appId)).toBe(1));
    const polling = refreshConnection(handle.db, customerId, "WHATSAPP");
    await vi.waitFor(() => expect(credentialWritersInProcess(appId)).toBe(2));
    // What a disconnect that committed before the poll took the lock leaves behind (the row's own
    // part of disconnectChannel; Sinch had no WhatsApp credential to remove yet).
    const row = (await findConnection(handle.db, customerId, "WHATSAPP"))!;
    await applyConnectionPatch(handle.db, row, { state: "disconnected", tokenCiphertext: null, senderTokenCiphertext: null, sinchStatus: null, sinchDescription: null });
    release();
    await holder;

    expect(await polling).toMatchObject({ state: "disconnected", senderTokenCiphertext: null });
    expect((await emulatorApp(emu.current, appId)).channel_credentials.map((c) => c.channel)).not.toContain("WHATSAPP");
    expect((await findConnection(handle.db, customerId, "WHATSAPP"))?.state).toBe("disconnected");
  });
});
