import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, channelConnections, diagnosticRuns, outboundEmails } from "@/server/db/schema";
import { systemActor } from "@/server/services/audit";
import { sendDataAccessReminders } from "@/server/services/diagnostics/reminders";
import { createSweep, runSweep } from "@/server/services/diagnostics/sweep";
import { connectedCustomer, expectNoSecrets, inbound, issuedMetaTokens, SEED, sendAndWaitReport, webhookSecrets, useDiagnosticsWorld } from "./helpers";

const world = useDiagnosticsWorld();
const emu = world.emu;


describe("no token or secret in any diagnostic output", () => {
  it("runs, fixes, overview, history and the support bundle, in healthy and broken states", async () => {
    const messenger = await connectedCustomer(emu.current, world.db, "MESSENGER");
    const whatsapp = await connectedCustomer(emu.current, world.db, "WHATSAPP");
    const outputs: unknown[] = [];
    for (const c of [messenger, whatsapp] as const) {
      const channel = c === messenger ? "MESSENGER" : "WHATSAPP";
      outputs.push(await c.staff.diagnostics.run({ customerId: c.customerId, channel }));
      outputs.push(await c.staff.diagnostics.supportBundle({ customerId: c.customerId, channel }));
    }
    // Break things: dead token, failing credential, bad signatures, a rotated secret.
    const contactId = await inbound(emu.current, messenger.appId, "MESSENGER");
    await emu.current.control("POST", `/_emulator/meta/users/${SEED.user}/password-change`);
    await sendAndWaitReport(world.db, messenger.customerId, contactId, "MESSENGER");
    const { staff, customerId } = messenger;
    outputs.push(await staff.diagnostics.run({ customerId, channel: "MESSENGER" }));
    outputs.push(await staff.diagnostics.applyFix({ customerId, channel: "MESSENGER", action: "rotate_webhook_secret" }));
    outputs.push(await staff.diagnostics.applyFix({ customerId, channel: "MESSENGER", action: "repair_webhook" }));
    outputs.push(await staff.diagnostics.applyFix({ customerId, channel: "MESSENGER", action: "send_reconnect_link" }));
    outputs.push(await staff.diagnostics.supportBundle({ customerId, channel: "MESSENGER" }));
    outputs.push(await staff.diagnostics.latest({ customerId, channel: "MESSENGER" }));
    outputs.push(await staff.diagnostics.overview({}));
    outputs.push(await world.db.select().from(diagnosticRuns));
    outputs.push(await world.db.select().from(auditLog));

    const secrets = [
      ...(await issuedMetaTokens(emu.current)),
      ...(await webhookSecrets(emu.current, messenger.appId)),
      ...(await webhookSecrets(emu.current, whatsapp.appId)),
      whatsapp.senderToken!,
      "emu-key-secret",
      "emu-meta-app-secret",
    ];
    expect(secrets.length).toBeGreaterThan(5);
    expectNoSecrets(outputs, secrets);
    const bundle = (outputs.at(-5) as { text: string }).text;
    expect(bundle).toContain(`App id: ${messenger.appId}`);
    expect(bundle).toMatch(/INACTIVE_CREDENTIAL/);
  });
});

describe("bulk sweep and reminders", () => {
  it("sweeps every connected channel with bounded concurrency and counts progress", async () => {
    const a = await connectedCustomer(emu.current, world.db, "MESSENGER");
    await connectedCustomer(emu.current, world.db, "INSTAGRAM");
    await emu.current.control("DELETE", `/_emulator/meta/subscriptions/${a.page!.pageId}`);
    const { sweep, created } = await createSweep(world.db, systemActor("test"));
    expect(created).toBe(true);
    const done = await runSweep(world.db, sweep.id, { concurrency: 2, backoffMs: 10 });
    const connected = await world.db.select().from(channelConnections);
    const live = connected.filter((c) => c.state !== "disconnected" && c.state !== "not_started");
    expect(done).toMatchObject({ status: "done", total: live.length, done: live.length, failed: 0 });
    expect(done.broken).toBeGreaterThanOrEqual(1);
    const overview = await a.staff.diagnostics.overview({ verdict: "broken" });
    expect(overview.rows.map((r) => r.customerId)).toContain(a.customerId);
    expect(overview.rows.find((r) => r.customerId === a.customerId)?.mainReason).toMatch(/^Page subscription/);
    const forecast = (await a.staff.diagnostics.overview({})).rows.find((r) => r.customerId === a.customerId);
    expect(forecast?.expiry?.kind).toBe("data_access");
  });

  it("data access expiring in 12 days → one reminder email with a reconnect link, not repeated", async () => {
    const { customerId, connection } = await connectedCustomer(emu.current, world.db, "MESSENGER");
    const now = new Date();
    await world.db.update(channelConnections).set({ dataAccessExpiresAt: new Date(now.getTime() + 12 * 86_400_000) }).where(eq(channelConnections.id, connection.id));
    expect(await sendDataAccessReminders(world.db, now)).toBeGreaterThanOrEqual(1);
    const mails = () => world.db.select().from(outboundEmails).where(and(eq(outboundEmails.customerId, customerId), eq(outboundEmails.kind, "diagnostics.data_access_reminder")));
    expect(await mails()).toHaveLength(1);
    await sendDataAccessReminders(world.db, now);
    expect(await mails()).toHaveLength(1);
  });
});
