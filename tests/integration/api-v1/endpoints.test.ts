import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessGrants, auditLog, customers, messages } from "@/server/db/schema";
import { createTestDb } from "../helpers/db";
import { asStaff, unique } from "../helpers/factories";
import { addChannel, insertCustomer } from "../customers/customer-factories";
import { seedTwoInboxes, type TestApp } from "../inbox/inbox-factories";
import { adminWithKeys, apiClient, expectProblem } from "./helpers";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let keys: Awaited<ReturnType<typeof adminWithKeys>>;
let full: ReturnType<typeof apiClient>;
let read: ReturnType<typeof apiClient>;
let a: TestApp;
let b: TestApp;

beforeAll(async () => {
  handle = await createTestDb();
  keys = await adminWithKeys(handle.db);
  full = apiClient(handle.db, keys.full.token);
  read = apiClient(handle.db, keys.read.token);
  ({ a, b } = await seedTwoInboxes(handle.db, { a: unique("Alpha Shoes"), b: unique("Beta Bikes") }));
});
afterAll(() => handle.close());

describe("customers", () => {
  it("lists with filters and walks every page with the opaque cursor, no row twice", async () => {
    const tag = unique("Paged");
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await insertCustomer(handle.db, { businessName: `${tag} ${i}`, region: "br" })).id);
    await addChannel(handle.db, [...ids][0]!, "WHATSAPP", "active");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { data: { id: string; region: string }[]; next_cursor: string | null } } = await read("GET", `/customers?search=${encodeURIComponent(tag)}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((c) => c.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());
    const onWhatsapp = await read("GET", `/customers?search=${encodeURIComponent(tag)}&channel=WHATSAPP`);
    expect(onWhatsapp.body.data.map((c: { id: string }) => c.id)).toEqual([[...ids][0]]);
    expect((await read("GET", `/customers?search=${encodeURIComponent(tag)}&region=us`)).body).toEqual({ data: [], next_cursor: null });
  });

  it("gets one customer (dates as ISO strings, no secret) and archives it (then listed only as archived)", async () => {
    const got = await read("GET", `/customers/${a.customerId}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: a.customerId, businessName: expect.stringContaining("Alpha Shoes"), createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(JSON.stringify(got.body)).not.toMatch(/ciphertext|secret"/i);

    const c = await insertCustomer(handle.db, { businessName: unique("Archive me") });
    const archived = await full("POST", `/customers/${c.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    const [row] = await handle.db.select().from(customers).where(eq(customers.id, c.id));
    expect(row!.archivedAt).toBeInstanceOf(Date);
    expect((await read("GET", `/customers?search=${encodeURIComponent(c.businessName)}`)).body.data).toEqual([]);
    expect((await read("GET", `/customers?search=${encodeURIComponent(c.businessName)}&archived=true`)).body.data.map((x: { id: string }) => x.id)).toEqual([c.id]);
    // The customer's timeline shows the change made through the API, not the API calls themselves.
    const timeline = await asStaff(handle.db, keys.admin.id).customers.timeline({ customerId: c.id });
    expect(timeline.map((t) => [t.action, t.actor])).toEqual([["customer.archived", `API key "${keys.full.key.name}"`]]);
    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.action, "customer.archived"));
    expect(audits.find((r) => r.customerId === c.id || r.targetId === c.id)?.actorLabel).toBe(`API key "${keys.full.key.name}"`);
  });
});

describe("access", () => {
  it("invites, lists and revokes; another customer's grant is 404 from this customer's path", async () => {
    const invited = await full("POST", `/customers/${a.customerId}/access`, { body: { email: "owner@alpha.test", channels: ["INSTAGRAM"], hours: 24 } });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ customerId: a.customerId, invitedEmail: "owner@alpha.test", state: "invited", channels: ["INSTAGRAM"] });
    expect(invited.body).not.toHaveProperty("tokenHash");
    const listed = await read("GET", `/customers/${a.customerId}/access?limit=1`);
    expect(listed.body.data.map((g: { id: string }) => g.id)).toEqual([invited.body.id]);

    const other = await full("POST", `/customers/${b.customerId}/access`, { body: { email: "owner@beta.test", channels: ["WHATSAPP"] } });
    expectProblem(await full("POST", `/customers/${a.customerId}/access/${other.body.id}/revoke`, { body: { reason: "wrong customer" } }), 404);
    const [still] = await handle.db.select().from(accessGrants).where(eq(accessGrants.id, other.body.id));
    expect(still!.endedAt).toBeNull();

    const badReason = await full("POST", `/customers/${a.customerId}/access/${invited.body.id}/revoke`, { body: { reason: "x" } });
    expectProblem(badReason, 422);
    expect(badReason.body.errors).toHaveProperty("reason");
    const revoked = await full("POST", `/customers/${a.customerId}/access/${invited.body.id}/revoke`, { body: { reason: "sent to the wrong person" } });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: invited.body.id, state: "ended", endReason: "revoked" });
    // Revoking again with a new key is the service's refusal, as problem+json.
    const again = await full("POST", `/customers/${a.customerId}/access/${invited.body.id}/revoke`, { body: { reason: "sent to the wrong person" } });
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);
    expectProblem(await full("POST", `/customers/00000000-0000-4000-8000-000000000000/access`, { body: { email: "x@y.test", channels: ["INSTAGRAM"] } }), 404);
  });
});

describe("channels and diagnostics", () => {
  it("answers the state of every channel and the latest diagnosis, scoped to the customer", async () => {
    await addChannel(handle.db, b.customerId, "MESSENGER", "failing");
    const list = await read("GET", `/customers/${b.customerId}/channels`);
    expect(list.status).toBe(200);
    expect(Object.fromEntries(list.body.data.map((c: { channel: string; state: string }) => [c.channel, c.state]))).toMatchObject({ MESSENGER: "failing" });
    expect(list.body.data).toHaveLength(3);
    const one = await read("GET", `/customers/${b.customerId}/channels/MESSENGER`);
    expect(one.body).toMatchObject({ channel: "MESSENGER", state: "failing" });
    expectProblem(await read("GET", `/customers/${b.customerId}/channels/SMS`), 422);
    const latest = await read("GET", `/customers/${b.customerId}/channels/MESSENGER/diagnostics/latest`);
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ customer: { id: b.customerId }, connection: { state: "failing" }, run: null, history: [] });
    expectProblem(await read("GET", `/customers/00000000-0000-4000-8000-000000000000/channels`), 404);
  });
});

describe("inbox and webhook events", () => {
  it("lists the customer's conversations only, pages them, reads a thread; another customer's conversation is 404", async () => {
    const list = await read("GET", `/customers/${a.customerId}/conversations?limit=1`);
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.next_cursor).toEqual(expect.any(String));
    const second = await read("GET", `/customers/${a.customerId}/conversations?limit=1&cursor=${list.body.next_cursor}`);
    const all = [...list.body.data, ...second.body.data];
    expect(all.map((c: { customerId: string }) => c.customerId)).toEqual([a.customerId, a.customerId]);
    expect(new Set(all.map((c: { id: string }) => c.id)).size).toBe(2);
    const onlyMessenger = await read("GET", `/customers/${a.customerId}/conversations?channel=MESSENGER`);
    expect(onlyMessenger.body.data.map((c: { preview: string }) => c.preview)).toEqual(["Opening hours please"]);

    const thread = await read("GET", `/customers/${a.customerId}/conversations/${onlyMessenger.body.data[0].id}`);
    expect(thread.status).toBe(200);
    expect(thread.body.messages.map((m: { text: string }) => m.text)).toEqual(["Opening hours please"]);
    expect(thread.body.conversation.window.state).toBe("open");

    const bConversation = (await read("GET", `/customers/${b.customerId}/conversations`)).body.data[0];
    expectProblem(await read("GET", `/customers/${a.customerId}/conversations/${bConversation.id}`), 404);
    expectProblem(await full("POST", `/customers/${a.customerId}/conversations/${bConversation.id}/replies`, { body: { text: "hello" } }), 404);
    const empty = await full("POST", `/customers/${a.customerId}/conversations/${onlyMessenger.body.data[0].id}/replies`, { body: {} });
    expectProblem(empty, 422);
    expect(empty.body.errors).toHaveProperty("text");
  });

  it("lists stored callbacks of the customer and replays one without storing its message twice; other customers' events are 404", async () => {
    const events = await read("GET", `/customers/${a.customerId}/webhook-events?limit=100`);
    expect(events.status).toBe(200);
    expect(events.body.data).toHaveLength(2);
    expect(events.body.data.every((e: { customerId: string }) => e.customerId === a.customerId)).toBe(true);
    const before = await handle.db.select().from(messages);
    const replayed = await full("POST", `/customers/${a.customerId}/webhook-events/${events.body.data[0].id}/replay`);
    expect(replayed.status).toBe(200);
    expect(replayed.body).toEqual({ status: "processed", error: null });
    expect(await handle.db.select().from(messages)).toHaveLength(before.length);
    const bEvent = (await read("GET", `/customers/${b.customerId}/webhook-events`)).body.data[0];
    expectProblem(await full("POST", `/customers/${a.customerId}/webhook-events/${bEvent.id}/replay`), 404);
    expectProblem(await read("POST", `/customers/${b.customerId}/webhook-events/${bEvent.id}/replay`), 403);
  });
});
