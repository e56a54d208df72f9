import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../emulator/src/meta/seed";
import { MetaHarness, graphErr } from "./meta-harness";

let h: MetaHarness;
beforeAll(async () => {
  h = await MetaHarness.start();
});
afterAll(() => h.close());
beforeEach(() => h.reset());

const P = SEED.pages;
const IG = SEED.instagram;
const oracle = () => h.emu.world.meta;

async function pageSetup(config: "messenger" | "instagram" = "messenger") {
  const user = await h.loginToken({ config, pages: [P.bakery, P.corner], igs: [IG.bakery, IG.corner], longLived: true });
  return { user, page: await h.pageToken(user, P.bakery) };
}

async function waToken(wabas: string[] = [SEED.wabas.bakery]) {
  return h.loginToken({ config: "whatsapp", businessId: SEED.businesses.acmeGroup, wabas });
}

describe("token breakage switches (M7)", () => {
  it("password change → 190/460 for user and Page tokens", async () => {
    const { user, page } = await pageSetup();
    expect(oracle().checkToken(page, ["pages_messaging"]).ok).toBe(true);
    expect((await h.control("POST", `/users/${SEED.user}/password-change`)).status).toBe(200);
    for (const t of [user, page]) {
      const r = await h.graph("GET", "/me", { access_token: t });
      expect(graphErr(r)).toMatchObject({ code: 190, subcode: 460 });
    }
    expect(oracle().checkToken(page, [])).toMatchObject({ ok: false, code: 190, subcode: 460 });
    const d = (await h.debug(page)).body.data;
    expect(d).toMatchObject({ is_valid: false, error: { code: 190, subcode: 460 } });
  });

  it("Page role removal → 190/492 for that Page's token only", async () => {
    const { user, page } = await pageSetup();
    const outletUser = await h.loginToken({ config: "messenger", pages: [P.outlet], longLived: true });
    const outlet = await h.pageToken(outletUser, P.outlet);
    await h.control("POST", `/pages/${P.bakery}/remove-role`, { userId: SEED.user });
    expect(graphErr(await h.graph("GET", "/me", { access_token: page }))).toMatchObject({ code: 190, subcode: 492 });
    expect(oracle().checkSend("MESSENGER", page, P.bakery)).toMatchObject({ ok: false, code: 190, subcode: 492 });
    expect((await h.graph("GET", "/me", { access_token: outlet })).status).toBe(200);
    expect((await h.graph("GET", "/me", { access_token: user })).status).toBe(200);
  });

  it("app removal → 190/458, also via DELETE /me/permissions", async () => {
    const { page } = await pageSetup();
    await h.control("POST", "/apps/remove", { userId: SEED.user });
    expect(graphErr(await h.graph("GET", "/me", { access_token: page }))).toMatchObject({ code: 190, subcode: 458 });
    const fresh = await h.loginToken({ config: "messenger", pages: [P.bakery] });
    expect((await h.graph("GET", "/me", { access_token: fresh })).status).toBe(200);
    expect((await h.graph("DELETE", "/me/permissions", { access_token: fresh })).body).toEqual({ success: true });
    expect(graphErr(await h.graph("GET", "/me", { access_token: fresh })).subcode).toBe(458);
  });

  it("expire → 190/463; data access expiry → 190 and is_valid false", async () => {
    const { user, page } = await pageSetup();
    await h.control("POST", `/tokens/${encodeURIComponent(user)}/expire`);
    expect(graphErr(await h.graph("GET", "/me", { access_token: user }))).toMatchObject({ code: 190, subcode: 463 });
    expect((await h.graph("GET", "/me", { access_token: page })).status).toBe(200);
    const past = Math.floor(Date.now() / 1000) - 10;
    expect((await h.control("POST", `/tokens/${encodeURIComponent(page)}/data-access`, { data_access_expires_at: past })).status).toBe(200);
    const d = (await h.debug(page)).body.data;
    expect(d).toMatchObject({ is_valid: false, data_access_expires_at: past, error: { code: 190 } });
  });

  it("short-lived user tokens expire after an hour, taking their Page tokens along", async () => {
    const user = await h.loginToken({ config: "messenger", pages: [P.bakery] });
    const page = await h.pageToken(user, P.bakery);
    h.emu.world.clock.advance(3601_000);
    expect(graphErr(await h.graph("GET", "/me", { access_token: page })).subcode).toBe(463);
  });
});

