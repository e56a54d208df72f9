import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboundEmails } from "@/server/db/schema";
import { secrets } from "@/server/crypto";
import { checkOf, connectedCustomer, inbound, SEED, sendAndWaitReport, useDiagnosticsWorld } from "./helpers";

const world = useDiagnosticsWorld();
const emu = world.emu;


describe("Instagram rows", () => {
  it("M5: \"Allow access to messages\" off → send fails 200/2534041 → the customer is emailed the exact setting", async () => {
    const { staff, customerId, appId, page } = await connectedCustomer(emu.current, world.db, "INSTAGRAM");
    const contactId = await inbound(emu.current, appId, "INSTAGRAM", "igsid-1");
    await emu.current.control("POST", `/_emulator/meta/instagram/${page!.igId}/allow-access`, { enabled: false });
    const report = await sendAndWaitReport(world.db, customerId, contactId, "INSTAGRAM");
    expect(report.reasonDescription).toContain("2534041");
    const run = await staff.diagnostics.run({ customerId, channel: "INSTAGRAM" });
    const check = checkOf(run, "sinch.delivery");
    expect(check).toMatchObject({ verdict: "fail", owner: "customer", catalogueRow: "M5" });
    const path = "Settings and privacy → Messages and story replies → Message controls → Connected tools → Allow access to messages";
    expect(check.guidance).toContain(path);
    const [mail] = await world.db.select().from(outboundEmails).where(and(eq(outboundEmails.customerId, customerId), eq(outboundEmails.kind, "diagnostics.customer_action")));
    expect(mail).toBeDefined();
    const body = secrets().decrypt(mail!.bodyCiphertext, { table: "outbound_emails", column: "body_ciphertext", rowId: mail!.id });
    expect(body).toContain(path);
  });

  it("M4: Instagram unlinked from the Page → customer, link guidance", async () => {
    const { staff, customerId, page } = await connectedCustomer(emu.current, world.db, "INSTAGRAM");
    await emu.current.control("DELETE", `/_emulator/meta/pages/${page!.pageId}/instagram`);
    const run = await staff.diagnostics.run({ customerId, channel: "INSTAGRAM" });
    const check = checkOf(run, "meta.instagram_link");
    expect(check).toMatchObject({ verdict: "fail", owner: "customer", catalogueRow: "M4" });
    expect(check.guidance).toMatch(/Linked accounts/);
  });

  it("M6: Page unsubscribed → re-subscribe; MODERATE task removed → warn customer", async () => {
    const { staff, customerId, page } = await connectedCustomer(emu.current, world.db, "INSTAGRAM");
    await emu.current.control("DELETE", `/_emulator/meta/subscriptions/${page!.pageId}`);
    await emu.current.control("POST", `/_emulator/meta/pages/${page!.pageId}/tasks`, { userId: SEED.user, tasks: ["MESSAGING", "ANALYZE"] });
    const run = await staff.diagnostics.run({ customerId, channel: "INSTAGRAM" });
    expect(checkOf(run, "meta.subscription")).toMatchObject({ verdict: "fail", owner: "meta_app_owner", catalogueRow: "M6", fix: { action: "resubscribe_asset" } });
    expect(checkOf(run, "meta.instagram_link")).toMatchObject({ verdict: "warn", owner: "customer", catalogueRow: "M6" });
    const fix = await staff.diagnostics.applyFix({ customerId, channel: "INSTAGRAM", action: "resubscribe_asset" });
    expect(checkOf(fix.run, "meta.subscription").verdict).toBe("pass");
  });
});

describe("Instagram verification row", () => {
  it("M14: HUMAN_AGENT without Meta approval → refused with a 200 → Meta app owner", async () => {
    const { staff, customerId, appId } = await connectedCustomer(emu.current, world.db, "INSTAGRAM");
    await emu.current.control("POST", "/_emulator/meta/app", { humanAgentApproved: false });
    const contactId = await inbound(emu.current, appId, "INSTAGRAM", "igsid-ha");
    const sinch = await (await import("@/server/services/channels/context")).customerSinch(world.db, customerId);
    await sinch.conversation.sendMessage({ appId, recipient: { contactId }, message: { text_message: { text: "hi" } }, channelPriorityOrder: ["INSTAGRAM"], channelProperties: { INSTAGRAM_MESSAGE_TAG: "HUMAN_AGENT" } });
    await expect.poll(async () => (await staff.diagnostics.run({ customerId, channel: "INSTAGRAM" })).checks.find((c) => c.id === "sinch.delivery")?.catalogueRow, { timeout: 8000 }).toBe("M14");
    const run = await staff.diagnostics.run({ customerId, channel: "INSTAGRAM" });
    expect(checkOf(run, "sinch.delivery")).toMatchObject({ verdict: "warn", owner: "meta_app_owner", catalogueRow: "M14" });
  });
});

