import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../emulator/src/meta/seed";
import { MetaHarness, SCOPES, graphErr } from "./meta-harness";

let h: MetaHarness;
beforeAll(async () => {
  h = await MetaHarness.start();
});
afterAll(() => h.close());
beforeEach(() => h.reset());

const P = SEED.pages;
const ALL_DIRECT = [P.bakery, P.outlet, P.studio, P.corner];

describe("Pages", () => {
  it("pages /me/accounts by 2 and only reaches every Page by following paging.next", async () => {
    const token = await h.loginToken({ config: "messenger", pages: [...ALL_DIRECT, P.groupHq], longLived: true });
    const first = await h.graph("GET", "/me/accounts", { access_token: token, fields: "id,name,access_token,tasks,instagram_business_account" });
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.paging.next).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graph\/v22\.0\/me\/accounts\?/);
    const seen = [...first.body.data];
    let next: string | undefined = first.body.paging.next;
    while (next) {
      const page = await fetch(next).then((r) => r.json() as Promise<any>);
      seen.push(...page.data);
      next = page.paging?.next;
    }
    // Acme Group HQ is held only through the business portfolio: never in /me/accounts (M1).
    expect(seen.map((p) => p.id)).toEqual(ALL_DIRECT);
    const bakery = seen.find((p) => p.id === P.bakery);
    expect(bakery.access_token).toMatch(/^EAAEMUP/);
    expect(bakery.tasks).toContain("MESSAGING");
    expect(bakery.instagram_business_account).toEqual({ id: SEED.instagram.bakery });
    expect(seen.find((p) => p.id === P.outlet).instagram_business_account).toBeUndefined();
    // Personal Instagram accounts never show as instagram_business_account (M4).
    expect(seen.find((p) => p.id === P.studio).instagram_business_account).toBeUndefined();
    expect(seen.find((p) => p.id === P.corner).tasks).toEqual(["MESSAGING", "ANALYZE"]);
  });

  it("omits Pages deselected in the asset picker (M1)", async () => {
    const token = await h.loginToken({ config: "messenger", pages: [P.outlet] });
    const r = await h.graph("GET", "/me/accounts", { access_token: token, limit: "10" });
    expect(r.body.data.map((p: { id: string }) => p.id)).toEqual([P.outlet]);
    expect(r.body.paging.next).toBeUndefined();
    const notShared = await h.graph("GET", `/${P.bakery}`, { access_token: token, fields: "instagram_business_account" });
    expect(graphErr(notShared)).toMatchObject({ code: 100, subcode: 33 });
  });

  it("lists portfolio Pages through /me/businesses → owned_pages / client_pages", async () => {
    const token = await h.loginToken({ config: "messenger", pages: [P.groupHq, P.partnerCafe, P.bakery] });
    const biz = await h.graph("GET", "/me/businesses", { access_token: token });
    expect(biz.body.data).toEqual([{ id: SEED.businesses.acmeGroup, name: "Acme Group" }]);
    const owned = await h.graph("GET", `/${SEED.businesses.acmeGroup}/owned_pages`, { access_token: token, fields: "id,name,access_token" });
    expect(owned.body.data.map((p: { id: string }) => p.id)).toEqual([P.groupHq]);
    expect(owned.body.data[0].access_token).toMatch(/^EAAEMUP/);
    const client = await h.graph("GET", `/${SEED.businesses.acmeGroup}/client_pages`, { access_token: token });
    expect(client.body.data).toEqual([{ id: P.partnerCafe, name: "Partner Café" }]);
    const noScope = await h.loginToken({ config: "messenger", pages: [P.groupHq], perms: ["pages_show_list"] });
    // Declining everything except one (FLB all-or-nothing) leaves no business_management.
    expect(graphErr(await h.graph("GET", "/me/businesses", { access_token: noScope })).code).toBe(200);
    expect(graphErr(await h.graph("GET", "/3999999999/owned_pages", { access_token: token })).subcode).toBe(33);
  });

  it("reads the IG link from the Page node with a Page token", async () => {
    const user = await h.loginToken({ config: "instagram", pages: [P.bakery, P.studio], igs: [SEED.instagram.bakery] });
    const bakery = await h.pageToken(user, P.bakery);
    const r = await h.graph("GET", `/${P.bakery}`, { access_token: bakery, fields: "instagram_business_account{id,username},name" });
    expect(r.body).toEqual({ id: P.bakery, name: "Acme Bakery", instagram_business_account: { id: SEED.instagram.bakery, username: "acmebakery" } });
    const studio = await h.pageToken(user, P.studio);
    const s = await h.graph("GET", `/${P.studio}`, { access_token: studio, fields: "instagram_business_account" });
    expect(s.body).toEqual({ id: P.studio });
    const ig = await h.graph("GET", `/${SEED.instagram.bakery}`, { access_token: user, fields: "username" });
    expect(ig.body).toEqual({ id: SEED.instagram.bakery, username: "acmebakery" });
    // A Page token only covers its own Page.
    expect(graphErr(await h.graph("GET", `/${P.studio}`, { access_token: bakery })).subcode).toBe(33);
  });
});

