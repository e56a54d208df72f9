import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { APP_ID, DAY, Joint, SEED, ig, msgr, sendAndReport, startReceiver, wa, waitFor, type Receiver } from "./joint-harness";

/** One test per Meta-side row of the troubleshooting catalogue, against the whole emulator. */
let j: Joint;
let rx: Receiver;
beforeAll(async () => {
  j = await Joint.start();
  rx = await startReceiver();
});
afterAll(async () => {
  await j.close();
  await rx.close();
});
beforeEach(async () => {
  await j.control("POST", "/_emulator/reset");
  rx.received.length = 0;
});

const P = SEED.pages;
const IG = SEED.instagram;
const inboundCount = () => rx.received.filter((r) => r.body.message).length;
const targets = (debug: any, scope: string) => debug.body.data.granular_scopes.find((g: any) => g.scope === scope)?.target_ids;
const subscribedIds = async (assetId: string, token: string) => (await j.graph("GET", `/${assetId}/subscribed_apps`, { access_token: token })).body.data;

describe("troubleshooting catalogue, Meta rows", () => {
  it("M1: a business-held Page is absent from /me/accounts; a deselected Page is missing from target_ids", async () => {
    const { access_token } = await j.mint({ pageIds: [P.outlet, P.groupHq] });
    const accounts = await j.graph("GET", "/me/accounts", { access_token, fields: "id,name" });
    expect(accounts.body.data.map((p: any) => p.id)).toEqual([P.outlet]);
    const owned = await j.graph("GET", `/${SEED.businesses.acmeGroup}/owned_pages`, { access_token });
    expect(owned.body.data.map((p: any) => p.id)).toEqual([P.groupHq]);
    const ids = targets(await j.debugToken(access_token), "pages_messaging");
    expect(ids).toContain(P.outlet);
    expect(ids).not.toContain(P.bakery);
  });

  it("M2: a declined login grants nothing and its Page token never activates at Sinch", async () => {
    const declined = ["pages_messaging", "pages_manage_metadata", "pages_show_list"];
    const minted = await j.mint({ pageIds: [P.bakery], scopes: [], declined });
    expect((await j.debugToken(minted.access_token)).body.data.scopes).toEqual([]);
    const perms = await j.graph("GET", "/me/permissions", { access_token: minted.access_token });
    expect(perms.body.data.filter((p: any) => p.status === "declined").map((p: any) => p.permission)).toEqual(declined);
    const app = await j.createApp([msgr(minted.page_tokens[P.bakery]!)]);
    expect((await j.settled(app.id, "MESSENGER")).state.description).toContain("(#200) Requires pages_messaging permission");
  });

  it("M3: credential ACTIVE, Page unsubscribed → subscribed_apps lacks the app and no MESSAGE_INBOUND; development mode", async () => {
    const token = await j.pageToken(P.bakery);
    const app = await j.connect([msgr(token)], rx.url);
    expect((await subscribedIds(P.bakery, token)).map((s: any) => s.id)).toEqual([APP_ID]);
    expect((await j.inbound(app.id, { channel: "MESSENGER", identity: "psid-3" })).delivered).toBe(true);
    await waitFor(() => inboundCount() === 1);
    await j.control("DELETE", `/_emulator/meta/subscriptions/${P.bakery}`);
    expect(await subscribedIds(P.bakery, token)).toEqual([]);
    const lost = await j.inbound(app.id, { channel: "MESSENGER", identity: "psid-3" });
    expect(lost).toMatchObject({ delivered: false });
    expect(lost.reason).toContain("M3");
    expect((await j.getApp(app.id)).channel_credentials[0].state.status).toBe("ACTIVE");
    await j.control("POST", `/_emulator/meta/subscriptions/${P.bakery}`, {});
    await j.control("POST", "/_emulator/meta/app", { mode: "development" });
    expect((await j.control("GET", "/_emulator/meta/state")).app.mode).toBe("development");
    expect((await j.inbound(app.id, { channel: "MESSENGER", identity: "stranger", recipientHasAppRole: false })).delivered).toBe(false);
    expect((await j.inbound(app.id, { channel: "MESSENGER", identity: "tester", recipientHasAppRole: true })).delivered).toBe(true);
    await waitFor(() => inboundCount() === 2);
    expect(inboundCount()).toBe(2);
  });

  it("M4: a personal or unlinked IG account is not offered as instagram_business_account", async () => {
    const { access_token } = await j.mint({ channel: "instagram" });
    const field = async (pageId: string) => (await j.graph("GET", `/${pageId}`, { access_token, fields: "instagram_business_account{id,username}" })).body;
    expect((await field(P.studio)).instagram_business_account).toBeUndefined();
    expect((await field(P.bakery)).instagram_business_account).toEqual({ id: IG.bakery, username: "acmebakery" });
    await j.control("POST", `/_emulator/meta/instagram/${IG.bakery}/account-type`, { accountType: "PERSONAL" });
    expect((await field(P.bakery)).instagram_business_account).toBeUndefined();
  });

  it("M5: 'Allow access to messages' off → no IG inbound, DLR FAILED carrying 200/2534041", async () => {
    const app = await j.connect([ig(await j.pageToken(P.bakery, { channel: "instagram" }))], rx.url);
    await j.inbound(app.id, { channel: "INSTAGRAM", identity: "igsid-5" });
    await j.control("POST", `/_emulator/meta/instagram/${IG.bakery}/allow-access`, { enabled: false });
    const dlr = await sendAndReport(j, rx, app.id, "INSTAGRAM", "igsid-5");
    expect(dlr).toMatchObject({ status: "FAILED", reason: { code: "CHANNEL_FAILURE" } });
    expect(dlr.reason.description).toMatch(/^The underlying channel reported: \(#200\) The Instagram account owner has disabled access to messages.* \(subcode 2534041\)$/);
    expect((await j.inbound(app.id, { channel: "INSTAGRAM", identity: "igsid-5" })).reason).toContain("M5");
  });

  it("M6: IG via a Page without MODERATE and without subscription: credential ACTIVE, no inbound, sends refused", async () => {
    const token = await j.pageToken(P.corner, { channel: "instagram" });
    const app = await j.connect([ig(token, IG.corner)], rx.url);
    expect((await j.settled(app.id, "INSTAGRAM")).state.status).toBe("ACTIVE");
    expect((await j.graph("GET", `/${P.corner}`, { access_token: token, fields: "tasks" })).body.tasks).not.toContain("MODERATE");
    await j.inbound(app.id, { channel: "INSTAGRAM", identity: "igsid-6" });
    expect((await sendAndReport(j, rx, app.id, "INSTAGRAM", "igsid-6")).reason.description).toContain("MODERATE");
    await j.control("DELETE", `/_emulator/meta/subscriptions/${P.corner}`);
    expect(await subscribedIds(P.corner, token)).toEqual([]);
    expect((await j.inbound(app.id, { channel: "INSTAGRAM", identity: "igsid-6" })).reason).toContain("M6");
  });

  it("M7: app removed (458), token expired (463), data access lapsed → FAILING, is_valid=false, DLR INACTIVE_CREDENTIAL", async () => {
    const removed = await j.pageToken(P.bakery);
    const app = await j.connect([msgr(removed)], rx.url);
    await j.inbound(app.id, { channel: "MESSENGER", identity: "psid-7" });
    await j.control("POST", "/_emulator/meta/apps/remove", { userId: SEED.user });
    expect((await j.debugToken(removed)).body.data).toMatchObject({ is_valid: false, error: { code: 190, subcode: 458 } });
    expect((await j.getApp(app.id)).channel_credentials[0].state.description).toContain("has not authorized application");
    expect((await sendAndReport(j, rx, app.id, "MESSENGER", "psid-7")).reason.code).toBe("INACTIVE_CREDENTIAL");
    const expired = await j.pageToken(P.outlet);
    const lapsed = await j.pageToken(P.bakery);
    const apps = [await j.connect([msgr(expired)]), await j.connect([msgr(lapsed)])];
    await j.control("POST", `/_emulator/meta/tokens/${expired}/expire`);
    await j.control("POST", `/_emulator/meta/tokens/${lapsed}/data-access`, { data_access_expires_at: 1 });
    const descriptions = await Promise.all(apps.map(async (a) => (await j.getApp(a.id)).channel_credentials[0].state));
    expect(descriptions[0]).toMatchObject({ status: "FAILING" });
    expect(descriptions[0].description).toContain("Session has expired");
    expect(descriptions[1].description).toContain("Data access has expired");
  });

  it("M8: Instagram reply after 24 h → OUTSIDE_ALLOWED_SENDING_WINDOW with 10/2534022", async () => {
    const app = await j.connect([ig(await j.pageToken(P.bakery, { channel: "instagram" }))], rx.url);
    await j.inbound(app.id, { channel: "INSTAGRAM", identity: "igsid-8" });
    expect((await sendAndReport(j, rx, app.id, "INSTAGRAM", "igsid-8")).status).toBe("READ");
    await j.advance(DAY + 1);
    const dlr = await sendAndReport(j, rx, app.id, "INSTAGRAM", "igsid-8");
    expect(dlr.reason).toMatchObject({ code: "OUTSIDE_ALLOWED_SENDING_WINDOW" });
    expect(dlr.reason.description).toBe("The underlying channel reported: (#10) This message is sent outside of allowed window. (subcode 2534022)");
  });

  it("M9: a story mention from a private account never arrives; from a public one it does", async () => {
    const app = await j.connect([ig(await j.pageToken(P.bakery, { channel: "instagram" }))], rx.url);
    expect((await j.inbound(app.id, { channel: "INSTAGRAM", identity: "private", kind: "story_mention", fromPrivateAccount: true })).delivered).toBe(false);
    expect((await j.inbound(app.id, { channel: "INSTAGRAM", identity: "public", kind: "story_mention" })).delivered).toBe(true);
    const got = await waitFor(() => (inboundCount() > 0 ? rx.received.filter((r) => r.body.message) : undefined));
    expect(got.map((r) => r.body.message.channel_identity.identity)).toEqual(["public"]);
    expect(got[0]!.body.message.contact_message.media_message.thumbnail_url).toBe("");
  });

  it("M10: the same IG account connected to two apps produces two message callbacks", async () => {
    const a = await j.connect([ig(await j.pageToken(P.bakery, { channel: "instagram" }))], rx.url);
    const b = await j.connect([ig(await j.pageToken(P.bakery, { channel: "instagram", type: "SYSTEM_USER" }))], rx.url);
    await j.control("POST", `/_emulator/meta/subscriptions/${P.bakery}`, { appId: "200000000000002" });
    const out = await j.control("POST", "/_emulator/sinch/inbound", { channel: "INSTAGRAM", assetId: IG.bakery, identity: "igsid-10", text: "twice" });
    expect(out.deliveries.map((d: any) => d.appId).sort()).toEqual([a.id, b.id].sort());
    const msgs = await waitFor(() => (inboundCount() === 2 ? rx.received.filter((r) => r.body.message) : undefined));
    expect(new Set(msgs.map((m) => m.body.app_id)).size).toBe(2);
    expect(msgs.map((m) => m.body.message.contact_message.text_message.text)).toEqual(["twice", "twice"]);
    const token = await j.pageToken(P.bakery);
    expect((await subscribedIds(P.bakery, token)).map((s: any) => s.id).sort()).toEqual([APP_ID, "200000000000002"].sort());
  });

  it("M11: WABA unsubscribed, or callbacks overridden to another app → sender ACTIVE, no inbound", async () => {
    const sender = await j.sender(SEED.phones.good);
    const app = await j.connect([wa(sender.id, sender.token)], rx.url);
    const { access_token } = await j.mint({ channel: "whatsapp" });
    expect((await subscribedIds(SEED.wabas.bakery, access_token)).map((s: any) => s.whatsapp_business_api_data.id)).toEqual([APP_ID]);
    expect((await j.inbound(app.id, { channel: "WHATSAPP", identity: "46700000011" })).delivered).toBe(true);
    await j.control("DELETE", `/_emulator/meta/subscriptions/${SEED.wabas.bakery}`);
    expect(await subscribedIds(SEED.wabas.bakery, access_token)).toEqual([]);
    expect((await j.inbound(app.id, { channel: "WHATSAPP", identity: "46700000011" })).reason).toContain("M11");
    await j.control("POST", `/_emulator/meta/subscriptions/${SEED.wabas.bakery}`, {});
    await j.control("POST", `/_emulator/meta/subscriptions/${SEED.wabas.bakery}`, { appId: "300000000000003", override_callback_uri: "https://other.example/wa" });
    const listed = await subscribedIds(SEED.wabas.bakery, access_token);
    expect(listed.find((s: any) => s.override_callback_uri)?.override_callback_uri).toBe("https://other.example/wa");
    expect((await j.inbound(app.id, { channel: "WHATSAPP", identity: "46700000011" })).reason).toContain("overridden");
    expect((await j.control("GET", "/_emulator/sinch/senders")).senders[0].state).toBe("ACTIVE");
  });

  it("M12: unregistered 133010, name pending 131037, PIN mismatch 133005, registration error 131045, unverified → PENDING_VERIFICATION", async () => {
    const run = async (phone: string, waba: string = SEED.wabas.bakery) => {
      const s = await j.sender(phone, waba);
      const app = await j.connect([wa(s.id, s.token)], rx.url);
      await j.inbound(app.id, { channel: "WHATSAPP", identity: "46700000012", force: true });
      return (await sendAndReport(j, rx, app.id, "WHATSAPP", "46700000012")).reason.description as string;
    };
    expect(await run(SEED.phones.unregistered)).toBe("The underlying channel reported: (#133010) Account not registered");
    expect(await run(SEED.phones.namePending, SEED.wabas.outlet)).toContain("(#131037) WhatsApp provided number needs display name approval");
    await j.control("POST", `/_emulator/meta/phone-numbers/${SEED.phones.unregistered}/pin-mismatch`, { enabled: true });
    expect(await run(SEED.phones.unregistered)).toContain("(#133005) Two step verification PIN Mismatch");
    await j.control("POST", `/_emulator/meta/phone-numbers/${SEED.phones.good}`, { status: "DISCONNECTED" });
    expect(await run(SEED.phones.good)).toContain("(#131045)");
    await j.control("POST", `/_emulator/meta/phone-numbers/${SEED.phones.good}`, { code_verification_status: "NOT_VERIFIED" });
    expect((await j.sender(SEED.phones.good)).state).toBe("PENDING_VERIFICATION");
    const { access_token } = await j.mint({ channel: "whatsapp" });
    const phone = await j.graph("GET", `/${SEED.phones.unregistered}`, { access_token, fields: "status,name_status,code_verification_status" });
    expect(phone.body).toMatchObject({ status: "PENDING", name_status: "APPROVED" });
  });

  it("M13: a WABA not shared in Embedded Signup is missing from whatsapp_business_management target_ids", async () => {
    const { access_token } = await j.mint({ channel: "whatsapp", type: "SYSTEM_USER", wabaIds: [SEED.wabas.outlet] });
    const ids = targets(await j.debugToken(access_token), "whatsapp_business_management");
    expect(ids).toEqual([SEED.wabas.outlet]);
    expect(ids).not.toContain(SEED.wabas.bakery);
  });

  it("M14: HUMAN_AGENT without approval, development mode for a non-role recipient, unverified business", async () => {
    const app = await j.connect([msgr(await j.pageToken(P.bakery))], rx.url);
    await j.inbound(app.id, { channel: "MESSENGER", identity: "no-role", recipientHasAppRole: false });
    const tag = { channel_properties: { MESSENGER_MESSAGE_TAG: "HUMAN_AGENT" } };
    const ha = await sendAndReport(j, rx, app.id, "MESSENGER", "no-role", tag);
    expect(ha).toMatchObject({ status: "FAILED" });
    expect(ha.reason.description).toContain("(#200) The HUMAN_AGENT tag requires the Human Agent feature to be approved");
    await j.control("POST", "/_emulator/meta/app", { mode: "development" });
    const dev = await sendAndReport(j, rx, app.id, "MESSENGER", "no-role");
    expect(dev.reason.description).toMatch(/\(#200\) Cannot message users who are not admins.* \(subcode 2018028\)$/);
    await j.control("POST", `/_emulator/meta/businesses/${SEED.businesses.acmeGroup}/verified`, { enabled: false });
    const { access_token } = await j.mint({});
    const biz = await j.graph("GET", `/${SEED.businesses.acmeGroup}`, { access_token, fields: "verification_status" });
    expect(biz.body.verification_status).toBe("not_verified");
  });
});
