import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appWebhookFor, forgetAppWebhook, forgetAppWebhookEverywhere, listenForAppWebhookChanges } from "@/server/services/inbox/app-webhook";
import { createTestDb, usingPostgres } from "../integration/helpers/db";
import { createInboxApp, type TestApp } from "../integration/inbox/inbox-factories";

// Another instance is another connection: its NOTIFY must empty this process's webhook-secret cache.
describe("webhook secret cache across instances", () => {
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  let other: postgres.Sql;
  let app: TestApp;

  beforeAll(async () => {
    if (!usingPostgres()) throw new Error("cache-notify.test.ts needs TEST_DATABASE_URL (a real Postgres server)");
    handle = await createTestDb();
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${handle.name}`;
    other = postgres(url.toString(), { max: 1, onnotice: () => {} });
    app = await createInboxApp(handle.db);
    await listenForAppWebhookChanges(handle);
  });
  afterAll(async () => {
    await other?.end();
    await handle?.close();
  });

  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("a rotation notice sent from another connection drops this process's cached secret within 2 s", async () => {
    forgetAppWebhook();
    await appWebhookFor(handle.db, app.appId);
    expect((await appWebhookFor(handle.db, app.appId)).cached).toBe(true);
    // Exactly what forgetAppWebhookEverywhere sends, from a client that shares nothing with this one.
    await other`select pg_notify('portal_cache', ${`app-webhook:${app.appId}`})`;
    const deadline = Date.now() + 2_000;
    let cached = true;
    while (cached && Date.now() < deadline) {
      await pause(50);
      // Only the notice can make this a miss: the entry is fresh for 30 s.
      cached = (await appWebhookFor(handle.db, app.appId)).cached;
    }
    expect(cached).toBe(false);
  });

  it("forgetAppWebhookEverywhere sends the notice other instances listen for", async () => {
    const heard: string[] = [];
    await other.listen("portal_cache", (p) => void heard.push(p));
    await forgetAppWebhookEverywhere(handle.db, app.appId);
    const deadline = Date.now() + 2_000;
    while (!heard.length && Date.now() < deadline) await pause(50);
    expect(heard).toEqual([`app-webhook:${app.appId}`]);
  });

  it("other notices on the channel leave the cache alone", async () => {
    await pause(300); // the previous test's own notice has been heard
    await appWebhookFor(handle.db, app.appId);
    await other`select pg_notify('portal_cache', 'something-else:x')`;
    await other`select pg_notify('portal_cache', ${"app-webhook:APP-OTHER"})`;
    await pause(300);
    expect((await appWebhookFor(handle.db, app.appId)).cached).toBe(true);
  });
});
