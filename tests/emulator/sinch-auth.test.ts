import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basic, conv, KEY, startHarness, type Harness } from "./sinch-harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ sinchTokenTtlSeconds: 3600 });
});
afterAll(async () => h.close());

async function token(auth = basic()): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${h.url}/sinch/auth/oauth2/token`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

describe("Sinch OAuth2 and access control", () => {
  it("issues a bearer token that works until the emulator clock passes its expiry", async () => {
    const t = await token();
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({ token_type: "bearer", expires_in: 3600 });
    expect(typeof t.body.scope).toBe("string");
    const payload = JSON.parse(Buffer.from(t.body.access_token.split(".")[1], "base64url").toString());
    expect(payload.exp - payload.iat).toBe(3600);

    const bearer = `Bearer ${t.body.access_token}`;
    expect((await h.call("GET", `${conv("us")}/apps`, undefined, bearer)).status).toBe(200);
    await h.control("POST", "/_emulator/clock/advance", { ms: 3601_000 });
    const expired = await h.call("GET", `${conv("us")}/apps`, undefined, bearer);
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toContain("expired");
    expect(expired.body.error).toMatchObject({ code: 401, status: "UNAUTHENTICATED" });
  });

  it("rejects a bad key on the token endpoint and a garbage bearer on API routes", async () => {
    const bad = await token(basic(KEY.keyId, "wrong"));
    expect(bad.status).toBe(401);
    expect(bad.body.error.status).toBe("UNAUTHENTICATED");
    const garbage = await h.call("GET", `${conv("us")}/apps`, undefined, "Bearer not-a-token");
    expect(garbage.status).toBe(401);
    expect(garbage.headers.get("www-authenticate") ?? "").not.toContain("expired");
    expect((await h.call("GET", `${conv("us")}/apps`, undefined, null)).status).toBe(401);
  });

  it("requires grant_type=client_credentials", async () => {
    const res = await fetch(`${h.url}/sinch/auth/oauth2/token`, { method: "POST", headers: { authorization: basic() }, body: "grant_type=password" });
    expect(res.status).toBe(400);
  });

  it("accepts Basic auth on API routes and answers 403 for another project", async () => {
    expect((await h.call("GET", `${conv("eu")}/apps`)).status).toBe(200);
    const other = await h.call("GET", `${conv("eu", "someone-elses-project")}/apps`);
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ code: 403, status: "PERMISSION_DENIED" });
  });

  it("control API creates extra top-level projects whose keys act only on their own project", async () => {
    const p = await h.control("POST", "/_emulator/sinch/projects", { projectId: "linked-project", keyId: "linked-key", keySecret: "linked-secret" });
    expect(p).toMatchObject({ projectId: "linked-project", keyId: "linked-key" });
    const own = basic("linked-key", "linked-secret");
    expect((await h.call("GET", `${conv("us", "linked-project")}/apps`, undefined, own)).status).toBe(200);
    expect((await h.call("GET", `${conv("us")}/apps`, undefined, own)).status).toBe(403);
    expect((await h.call("GET", `${conv("us", "linked-project")}/apps`)).status).toBe(403);
  });

  it("token endpoint honours faults (500 then 429) and then recovers", async () => {
    await h.control("POST", "/_emulator/faults", { key: "sinch.token", status: 500, count: 1 });
    const f = await token();
    expect(f.status).toBe(500);
    expect(f.body.error.status).toBe("INTERNAL");
    await h.control("POST", "/_emulator/faults", { key: "sinch.token", status: 429, count: 1 });
    expect((await token()).body.error.status).toBe("RESOURCE_EXHAUSTED");
    expect((await token()).status).toBe(200);
  });

  it("works with the @sinch/sdk-core client pointed at the emulator", async () => {
    const { SinchClient } = await import("@sinch/sdk-core");
    const client = new SinchClient({
      projectId: KEY.projectId,
      keyId: KEY.keyId,
      keySecret: KEY.secret,
      authHostname: `${h.url}/sinch/auth`,
      conversationHostname: `${h.url}/sinch/conversation/us`,
    });
    const created = await client.conversation.app.create({
      appCreateRequestBody: { display_name: "SDK app", channel_credentials: [], processing_mode: "CONVERSATION" } as never,
    });
    expect(created.id).toHaveLength(26);
    const updated = await client.conversation.app.update({
      app_id: created.id!,
      update_mask: ["display_name"],
      appUpdateRequestBody: { display_name: "Renamed" } as never,
    });
    expect(updated.display_name).toBe("Renamed");
    const list = await client.conversation.app.list({});
    expect(list.apps?.some((a) => a.id === created.id)).toBe(true);
  });
});
