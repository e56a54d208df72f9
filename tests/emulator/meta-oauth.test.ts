import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../emulator/src/meta/seed";
import { APP_ID, APP_SECRET, MetaHarness, SCOPES, graphErr } from "./meta-harness";

let h: MetaHarness;
beforeAll(async () => {
  h = await MetaHarness.start();
});
afterAll(() => h.close());
beforeEach(() => h.reset());

const P = SEED.pages;

async function code(pages: string[] = [P.bakery], perms = SCOPES.messenger): Promise<string> {
  const d = await h.dialog([
    ["config_id", "emu-config-messenger"],
    ["token_type", "USER"],
    ...pages.map((p): [string, string] => ["page", p]),
    ...perms.map((p): [string, string] => ["perm", p]),
    ["action", "continue"],
  ]);
  expect(d.status).toBe(200);
  expect(d.body.response.status).toBe("connected");
  expect(d.body.response.authResponse.code).toBe(d.body.code);
  return d.body.code;
}

describe("code exchange", () => {
  it("exchanges a code once", async () => {
    const c = await code();
    expect(c.startsWith("AQEMU")).toBe(true);
    const first = await h.exchange(c);
    expect(first.status).toBe(200);
    expect(first.body.access_token).toMatch(/^EAAEMUU/);
    expect(first.body.token_type).toBe("bearer");
    const second = await h.exchange(c);
    expect(second.status).toBe(400);
    expect(graphErr(second)).toMatchObject({ code: 100, subcode: 36009 });
  });

  it("expires codes after 30 s of emulator time", async () => {
    const c = await code();
    h.emu.world.clock.advance(30_001);
    const r = await h.exchange(c);
    expect(r.status).toBe(400);
    expect(graphErr(r)).toMatchObject({ code: 100, subcode: 36007 });
  });

  it("accepts a code just inside 30 s", async () => {
    const c = await code();
    h.emu.world.clock.advance(29_000);
    expect((await h.exchange(c)).status).toBe(200);
  });

  it("rejects any redirect_uri, even an empty one", async () => {
    for (const redirect of ["https://portal.example/cb", ""]) {
      const r = await h.exchange(await code(), { redirect_uri: redirect });
      expect(r.status).toBe(400);
      const e = graphErr(r);
      expect(e.code).toBe(100);
      expect(e.message).toContain("Error validating verification code");
      expect(e.message).toContain("redirect_uri");
    }
  });

  it("rejects a wrong client secret, unknown client id and unknown code", async () => {
    const c = await code();
    const badSecret = await h.graph("GET", "/oauth/access_token", { client_id: APP_ID, client_secret: "nope", code: c });
    expect(graphErr(badSecret)).toMatchObject({ code: 1, message: "Error validating client secret." });
    const badId = await h.graph("GET", "/oauth/access_token", { client_id: "42", client_secret: APP_SECRET, code: c });
    expect(graphErr(badId).code).toBe(101);
    expect(graphErr(await h.exchange("AQEMUnotacode")).code).toBe(100);
    expect(graphErr(await h.graph("GET", "/oauth/access_token", { client_id: APP_ID, client_secret: APP_SECRET })).code).toBe(100);
    // The failed attempts did not burn the code.
    expect((await h.exchange(c)).status).toBe(200);
  });

  it("exchanges for a long-lived token (60 days)", async () => {
    const short = (await h.exchange(await code())).body.access_token;
    const r = await h.graph("GET", "/oauth/access_token", {
      grant_type: "fb_exchange_token",
      client_id: APP_ID,
      client_secret: APP_SECRET,
      fb_exchange_token: short,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: "bearer", expires_in: 5184000 });
    expect(r.body.access_token).toMatch(/^EAAEMUL/);
    const dbg = await h.debug(r.body.access_token);
    const left = dbg.body.data.expires_at - Math.floor(h.emu.world.clock.now() / 1000);
    expect(left).toBeGreaterThan(5183990);
    expect(left).toBeLessThanOrEqual(5184000);
    const bad = await h.graph("GET", "/oauth/access_token", { grant_type: "fb_exchange_token", client_id: APP_ID, client_secret: APP_SECRET, fb_exchange_token: "EAAjunk" });
    expect(graphErr(bad).code).toBe(190);
  });

  it("answers the version-less path and rejects malformed versions", async () => {
    const t = await h.loginToken({ config: "messenger", pages: [P.bakery] });
    expect((await h.request("GET", `/graph/me?access_token=${t}`)).body.name).toBe("Emu Tester");
    expect((await h.request("GET", `/graph/v25.0/me?access_token=${t}`)).status).toBe(200);
    const bad = await h.request("GET", `/graph/v22.5/me?access_token=${t}`);
    expect(bad.status).toBe(400);
    graphErr(bad);
  });
});