describe("send verdicts for the Sinch half", () => {
  it("IG allow-access off → 200/2534041 (M5); unsubscribed Page still sends (M3)", async () => {
    const { page } = await pageSetup("instagram");
    expect(oracle().checkSend("INSTAGRAM", page, IG.bakery)).toEqual({ ok: true });
    await h.control("POST", `/instagram/${IG.bakery}/allow-access`, { enabled: false });
    expect(oracle().checkSend("INSTAGRAM", page, IG.bakery)).toMatchObject({ ok: false, code: 200, subcode: 2534041 });
    // Instagram logins lack pages_messaging, so Messenger sends with that token are a permission error.
    expect(oracle().checkSend("MESSENGER", page, P.bakery)).toMatchObject({ ok: false, code: 200 });
    const messenger = await pageSetup("messenger");
    expect(h.emu.state.subscriptionsOf(P.bakery)).toEqual([]);
    expect(oracle().checkSend("MESSENGER", messenger.page, P.bakery)).toEqual({ ok: true });
    expect(oracle().checkSend("MESSENGER", messenger.page, P.outlet)).toMatchObject({ code: 100, subcode: 33 });
  });

  it("MODERATE missing on the linked Page blocks IG (M6); personal IG is unknown (M4)", async () => {
    const user = await h.loginToken({ config: "instagram", pages: [P.corner, P.studio], igs: [IG.corner], longLived: true });
    const corner = await h.pageToken(user, P.corner);
    expect(oracle().checkSend("INSTAGRAM", corner, IG.corner)).toMatchObject({ ok: false, code: 200 });
    await h.control("POST", `/pages/${P.corner}/tasks`, { userId: SEED.user, tasks: ["MODERATE", "MESSAGING"] });
    expect(oracle().checkSend("INSTAGRAM", corner, IG.corner)).toEqual({ ok: true });
    const studio = await h.pageToken(user, P.studio);
    expect(oracle().checkSend("INSTAGRAM", studio, IG.studioPersonal)).toMatchObject({ code: 100, subcode: 33 });
    expect(graphErr(await h.graph("GET", `/${IG.studioPersonal}`, { access_token: studio })).subcode).toBe(33);
  });

  it("window (M8), HUMAN_AGENT and development mode (M14)", async () => {
    const { page } = await pageSetup();
    const now = h.emu.world.clock.now();
    const old = now - 25 * 3600_000;
    expect(oracle().checkSend("MESSENGER", page, P.bakery, { lastInboundAt: now - 1000 })).toEqual({ ok: true });
    expect(oracle().checkSend("MESSENGER", page, P.bakery, { lastInboundAt: old })).toMatchObject({ code: 10, subcode: 2018278 });
    expect(oracle().checkSend("MESSENGER", page, P.bakery, { lastInboundAt: old, messageTag: "HUMAN_AGENT" })).toMatchObject({ code: 200 });
    await h.control("POST", "/app", { humanAgentApproved: true });
    expect(oracle().checkSend("MESSENGER", page, P.bakery, { lastInboundAt: old, messageTag: "HUMAN_AGENT" })).toEqual({ ok: true });
    await h.control("POST", "/app", { mode: "development" });
    expect(oracle().checkSend("MESSENGER", page, P.bakery, { recipientHasAppRole: false })).toMatchObject({ code: 200, subcode: 2018028 });
    await h.control("POST", `/users/${SEED.user}/app-role`, { enabled: false });
    const d = await h.dialog([["config_id", "emu-config-messenger"], ["page", P.bakery], ["action", "continue"]]);
    expect(d.body.response).toEqual({ status: "unknown", authResponse: null });
    expect(d.body.summary).toContain("App not active");
  });

  it("WhatsApp: unregistered 133010, name pending 131037, billing 131042, PIN mismatch 133005 (M12)", async () => {
    const token = await waToken();
    expect(oracle().checkSend("WHATSAPP", token, SEED.phones.good)).toEqual({ ok: true });
    expect(oracle().checkSend("WHATSAPP", token, SEED.phones.unregistered)).toMatchObject({ code: 133010 });
    await h.control("POST", `/phone-numbers/${SEED.phones.good}/name-pending`);
    expect(oracle().checkSend("WHATSAPP", token, SEED.phones.good)).toMatchObject({ code: 131037 });
    await h.control("POST", `/phone-numbers/${SEED.phones.good}`, { name_status: "APPROVED", paymentMethod: false });
    expect(oracle().checkSend("WHATSAPP", token, SEED.phones.good)).toMatchObject({ code: 131042 });
    await h.control("POST", `/phone-numbers/${SEED.phones.good}/unregister`);
    const phone = await h.graph("GET", `/${SEED.phones.good}`, { access_token: token, fields: "status" });
    expect(phone.body.status).toBe("PENDING");
    await h.control("POST", `/phone-numbers/${SEED.phones.unregistered}/pin-mismatch`, { enabled: true });
    const reg = await h.graph("POST", `/${SEED.phones.unregistered}/register`, { access_token: token, messaging_product: "whatsapp", pin: "123456" });
    expect(graphErr(reg).code).toBe(133005);
    expect(reg.body.error.error_data.details).toBeTruthy();
    expect(oracle().describePhoneNumber(SEED.wabas.bakery, SEED.phones.good)).toEqual({
      ok: true,
      displayPhoneNumber: "+1 555-010-0001",
      verifiedName: "Acme Bakery",
      codeVerificationStatus: "VERIFIED",
    });
    expect(oracle().describePhoneNumber(SEED.wabas.outlet, SEED.phones.good).ok).toBe(false);
    expect(oracle().checkToken(token, ["whatsapp_business_messaging"]).ok).toBe(true);
    expect(oracle().checkToken(token, ["pages_messaging"])).toMatchObject({ ok: false, code: 200 });
  });

  it("subscriptions: drop (M3/M11) and another app's override (M11)", async () => {
    const token = await waToken();
    await h.graph("POST", `/${SEED.wabas.bakery}/subscribed_apps`, { access_token: token });
    await h.control("DELETE", `/subscriptions/${SEED.wabas.bakery}`);
    expect((await h.graph("GET", `/${SEED.wabas.bakery}/subscribed_apps`, { access_token: token })).body.data).toEqual([]);
    await h.control("POST", `/subscriptions/${SEED.wabas.bakery}`, { appId: "999", name: "Other BSP", override_callback_uri: "https://other.example/hook" });
    const list = (await h.graph("GET", `/${SEED.wabas.bakery}/subscribed_apps`, { access_token: token })).body.data;
    expect(list).toEqual([{ whatsapp_business_api_data: expect.objectContaining({ id: "999" }), override_callback_uri: "https://other.example/hook" }]);
  });
});

