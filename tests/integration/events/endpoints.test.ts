import { TRPCError } from "@trpc/server";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "@/server/db/rows";
import { auditLog, eventDeliveries, eventEndpoints, outgoingEventTypes } from "@/server/db/schema";
import { emitEvent } from "@/server/services/events/emit";
import { createTestDb } from "../helpers/db";
import { asAnonymous, asCustomer, asStaff, createUser } from "../helpers/factories";
import { adminWithEndpoint } from "./helpers";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    return e instanceof TRPCError ? e.code : "NON_TRPC_ERROR";
  }
}

describe("event endpoint management", () => {
  it("refuses URLs that are not plain http(s) with a field error", async () => {
    const admin = asStaff(handle.db, (await createUser(handle.db, { role: "admin" })).id);
    for (const url of ["ftp://example.test/x", "javascript:alert(1)", "file:///etc/passwd", "https://user:pass@example.test/hook", "not a url", ""]) {
      const err = await admin.events.createEndpoint({ url, eventTypes: ["customer.ready"], enabled: true }).catch((e: unknown) => e);
      expect(err, url).toBeInstanceOf(TRPCError);
      expect((err as TRPCError).code).toBe("BAD_REQUEST");
    }
    const none = await admin.events.createEndpoint({ url: "https://example.test/hook", eventTypes: [], enabled: true }).catch((e: unknown) => e);
    expect((none as TRPCError).code).toBe("BAD_REQUEST");
  });

  it("creates, lists, updates and deletes; the secret is answered once, stored encrypted, audited without it", async () => {
    const { caller, endpoint, secret } = await adminWithEndpoint(handle.db, "https://crm.example.test/portal-events", ["customer.ready", "message.inbound"]);
    expect(endpoint).toMatchObject({ url: "https://crm.example.test/portal-events", enabled: true, eventTypes: ["customer.ready", "message.inbound"], lastDelivery: null });
    expect(endpoint.secretHint).toBe(`set, ends with …${secret.slice(-4)}`);

    const listed = await caller.events.endpoints();
    expect(listed.find((e) => e.id === endpoint.id)).toMatchObject({ id: endpoint.id, secretHint: endpoint.secretHint });
    expect(JSON.stringify(listed)).not.toContain(secret.slice(6));

    const [stored] = rowsOf<{ row: string }>(await handle.db.execute(sql`select row_to_json(e)::text as row from event_endpoints e where id = ${endpoint.id}`));
    expect(stored!.row).not.toContain(secret.slice(6));
    const audits = await handle.db.select().from(auditLog).where(eq(auditLog.targetId, endpoint.id));
    expect(audits.map((a) => a.action)).toEqual(["events.endpoint_created"]);
    expect(JSON.stringify(audits)).not.toContain(secret.slice(6));

    const updated = await caller.events.updateEndpoint({ endpointId: endpoint.id, url: "https://crm.example.test/v2", description: "CRM", eventTypes: ["access.ended"], enabled: false });
    expect(updated).toMatchObject({ url: "https://crm.example.test/v2", description: "CRM", eventTypes: ["access.ended"], enabled: false });

    await caller.events.updateEndpoint({ endpointId: endpoint.id, url: "https://crm.example.test/v2", eventTypes: ["access.ended"], enabled: true });
    expect(await emitEvent(handle.db, { type: "access.ended", customerId: null, data: {} })).toBe(1);
    expect(await caller.events.deleteEndpoint({ endpointId: endpoint.id })).toEqual({ id: endpoint.id });
    expect(await handle.db.select().from(eventEndpoints).where(eq(eventEndpoints.id, endpoint.id))).toEqual([]);
    expect(await handle.db.select().from(eventDeliveries).where(eq(eventDeliveries.endpointId, endpoint.id))).toEqual([]);
    expect(await codeOf(caller.events.deliveries({ endpointId: endpoint.id }))).toBe("NOT_FOUND");
  });

  it("accepts every documented event type", async () => {
    const { endpoint } = await adminWithEndpoint(handle.db, "https://all.example.test/", [...outgoingEventTypes]);
    expect(endpoint.eventTypes).toEqual([...outgoingEventTypes]);
  });

  it("denies every endpoint procedure to staff (FORBIDDEN), customers (NOT_FOUND) and visitors (UNAUTHORIZED)", async () => {
    const { endpoint } = await adminWithEndpoint(handle.db, "https://deny.example.test/");
    const staff = asStaff(handle.db, (await createUser(handle.db, { role: "staff" })).id);
    const callers = { staff, customer: asCustomer(handle.db, "no-such-session-token"), anonymous: asAnonymous(handle.db) };
    const expected = { staff: "FORBIDDEN", customer: "NOT_FOUND", anonymous: "UNAUTHORIZED" };
    const id = { endpointId: endpoint.id };
    const body = { url: "https://evil.example.test/", eventTypes: ["customer.ready" as const], enabled: true };
    for (const [who, c] of Object.entries(callers)) {
      const calls = [
        () => c.events.endpoints(),
        () => c.events.createEndpoint(body),
        () => c.events.updateEndpoint({ ...id, ...body }),
        () => c.events.deleteEndpoint(id),
        () => c.events.rotateSecret(id),
        () => c.events.deliveries(id),
        () => c.events.delivery({ deliveryId: endpoint.id }),
        () => c.events.replay({ deliveryId: endpoint.id }),
      ];
      for (const call of calls) expect(await codeOf(call()), who).toBe(expected[who as keyof typeof expected]);
    }
    const [row] = await handle.db.select().from(eventEndpoints).where(eq(eventEndpoints.id, endpoint.id));
    expect(row).toMatchObject({ url: "https://deny.example.test/", enabled: true });
  });
});
