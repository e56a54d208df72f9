import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { secrets } from "@/server/crypto";
import { webhooks } from "@/server/db/schema";
import { appWebhookFor, forgetAppWebhook } from "@/server/services/inbox/app-webhook";
import { ingestSinchCallback } from "@/server/services/inbox/ingest";
import { createTestDb } from "../helpers/db";
import { createInboxApp, inboundText, signed, type TestApp } from "./inbox-factories";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());

const send = (app: TestApp, secret: string) => {
  const req = signed(inboundText(app.appId), secret);
  return ingestSinchCallback(handle.db, { appId: app.appId, rawBody: req.body, headers: req.headers });
};

/** A new secret stored for the app's webhook, as a rotation writes it. */
async function storeSecret(app: TestApp): Promise<string> {
  const secret = randomBytes(24).toString("base64url");
  const [row] = await handle.db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.appId, app.appId));
  await handle.db.update(webhooks).set({ secretCiphertext: secrets().encrypt(secret, { table: "webhooks", column: "secret_ciphertext", rowId: row!.id }) }).where(eq(webhooks.id, row!.id));
  return secret;
}

describe("the cached webhook secret", () => {
  it("verifies callbacks without reading the database once cached", async () => {
    const app = await createInboxApp(handle.db);
    expect(await send(app, app.secret!)).toMatchObject({ status: 200 });
    // The stored secret becomes unreadable: only the cache can still verify.
    await handle.db.update(webhooks).set({ secretCiphertext: "v1.garbage" }).where(eq(webhooks.appId, app.appId));
    expect(await send(app, app.secret!)).toMatchObject({ status: 200, outcome: "stored" });
  });

  it("is forgotten on rotation: the old secret is refused at once, the new one accepted", async () => {
    const app = await createInboxApp(handle.db);
    expect(await send(app, app.secret!)).toMatchObject({ status: 200 });
    const rotated = await storeSecret(app);
    forgetAppWebhook(app.appId);
    expect(await send(app, app.secret!)).toEqual({ status: 401, reason: "bad_signature" });
    expect(await send(app, rotated)).toMatchObject({ status: 200, outcome: "stored" });
  });

  it("expires after 30 s, and a rotation made elsewhere is found by the first callback signed with the new secret", async () => {
    const app = await createInboxApp(handle.db);
    const t0 = Date.now();
    expect((await appWebhookFor(handle.db, app.appId, { now: t0 })).cached).toBe(false);
    expect((await appWebhookFor(handle.db, app.appId, { now: t0 + 29_000 })).cached).toBe(true);
    expect((await appWebhookFor(handle.db, app.appId, { now: t0 + 31_000 })).cached).toBe(false);
    const rotated = await storeSecret(app);
    expect(await send(app, rotated)).toMatchObject({ status: 200, outcome: "stored" });
  });

  it("is one cache for every copy of the module (Next bundles the webhook server and the rotating routes apart)", async () => {
    const app = await createInboxApp(handle.db);
    const verifying = await import("@/server/services/inbox/app-webhook");
    await verifying.appWebhookFor(handle.db, app.appId);
    expect((await verifying.appWebhookFor(handle.db, app.appId)).cached).toBe(true);
    vi.resetModules();
    const rotating = await import("@/server/services/inbox/app-webhook");
    expect(rotating).not.toBe(verifying);
    rotating.forgetAppWebhook(app.appId);
    expect((await verifying.appWebhookFor(handle.db, app.appId)).cached).toBe(false);
  });
});
