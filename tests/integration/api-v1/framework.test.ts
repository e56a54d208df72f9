import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiIdempotency, apiRateLimits, accessGrants, auditLog } from "@/server/db/schema";
import { z } from "zod";
import { handleApiRequest } from "@/server/api-v1/handler";
import { purgeApiRows } from "@/server/api-v1/purge";
import { defineRoute } from "@/server/api-v1/route";
import { revokeApiKey } from "@/server/services/api-keys";
import { createTestDb } from "../helpers/db";
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
  ({ a, b } = await seedTwoInboxes(handle.db));
});
afterAll(() => handle.close());

describe("keys: authentication and scope", () => {
  it("refuses a missing, malformed, unknown or revoked key with 401 problem+json", async () => {
    const revoked = await adminWithKeys(handle.db);
    await revokeApiKey(handle.db, { id: revoked.full.key.id, actorUserId: revoked.admin.id });
    for (const token of [null, "rp_unknown-token", `${keys.full.token}x`, revoked.full.token]) {
      const answer = await full("GET", `/customers/${a.customerId}`, { token });
      expectProblem(answer, 401, "unauthorized");
      expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    expectProblem(await full("GET", "/customers", { token: null, headers: { authorization: `Basic ${keys.full.token}` } }), 401);
  });

  it("a read-only key reads but every write is 403, and nothing is written", async () => {
    expect((await read("GET", `/customers/${a.customerId}`)).status).toBe(200);
    const before = await handle.db.select().from(accessGrants).where(eq(accessGrants.customerId, a.customerId));
    expectProblem(await read("POST", `/customers/${a.customerId}/access`, { body: { email: "x@example.test", channels: ["INSTAGRAM"] } }), 403, "insufficient-scope");
    expectProblem(await read("POST", `/customers/${a.customerId}/archive`), 403);
    expectProblem(await read("POST", "/customers", { body: {} }), 403);
    expect(await handle.db.select().from(accessGrants).where(eq(accessGrants.customerId, a.customerId))).toEqual(before);
  });

  it("audits every authenticated call with the key's name; services audit their change as the key", async () => {
    const answer = await full("GET", `/customers/${b.customerId}/conversations`);
    const requestId = answer.headers.get("x-request-id");
    const [row] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "api.request"), sql`${auditLog.metadata}->>'requestId' = ${requestId}`));
    expect(row).toMatchObject({ actorId: keys.admin.id, actorLabel: `API key "${keys.full.key.name}"`, customerId: b.customerId, targetId: keys.full.key.id });
    expect(row!.metadata).toMatchObject({ key: keys.full.key.name, operation: "listConversations", status: 200 });
    expect(JSON.stringify(row)).not.toContain(keys.full.token.slice(3));

    const denied = await read("POST", `/customers/${b.customerId}/archive`);
    const [refusal] = await handle.db.select().from(auditLog).where(sql`${auditLog.metadata}->>'requestId' = ${denied.headers.get("x-request-id")}`);
    expect(refusal!.metadata).toMatchObject({ key: keys.read.key.name, status: 403 });
  });
});

