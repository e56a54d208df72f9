import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conv, createApp, startHarness, type Harness } from "./sinch-harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const hook = (appId: string, target: string, extra: Record<string, unknown> = {}) =>
  h.call("POST", `${conv("eu")}/webhooks`, { app_id: appId, target, triggers: ["MESSAGE_INBOUND", "MESSAGE_DELIVERY"], secret: "s".repeat(32), ...extra });

describe("Conversation webhooks", () => {
  it("creates, lists, gets, patches and deletes; responses include the secret", async () => {
    const app = await createApp(h);
    const created = await hook(app.id, "https://portal.example/api/webhooks/sinch/1");
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ app_id: app.id, target_type: "HTTP", secret: "s".repeat(32), triggers: ["MESSAGE_INBOUND", "MESSAGE_DELIVERY"] });
    const id = created.body.id;
    expect((await h.call("GET", `${conv("eu")}/apps/${app.id}/webhooks`)).body.webhooks).toHaveLength(1);
    expect((await h.call("GET", `${conv("eu")}/webhooks/${id}`)).body.id).toBe(id);
    expect((await h.call("GET", `${conv("us")}/webhooks/${id}`)).status).toBe(404);
    const patched = await h.call("PATCH", `${conv("eu")}/webhooks/${id}?update_mask=triggers,secret`, {
      app_id: app.id,
      target: "https://portal.example/api/webhooks/sinch/1",
      triggers: ["CHANNEL_EVENT"],
      secret: "new-secret-new-secret-new",
    });
    expect(patched.body).toMatchObject({ triggers: ["CHANNEL_EVENT"], secret: "new-secret-new-secret-new", target: "https://portal.example/api/webhooks/sinch/1" });
    const withSecrets = await h.control("GET", `/_emulator/sinch/apps/${app.id}/webhooks`);
    expect(withSecrets.webhooks[0].secret).toBe("new-secret-new-secret-new");
    expect((await h.call("DELETE", `${conv("eu")}/webhooks/${id}`)).body).toEqual({});
    expect((await h.call("GET", `${conv("eu")}/webhooks/${id}`)).status).toBe(404);
  });

  it("refuses a PATCH body without app_id or target (400 INVALID_ARGUMENT, Sinch error shape) and leaves the webhook as it was", async () => {
    const app = await createApp(h);
    const target = "https://portal.example/api/webhooks/sinch/strict";
    const id = (await hook(app.id, target)).body.id;
    const url = `${conv("eu")}/webhooks/${id}?update_mask=triggers,secret`;
    const change = { triggers: ["CHANNEL_EVENT"], secret: "x".repeat(32) };
    for (const [body, missing] of [
      [{ ...change }, "app_id"],
      [{ ...change, target }, "app_id"],
      [{ ...change, app_id: app.id }, "target"],
    ] as const) {
      const res = await h.call("PATCH", url, body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: { code: 400, message: `Missing required field: ${missing}`, status: "INVALID_ARGUMENT", details: [] } });
    }
    const other = await createApp(h);
    const foreign = await h.call("PATCH", url, { ...change, app_id: other.id, target });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.status).toBe("INVALID_ARGUMENT");
    const unchanged = await h.call("GET", `${conv("eu")}/webhooks/${id}`);
    expect(unchanged.body).toMatchObject({ triggers: ["MESSAGE_INBOUND", "MESSAGE_DELIVERY"], secret: "s".repeat(32), target });
    // Outside the mask the target is not applied: the stored one stays.
    const ok = await h.call("PATCH", `${conv("eu")}/webhooks/${id}?update_mask=secret`, { app_id: app.id, target: "https://elsewhere.example/x", secret: "y".repeat(32) });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ target, secret: "y".repeat(32) });
  });

  it("allows at most 5 webhooks per app (6th → 400 INVALID_ARGUMENT) and rejects a duplicate target", async () => {
    const app = await createApp(h);
    for (let i = 0; i < 5; i++) expect((await hook(app.id, `https://t.example/${i}`)).status).toBe(200);
    const sixth = await hook(app.id, "https://t.example/6");
    expect(sixth.status).toBe(400);
    expect(sixth.body.error.status).toBe("INVALID_ARGUMENT");
    const other = await createApp(h);
    expect((await hook(other.id, "https://dup.example/x")).status).toBe(200);
    const dup = await hook(other.id, "https://dup.example/x");
    expect(dup.status).toBe(400);
    expect(dup.body.error.message).toContain("already exists");
  });

  it("validates triggers, target, target_type and app", async () => {
    const app = await createApp(h);
    const bad = [
      { triggers: ["UNSPECIFIED_TRIGGER"] },
      { triggers: ["NOT_A_TRIGGER"] },
      { triggers: [] },
      { target_type: "SMTP" },
      { client_credentials: { client_id: "x" } },
    ];
    for (const extra of bad) expect((await hook(app.id, "https://ok.example/", extra)).status).toBe(400);
    for (const target of ["not a url", "ftp://x.example/", "https://us.conversation-api.prod.sinch.com/hook", `https://x.example/${"a".repeat(742)}`]) {
      expect((await hook(app.id, target)).status).toBe(400);
    }
    expect((await hook("01NOTANAPP0000000000000000", "https://ok.example/")).status).toBe(404);
    expect((await h.call("POST", `${conv("eu")}/webhooks`, { target: "https://ok.example/", triggers: ["MESSAGE_INBOUND"] })).status).toBe(400);
  });

  it("a webhook without secret is returned without one (unsigned callbacks)", async () => {
    const app = await createApp(h);
    const r = await h.call("POST", `${conv("eu")}/webhooks`, { app_id: app.id, target: "https://nosecret.example/", triggers: ["MESSAGE_INBOUND"] });
    expect(r.status).toBe(200);
    expect(r.body.secret).toBeUndefined();
  });
});