describe("faults and malformed requests", () => {
  it("honours meta.* faults with code 1 / HTTP 500 and code 4 / HTTP 429", async () => {
    h.emu.world.faults.set("meta.me.accounts", 500, 1);
    h.emu.world.faults.set("meta.oauth.access_token", 429, 1);
    const token = await h.loginToken({ config: "messenger", pages: [P.bakery] }).catch((e: Error) => e.message);
    expect(token).toContain('"code":4');
    const t = await h.loginToken({ config: "messenger", pages: [P.bakery] });
    const r = await h.graph("GET", "/me/accounts", { access_token: t });
    expect(r.status).toBe(500);
    expect(graphErr(r).code).toBe(1);
    expect((await h.graph("GET", "/me/accounts", { access_token: t })).status).toBe(200);
  });

  it("answers a Graph or control error envelope for garbage, never crashing", async () => {
    const t = await h.loginToken({ config: "messenger", pages: [P.bakery] });
    const graphCases: Array<[string, string, string?]> = [
      ["GET", "/graph/v22.0/me"],
      ["GET", `/graph/v22.0/me/unknown_edge?access_token=${t}`],
      ["GET", `/graph/v22.0/does-not-exist?access_token=${t}`],
      ["POST", `/graph/v22.0/${P.bakery}?access_token=${t}`],
      ["GET", `/graph/v22.0/me/accounts?access_token=${t}&after=%%%`],
      ["POST", `/graph/v22.0/${P.bakery}/subscribed_apps?access_token=${t}`, "{not json"],
      ["GET", "/graph/v22.0/a/b/c/d"],
      ["GET", "/graph"],
    ];
    for (const [method, path, body] of graphCases) {
      const r = await h.request(method, path, body ? { body, headers: { "content-type": "application/json" } } : {});
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
      graphErr(r);
    }
    // Undecodable path segments never reach the Graph dispatcher, but still answer in Graph's shape.
    const undecodable = await h.request("GET", `/graph/v22.0/%E0%A4%A?access_token=${t}`);
    expect(undecodable.status).toBe(400);
    expect(graphErr(undecodable).code).toBe(100);
    const controlCases: Array<[string, string, string]> = [
      ["POST", "/_emulator/meta/instagram/1/allow-access", "{}"],
      ["POST", `/_emulator/meta/instagram/${IG.bakery}/allow-access`, '{"enabled":"yes"}'],
      ["POST", "/_emulator/meta/pages", "[1,2]"],
      ["POST", "/_emulator/meta/pages", "{oops"],
      ["POST", "/_emulator/meta/es/order", '{"first":"later"}'],
      ["POST", "/_emulator/meta/tokens/nope/expire", ""],
      ["POST", "/_emulator/meta/phone-numbers", '{"wabaId":"1"}'],
      ["POST", "/_emulator/meta/users", '{"id":"abc"}'],
      ["POST", "/_emulator/meta/users", `{"id":"${SEED.user}"}`],
    ];
    for (const [method, path, body] of controlCases) {
      const r = await h.request(method, path, { body, headers: { "content-type": "application/json" } });
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.status, path).toBeLessThan(500);
      expect(typeof r.body.error.message, path).toBe("string");
    }
  });
});
