import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { messages, webhookEvents } from "@/server/db/schema";
import { ingestSinchCallback } from "@/server/services/inbox/ingest";
import { createTestDb } from "../helpers/db";
import { createInboxApp, inboundText, signed, type TestApp } from "./inbox-factories";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let app: TestApp;
beforeAll(async () => {
  handle = await createTestDb();
  app = await createInboxApp(handle.db);
});
afterAll(() => handle.close());
afterEach(async () => {
  await handle.db.execute(sql`DROP TRIGGER IF EXISTS fail_messages ON messages`);
});

// The database itself raises the error, with the SQLSTATE a real outage or a bad row would carry.
async function failMessageInserts(sqlstate: string, text: string) {
  await handle.db.execute(sql.raw(`CREATE OR REPLACE FUNCTION fail_messages() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '${text}' USING ERRCODE = '${sqlstate}'; END $$`));
  await handle.db.execute(sql`DROP TRIGGER IF EXISTS fail_messages ON messages`);
  await handle.db.execute(sql`CREATE TRIGGER fail_messages BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION fail_messages()`);
}

const send = (messageId: string) => {
  const req = signed(inboundText(app.appId, { messageId, text: "private words", conversationId: `C-${messageId}` }), app.secret!);
  return ingestSinchCallback(handle.db, { appId: app.appId, rawBody: req.body, headers: req.headers });
};
const eventsFor = async (messageId: string) =>
  (await handle.db.select({ status: webhookEvents.status, error: webhookEvents.processingError, raw: webhookEvents.raw }).from(webhookEvents).where(eq(webhookEvents.appId, app.appId))).filter((e) => e.raw.toString().includes(messageId));

describe("database errors while a callback is stored", () => {
  it.each([
    ["57P01", "terminating connection due to administrator command"],
    ["08006", "connection failure"],
    ["53300", "too many connections"],
  ])("a transient one (%s) answers 503 and keeps nothing, so Sinch's retry is stored normally", async (code, text) => {
    const id = `TRANSIENT-${code}`;
    await failMessageInserts(code, text);
    expect(await send(id)).toEqual({ status: 503 });
    expect(await eventsFor(id)).toEqual([]);
    await handle.db.execute(sql`DROP TRIGGER fail_messages ON messages`);
    expect(await send(id)).toMatchObject({ status: 200, outcome: "stored" });
    expect((await eventsFor(id)).map((e) => e.status)).toEqual(["processed"]);
  });

  it("a data error keeps the raw event as failed, with the database's message and code but none of the callback's values", async () => {
    const id = "DATAERROR-1";
    await failMessageInserts("22023", "message row rejected");
    expect(await send(id)).toMatchObject({ status: 200, outcome: "stored" });
    const [event] = await eventsFor(id);
    expect(event?.status).toBe("failed");
    expect(event?.error).toContain("22023");
    expect(event?.error).toContain("message row rejected");
    expect(event?.error).not.toContain("private words");
    expect(event?.error).not.toContain(id);
    expect(await handle.db.select().from(messages).where(eq(messages.sinchMessageId, id))).toEqual([]);
  });
});