describe("errors are problem+json", () => {
  it("unknown paths 404, wrong methods 405, bad ids/filters/cursors 4xx with field errors, malformed JSON 400", async () => {
    expectProblem(await full("GET", "/nothing-here"), 404);
    const wrong = await full("PUT", "/customers");
    expectProblem(wrong, 405);
    expect(wrong.headers.get("allow")).toBe("GET, POST");
    const badId = await full("GET", "/customers/not-a-uuid");
    expectProblem(badId, 422, "validation");
    expect(badId.body.errors).toHaveProperty("path.customerId");
    const badFilter = await full("GET", "/customers?region=mars&limit=1000");
    expectProblem(badFilter, 422);
    expect(Object.keys(badFilter.body.errors).sort()).toEqual(["query.limit", "query.region"]);
    expectProblem(await full("GET", "/customers?cursor=garbage"), 400, "invalid-cursor");
    expectProblem(await full("POST", `/customers/${a.customerId}/access`, { rawBody: "{not json" }), 400, "malformed-json");
    expectProblem(await full("POST", `/customers/${a.customerId}/access`, { rawBody: "{}", headers: { "content-type": "text/plain" } }), 415);
    const invalid = await full("POST", `/customers/${a.customerId}/access`, { body: { email: "nope", channels: [] } });
    expectProblem(invalid, 422, "validation");
    expect(Object.keys(invalid.body.errors).sort()).toEqual(["channels", "email"]);
    expectProblem(await full("GET", "/customers/00000000-0000-4000-8000-000000000000"), 404, "not-found");
  });

  it("a NUL character (which Postgres text cannot hold) in a query or body value is a 422 naming the field, not a 500", async () => {
    const query = await full("GET", `/customers?search=${encodeURIComponent("a\u0000b")}`);
    expectProblem(query, 422, "validation");
    expect(query.body.errors).toEqual({ "query.search": expect.stringContaining("NUL") });
    const body = await full("POST", `/customers/${a.customerId}/access`, { body: { email: "x\u0000@example.test", channels: ["WHATSAPP"] } });
    expectProblem(body, 422, "validation");
    expect(body.body.errors).toEqual({ email: expect.stringContaining("NUL") });
  });

  it("the OpenAPI document is public", async () => {
    const doc = await full("GET", "/openapi.json", { token: null });
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe("3.1.0");
  });
});

describe("idempotency", () => {
  it("requires an Idempotency-Key on every POST", async () => {
    expectProblem(await full("POST", `/customers/${a.customerId}/access`, { idempotencyKey: null, body: { email: "x@example.test", channels: ["INSTAGRAM"] } }), 400, "idempotency-key-required");
  });

  it("a retry with the same key and body gets the same answer and creates nothing; another body is 422", async () => {
    const body = { email: "retry@example.test", channels: ["INSTAGRAM", "MESSENGER"], note: "hi" };
    const first = await full("POST", `/customers/${a.customerId}/access`, { body, idempotencyKey: "invite-1" });
    expect(first.status).toBe(201);
    // Same body, other key order: the same request.
    const again = await full("POST", `/customers/${a.customerId}/access`, { body: { note: "hi", channels: ["INSTAGRAM", "MESSENGER"], email: "retry@example.test" }, idempotencyKey: "invite-1" });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const grants = await handle.db.select().from(accessGrants).where(eq(accessGrants.invitedEmail, "retry@example.test"));
    expect(grants.map((g) => g.id)).toEqual([first.body.id]);

    expectProblem(await full("POST", `/customers/${a.customerId}/access`, { body: { ...body, email: "other@example.test" }, idempotencyKey: "invite-1" }), 422, "idempotency-key-reused");
    expectProblem(await full("POST", `/customers/${b.customerId}/access`, { body, idempotencyKey: "invite-1" }), 422, "idempotency-key-reused");
    // Keys are per API key: another key may use the same string.
    const other = await adminWithKeys(handle.db);
    expect((await apiClient(handle.db, other.full.token)("POST", `/customers/${a.customerId}/access`, { body, idempotencyKey: "invite-1" })).status).toBe(201);
  });

  it("a failed answer is remembered too (same 4xx on retry), and a request still running is 409", async () => {
    const missing = "/customers/00000000-0000-4000-8000-000000000000/archive";
    expectProblem(await full("POST", missing, { idempotencyKey: "gone-1" }), 404);
    const retry = await full("POST", missing, { idempotencyKey: "gone-1" });
    expectProblem(retry, 404);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");

    await handle.db.insert(apiIdempotency).values({ keyId: keys.full.key.id, idempotencyKey: "running-1", requestHash: "x", createdAt: new Date() });
    const running = await full("POST", `/customers/${a.customerId}/archive`, { idempotencyKey: "running-1" });
    // A different hash is answered as reuse; with the real hash the claim is "in progress".
    expectProblem(running, 422);
    const { requestHash } = await import("@/server/api-v1/idempotency");
    await handle.db.update(apiIdempotency).set({ requestHash: requestHash("POST", `/customers/${a.customerId}/archive`, {}) }).where(eq(apiIdempotency.idempotencyKey, "running-1"));
    const inFlight = await full("POST", `/customers/${a.customerId}/archive`, { idempotencyKey: "running-1" });
    expectProblem(inFlight, 409, "idempotency-in-progress");
    expect(inFlight.headers.get("retry-after")).toBe("1");
  });
});

