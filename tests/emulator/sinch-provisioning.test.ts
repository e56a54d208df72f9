import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basic, conv, createApp, igCred, startHarness, waitFor, type Harness } from "./sinch-harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const PROV = "/sinch/provisioning/v1/projects/emu-parent-project";
const createSender = (phoneNumberId = "5000100001", extra: Record<string, unknown> = {}) =>
  h.call("POST", `${PROV}/whatsapp/senders`, { region: "EU", metaLocalStorage: "DE", wabaId: "4000100001", phoneNumberId, ...extra });

describe("Provisioning: WhatsApp senders and channel info", () => {
  it("sender goes IN_PROGRESS → ACTIVE; its bearer token activates a static_bearer credential", async () => {
    const s = await createSender();
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ state: "IN_PROGRESS", region: "EU", metaLocalStorage: "DE", businessManager: "SINCH_UK", compatibleRegions: ["EU"] });
    expect(JSON.stringify(s.body)).not.toMatch(/token/i);
    const active = await waitFor(async () => {
      const g = (await h.call("GET", `${PROV}/whatsapp/senders/${s.body.id}`)).body;
      return g.state === "ACTIVE" ? g : undefined;
    });
    expect(active.details.displayName).toBe("Acme");
    const { token } = await h.control("GET", `/_emulator/sinch/senders/${s.body.id}/token`);
    // The ACTIVE sender object carries its bearer token, as the Provisioning API's sender object does.
    expect(active.bearerToken).toBe(token);
    const good = await createApp(h, "eu", [{ channel: "WHATSAPP", static_bearer: { claimed_identity: s.body.id, token } }]);
    const wrong = await createApp(h, "eu", [{ channel: "WHATSAPP", static_bearer: { claimed_identity: s.body.id, token: "wrong" } }]);
    await h.control("POST", "/_emulator/clock/advance", { ms: 100 });
    expect((await h.call("GET", `${conv("eu")}/apps/${good.id}`)).body.channel_credentials[0].state.status).toBe("ACTIVE");
    expect((await h.call("GET", `${conv("eu")}/apps/${wrong.id}`)).body.channel_credentials[0].state.status).toBe("FAILING");

    const suspended = await h.control("POST", `/_emulator/sinch/senders/${s.body.id}/state`, { state: "SUSPENDED", reason: "Policy violation", changesStatus: "REJECTED" });
    expect(suspended).toMatchObject({ state: "SUSPENDED", changes: { status: "REJECTED", details: ["Policy violation"] } });
    expect((await h.call("GET", `${conv("eu")}/apps/${good.id}`)).body.channel_credentials[0].state.status).toBe("FAILING");
    await h.control("POST", `/_emulator/sinch/senders/${s.body.id}/state`, { state: "ACTIVE" });
    expect((await h.call("GET", `${conv("eu")}/apps/${good.id}`)).body.channel_credentials[0].state.status).toBe("ACTIVE");
  });

  it("refuses a sender for a WABA not shared with Sinch through the Multi-Partner Solution", async () => {
    h.meta.unsharedWabas.add("4000100009");
    const r = await createSender("5000100001", { wabaId: "4000100009" });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ errorCode: "INVALID_PARAMETERS", message: expect.stringContaining("Multi-Partner Solution"), resolution: expect.stringContaining("solutionID") });
    const listed = (await h.call("GET", `${PROV}/whatsapp/senders`)).body.senders as Array<{ details: { wabaId: string } }>;
    expect(listed.some((x) => x.details.wabaId === "4000100009")).toBe(false);
  });

  it("leaves bearerToken out of sender objects while the control switch says so", async () => {
    expect(await h.control("POST", "/_emulator/sinch/senders/omit-bearer-token", {})).toEqual({ omit: true });
    try {
      const s = await createSender();
      const active = await waitFor(async () => {
        const g = (await h.call("GET", `${PROV}/whatsapp/senders/${s.body.id}`)).body;
        return g.state === "ACTIVE" ? g : undefined;
      });
      expect(active).not.toHaveProperty("bearerToken");
    } finally {
      expect(await h.control("POST", "/_emulator/sinch/senders/omit-bearer-token", { omit: false })).toEqual({ omit: false });
    }
    // Per WABA, so parallel tests each switch only their own senders.
    h.meta.unsharedWabas.clear();
    const other = await createSender("5000100001", { wabaId: "4000100007" });
    const mine = await createSender("5000100001", { wabaId: "4000100008" });
    expect(await h.control("POST", "/_emulator/sinch/senders/omit-bearer-token", { wabaId: "4000100008" })).toEqual({ omit: true, wabaId: "4000100008" });
    await h.control("POST", "/_emulator/clock/advance", { ms: 100 });
    const get = async (id: string) => (await h.call("GET", `${PROV}/whatsapp/senders/${id}`)).body;
    expect((await get(other.body.id)).bearerToken).toEqual(expect.any(String));
    expect(await get(mine.body.id)).toMatchObject({ state: "ACTIVE" });
    expect(await get(mine.body.id)).not.toHaveProperty("bearerToken");
    await h.control("POST", "/_emulator/sinch/senders/omit-bearer-token", { wabaId: "4000100008", omit: false });
    expect((await get(mine.body.id)).bearerToken).toEqual(expect.any(String));
  });

  it("sender becomes ERROR when Meta does not know the phone, or by control switch", async () => {
    h.meta.unknownPhones.add("999");
    const s = await createSender("999");
    await h.control("POST", "/_emulator/clock/advance", { ms: 100 });
    const g = (await h.call("GET", `${PROV}/whatsapp/senders/${s.body.id}`)).body;
    expect(g).toMatchObject({ state: "ERROR", changes: { status: "ERROR" } });
    const p = await createSender("5000100002");
    expect((await h.control("POST", `/_emulator/sinch/senders/${p.body.id}/state`, { state: "PENDING_VERIFICATION" })).state).toBe("PENDING_VERIFICATION");
    await h.control("POST", "/_emulator/clock/advance", { ms: 100 });
    expect((await h.call("GET", `${PROV}/whatsapp/senders/${p.body.id}`)).body.state).toBe("PENDING_VERIFICATION");
  });

  it("validates create bodies with Provisioning-style errors, lists with paging and filters, deletes", async () => {
    for (const extra of [{ region: "MOON" }, { metaLocalStorage: "XX" }, { wabaId: undefined }, { phoneNumberId: 12 }]) {
      const r = await createSender("5000100001", extra);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ errorCode: "INVALID_PARAMETERS" });
      expect(typeof r.body.resolution).toBe("string");
    }
    const bad = await h.call("POST", `${PROV}/whatsapp/senders`, undefined, undefined, "{oops");
    expect(bad.status).toBe(400);
    expect(bad.body.errorCode).toBe("INVALID_PARAMETERS");
    const page1 = (await h.call("GET", `${PROV}/whatsapp/senders?pageSize=2`)).body;
    expect(page1.senders).toHaveLength(2);
    expect(page1.totalSize).toBeGreaterThanOrEqual(3);
    const page2 = (await h.call("GET", `${PROV}/whatsapp/senders?pageSize=2&pageToken=${page1.nextPageToken}`)).body;
    expect(page2.senders[0].id).not.toBe(page1.senders[0].id);
    const errors = (await h.call("GET", `${PROV}/whatsapp/senders?filterStates=ERROR`)).body.senders;
    expect(errors.every((x: any) => x.state === "ERROR")).toBe(true);
    const id = page1.senders[0].id;
    expect((await h.call("DELETE", `${PROV}/whatsapp/senders/${id}`)).body).toEqual({});
    expect((await h.call("GET", `${PROV}/whatsapp/senders/${id}`)).body.state).toBe("INACTIVE");
    expect((await h.call("GET", `${PROV}/whatsapp/senders/nope`)).body.errorCode).toBe("NOT_FOUND");
    await h.control("POST", "/_emulator/faults", { key: "sinch.senders.create", status: 500 });
    expect((await createSender()).body.errorCode).toBe("INTERNAL_ERROR");
  });

  it("channel info mirrors the credential state", async () => {
    h.meta.badTokens.set("bad-ig", { code: 190, message: "Invalid OAuth access token" });
    const app = await createApp(h, "br", [igCred("bad-ig", "1784")]);
    const url = `${PROV}/conversation/apps/${app.id}/instagram`;
    expect((await h.call("GET", url)).body.status).toBe("PENDING");
    await h.control("POST", "/_emulator/clock/advance", { ms: 100 });
    const info = (await h.call("GET", url)).body;
    expect(info).toMatchObject({ status: "FAILING", statusDescription: "Failed to exchange Instagram token: (#190) Invalid OAuth access token", id: "1784" });
    expect((await h.call("GET", `${PROV}/conversation/apps/${app.id}/messenger`)).status).toBe(404);
  });
});

