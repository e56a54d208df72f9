import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "@/server/db/client";
import { messages } from "@/server/db/schema";
import { DB_DEADLINE_MS, ingestSinchCallback } from "@/server/services/inbox/ingest";
import { createInboxApp, inboundText, signed, type TestApp } from "../integration/inbox/inbox-factories";
import { startPrivatePostgres, type PrivatePostgres } from "../integration/inbox/private-postgres";

// Needs the Postgres server binaries: it starts a private server it may stop (vitest project "postgres").
describe("Postgres stopped in the middle of a stream of callbacks", () => {
  let pg: PrivatePostgres;
  let handle: DbHandle;
  let app: TestApp;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    handle = createDb({ databaseUrl: pg.url, maxConnections: 5 });
    await handle.migrate();
    app = await createInboxApp(handle.db);
  }, 90_000);
  afterAll(async () => {
    await handle?.close().catch(() => undefined);
    pg?.destroy();
  });

  it("answers 503 while it is down and keeps every callback that got a 200", async () => {
    const sent: Array<{ id: string; status: number; phase: "before" | "down" | "after" }> = [];
    const post = async (phase: "before" | "down" | "after", i: number) => {
      const id = `OUTAGE-${phase}-${i}`;
      const req = signed(inboundText(app.appId, { messageId: id, conversationId: `C-${i % 5}` }), app.secret!);
      const result = await ingestSinchCallback(handle.db, { appId: app.appId, rawBody: req.body, headers: req.headers });
      sent.push({ id, status: result.status, phase });
    };
    for (let i = 0; i < 30; i++) await post("before", i);
    pg.stop();
    for (let i = 0; i < 8; i++) await post("down", i);
    pg.start();
    for (let i = 0; i < 30; i++) await post("after", i);

    expect(sent.filter((s) => s.phase === "before").every((s) => s.status === 200)).toBe(true);
    expect(sent.filter((s) => s.phase === "down").map((s) => s.status)).toEqual(Array(8).fill(503));
    // The pool reconnects by itself; allow the first request after the restart to find a dead socket.
    expect(sent.filter((s) => s.phase === "after" && s.status === 200).length).toBeGreaterThanOrEqual(29);
    const acknowledged = sent.filter((s) => s.status === 200).map((s) => s.id);
    const stored = await handle.db.select({ id: messages.sinchMessageId }).from(messages).where(inArray(messages.sinchMessageId, acknowledged));
    expect(stored).toHaveLength(acknowledged.length);

    // Sinch retries what got a 503 with a new nonce: now accepted, and still stored once.
    for (const s of sent.filter((x) => x.status !== 200)) {
      const req = signed(inboundText(app.appId, { messageId: s.id }), app.secret!);
      expect((await ingestSinchCallback(handle.db, { appId: app.appId, rawBody: req.body, headers: req.headers })).status).toBe(200);
    }
    const all = await handle.db.select({ id: messages.sinchMessageId }).from(messages).where(inArray(messages.sinchMessageId, sent.map((s) => s.id)));
    expect(all).toHaveLength(sent.length);
  }, 120_000);

  it("answers 503 within the deadline when the pool is waiting to reconnect, instead of hanging until Sinch times out", async () => {
    // postgres.js queues queries while it backs off between reconnects: without a deadline every
    // callback in a crash window waits for the database to come back.
    pg.stop("immediate");
    try {
      const answers = await Promise.all(
        Array.from({ length: 24 }, async (_, i) => {
          const req = signed(inboundText(app.appId, { messageId: `CRASH-${i}`, conversationId: `C-${i % 3}` }), app.secret!);
          const t0 = Date.now();
          const result = await ingestSinchCallback(handle.db, { appId: app.appId, rawBody: req.body, headers: req.headers });
          return { status: result.status, ms: Date.now() - t0 };
        }),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(24).fill(503));
      expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(DB_DEADLINE_MS + 1_500);
    } finally {
      pg.start();
    }
  }, 60_000);
});
