import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifySinchSignature } from "@/server/webhooks/sinch/verify";
import { DAY, Joint, KEY, SECRET, SEED, basic, conv, ig, msgr, sendAndReport, sleep, startReceiver, wa, waitFor, type Receiver } from "./joint-harness";

/** One test per Sinch-side row of the troubleshooting catalogue, against the whole emulator. */
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
const messengerApp = async (target = rx.url) => {
  const app = await j.connect([msgr(await j.pageToken(P.bakery))], target);
  await j.inbound(app.id, { channel: "MESSENGER", identity: "psid-s" });
  return app;
};
const token = (auth: string) =>
  fetch(`${j.url}/sinch/auth/oauth2/token`, { method: "POST", headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=client_credentials" });

describe("troubleshooting catalogue, Sinch rows", () => {
  it("S1: forced or Meta-invalidated credential → FAILING and DLR INACTIVE_CREDENTIAL", async () => {
    const app = await messengerApp();
    await j.control("POST", `/_emulator/sinch/apps/${app.id}/credentials/MESSENGER/fail`, { description: "Token replaced" });
    expect((await j.getApp(app.id)).channel_credentials[0].state).toEqual({ status: "FAILING", description: "Token replaced" });
    const dlr = await sendAndReport(j, rx, app.id, "MESSENGER", "psid-s");
    expect(dlr).toMatchObject({ status: "FAILED", reason: { code: "INACTIVE_CREDENTIAL" } });
    const pageToken = await j.pageToken(P.outlet);
    const other = await j.connect([msgr(pageToken)]);
    await j.control("POST", `/_emulator/meta/tokens/${pageToken}/expire`);
    expect((await j.debugToken(pageToken)).body.data.is_valid).toBe(false);
    expect((await j.getApp(other.id)).channel_credentials[0].state.status).toBe("FAILING");
  });

  it("S2: IG account unlinked at Meta → CHANNEL_BAD_CONFIGURATION with 100/33; missing business_account_id → FAILING", async () => {
    const app = await j.connect([ig(await j.pageToken(P.bakery, { channel: "instagram" }))], rx.url);
    await j.inbound(app.id, { channel: "INSTAGRAM", identity: "igsid-s2" });
    await j.control("DELETE", `/_emulator/meta/pages/${P.bakery}/instagram`);
    const dlr = await sendAndReport(j, rx, app.id, "INSTAGRAM", "igsid-s2");
    expect(dlr.reason.code).toBe("CHANNEL_BAD_CONFIGURATION");
    expect(dlr.reason.description).toMatch(/\(#100\) Unsupported post request\. Object with ID '17841000100001'.* \(subcode 33\)$/);
    const bare = await j.createApp([{ channel: "INSTAGRAM", instagram_credentials: { token: await j.pageToken(P.bakery, { channel: "instagram" }) } }]);
    expect((await j.settled(bare.id, "INSTAGRAM")).state.description).toContain("business_account_id is required");
  });

  it("S3: WhatsApp reply after 24 h → OUTSIDE_ALLOWED_SENDING_WINDOW (131047); a template still goes out", async () => {
    const sender = await j.sender(SEED.phones.good);
    const app = await j.connect([wa(sender.id, sender.token)], rx.url);
    await j.inbound(app.id, { channel: "WHATSAPP", identity: "46700000003" });
    await j.advance(DAY + 1);
    const dlr = await sendAndReport(j, rx, app.id, "WHATSAPP", "46700000003");
    expect(dlr.reason.code).toBe("OUTSIDE_ALLOWED_SENDING_WINDOW");
    expect(dlr.reason.description).toContain("(#131047) Re-engagement message");
    const template = { message: { template_message: { omni_template: { template_id: "welcome", version: "1", language_code: "en" } } } };
    expect((await sendAndReport(j, rx, app.id, "WHATSAPP", "46700000003", template)).status).toBe("READ");
  });

  it("S4: a contact who blocked the business → RECIPIENT_NOT_REACHABLE", async () => {
    const app = await messengerApp();
    await j.control("POST", "/_emulator/sinch/contacts/block", { appId: app.id, channel: "MESSENGER", identity: "psid-s" });
    expect((await sendAndReport(j, rx, app.id, "MESSENGER", "psid-s")).reason.code).toBe("RECIPIENT_NOT_REACHABLE");
  });

  it("S5: an app called on another region's host → 404 NOT_FOUND on GET app and messages:send", async () => {
    const app = await j.createApp([], "eu");
    const get = await j.call("GET", `${conv("us")}/apps/${app.id}`);
    expect(get.status).toBe(404);
    expect(get.body.error.status).toBe("NOT_FOUND");
    const send = await j.call("POST", `${conv("br")}/messages:send`, { app_id: app.id, recipient: { contact_id: "x" }, message: { text_message: { text: "x" } } });
    expect(send.status).toBe(404);
  });

  it("S6: a webhook whose triggers lack MESSAGE_DELIVERY gets no delivery reports", async () => {
    const partial = await startReceiver();
    try {
      const app = await messengerApp();
      await j.addWebhook(app.id, partial.url, { triggers: ["MESSAGE_INBOUND"] });
      const listed = (await j.call("GET", `${conv("eu")}/apps/${app.id}/webhooks`)).body.webhooks;
      expect(listed.find((w: any) => w.target === partial.url).triggers).toEqual(["MESSAGE_INBOUND"]);
      expect((await sendAndReport(j, rx, app.id, "MESSENGER", "psid-s")).status).toBe("READ");
      await j.inbound(app.id, { channel: "MESSENGER", identity: "psid-s" });
      await waitFor(() => partial.received.length === 1);
      await sleep(50);
      expect(partial.received.map((r) => Object.keys(r.body).find((k) => k === "message" || k === "message_delivery_report"))).toEqual(["message"]);
    } finally {
      await partial.close();
    }
  });

  it("S7: a webhook created without a secret sends unsigned callbacks", async () => {
    const app = await j.createApp([]);
    const hook = await j.addWebhook(app.id, rx.url, { secret: undefined });
    expect(hook.secret).toBeUndefined();
    await j.inbound(app.id, { channel: "SMS", identity: "46700000007", force: true });
    const got = await waitFor(() => rx.received.find((r) => r.body.message));
    expect(Object.keys(got.headers).filter((h) => h.startsWith("x-sinch-webhook-signature"))).toEqual([]);
  });

  it("S8: after a secret rotation the old secret fails verification; a skewed clock reads as stale", async () => {
    const app = await j.createApp([]);
    const hook = await j.addWebhook(app.id, rx.url);
    const rotated = "rotated-secret-abcdefghijklmnopqrstuvwxyz";
    expect((await j.call("PATCH", `${conv("eu")}/webhooks/${hook.id}`, { app_id: app.id, target: rx.url, secret: rotated })).status).toBe(200);
    await j.inbound(app.id, { channel: "SMS", identity: "46700000008", force: true });
    const got = await waitFor(() => rx.received.find((r) => r.body.message));
    const verify = (secret: string, nowSeconds = Date.now() / 1000) => verifySinchSignature({ rawBody: Buffer.from(got.raw), headers: got.headers, secret, nowSeconds });
    expect(verify(rotated)).toMatchObject({ ok: true, signed: true });
    expect(verify(SECRET)).toEqual({ ok: false, reason: "bad_signature" });
    expect(verify(rotated, Date.now() / 1000 + 301)).toEqual({ ok: false, reason: "stale" });
  });

  it("S9: a sixth webhook on one app → 400; the list shows five", async () => {
    const app = await j.createApp([]);
    for (let i = 0; i < 5; i++) await j.addWebhook(app.id, `${rx.url}/${i}`);
    const sixth = await j.call("POST", `${conv("eu")}/webhooks`, { app_id: app.id, target: `${rx.url}/6`, triggers: ["MESSAGE_INBOUND"] });
    expect(sixth.status).toBe(400);
    expect((await j.call("GET", `${conv("eu")}/apps/${app.id}/webhooks`)).body.webhooks).toHaveLength(5);
  });

  it("S10: the same target twice on one app → 400 INVALID_ARGUMENT", async () => {
    const app = await j.createApp([]);
    await j.addWebhook(app.id, rx.url);
    const dup = await j.call("POST", `${conv("eu")}/webhooks`, { app_id: app.id, target: rx.url, triggers: ["MESSAGE_INBOUND"] });
    expect(dup.status).toBe(400);
    expect(dup.body.error.status).toBe("INVALID_ARGUMENT");
  });

  it("S11: a held credential stays PENDING past the activation delay until released", async () => {
    const app = await j.createApp([msgr(await j.pageToken(P.bakery))]);
    await j.control("POST", `/_emulator/sinch/apps/${app.id}/credentials/MESSENGER/hold`, {});
    await sleep(150);
    expect((await j.getApp(app.id)).channel_credentials[0].state.status).toBe("PENDING");
    const channelInfo = await j.call("GET", `/sinch/provisioning/v1/projects/${KEY.projectId}/conversation/apps/${app.id}/messenger`);
    expect(channelInfo.body.status).toBe("PENDING");
    await j.control("POST", `/_emulator/sinch/apps/${app.id}/credentials/MESSENGER/hold`, { held: false });
    expect((await j.getApp(app.id)).channel_credentials[0].state.status).toBe("ACTIVE");
  });

  it("S12: a token without the required scopes fails right after connect, naming Meta's error", async () => {
    const weak = await j.pageToken(P.bakery, { channel: "instagram", scopes: ["instagram_basic", "pages_manage_metadata"] });
    expect((await j.debugToken(weak)).body.data.scopes).not.toContain("instagram_manage_messages");
    const app = await j.createApp([ig(weak)]);
    const state = (await j.settled(app.id, "INSTAGRAM")).state;
    expect(state).toMatchObject({ status: "FAILING" });
    expect(state.description).toBe("Failed to exchange Instagram token: (#200) Requires instagram_manage_messages permission to manage the object");
  });

  it("S13: sender SUSPENDED with changes REJECTED; a phone unknown at Meta → ERROR", async () => {
    const sender = await j.sender(SEED.phones.good);
    const path = `/sinch/provisioning/v1/projects/${KEY.projectId}/whatsapp/senders/${sender.id}`;
    await j.control("POST", `/_emulator/sinch/senders/${sender.id}/state`, { state: "SUSPENDED", changesStatus: "REJECTED", reason: "Policy" });
    expect((await j.call("GET", path)).body).toMatchObject({ state: "SUSPENDED", changes: { status: "REJECTED", details: ["Policy"] } });
    const unknown = await j.sender("5999999999");
    expect(unknown.state).toBe("ERROR");
  });

  it("S14: wrong key secret → 401 on the token; garbage or expired bearer → 401 (expired says so)", async () => {
    expect((await token(basic(KEY.keyId, "wrong"))).status).toBe(401);
    const good = (await (await token(basic())).json()) as { access_token: string; expires_in: number };
    const apps = `${conv("eu")}/apps`;
    expect((await j.call("GET", apps, undefined, "Bearer garbage")).status).toBe(401);
    expect((await j.call("GET", apps, undefined, `Bearer ${good.access_token}`)).status).toBe(200);
    await j.advance((good.expires_in + 1) * 1000);
    const expired = await j.call("GET", apps, undefined, `Bearer ${good.access_token}`);
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toContain("expired");
  });

  it("S15: a subproject answers 404 during its warm-up", async () => {
    await j.control("POST", "/_emulator/sinch/subprojects/warmup", { ms: 30_000 });
    const sub = await j.call("POST", `/sinch/subprojects/v1/projects/${KEY.projectId}/subprojects`, { displayName: "Customer" });
    expect(sub.status).toBe(200);
    expect((await j.call("GET", `${conv("eu", sub.body.subprojectId)}/apps`)).status).toBe(404);
    await j.advance(30_001);
    expect((await j.call("GET", `${conv("eu", sub.body.subprojectId)}/apps`)).status).toBe(200);
  });

  it("S16: Subprojects closed beta off → 403", async () => {
    await j.control("POST", "/_emulator/sinch/subprojects/disable", { disabled: true });
    const r = await j.call("GET", `/sinch/subprojects/v1/projects/${KEY.projectId}/subprojects`);
    expect(r.status).toBe(403);
    expect(r.body.error.message).toContain("closed beta");
  });
});