describe("Subprojects", () => {
  const SUB = "/sinch/subprojects/v1";
  it("creates, lists with paging, gets, patches and deletes; parent key acts on the subproject", async () => {
    const ids: string[] = [];
    for (const n of ["a", "b", "c"]) {
      const r = await h.call("POST", `${SUB}/projects/emu-parent-project/subprojects`, { displayName: `Customer ${n}`, labels: { tier: n } });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ displayName: `Customer ${n}`, parentProjectId: "emu-parent-project", labels: { tier: n }, deleted: false });
      ids.push(r.body.subprojectId);
    }
    const p1 = (await h.call("GET", `${SUB}/projects/emu-parent-project/subprojects?pageSize=2`)).body;
    expect(p1.subprojects).toHaveLength(2);
    const p2 = (await h.call("GET", `${SUB}/projects/emu-parent-project/subprojects?pageSize=2&pageToken=${p1.nextPageToken}`)).body;
    expect(p2.nextPageToken).toBe("");
    expect((await h.call("PATCH", `${SUB}/subprojects/${ids[0]}`, { displayName: "Renamed" })).body.displayName).toBe("Renamed");
    expect((await h.call("GET", `${conv("eu", ids[0])}/apps`)).status).toBe(200);
    expect((await h.call("DELETE", `${SUB}/subprojects/${ids[1]}`)).body).toEqual({});
    expect((await h.call("GET", `${SUB}/subprojects/${ids[1]}`)).status).toBe(404);
    expect((await h.call("POST", `${SUB}/projects/emu-parent-project/subprojects`, { displayName: "" })).status).toBe(400);
    const other = await h.control("POST", "/_emulator/sinch/projects", {});
    expect((await h.call("GET", `${SUB}/subprojects/${ids[0]}`, undefined, basic(other.keyId, other.keySecret))).status).toBe(403);
  });

  it("warm-up: a new subproject answers 404 on Conversation/Provisioning until the delay passes", async () => {
    await h.control("POST", "/_emulator/sinch/subprojects/warmup", { ms: 30_000 });
    const sp = (await h.call("POST", `${SUB}/projects/emu-parent-project/subprojects`, { displayName: "Warm" })).body;
    expect((await h.call("GET", `${conv("eu", sp.subprojectId)}/apps`)).status).toBe(404);
    expect((await h.call("GET", `/sinch/provisioning/v1/projects/${sp.subprojectId}/whatsapp/senders`)).status).toBe(404);
    await h.control("POST", "/_emulator/clock/advance", { ms: 30_001 });
    expect((await h.call("GET", `${conv("eu", sp.subprojectId)}/apps`)).status).toBe(200);
    await h.control("POST", "/_emulator/sinch/subprojects/warmup", { ms: 0 });
  });

  it("closed beta switch answers 403 PERMISSION_DENIED naming the closed beta", async () => {
    await h.control("POST", "/_emulator/sinch/subprojects/disable", { disabled: true });
    const r = await h.call("POST", `${SUB}/projects/emu-parent-project/subprojects`, { displayName: "x" });
    expect(r.status).toBe(403);
    expect(r.body.error.status).toBe("PERMISSION_DENIED");
    expect(r.body.error.message).toContain("closed beta");
    await h.control("POST", "/_emulator/sinch/subprojects/disable", { disabled: false });
    expect((await h.call("POST", `${SUB}/projects/emu-parent-project/subprojects`, { displayName: "x" })).status).toBe(200);
  });
});