describe("failures and races", () => {
  it("an unexpected failure is a generic 500 (no message, no stack) and releases the Idempotency-Key for a retry", async () => {
    let calls = 0;
    const flaky = defineRoute({
      method: "POST",
      path: "/customers/{customerId}/flaky",
      operationId: "flaky",
      summary: "test",
      tag: "test",
      params: z.object({ customerId: z.uuid() }),
      status: 200,
      response: z.object({ calls: z.number() }),
      handler: async () => {
        calls++;
        if (calls === 1) throw new Error("connection to db-internal.example failed with password hunter2");
        return { calls };
      },
    });
    const call = (key: string) =>
      handleApiRequest(new Request(`http://portal.test/api/v1/customers/${a.customerId}/flaky`, { method: "POST", headers: { authorization: `Bearer ${keys.full.token}`, "idempotency-key": key } }), { db: handle.db, routes: [flaky] });
    const failed = await call("flaky-1");
    const text = await failed.text();
    expect(failed.status).toBe(500);
    expect(JSON.parse(text)).toMatchObject({ status: 500, detail: "Something went wrong on our side.", requestId: failed.headers.get("x-request-id") });
    expect(text).not.toMatch(/hunter2|db-internal|at .*:\d+/);
    const retried = await call("flaky-1");
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ calls: 2 });
  });

  it("two concurrent POSTs with one Idempotency-Key run the work once", async () => {
    const body = { email: "race@example.test", channels: ["WHATSAPP"] };
    const answers = await Promise.all([1, 2, 3].map(() => full("POST", `/customers/${b.customerId}/access`, { body, idempotencyKey: "race-1" })));
    const created = answers.filter((x) => x.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const x of answers) expect([201, 409]).toContain(x.status);
    expect(new Set(created.map((x) => x.body.id)).size).toBe(1);
    expect(await handle.db.select().from(accessGrants).where(eq(accessGrants.invitedEmail, "race@example.test"))).toHaveLength(1);
  });
});

describe("rate limits", () => {
  it("429 with Retry-After past the limit, counted in Postgres across instances; purge drops old rows", async () => {
    const own = await adminWithKeys(handle.db);
    const now = () => new Date("2026-12-07T10:00:30Z");
    const rule = { limit: 3, windowMs: 60_000 };
    const instanceA = apiClient(handle.db, own.read.token, { rateLimit: rule, now });
    const instanceB = apiClient(handle.db, own.read.token, { rateLimit: rule, now });
    expect((await instanceA("GET", `/customers/${a.customerId}`)).status).toBe(200);
    expect((await instanceB("GET", `/customers/${a.customerId}`)).status).toBe(200);
    const third = await instanceA("GET", `/customers/${a.customerId}`);
    expect(third.headers.get("ratelimit-remaining")).toBe("0");
    const limited = await instanceB("GET", `/customers/${a.customerId}`);
    expectProblem(limited, 429, "rate-limited");
    expect(limited.headers.get("retry-after")).toBe("30");
    // Another key has its own budget.
    expect((await apiClient(handle.db, own.full.token, { rateLimit: rule, now })("GET", `/customers/${a.customerId}`)).status).toBe(200);
    // The next window starts afresh.
    expect((await apiClient(handle.db, own.read.token, { rateLimit: rule, now: () => new Date("2026-12-07T10:01:00Z") })("GET", `/customers/${a.customerId}`)).status).toBe(200);

    // Two days after the wall clock: the Idempotency-Key rows of the tests above were stored at the
    // real time, so a fixed date here would stop purging them once the calendar passed it.
    await purgeApiRows(handle.db, new Date(Date.now() + 2 * 86_400_000));
    expect(await handle.db.select().from(apiRateLimits).where(eq(apiRateLimits.keyId, own.read.key.id))).toEqual([]);
    expect(await handle.db.select().from(apiIdempotency)).toEqual([]);
  });
});
