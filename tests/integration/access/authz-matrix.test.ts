import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { outboundEmails } from "@/server/db/schema";
import { expectations } from "../authz-expectations";
import { createTestDb } from "../helpers/db";
import { asAnonymous, asStaff, createUser } from "../helpers/factories";
import { customerSession } from "./helpers";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let world: Awaited<ReturnType<typeof setup>>;

async function setup() {
  const db = handle.db;
  const admin = await createUser(db, { role: "admin" });
  const staff = await createUser(db, { role: "staff" });
  const right = await customerSession(db);
  const other = await customerSession(db);
  const revoked = await customerSession(db);
  await asStaff(db, admin.id).access.revoke({ grantId: revoked.grantId, reason: "test revoke" });
  const expired = await customerSession(db, { hours: 1 });
  const [email] = await db.select({ id: outboundEmails.id }).from(outboundEmails).limit(1);
  const later = () => new Date(Date.now() + 2 * 3_600_000);
  const callers = {
    admin: asStaff(db, admin.id),
    staff: asStaff(db, staff.id),
    rightCustomer: right.api(),
    otherCustomer: other.api(),
    expiredGrant: expired.api(later),
    revokedGrant: revoked.api(),
    anonymous: asAnonymous(db),
  };
  return { right, other, emailId: email!.id, callers };
}

beforeAll(async () => {
  handle = await createTestDb();
  world = await setup();
});
afterAll(() => handle.close());

/** A valid input per procedure, naming the right customer's objects. */
function inputFor(path: string): unknown {
  const { right, emailId } = world;
  const inputs: Record<string, unknown> = {
    "access.invite": { customerId: right.customer.id, email: "new@customer.test", channels: ["INSTAGRAM"] },
    "access.list": {},
    "access.forCustomer": { customerId: right.customer.id },
    "access.timeline": { customerId: right.customer.id },
    "access.extend": { grantId: right.grantId, hours: 1 },
    "access.resend": { grantId: right.grantId },
    "access.revoke": { grantId: right.grantId, reason: "matrix" },
    "outbox.list": {},
    "outbox.get": { id: emailId },
    "outbox.retry": { id: emailId },
    "notifications.list": {},
    "notifications.markRead": { ids: "all" },
    "portal.overview": undefined,
  };
  return inputs[path];
}

async function outcome(caller: object, path: string, input: unknown): Promise<string> {
  const fn = path.split(".").reduce<unknown>((obj, key) => (obj as Record<string, unknown>)[key], caller) as (i: unknown) => Promise<unknown>;
  try {
    await fn(input);
    return "OK";
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    return e.code;
  }
}

const mine = Object.keys(appRouter._def.procedures).filter((p) => /^(access|outbox|notifications|portal)\./.test(p)).sort();
// Mutations that end or change the right customer's grant run last, so earlier rows still see it live.
const order = (p: string) => (p === "access.revoke" ? 2 : p === "access.resend" || p === "access.extend" ? 1 : 0);

describe("authorisation matrix over every access, outbox, notifications and portal procedure", () => {
  it("each customer sees only their own project", async () => {
    const { right, other } = world;
    const a = await right.api().portal.overview();
    const b = await other.api().portal.overview();
    expect(a.customerName).toBe(right.customer.businessName);
    expect(b.customerName).toBe(other.customer.businessName);
    expect(JSON.stringify(b)).not.toContain(right.customer.businessName);
    expect(JSON.stringify(b)).not.toContain(right.customer.id);
  });

  const ok = (code: string) => code === "OK" || code === "PRECONDITION_FAILED";
  for (const path of [...mine].sort((a, b) => order(a) - order(b))) {
    const audience = expectations[path];
    it(`${path} (${audience})`, async () => {
      const c = world.callers;
      const input = inputFor(path);
      const results = Object.fromEntries(await Promise.all(Object.entries(c).map(async ([who, caller]) => [who, await outcome(caller, path, input)] as const)));
      if (audience === "customer") {
        expect(results).toEqual({
          admin: "NOT_FOUND",
          staff: "NOT_FOUND",
          rightCustomer: "OK",
          otherCustomer: "OK",
          expiredGrant: "UNAUTHORIZED",
          revokedGrant: "UNAUTHORIZED",
          anonymous: "NOT_FOUND",
        });
        return;
      }
      expect(ok(results.admin!)).toBe(true);
      expect(audience === "admin" ? results.staff : ok(results.staff!) && "allowed").toBe(audience === "admin" ? "FORBIDDEN" : "allowed");
      for (const who of ["rightCustomer", "otherCustomer", "expiredGrant", "revokedGrant"]) expect(results[who]).toBe("NOT_FOUND");
      expect(results.anonymous).toBe("UNAUTHORIZED");
    });
  }

  it("ids that do not exist are NOT_FOUND for staff", async () => {
    const api = world.callers.admin;
    const ghost = crypto.randomUUID();
    expect(await outcome(api, "access.forCustomer", { customerId: ghost })).toBe("NOT_FOUND");
    expect(await outcome(api, "access.timeline", { customerId: ghost })).toBe("NOT_FOUND");
    expect(await outcome(api, "access.extend", { grantId: ghost, hours: 1 })).toBe("NOT_FOUND");
    expect(await outcome(api, "access.resend", { grantId: ghost })).toBe("NOT_FOUND");
    expect(await outcome(api, "access.revoke", { grantId: ghost, reason: "nope" })).toBe("NOT_FOUND");
    expect(await outcome(api, "outbox.get", { id: ghost })).toBe("NOT_FOUND");
    expect(await outcome(api, "outbox.retry", { id: ghost })).toBe("NOT_FOUND");
  });

});
