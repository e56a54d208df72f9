import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations } from "@/server/db/schema";
import { ingestSinchCallback } from "@/server/services/inbox/ingest";
import { createTestDb } from "../helpers/db";
import { createInboxApp, inboundText, signed, type TestApp } from "./inbox-factories";

// CONTACT_UPDATE and CONTACT_MERGE reach the contact's conversations within the app (the lookup goes
// through the app's index; there is no index on contact_id alone, see migration prune_inbox_indexes).
let handle: Awaited<ReturnType<typeof createTestDb>>;
let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  handle = await createTestDb();
  a = await createInboxApp(handle.db, { name: "Contacts A" });
  b = await createInboxApp(handle.db, { name: "Contacts B" });
});
afterAll(() => handle.close());

async function send(app: TestApp, body: string) {
  const req = signed(body, app.secret!);
  const result = await ingestSinchCallback(handle.db, { appId: app.appId, rawBody: req.body, headers: req.headers });
  expect(result.status).toBe(200);
}
const notification = (app: TestApp, key: string, body: object) => JSON.stringify({ app_id: app.appId, accepted_time: new Date().toISOString(), project_id: "proj", [key]: body });
const names = async (app: TestApp) =>
  (await handle.db.select({ key: conversations.convKey, name: conversations.contactName }).from(conversations).where(eq(conversations.appId, app.appId))).sort((x, y) => x.key.localeCompare(y.key));

describe("contact notifications", () => {
  it("a contact update renames that contact's conversations in its app only; a merge moves the deleted contact's conversations to the kept one", async () => {
    await send(a, inboundText(a.appId, { conversationId: "CA-1", contactId: "CONTACT-X", identity: "1001" }));
    await send(a, inboundText(a.appId, { conversationId: "CA-2", contactId: "CONTACT-Y", identity: "1002" }));
    // Sinch contact ids are per project: the same id in another app is another person.
    await send(b, inboundText(b.appId, { conversationId: "CB-1", contactId: "CONTACT-X", identity: "2001" }));

    await send(a, notification(a, "contact_update_notification", { contact: { id: "CONTACT-X", display_name: "Xena Renamed" } }));
    expect((await names(a)).map((c) => c.name)).toEqual(["Xena Renamed", "1002"]);
    expect((await names(b)).map((c) => c.name)).toEqual(["2001"]);

    await send(a, notification(a, "contact_merge_notification", { preserved_contact: { id: "CONTACT-X", display_name: "Xena Merged" }, deleted_contact: { id: "CONTACT-Y" } }));
    const rows = await handle.db.select({ key: conversations.convKey, contactId: conversations.contactId }).from(conversations).where(eq(conversations.appId, a.appId));
    expect(new Set(rows.map((r) => r.contactId)).size).toBe(1);
    expect((await names(a)).map((c) => c.name)).toEqual(["Xena Merged", "1002"]);
  });
});
