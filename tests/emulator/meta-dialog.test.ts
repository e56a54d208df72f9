import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEED } from "../../emulator/src/meta/seed";
import { APP_ID, ES_EXTRAS, MetaHarness, PORTAL_ORIGIN, SOLUTION_ID } from "./meta-harness";

let h: MetaHarness;
beforeAll(async () => {
  h = await MetaHarness.start();
});
afterAll(() => h.close());
beforeEach(() => h.reset());

const B = SEED.businesses.acmeGroup;
const dialogUrl = (q: Record<string, string>) => `/meta/dialog/oauth?${new URLSearchParams({ client_id: APP_ID, origin: PORTAL_ORIGIN, cbid: "c1", response_type: "code", ...q })}`;

describe("SDK and dialog pages", () => {
  it("serves sdk.js defining FB with an origin-checked message listener", async () => {
    const r = await h.request("GET", "/meta/sdk.js");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("javascript");
    const src = String(r.body);
    expect(src).toContain("window.FB");
    expect(src).toContain("event.origin !== EMU");
    expect(src).toContain("fbAsyncInit");
    expect(src).toContain(h.url);
  });

  it("renders the FLB dialog with accessible controls", async () => {
    const r = await h.request("GET", dialogUrl({ config_id: "emu-config-instagram" }));
    expect(r.status).toBe(200);
    const html = String(r.body);
    for (const text of ["User access token", "System user access token", "Choose what you allow", "Acme Bakery", "@acmebakery", "instagram_manage_messages", ">Continue<", ">Cancel<"]) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain("@acme.studio");
  });

  it("renders the Embedded Signup steps and rejects bad launches", async () => {
    const es = String((await h.request("GET", dialogUrl({ config_id: "emu-config-whatsapp", extras: '{"featureType":"","sessionInfoVersion":"3"}' }))).body);
    for (const text of ["Step 1: Business portfolio", "Step 2: WhatsApp Business Account", "Step 3: Phone number", "Verification code", "Cancel at step", "Report error"]) {
      expect(es).toContain(text);
    }
    const onlyWaba = String((await h.request("GET", dialogUrl({ config_id: "emu-config-whatsapp", extras: '{"featureType":"only_waba_sharing"}' }))).body);
    expect(onlyWaba).not.toContain("Step 3: Phone number");
    expect((await h.request("GET", dialogUrl({ config_id: "nope" }))).status).toBe(400);
    expect((await h.request("GET", dialogUrl({ config_id: "emu-config-messenger", client_id: "1" }))).status).toBe(400);
    expect((await h.request("GET", dialogUrl({ config_id: "emu-config-messenger", origin: "javascript:alert(1)" }))).status).toBe(400);
    expect((await h.request("GET", dialogUrl({ config_id: "emu-config-whatsapp", extras: "{bad" }))).status).toBe(400);
  });

  it("cancel in the FLB dialog answers status unknown without a code", async () => {
    const d = await h.dialog([["config_id", "emu-config-messenger"], ["action", "cancel"]]);
    expect(d.body).toMatchObject({ response: { status: "unknown", authResponse: null }, code: null });
    expect(d.body.esMessage).toBeUndefined();
  });

  it("the HTML result page posts the SDK result only to the opener origin", async () => {
    const form = new URLSearchParams([["client_id", APP_ID], ["origin", PORTAL_ORIGIN], ["cbid", "c9"], ["config_id", "emu-config-messenger"], ["action", "cancel"]]);
    const r = await h.request("POST", "/meta/dialog/oauth", { body: form.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
    const html = String(r.body);
    expect(html).toContain("op.postMessage(p.esMessage,'*')");
    expect(html).toContain("p.origin");
    expect(html).toContain(`"origin":"${PORTAL_ORIGIN}"`);
  });
});

describe("Embedded Signup outcomes", () => {
  const pick: Array<[string, string]> = [["es_business", B], ["es_waba", SEED.wabas.bakery], ["es_phone", SEED.phones.good], ["es_share_waba", "yes"]];

  it("FINISH posts a JSON string message and returns a code bound to the WABA", async () => {
    const d = await h.esDialog([...pick, ["action", "continue"]]);
    expect(typeof d.body.esMessage).toBe("string");
    expect(JSON.parse(d.body.esMessage)).toEqual({
      type: "WA_EMBEDDED_SIGNUP",
      event: "FINISH",
      version: 3,
      data: { phone_number_id: SEED.phones.good, waba_id: SEED.wabas.bakery, business_id: B },
    });
    expect(d.body.order).toBe("message");
    const t = await h.exchange(d.body.code);
    expect(t.body.access_token).toMatch(/^EAAEMUS/);
    const g = (await h.debug(t.body.access_token)).body.data.granular_scopes;
    expect(g.find((x: { scope: string }) => x.scope === "whatsapp_business_management").target_ids).toEqual([SEED.wabas.bakery]);
  });

  it("ES codes expire after 30 s", async () => {
    const d = await h.esDialog([...pick, ["action", "continue"]]);
    h.emu.world.clock.advance(31_000);
    expect((await h.exchange(d.body.code)).body.error.error_subcode).toBe(36007);
  });

  it("an unshared WABA is missing from target_ids although FINISH names it (M13)", async () => {
    const d = await h.esDialog([["es_business", B], ["es_waba", SEED.wabas.bakery], ["es_phone", SEED.phones.good], ["action", "continue"]]);
    expect(JSON.parse(d.body.esMessage).data.waba_id).toBe(SEED.wabas.bakery);
    const t = await h.exchange(d.body.code);
    const g = (await h.debug(t.body.access_token)).body.data.granular_scopes;
    expect(g.find((x: { scope: string }) => x.scope === "whatsapp_business_management").target_ids).toEqual([]);
  });

  it("CANCEL carries current_step, ERROR the error fields, neither a code", async () => {
    const c = await h.esDialog([...pick, ["cancel_step", "PHONE_NUMBER_VERIFICATION"], ["action", "cancel"]]);
    expect(JSON.parse(c.body.esMessage)).toMatchObject({ event: "CANCEL", data: { current_step: "PHONE_NUMBER_VERIFICATION" } });
    expect(c.body.response).toEqual({ status: "unknown", authResponse: null });
    const e = await h.esDialog([...pick, ["error_message", "Boom"], ["action", "error"]]);
    const msg = JSON.parse(e.body.esMessage);
    expect(msg.event).toBe("ERROR");
    expect(msg.data).toEqual({ error_message: "Boom", error_id: expect.any(String), session_id: expect.any(String), timestamp: expect.any(String) });
  });

  it("only_waba_sharing finishes with FINISH_ONLY_WABA; new WABA and number are created", async () => {
    const d = await h.esDialog([["es_business", B], ["es_waba", "new"], ["es_new_waba_name", "Fresh"], ["es_share_waba", "yes"], ["action", "continue"]], {
      ...ES_EXTRAS,
      featureType: "only_waba_sharing",
    });
    const msg = JSON.parse(d.body.esMessage);
    expect(msg.event).toBe("FINISH_ONLY_WABA");
    expect(Object.keys(msg.data)).toEqual(["waba_id"]);
    expect(h.emu.state.wabas.get(msg.data.waba_id)?.name).toBe("Fresh");
    const n = await h.esDialog([...pick.filter(([k]) => k !== "es_phone"), ["es_phone", "new"], ["es_verification_code", ""], ["action", "continue"]]);
    const phoneId = JSON.parse(n.body.esMessage).data.phone_number_id;
    expect(h.emu.state.phones.get(phoneId)).toMatchObject({ code_verification_status: "NOT_VERIFIED", registered: false });
  });

  it("refuses a signup that does not join the configured Multi-Partner Solution, and records the one that does", async () => {
    const fresh = (await h.control("POST", "/wabas", { businessId: B, name: "Not yet shared" })).body;
    const fields: Array<[string, string]> = [["es_business", B], ["es_waba", fresh.id], ["es_phone", "new"], ["es_verification_code", "123456"], ["es_share_waba", "yes"], ["action", "continue"]];
    for (const extras of [{ setup: {}, featureType: "", sessionInfoVersion: "3" }, { setup: { solutionID: "someone-elses-solution" }, featureType: "", sessionInfoVersion: "3" }]) {
      const d = await h.esDialog(fields, extras);
      expect(d.body.code).toBeNull();
      expect(d.body.response).toEqual({ status: "unknown", authResponse: null });
      const msg = JSON.parse(d.body.esMessage);
      expect(msg.event).toBe("ERROR");
      expect(msg.data.error_message).toMatch(/Multi-Partner Solution/);
    }
    expect(h.emu.state.wabas.get(fresh.id)?.solutionIds).toEqual([]);
    const ok = await h.esDialog(fields);
    expect(JSON.parse(ok.body.esMessage).event).toBe("FINISH");
    expect(h.emu.state.wabas.get(fresh.id)?.solutionIds).toEqual([SOLUTION_ID]);
  });

  it("delivery order is selectable by control setting and by form field", async () => {
    expect((await h.control("POST", "/es/order", { first: "code" })).status).toBe(200);
    expect((await h.esDialog([...pick, ["action", "continue"]])).body.order).toBe("code");
    expect((await h.esDialog([...pick, ["es_order", "message"], ["action", "continue"]])).body.order).toBe("message");
    expect((await h.request("GET", "/meta/sdk.js?es_order=code")).body).toContain('"esOrder":"code"');
  });
});
