import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { auditLog, channelConnections, channelLoginSessions } from "@/server/db/schema";
import { credentialWritersInProcess, withAppCredentialLock } from "@/server/services/channels/credentials";
import { sinchGatewayFor } from "@/server/services/sinch-client";
import { createTestDb } from "../helpers/db";
import { useEmulator } from "../helpers/emulator";
import { connectPage, emulatorApp, pageLoginCode, readyCustomer, resetEmulator, SEED, settle, type Staff } from "./helpers";

const emu = useEmulator();
let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());
beforeEach(async () => {
  await resetEmulator(emu.current);
  // The emulator forgot every Page connection, so the portal's records of them are stale too.
  await handle.db.delete(channelConnections);
  (await sinchGatewayFor(handle.db)).tokens.invalidate();
});

const connectPageChannel = (staff: Staff, customerId: string, channel: "MESSENGER" | "INSTAGRAM", pageId: string) => connectPage(emu.current, staff, customerId, channel, pageId);

describe("Messenger and Instagram through the staff wizard", () => {
  it("connects Messenger: activating while PENDING, then active, every step audited, no token kept in the login table", async () => {
    const { staff, customerId, appId } = await readyCustomer(handle.db);
    const connected = await connectPageChannel(staff, customerId, "MESSENGER", SEED.outlet);
    expect(connected).toMatchObject({ state: "activating", sinchStatus: "PENDING", pageName: "Acme Outlet" });
    expect((await settle(handle.db, customerId, "MESSENGER"))?.state).toBe("active");
    expect((await staff.channels.get({ customerId, channel: "MESSENGER" })).connection).toMatchObject({ state: "active", sinchStatus: "ACTIVE" });
    const app = await emulatorApp(emu.current, appId);
    expect(app.channel_credentials.map((c) => c.channel)).toEqual(["MESSENGER"]);
    const actions = (await handle.db.select().from(auditLog).where(eq(auditLog.customerId, customerId))).map((a) => a.action);
    for (const a of ["channel.connect_started", "channel.login_completed", "channel.asset_selected", "channel.subscribed", "channel.credential_submitted", "channel.state_changed"] as const) {
      expect(actions).toContain(a);
    }
    expect(await handle.db.select().from(channelLoginSessions).where(eq(channelLoginSessions.customerId, customerId))).toEqual([]);
    const subs = await emu.current.control<unknown>("GET", `/_emulator/meta/subscriptions/${SEED.outlet}`);
    expect(JSON.stringify(subs)).toContain("messages");
  });

  it("connecting a second Page (Instagram on another Page) keeps the first Page's Messenger credential", async () => {
    const { staff, customerId, appId } = await readyCustomer(handle.db);
    await connectPageChannel(staff, customerId, "MESSENGER", SEED.outlet);
    await settle(handle.db, customerId, "MESSENGER");
    const ig = await connectPageChannel(staff, customerId, "INSTAGRAM", SEED.bakery);
    expect(ig).toMatchObject({ state: "activating", igAccountId: SEED.bakeryIg });
    expect((await settle(handle.db, customerId, "INSTAGRAM"))?.state).toBe("active");
    const app = await emulatorApp(emu.current, appId);
    expect(app.channel_credentials.map((c) => [c.channel, c.state?.status])).toEqual([
      ["MESSENGER", "ACTIVE"],
      ["INSTAGRAM", "ACTIVE"],
    ]);
    expect((await staff.channels.get({ customerId, channel: "MESSENGER" })).connection.state).toBe("active");
  });

  it("subscribes Instagram's Page with a field its scopes allow (no pages_messaging), and keeps Messenger's fields on a shared Page", async () => {
    const { staff, customerId } = await readyCustomer(handle.db);
    const ig = await connectPageChannel(staff, customerId, "INSTAGRAM", SEED.bakery);
    expect(ig).toMatchObject({ state: "activating", igAccountId: SEED.bakeryIg });
    const fieldsOn = async (pageId: string) =>
      (await emu.current.control<{ data: Array<{ appId: string; subscribed_fields: string[] }> }>("GET", `/_emulator/meta/subscriptions/${pageId}`)).data.map((s) => s.subscribed_fields);
    expect(await fieldsOn(SEED.bakery)).toEqual([["feed"]]);
    const [audited] = (await handle.db.select().from(auditLog).where(eq(auditLog.customerId, customerId))).filter((a) => a.action === "channel.subscribed");
    expect(audited?.metadata).toMatchObject({ channel: "INSTAGRAM", fields: ["feed"], posted: true });
    expect((await settle(handle.db, customerId, "INSTAGRAM"))?.state).toBe("active");

    // Messenger on the same Page adds its fields and keeps `feed`.
    await connectPageChannel(staff, customerId, "MESSENGER", SEED.bakery);
    expect(await fieldsOn(SEED.bakery)).toEqual([["feed", "messages", "messaging_postbacks", "message_deliveries", "message_reads", "message_echoes"]]);
  });

  it("shows a Page connected elsewhere as connected and refuses it; one live Page per channel", async () => {
    const first = await readyCustomer(handle.db);
    await connectPageChannel(first.staff, first.customerId, "MESSENGER", SEED.outlet);
    const second = await readyCustomer(handle.db);
    const code = await pageLoginCode(emu.current, "messenger", { pages: [SEED.bakery, SEED.outlet] });
    const login = await second.staff.channels.completeLogin({ customerId: second.customerId, channel: "MESSENGER", code });
    if (login.status !== "ok") throw new Error("login refused");
    const pages = await second.staff.channels.listPages({ customerId: second.customerId, channel: "MESSENGER", sessionId: login.sessionId });
    expect(pages.find((p) => p.id === SEED.outlet)?.connectedTo).toBe("another_app");
    expect(pages.find((p) => p.id === SEED.bakery)?.connectedTo).toBeNull();
    await expect(second.staff.channels.selectPage({ customerId: second.customerId, channel: "MESSENGER", sessionId: login.sessionId, pageId: SEED.outlet })).rejects.toMatchObject({ code: "CONFLICT" });
    // The first customer's own live Page cannot be swapped out by a new login either.
    const again = await pageLoginCode(emu.current, "messenger", { pages: [SEED.bakery, SEED.outlet] });
    const relog = await first.staff.channels.completeLogin({ customerId: first.customerId, channel: "MESSENGER", code: again });
    if (relog.status !== "ok") throw new Error("login refused");
    const own = await first.staff.channels.listPages({ customerId: first.customerId, channel: "MESSENGER", sessionId: relog.sessionId });
    expect(own.find((p) => p.id === SEED.outlet)?.connectedTo).toBe("this_app");
    await expect(first.staff.channels.selectPage({ customerId: first.customerId, channel: "MESSENGER", sessionId: relog.sessionId, pageId: SEED.bakery })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("names every declined permission and lists only the Pages that were shared", async () => {
    const { staff, customerId } = await readyCustomer(handle.db);
    const declined = await pageLoginCode(emu.current, "messenger", { pages: [SEED.bakery], decline: ["pages_messaging"] });
    const result = await staff.channels.completeLogin({ customerId, channel: "MESSENGER", code: declined });
    expect(result.status).toBe("missing_permissions");
    if (result.status === "missing_permissions") expect(result.missing.map((m) => m.scope)).toContain("pages_messaging");
    const code = await pageLoginCode(emu.current, "messenger", { pages: [SEED.bakery] });
    const login = await staff.channels.completeLogin({ customerId, channel: "MESSENGER", code });
    if (login.status !== "ok") throw new Error("login refused");
    const pages = await staff.channels.listPages({ customerId, channel: "MESSENGER", sessionId: login.sessionId });
    expect(pages.map((p) => p.id)).toEqual([SEED.bakery]);
  });

  it("explains a personal or unlinked Instagram account with the settings path", async () => {
    const { staff, customerId } = await readyCustomer(handle.db);
    const code = await pageLoginCode(emu.current, "instagram", { pages: [SEED.studio, SEED.bakery], igs: [SEED.bakeryIg] });
    const login = await staff.channels.completeLogin({ customerId, channel: "INSTAGRAM", code });
    if (login.status !== "ok") throw new Error("login refused");
    const pages = await staff.channels.listPages({ customerId, channel: "INSTAGRAM", sessionId: login.sessionId });
    const studio = pages.find((p) => p.id === SEED.studio)!;
    expect(studio.instagram).toBeNull();
    expect(studio.problem).toMatch(/Switch to professional account/);
    expect(studio.problem).toMatch(/Linked accounts/);
    await expect(staff.channels.selectPage({ customerId, channel: "INSTAGRAM", sessionId: login.sessionId, pageId: SEED.studio })).rejects.toMatchObject({ message: expect.stringMatching(/professional account/) });
  });

  it("a credential that goes FAILING shows Sinch's description and the fix; disconnect removes only that credential", async () => {
    const { staff, customerId, appId } = await readyCustomer(handle.db);
    await connectPageChannel(staff, customerId, "MESSENGER", SEED.outlet);
    await settle(handle.db, customerId, "MESSENGER");
    await connectPageChannel(staff, customerId, "INSTAGRAM", SEED.bakery);
    await emu.current.control("POST", `/_emulator/sinch/apps/${appId}/credentials/INSTAGRAM/fail`, { description: "Failed to validate Instagram token: (#190) session expired" });
    expect((await settle(handle.db, customerId, "INSTAGRAM"))?.state).toBe("failing");
    const view = (await staff.channels.get({ customerId, channel: "INSTAGRAM" })).connection;
    expect(view).toMatchObject({ state: "failing", sinchStatus: "FAILING", description: "Failed to validate Instagram token: (#190) session expired" });
    expect(view.fix).toMatch(/Reconnect/);

    await expect(staff.channels.disconnect({ customerId, channel: "MESSENGER", confirmation: "yes" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const gone = await staff.channels.disconnect({ customerId, channel: "MESSENGER", confirmation: "disconnect messenger" });
    expect(gone.state).toBe("disconnected");
    expect((await emulatorApp(emu.current, appId)).channel_credentials.map((c) => c.channel)).toEqual(["INSTAGRAM"]);
    const [row] = await handle.db.select().from(channelConnections).where(eq(channelConnections.id, (await handle.db.select().from(channelConnections).where(eq(channelConnections.customerId, customerId)))[0]!.id));
    expect(row).toBeDefined();
    const disconnected = await handle.db.select().from(auditLog).where(eq(auditLog.action, "channel.disconnected"));
    expect(disconnected.some((a) => a.customerId === customerId)).toBe(true);
  });

  it("a disconnect that waits for the app's lock while the poll activates the channel still forgets it: no other write brings it back", async () => {
    const { staff, customerId, appId } = await readyCustomer(handle.db);
    await connectPageChannel(staff, customerId, "INSTAGRAM", SEED.bakery);
    const messenger = await connectPageChannel(staff, customerId, "MESSENGER", SEED.outlet);
    expect(messenger.state).toBe("activating");

    // Another writer (another channel, another instance) holds the app's credential lock; the
    // disconnect has read the row (ACTIVATING) and waits behind it.
    let release!: () => void;
    const holder = withAppCredentialLock(handle.db, appId, () => new Promise<void>((r) => (release = r)));
    await vi.waitFor(() => expect(credentialWritersInProcess(appId)).toBe(1));
    const disconnecting = staff.channels.disconnect({ customerId, channel: "MESSENGER", confirmation: "disconnect messenger" });
    await vi.waitFor(() => expect(credentialWritersInProcess(appId)).toBe(2));
    // Meanwhile the poll job sees Sinch report it ACTIVE and moves the row on.
    expect((await settle(handle.db, customerId, "MESSENGER"))?.state).toBe("active");
    release();
    await holder;

    const gone = await disconnecting;
    expect(gone).toMatchObject({ state: "disconnected" });
    const row = (await handle.db.select().from(channelConnections).where(eq(channelConnections.customerId, customerId))).find((r) => r.channel === "MESSENGER");
    expect(row).toMatchObject({ state: "disconnected", tokenCiphertext: null, sinchStatus: null });
    expect((await emulatorApp(emu.current, appId)).channel_credentials.map((c) => c.channel)).toEqual(["INSTAGRAM"]);
    // The next write rebuilds the array from the portal's copies: Messenger must not be among them.
    await staff.channels.disconnect({ customerId, channel: "INSTAGRAM", confirmation: "disconnect instagram" });
    expect((await emulatorApp(emu.current, appId)).channel_credentials).toEqual([]);
  });
});
