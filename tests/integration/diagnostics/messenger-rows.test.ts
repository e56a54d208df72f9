import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accessGrants, auditLog, channelConnections, channelHealth, notifications, outboundEmails } from "@/server/db/schema";
import { exchangeLink } from "@/server/services/access/links";
import { linkTokenOf } from "../access/helpers";
import { pageLoginCode, settle } from "../channels/helpers";
import { asCustomer, unique } from "../helpers/factories";
import { checkOf, connectedCustomer, inbound, SEED, sendAndWaitReport, useDiagnosticsWorld } from "./helpers";


const world = useDiagnosticsWorld();
const emu = world.emu;


describe("Messenger rows against the emulator", () => {
  it("healthy after connect: every check passes or is skipped", async () => {
    const { staff, customerId } = await connectedCustomer(emu.current, world.db, "MESSENGER");
    const run = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(run.checks.filter((c) => c.verdict === "fail" || c.verdict === "warn")).toEqual([]);
    expect(run.overall).toBe("healthy");
  });

  it("M7 / S1: password changed → broken, customer owns it, reconnect link → customer reconnects → healthy", async () => {
    const { staff, customerId, appId, page } = await connectedCustomer(emu.current, world.db, "MESSENGER");
    const contactId = await inbound(emu.current, appId, "MESSENGER");
    await emu.current.control("POST", `/_emulator/meta/users/${SEED.user}/password-change`);

    const report = await sendAndWaitReport(world.db, customerId, contactId, "MESSENGER");
    expect(report).toMatchObject({ status: "FAILED", reasonCode: "INACTIVE_CREDENTIAL" });
    const run = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(run.overall).toBe("broken");
    expect(checkOf(run, "meta.token")).toMatchObject({ verdict: "fail", owner: "customer", catalogueRow: "M7", fix: { action: "send_reconnect_link" } });
    expect(checkOf(run, "meta.token").evidence.codes).toContain("190/460");
    expect(checkOf(run, "sinch.credential")).toMatchObject({ verdict: "fail", owner: "customer", catalogueRow: "M7" });
    expect(checkOf(run, "sinch.delivery")).toMatchObject({ verdict: "fail", owner: "customer", fix: { action: "send_reconnect_link" } });

    // Staff were told in-app (and by email) once; the customer only after a confirmed second failure.
    const notes = await world.db.select().from(notifications).where(and(eq(notifications.customerId, customerId), eq(notifications.kind, "channel.broken")));
    expect(notes.length).toBeGreaterThan(0);
    expect(notes[0]!.href).toBe(`/troubleshooting/${customerId}/messenger`);

    const fix = await staff.diagnostics.applyFix({ customerId, channel: "MESSENGER", action: "send_reconnect_link" });
    expect(fix.summary).toMatch(/Sent a reconnect link/);
    const [grant] = await world.db.select().from(accessGrants).where(and(eq(accessGrants.customerId, customerId), eq(accessGrants.kind, "reconnect")));
    expect(grant).toMatchObject({ channels: ["MESSENGER"], endedAt: null });
    const [mail] = await world.db.select().from(outboundEmails).where(and(eq(outboundEmails.customerId, customerId), eq(outboundEmails.kind, "diagnostics.reconnect")));
    expect(mail?.subject).toMatch(/reconnect Messenger/);

    // The customer opens the link and logs in again through the customer flow.
    const opened = await exchangeLink(world.db, { token: await linkTokenOf(world.db, grant!.id), ip: unique("ip"), now: new Date() });
    if (!opened.ok) throw new Error("link did not open");
    const customer = asCustomer(world.db, opened.sessionToken);
    await customer.portalChannels.begin({ channel: "MESSENGER", tokenType: "user" });
    const code = await pageLoginCode(emu.current, "messenger", { pages: [page!.pageId] });
    const login = await customer.portalChannels.completeLogin({ channel: "MESSENGER", code });
    if (login.status !== "ok") throw new Error("login refused");
    await customer.portalChannels.selectPage({ channel: "MESSENGER", sessionId: login.sessionId, pageId: page!.pageId });
    await customer.portalChannels.connect({ channel: "MESSENGER", sessionId: login.sessionId });
    expect((await settle(world.db, customerId, "MESSENGER"))?.state).toBe("active");

    await sendAndWaitReport(world.db, customerId, await inbound(emu.current, appId, "MESSENGER", "contact-2"), "MESSENGER");
    const after = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(after.overall).toBe("healthy");
    const [health] = await world.db.select().from(channelHealth).where(eq(channelHealth.customerId, customerId));
    expect(health).toMatchObject({ verdict: "healthy", brokenSince: null, staffNotifiedAt: null });
  });

  it("two consecutive authorisation failures → reconnect required, audited, customer emailed a link", async () => {
    const { staff, customerId, appId, page } = await connectedCustomer(emu.current, world.db, "MESSENGER");
    const contactId = await inbound(emu.current, appId, "MESSENGER");
    await emu.current.control("POST", `/_emulator/meta/pages/${page!.pageId}/remove-role`, { userId: SEED.user });
    await sendAndWaitReport(world.db, customerId, contactId, "MESSENGER");
    const first = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(first.checks.find((c) => c.id === "portal.reconnect_required")).toBeUndefined();
    const second = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(checkOf(second, "portal.reconnect_required")).toMatchObject({ verdict: "fail", owner: "customer", catalogueRow: "M7" });
    const [row] = await world.db.select().from(channelConnections).where(and(eq(channelConnections.customerId, customerId), eq(channelConnections.channel, "MESSENGER")));
    expect(row).toMatchObject({ state: "reconnect_required", consecutiveAuthFailures: 2 });
    const actions = (await world.db.select().from(auditLog).where(eq(auditLog.customerId, customerId))).map((a) => a.action);
    expect(actions).toContain("channel.reconnect_required");
    const mails = await world.db.select().from(outboundEmails).where(and(eq(outboundEmails.customerId, customerId), eq(outboundEmails.kind, "diagnostics.reconnect")));
    expect(mails).toHaveLength(1);
    const overview = await staff.diagnostics.overview({});
    expect(overview.rows.find((r) => r.customerId === customerId)).toMatchObject({ verdict: "broken", reconnectRequired: true });
  });

  it("M3: Page unsubscribed → Meta app owner; re-subscribe fixes it in the emulator", async () => {
    const { staff, customerId, page } = await connectedCustomer(emu.current, world.db, "MESSENGER");
    await emu.current.control("DELETE", `/_emulator/meta/subscriptions/${page!.pageId}`);
    const run = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(checkOf(run, "meta.subscription")).toMatchObject({ verdict: "fail", owner: "meta_app_owner", catalogueRow: "M3", fix: { action: "resubscribe_asset" } });
    const fix = await staff.diagnostics.applyFix({ customerId, channel: "MESSENGER", action: "resubscribe_asset" });
    expect(checkOf(fix.run, "meta.subscription").verdict).toBe("pass");
    expect(JSON.stringify(await emu.current.control("GET", `/_emulator/meta/subscriptions/${page!.pageId}`))).toContain("messages");
  });

  it("M10: a second app on the Page → warn reseller staff", async () => {
    const { staff, customerId, page } = await connectedCustomer(emu.current, world.db, "MESSENGER");
    await emu.current.control("POST", `/_emulator/meta/subscriptions/${page!.pageId}`, { appId: "555000555", name: "Other Inbox" });
    const run = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(checkOf(run, "meta.subscription")).toMatchObject({ verdict: "warn", owner: "reseller_staff", catalogueRow: "M10" });
  });

  it("M8: reply with no open window (the contact never wrote, as after 24 h) → window warning for reseller staff", async () => {
    const { staff, customerId, appId, page } = await connectedCustomer(emu.current, world.db, "MESSENGER");
    // A person who never wrote has no open window: the same reason as a window closed after 24 h.
    expect(appId).toBeTruthy();
    expect(await sendAndWaitReport(world.db, customerId, { identity: "never-wrote" }, "MESSENGER")).toMatchObject({ reasonCode: "OUTSIDE_ALLOWED_SENDING_WINDOW" });
    const run = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(checkOf(run, "sinch.delivery")).toMatchObject({ verdict: "warn", owner: "reseller_staff", catalogueRow: "M8" });
  });

  it("S4: the contact blocked the business → warn, nobody", async () => {
    const { staff, customerId, appId, page } = await connectedCustomer(emu.current, world.db, "MESSENGER");
    const contactId = await inbound(emu.current, appId, "MESSENGER", "blocker");
    await emu.current.control("POST", "/_emulator/sinch/contacts/block", { appId, channel: "MESSENGER", identity: "blocker" });
    expect(await sendAndWaitReport(world.db, customerId, contactId, "MESSENGER")).toMatchObject({ reasonCode: "RECIPIENT_NOT_REACHABLE" });
    const run = await staff.diagnostics.run({ customerId, channel: "MESSENGER" });
    expect(checkOf(run, "sinch.delivery")).toMatchObject({ verdict: "warn", owner: "nobody", catalogueRow: "S4" });
  });
});