describe("subscribed_apps", () => {
  it("subscribes, lists and removes a Page subscription with the Page token", async () => {
    const user = await h.loginToken({ config: "messenger", pages: [P.bakery], longLived: true });
    const page = await h.pageToken(user, P.bakery);
    expect((await h.graph("GET", `/${P.bakery}/subscribed_apps`, { access_token: page })).body).toEqual({ data: [] });
    const post = await h.graph("POST", `/${P.bakery}/subscribed_apps`, {
      access_token: page,
      subscribed_fields: "messages,messaging_postbacks,message_deliveries,message_reads,message_echoes",
    });
    expect(post.body).toEqual({ success: true });
    const list = await h.graph("GET", `/${P.bakery}/subscribed_apps`, { access_token: page });
    expect(list.body.data).toEqual([
      expect.objectContaining({ id: "100000000000001", subscribed_fields: ["messages", "messaging_postbacks", "message_deliveries", "message_reads", "message_echoes"] }),
    ]);
    expect((await h.graph("DELETE", `/${P.bakery}/subscribed_apps`, { access_token: page })).body).toEqual({ success: true });
    expect((await h.graph("GET", `/${P.bakery}/subscribed_apps`, { access_token: page })).body.data).toEqual([]);
  });

  it("rejects user tokens, missing or unknown fields", async () => {
    const user = await h.loginToken({ config: "messenger", pages: [P.bakery] });
    const page = await h.pageToken(user, P.bakery);
    expect(graphErr(await h.graph("POST", `/${P.bakery}/subscribed_apps`, { access_token: user, subscribed_fields: "messages" })).code).toBe(210);
    expect(graphErr(await h.graph("POST", `/${P.bakery}/subscribed_apps`, { access_token: page })).code).toBe(100);
    expect(graphErr(await h.graph("POST", `/${P.bakery}/subscribed_apps`, { access_token: page, subscribed_fields: "bogus" })).code).toBe(100);
  });

  it("answers (#200) for a subscribed_field whose permission the token lacks, for both channels", async () => {
    // Instagram's login grants no pages_messaging: the Messenger fields are refused, `feed` is allowed.
    const ig = await h.pageToken(await h.loginToken({ config: "instagram", pages: [P.bakery], igs: [SEED.instagram.bakery] }), P.bakery);
    const refused = await h.graph("POST", `/${P.bakery}/subscribed_apps`, { access_token: ig, subscribed_fields: "messages,messaging_postbacks" });
    expect(refused.status).toBe(400);
    expect(graphErr(refused)).toMatchObject({ code: 200, message: "(#200) Requires pages_messaging permission to manage the object" });
    expect((await h.graph("GET", `/${P.bakery}/subscribed_apps`, { access_token: ig })).body.data).toEqual([]);
    expect((await h.graph("POST", `/${P.bakery}/subscribed_apps`, { access_token: ig, subscribed_fields: "feed" })).body).toEqual({ success: true });
    // A Messenger login where pages_messaging was declined: the same refusal; a field it allows still works.
    const scopes = SCOPES.messenger.filter((p) => p !== "pages_messaging");
    const minted = await h.control("POST", "/tokens", { channel: "messenger", scopes, pageIds: [P.outlet] });
    const ms: string = minted.body.page_tokens[P.outlet];
    expect(graphErr(await h.graph("POST", `/${P.outlet}/subscribed_apps`, { access_token: ms, subscribed_fields: "feed,message_echoes" }))).toMatchObject({ code: 200, message: "(#200) Requires pages_messaging permission to manage the object" });
    expect((await h.graph("POST", `/${P.outlet}/subscribed_apps`, { access_token: ms, subscribed_fields: "feed" })).body).toEqual({ success: true });
  });

  it("subscribes a WABA with the business token, override_callback_uri optional", async () => {
    const token = await h.loginToken({ config: "whatsapp", tokenType: "SYSTEM_USER", businessId: SEED.businesses.acmeGroup, wabas: [SEED.wabas.bakery] });
    const w = SEED.wabas.bakery;
    expect((await h.graph("POST", `/${w}/subscribed_apps`, { access_token: token })).body).toEqual({ success: true });
    const list = await h.graph("GET", `/${w}/subscribed_apps`, { access_token: token });
    expect(list.body.data[0].whatsapp_business_api_data.id).toBe("100000000000001");
    expect(graphErr(await h.graph("POST", `/${SEED.wabas.outlet}/subscribed_apps`, { access_token: token })).subcode).toBe(33);
    const phones = await h.graph("GET", `/${w}/phone_numbers`, { access_token: token });
    expect(phones.body.data.map((p: { id: string }) => p.id)).toEqual([SEED.phones.good, SEED.phones.unregistered]);
    const phone = await h.graph("GET", `/${SEED.phones.unregistered}`, { access_token: token, fields: "status,name_status,code_verification_status,display_phone_number" });
    expect(phone.body).toEqual({ id: SEED.phones.unregistered, status: "PENDING", name_status: "APPROVED", code_verification_status: "VERIFIED", display_phone_number: "+1 555-010-0002" });
  });

  it("registers a number with a 6-digit PIN and local storage region", async () => {
    const token = await h.loginToken({ config: "whatsapp", tokenType: "SYSTEM_USER", businessId: SEED.businesses.acmeGroup, wabas: [SEED.wabas.bakery] });
    const id = SEED.phones.unregistered;
    expect(graphErr(await h.graph("POST", `/${id}/register`, { access_token: token, messaging_product: "whatsapp", pin: "12" })).code).toBe(100);
    expect(graphErr(await h.graph("POST", `/${id}/register`, { access_token: token, pin: "123456" })).code).toBe(100);
    expect(graphErr(await h.graph("POST", `/${id}/register`, { access_token: token, messaging_product: "whatsapp", pin: "123456", data_localization_region: "XX" })).code).toBe(100);
    const ok = await h.graph("POST", `/${id}/register`, { access_token: token, messaging_product: "whatsapp", pin: "123456", data_localization_region: "DE" });
    expect(ok.body).toEqual({ success: true });
    const phone = await h.graph("GET", `/${id}`, { access_token: token, fields: "status" });
    expect(phone.body.status).toBe("CONNECTED");
    // Re-registering with another PIN than the stored one is a PIN mismatch (M12).
    const again = await h.graph("POST", `/${id}/register`, { access_token: token, messaging_product: "whatsapp", pin: "654321" });
    expect(graphErr(again).code).toBe(133005);
  });
});