describe("WhatsApp rows", () => {
  it("healthy after signup and sender token; S13: sender SUSPENDED with a REJECTED change → Sinch, support bundle", async () => {
    const { staff, customerId, senderId } = await connectedCustomer(emu.current, world.db, "WHATSAPP");
    const healthy = await staff.diagnostics.run({ customerId, channel: "WHATSAPP" });
    expect(healthy.checks.filter((c) => c.verdict === "fail")).toEqual([]);
    await emu.current.control("POST", `/_emulator/sinch/senders/${senderId}/state`, { state: "SUSPENDED", changesStatus: "REJECTED", reason: "Policy violation" });
    const run = await staff.diagnostics.run({ customerId, channel: "WHATSAPP" });
    expect(checkOf(run, "sinch.sender")).toMatchObject({ verdict: "fail", owner: "sinch", catalogueRow: "S13", fix: { action: "copy_support_bundle" } });
    const bundle = await staff.diagnostics.supportBundle({ customerId, channel: "WHATSAPP" });
    expect(bundle.text).toContain(`Sender id: ${senderId}`);
    expect(bundle.text).toContain("SUSPENDED (changes REJECTED)");
  });

  it("M12: sender PENDING_VERIFICATION, display name under review", async () => {
    const { staff, customerId, senderId, whatsapp } = await connectedCustomer(emu.current, world.db, "WHATSAPP");
    await emu.current.control("POST", `/_emulator/meta/phone-numbers/${whatsapp!.phoneId}/name-pending`, {});
    await emu.current.control("POST", `/_emulator/sinch/senders/${senderId}/state`, { state: "PENDING_VERIFICATION" });
    const run = await staff.diagnostics.run({ customerId, channel: "WHATSAPP" });
    expect(checkOf(run, "sinch.sender")).toMatchObject({ verdict: "fail", owner: "sinch", catalogueRow: "M12" });
    expect(checkOf(run, "meta.phone")).toMatchObject({ verdict: "warn", owner: "customer", catalogueRow: "M12" });
  });

  it("M11: WABA unsubscribed → Sinch owns it; re-subscribe fixes it in the emulator", async () => {
    const { staff, customerId, whatsapp } = await connectedCustomer(emu.current, world.db, "WHATSAPP");
    await emu.current.control("DELETE", `/_emulator/meta/subscriptions/${whatsapp!.wabaId}`);
    const run = await staff.diagnostics.run({ customerId, channel: "WHATSAPP" });
    expect(checkOf(run, "meta.subscription")).toMatchObject({ verdict: "fail", owner: "sinch", catalogueRow: "M11", fix: { action: "resubscribe_asset" } });
    const fix = await staff.diagnostics.applyFix({ customerId, channel: "WHATSAPP", action: "resubscribe_asset" });
    expect(checkOf(fix.run, "meta.subscription").verdict).toBe("pass");
  });

  it("S3: WhatsApp reply without an open window → template guidance", async () => {
    const { staff, customerId } = await connectedCustomer(emu.current, world.db, "WHATSAPP");
    expect(await sendAndWaitReport(world.db, customerId, { identity: "15550009999" }, "WHATSAPP")).toMatchObject({ reasonCode: "OUTSIDE_ALLOWED_SENDING_WINDOW" });
    const run = await staff.diagnostics.run({ customerId, channel: "WHATSAPP" });
    const check = checkOf(run, "sinch.delivery");
    expect(check).toMatchObject({ verdict: "warn", owner: "reseller_staff", catalogueRow: "S3" });
    expect(check.guidance).toMatch(/template/);
  });
});