describe("debug_token and permissions reflect the dialog choices", () => {
  it("reports scopes and granular target_ids of exactly the shared assets", async () => {
    const token = await h.loginToken({ config: "instagram", pages: [P.bakery, P.outlet], igs: [SEED.instagram.bakery] });
    const r = await h.debug(token);
    expect(r.status).toBe(200);
    const d = r.body.data;
    expect(d).toMatchObject({ app_id: APP_ID, type: "USER", is_valid: true, user_id: SEED.user });
    expect(d.scopes.sort()).toEqual([...SCOPES.instagram].sort());
    const byScope = Object.fromEntries(d.granular_scopes.map((g: { scope: string; target_ids: string[] }) => [g.scope, g.target_ids]));
    expect(byScope.pages_show_list).toEqual([P.bakery, P.outlet]);
    expect(byScope.instagram_manage_messages).toEqual([SEED.instagram.bakery]);
    expect(byScope.business_management).toEqual([]);
    for (const g of d.granular_scopes) expect(Array.isArray(g.target_ids)).toBe(true);
    expect(d.data_access_expires_at).toBeGreaterThan(Math.floor(Date.now() / 1000));
  });

  it("grants nothing when one permission is declined (M2)", async () => {
    const perms = SCOPES.messenger.filter((p) => p !== "pages_messaging");
    const token = await h.loginToken({ config: "messenger", pages: [P.bakery], perms });
    const d = (await h.debug(token)).body.data;
    expect(d.is_valid).toBe(true);
    expect(d.scopes).toEqual([]);
    expect(d.granular_scopes).toEqual([]);
    const p = await h.graph("GET", "/me/permissions", { access_token: token });
    expect(p.body.data).toEqual([{ permission: "pages_messaging", status: "declined" }]);
    expect((await h.graph("GET", "/me/accounts", { access_token: token })).body.data).toEqual([]);
  });

  it("lists granted permissions in /me/permissions", async () => {
    const token = await h.loginToken({ config: "messenger", pages: [P.bakery] });
    const p = await h.graph("GET", "/me/permissions", { access_token: token });
    expect(p.body.data).toHaveLength(SCOPES.messenger.length);
    expect(p.body.data.every((x: { status: string }) => x.status === "granted")).toBe(true);
  });

  it("issues SYSTEM_USER tokens for a business portfolio, never expiring", async () => {
    const token = await h.loginToken({ config: "messenger", tokenType: "SYSTEM_USER", businessId: SEED.businesses.acmeGroup, pages: [P.groupHq] });
    expect(token).toMatch(/^EAAEMUS/);
    const d = (await h.debug(token)).body.data;
    expect(d).toMatchObject({ type: "SYSTEM_USER", expires_at: 0, is_valid: true });
    const gs = d.granular_scopes.find((g: { scope: string }) => g.scope === "business_management");
    expect(gs.target_ids).toEqual([SEED.businesses.acmeGroup]);
    const accounts = await h.graph("GET", "/me/accounts", { access_token: token });
    expect(accounts.body.data.map((p: { id: string }) => p.id)).toEqual([P.groupHq]);
  });

  it("describes Page tokens as PAGE with profile_id", async () => {
    const user = await h.loginToken({ config: "messenger", pages: [P.bakery], longLived: true });
    const page = await h.pageToken(user, P.bakery);
    expect(page).toMatch(/^EAAEMUP/);
    const d = (await h.debug(page)).body.data;
    expect(d).toMatchObject({ type: "PAGE", profile_id: P.bakery, expires_at: 0, is_valid: true });
    expect((await h.graph("GET", "/me", { access_token: page })).body).toEqual({ id: P.bakery, name: "Acme Bakery" });
  });

  it("requires the app token and input_token", async () => {
    expect(graphErr(await h.graph("GET", "/debug_token", { input_token: "x", access_token: `${APP_ID}|wrong` })).code).toBe(190);
    expect(graphErr(await h.graph("GET", "/debug_token", { access_token: `${APP_ID}|${APP_SECRET}` })).code).toBe(100);
    const unknown = await h.debug("EAAEMUUnope");
    expect(unknown.status).toBe(200);
    expect(unknown.body.data).toMatchObject({ is_valid: false, error: { code: 190 } });
  });
});
