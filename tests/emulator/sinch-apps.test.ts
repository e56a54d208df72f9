import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conv, createApp, igCred, msgrCred, startHarness, waitFor, type Harness } from "./sinch-harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const getApp = async (region: string, id: string) => (await h.call("GET", `${conv(region)}/apps/${id}`)).body;

describe("Conversation apps", () => {
  it("creates an app with a 26-char id, stores processing_mode and never returns tokens", async () => {
    const app = await createApp(h, "eu", [msgrCred(), igCred()]);
    expect(app.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(app.processing_mode).toBe("CONVERSATION");
    expect(JSON.stringify(app)).not.toContain("page-token");
    expect(app.channel_credentials[0]).toMatchObject({ channel: "MESSENGER", static_token: {}, state: { status: "PENDING" } });
    expect(app.channel_credentials[1].instagram_credentials).toEqual({ business_account_id: "17841000100001" });
  });

  it("credential goes PENDING → ACTIVE after the delay (timer) and emits nothing without webhooks", async () => {
    const app = await createApp(h, "eu", [igCred()]);
    const active = await waitFor(async () => {
      const a = await getApp("eu", app.id);
      return a.channel_credentials[0].state.status === "ACTIVE" ? a : undefined;
    });
    expect(active.channel_credentials[0].channel_known_id).toBe("17841000100001");
  });

  it("credential with a token Meta rejects becomes FAILING with a Sinch-like description", async () => {
    h.meta.badTokens.set("pw-changed", { code: 190, subcode: 460, message: "Error validating access token: The session has been invalidated because the user changed their password" });
    const app = await createApp(h, "us", [msgrCred("pw-changed")]);
    const failing = await waitFor(async () => {
      const a = await getApp("us", app.id);
      return a.channel_credentials[0].state.status === "FAILING" ? a : undefined;
    });
    expect(failing.channel_credentials[0].state.description).toBe(
      "Failed to validate Facebook Page token: (#190) Error validating access token: The session has been invalidated because the user changed their password",
    );
  });

  it("an ACTIVE credential turns FAILING when its token is later invalidated at Meta (M7)", async () => {
    const app = await createApp(h, "eu", [msgrCred("later-bad")]);
    await waitFor(async () => ((await getApp("eu", app.id)).channel_credentials[0].state.status === "ACTIVE" ? true : undefined));
    h.meta.badTokens.set("later-bad", { code: 190, subcode: 492, message: "(#190) role removed" });
    const a = await getApp("eu", app.id);
    expect(a.channel_credentials[0].state).toEqual({ status: "FAILING", description: "Failed to validate Facebook Page token: (#190) role removed" });
  });

  it("Instagram without business_account_id fails validation; control switch forces FAILING", async () => {
    const app = await createApp(h, "eu", [{ channel: "INSTAGRAM", instagram_credentials: { token: "t" } }, msgrCred("ok")]);
    await h.control("POST", "/_emulator/clock/advance", { ms: 100 });
    const a = await getApp("eu", app.id);
    expect(a.channel_credentials[0].state.status).toBe("FAILING");
    expect(a.channel_credentials[0].state.description).toContain("business_account_id");
    const forced = await h.control("POST", `/_emulator/sinch/apps/${app.id}/credentials/messenger/fail`, { description: "Forced by test" });
    expect(forced.channel_credentials[1].state).toEqual({ status: "FAILING", description: "Forced by test" });
  });

  it("an app exists only in its region (other regions 404 NOT_FOUND)", async () => {
    const app = await createApp(h, "br");
    expect((await h.call("GET", `${conv("br")}/apps/${app.id}`)).status).toBe(200);
    for (const r of ["us", "eu"]) {
      const res = await h.call("GET", `${conv(r)}/apps/${app.id}`);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 404, status: "NOT_FOUND" });
    }
    expect((await h.call("GET", `${conv("xx")}/apps`)).status).toBe(404);
  });

  it("PATCH accepts update_mask=a,b, repeated update_mask.paths and no mask", async () => {
    const app = await createApp(h, "eu", [msgrCred("keep")]);
    const base = `${conv("eu")}/apps/${app.id}`;
    let r = await h.call("PATCH", `${base}?update_mask=display_name,conversation_metadata_report_view`, { display_name: "A", conversation_metadata_report_view: "FULL", processing_mode: "DISPATCH" });
    expect(r.body).toMatchObject({ display_name: "A", conversation_metadata_report_view: "FULL", processing_mode: "CONVERSATION" });
    r = await h.call("PATCH", `${base}?update_mask.paths=display_name&update_mask.paths=processing_mode`, { display_name: "B", processing_mode: "DISPATCH" });
    expect(r.body).toMatchObject({ display_name: "B", processing_mode: "DISPATCH" });
    r = await h.call("PATCH", base, { channel_credentials: [msgrCred("keep"), igCred()] });
    expect(r.body.display_name).toBe("B");
    expect(r.body.channel_credentials.map((c: any) => c.channel)).toEqual(["MESSENGER", "INSTAGRAM"]);
    r = await h.call("PATCH", base, { channel_credentials: [] });
    expect(r.body.channel_credentials).toEqual([]);
    expect((await h.call("PATCH", `${base}?update_mask=nonsense`, {})).status).toBe(400);
  });

  it("defaults processing_mode when omitted and lists/deletes apps", async () => {
    const r = await h.call("POST", `${conv("us")}/apps`, { display_name: "No mode" });
    expect(r.body.processing_mode).toBe("DISPATCH");
    expect((await h.call("GET", `${conv("us")}/apps`)).body.apps.some((a: any) => a.id === r.body.id)).toBe(true);
    expect((await h.call("DELETE", `${conv("us")}/apps/${r.body.id}`)).body).toEqual({});
    expect((await h.call("GET", `${conv("us")}/apps/${r.body.id}`)).status).toBe(404);
  });

  it("rejects malformed input with a 400 INVALID_ARGUMENT envelope", async () => {
    const cases: Array<[unknown, string?]> = [
      [undefined, "{not json"],
      [{}],
      [{ display_name: "" }],
      [[1, 2]],
      [{ display_name: "x", channel_credentials: "nope" }],
      [{ display_name: "x", channel_credentials: [{ channel: "MESSENGER" }] }],
      [{ display_name: "x", channel_credentials: [{ channel: "PIGEON" }] }],
      [{ display_name: "x", processing_mode: "FAST" }],
    ];
    for (const [body, raw] of cases) {
      const r = await h.call("POST", `${conv("eu")}/apps`, body, undefined, raw);
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT", details: [] });
    }
  });

  it("answers pending faults with the configured status", async () => {
    await h.control("POST", "/_emulator/faults", { key: "sinch.apps.create", status: 500, count: 2 });
    expect((await h.control("GET", "/_emulator/faults")).faults).toEqual([{ key: "sinch.apps.create", status: 500, remaining: 2 }]);
    expect((await h.call("POST", `${conv("eu")}/apps`, { display_name: "x" })).body.error.status).toBe("INTERNAL");
    expect((await h.call("POST", `${conv("eu")}/apps`, { display_name: "x" })).status).toBe(500);
    expect((await h.call("POST", `${conv("eu")}/apps`, { display_name: "x" })).status).toBe(200);
    await h.control("POST", "/_emulator/faults", { key: "sinch.apps.get", status: 429 });
    const app = await createApp(h);
    const r = await h.call("GET", `${conv("eu")}/apps/${app.id}`);
    expect(r.status).toBe(429);
    expect(r.body.error.status).toBe("RESOURCE_EXHAUSTED");
  });
});
