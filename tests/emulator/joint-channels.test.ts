import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { APP_ID, DAY, Joint, SEED, finalReport, ig, msgr, sendAndReport, startReceiver, statusesOf, wa, waitFor, type Receiver } from "./joint-harness";

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

describe("Sinch ↔ Meta, end to end (real Meta half, no fake oracle)", () => {
  it("Messenger: Graph /me answers a Page token as the Page; PENDING → ACTIVE; delivers; 190/460 after a password change", async () => {
    const token = await j.pageToken(P.bakery);
    expect((await j.graph("GET", "/me", { access_token: token })).body).toEqual({ id: P.bakery, name: "Acme Bakery" });
    const app = await j.createApp([msgr(token)]);
    expect(app.channel_credentials[0].state.status).toBe("PENDING");
    await j.addWebhook(app.id, rx.url);
    const cred = await j.settled(app.id, "MESSENGER");
    expect(cred).toMatchObject({ state: { status: "ACTIVE" }, channel_known_id: P.bakery });
    const subs = await j.graph("GET", `/${P.bakery}/subscribed_apps`, { access_token: token });
    expect(subs.body.data.map((s: any) => s.id)).toEqual([APP_ID]);

    await j.inbound(app.id, { channel: "MESSENGER", identity: "psid-1" });
    const sent = await j.send(app.id, "MESSENGER", "psid-1");
    expect((await finalReport(rx, sent.body.message_id)).status).toBe("READ");
    // Callbacks are concurrent (at-least-once, unordered): READ can land before DELIVERED.
    const all = await waitFor(() => (statusesOf(rx, sent.body.message_id).length === 3 ? statusesOf(rx, sent.body.message_id) : undefined));
    expect(all.sort()).toEqual(["DELIVERED", "QUEUED_ON_CHANNEL", "READ"]);

    await j.control("POST", `/_emulator/meta/users/${SEED.user}/password-change`);
    const failing = (await j.getApp(app.id)).channel_credentials[0];
    expect(failing.state.status).toBe("FAILING");
    expect(failing.state.description).toMatch(/^Failed to validate Facebook Page token: .*changed their password/);
    const dlr = await sendAndReport(j, rx, app.id, "MESSENGER", "psid-1");
    expect(dlr).toMatchObject({ status: "FAILED", reason: { code: "INACTIVE_CREDENTIAL" } });
    expect(dlr.reason.description).toContain("changed their password");
  });

  it("Instagram: ACTIVE with the IG id as channel_known_id; delivers; a removed Page role (190/492) turns it INACTIVE_CREDENTIAL", async () => {
    const token = await j.pageToken(P.bakery, { channel: "instagram" });
    const app = await j.connect([ig(token)], rx.url);
    expect(await j.settled(app.id, "INSTAGRAM")).toMatchObject({ state: { status: "ACTIVE" }, channel_known_id: SEED.instagram.bakery });
    await j.inbound(app.id, { channel: "INSTAGRAM", identity: "igsid-1" });
    expect((await sendAndReport(j, rx, app.id, "INSTAGRAM", "igsid-1")).status).toBe("READ");

    await j.control("POST", `/_emulator/meta/pages/${P.bakery}/remove-role`, { userId: SEED.user });
    const dlr = await sendAndReport(j, rx, app.id, "INSTAGRAM", "igsid-1");
    expect(dlr).toMatchObject({ status: "FAILED", reason: { code: "INACTIVE_CREDENTIAL" } });
    expect(dlr.reason.description).toContain("administrator, editor, or moderator");
    const cred = (await j.getApp(app.id)).channel_credentials[0];
    expect(cred.state).toMatchObject({ status: "FAILING" });
    expect(cred.state.description).toMatch(/^Failed to exchange Instagram token: .*administrator, editor, or moderator/);
  });

  it("credential validation: missing scopes, user token, expired token, personal IG → FAILING with Meta's error", async () => {
    const noScope = await j.pageToken(P.bakery, { scopes: ["pages_show_list"] });
    const userToken = (await j.mint({ pageIds: [P.outlet] })).access_token;
    const expiring = await j.pageToken(P.outlet);
    await j.control("POST", `/_emulator/meta/tokens/${expiring}/expire`);
    const igToken = await j.pageToken(P.studio, { channel: "instagram" });
    const cases: Array<[unknown, RegExp]> = [
      [msgr(noScope), /^Failed to validate Facebook Page token: \(#200\) Requires pages_messaging permission/],
      [msgr(userToken), /^Failed to validate Facebook Page token: \(#210\) A page access token is required/],
      [msgr(expiring), /^Failed to validate Facebook Page token: \(#190\) Error validating access token: Session has expired/],
      [ig(igToken, SEED.instagram.studioPersonal), /^Failed to exchange Instagram token: \(#100\) Unsupported get request\. Object with ID '17841000100002'/],
      [ig("EAAEMUPnot-a-real-token"), /^Failed to exchange Instagram token: \(#190\) Invalid OAuth access token/],
    ];
    for (const [cred, description] of cases) {
      const app = await j.createApp([cred]);
      const state = (await j.settled(app.id, (cred as { channel: string }).channel)).state;
      expect(state.status).toBe("FAILING");
      expect(state.description).toMatch(description);
    }
  });

  it("WhatsApp: static_bearer is ACTIVE only while the sender is ACTIVE; phone-state failures surface with Meta's code", async () => {
    const good = await j.sender(SEED.phones.good);
    expect(good.state).toBe("ACTIVE");
    const wrong = await j.createApp([wa(good.id, "not-the-bearer-token")]);
    expect((await j.settled(wrong.id, "WHATSAPP")).state.status).toBe("FAILING");
    const app = await j.connect([wa(good.id, good.token)], rx.url);
    expect((await j.settled(app.id, "WHATSAPP")).state.status).toBe("ACTIVE");
    await j.control("POST", `/_emulator/sinch/senders/${good.id}/state`, { state: "SUSPENDED" });
    expect((await j.getApp(app.id)).channel_credentials[0].state.status).toBe("FAILING");
    await j.control("POST", `/_emulator/sinch/senders/${good.id}/state`, { state: "ACTIVE" });
    expect((await j.getApp(app.id)).channel_credentials[0].state.status).toBe("ACTIVE");

    await j.inbound(app.id, { channel: "WHATSAPP", identity: "46700000001" });
    expect((await sendAndReport(j, rx, app.id, "WHATSAPP", "46700000001")).status).toBe("READ");
    await j.control("POST", `/_emulator/meta/phone-numbers/${SEED.phones.good}`, { paymentMethod: false });
    const billing = await sendAndReport(j, rx, app.id, "WHATSAPP", "46700000001");
    expect(billing).toMatchObject({ status: "FAILED", reason: { code: "CHANNEL_FAILURE" } });
    expect(billing.reason.description).toBe("The underlying channel reported: (#131042) Business eligibility payment issue");
  });

  it("one window owner: Meta's 24 h / HUMAN_AGENT verdicts become OUTSIDE_ALLOWED_SENDING_WINDOW with Meta's text", async () => {
    const token = await j.pageToken(P.bakery);
    const app = await j.connect([msgr(token)], rx.url);
    await j.inbound(app.id, { channel: "MESSENGER", identity: "psid-w" });
    await j.advance(DAY + 1000);
    const tag = { channel_properties: { MESSENGER_MESSAGE_TAG: "HUMAN_AGENT" } };
    const closed = await sendAndReport(j, rx, app.id, "MESSENGER", "psid-w");
    expect(closed.reason).toMatchObject({ code: "OUTSIDE_ALLOWED_SENDING_WINDOW" });
    expect(closed.reason.description).toBe("The underlying channel reported: (#10) This message is sent outside of allowed window. (subcode 2018278)");
    const unapproved = await sendAndReport(j, rx, app.id, "MESSENGER", "psid-w", tag);
    expect(unapproved.reason.description).toContain("(#200) The HUMAN_AGENT tag requires the Human Agent feature");
    // The Sinch-side switch is an alias of Meta's app flag: one owner, one answer.
    await j.control("POST", `/_emulator/sinch/apps/${app.id}/human-agent`, { enabled: true });
    expect((await j.control("GET", "/_emulator/meta/state")).app.humanAgentApproved).toBe(true);
    expect((await sendAndReport(j, rx, app.id, "MESSENGER", "psid-w", tag)).status).toBe("READ");
    await j.advance(7 * DAY);
    expect((await sendAndReport(j, rx, app.id, "MESSENGER", "psid-w", tag)).reason.code).toBe("OUTSIDE_ALLOWED_SENDING_WINDOW");
  });
});
