import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, setupSteps } from "@/server/db/schema";
import { createTestDb } from "../helpers/db";
import { asAnonymous, asCustomer, asStaff, createUser } from "../helpers/factories";
import { addChannel, customerInput, customerSession, insertCustomer } from "./customer-factories";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let staffId: string;
let adminId: string;

beforeAll(async () => {
  handle = await createTestDb();
  staffId = (await createUser(handle.db, { role: "staff" })).id;
  adminId = (await createUser(handle.db, { role: "admin" })).id;
});
afterAll(() => handle.close());

async function trpcError(p: Promise<unknown>): Promise<TRPCError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TRPCError);
  return err as TRPCError;
}

const fieldErrors = (err: TRPCError) => {
  const cause = err.cause as { issues?: Array<{ path: PropertyKey[] }> } | undefined;
  return (cause?.issues ?? []).map((i) => i.path.join("."));
};

describe("customers.create validation", () => {
  it("answers field-level errors for an empty name, a bad email and an unknown region", async () => {
    const api = asStaff(handle.db, staffId);
    const err = await trpcError(api.customers.create({ ...customerInput(), businessName: "  ", contactEmail: "not-an-email", region: "mars" as never }));
    expect(err.code).toBe("BAD_REQUEST");
    expect(fieldErrors(err).sort()).toEqual(["businessName", "contactEmail", "region"]);
  });

  it("requires the project id and key for the existing-project path", async () => {
    const api = asStaff(handle.db, staffId);
    const err = await trpcError(api.customers.create({ ...customerInput(), projectMode: "existing_project", projectId: "", keyId: "", keySecret: "" }));
    expect(fieldErrors(err).sort()).toEqual(["keyId", "keySecret", "projectId"]);
  });
});

describe("who may create and read customers", () => {
  it("staff and admin may create; the steps start pending and the action is audited", async () => {
    for (const userId of [staffId, adminId]) {
      const { customerId } = await asStaff(handle.db, userId).customers.create(customerInput());
      const steps = await handle.db.select().from(setupSteps).where(eq(setupSteps.customerId, customerId));
      expect(steps.map((s) => `${s.step}:${s.status}`).sort()).toEqual(["app:pending", "project:pending", "webhook:pending"]);
      const [entry] = await handle.db.select().from(auditLog).where(eq(auditLog.customerId, customerId));
      expect(entry?.action).toBe("customer.created");
    }
  });

  it("a customer session may not create, list or read customers, its own or another's (NOT_FOUND)", async () => {
    const own = await insertCustomer(handle.db);
    const other = await insertCustomer(handle.db);
    const api = asCustomer(handle.db, await customerSession(handle.db, own.id));
    expect((await trpcError(api.customers.create(customerInput()))).code).toBe("NOT_FOUND");
    expect((await trpcError(api.customers.list({}))).code).toBe("NOT_FOUND");
    expect((await trpcError(api.customers.get({ customerId: other.id }))).code).toBe("NOT_FOUND");
    expect((await trpcError(api.customers.timeline({ customerId: other.id }))).code).toBe("NOT_FOUND");
    expect((await trpcError(api.customers.get({ customerId: own.id }))).code).toBe("NOT_FOUND");
    expect((await trpcError(asAnonymous(handle.db).customers.create(customerInput()))).code).toBe("UNAUTHORIZED");
  });

  it("an unknown customer id is NOT_FOUND for staff", async () => {
    const api = asStaff(handle.db, staffId);
    expect((await trpcError(api.customers.get({ customerId: crypto.randomUUID() }))).code).toBe("NOT_FOUND");
    expect((await trpcError(api.customers.archive({ customerId: crypto.randomUUID() }))).code).toBe("NOT_FOUND");
  });

  it("only admins may delete a Sinch app", async () => {
    const c = await insertCustomer(handle.db);
    expect((await trpcError(asStaff(handle.db, staffId).customers.deleteApp({ customerId: c.id, confirmation: "x" }))).code).toBe("FORBIDDEN");
  });
});

describe("customer directory", () => {
  it("filters by region, channel, health, stage and search, hides archived rows, and paginates", async () => {
    const tag = `Dir${Date.now()}`;
    const a = await insertCustomer(handle.db, { region: "br", businessName: `${tag} Alpha` });
    const b = await insertCustomer(handle.db, { region: "eu", businessName: `${tag} Beta` });
    const c = await insertCustomer(handle.db, { region: "eu", businessName: `${tag} Gamma`, setupStatus: "needs_attention" });
    await insertCustomer(handle.db, { region: "eu", businessName: `${tag} Archived`, archived: true });
    await addChannel(handle.db, a.id, "INSTAGRAM", "active");
    await addChannel(handle.db, b.id, "MESSENGER", "failing");
    await addChannel(handle.db, b.id, "WHATSAPP", "active");
    const api = asStaff(handle.db, staffId);
    const names = async (q: Parameters<typeof api.customers.list>[0]) => (await api.customers.list({ search: tag, ...q })).rows.map((r) => r.businessName).sort();

    expect(await names({})).toEqual([`${tag} Alpha`, `${tag} Beta`, `${tag} Gamma`]);
    expect(await names({ region: "eu" })).toEqual([`${tag} Beta`, `${tag} Gamma`]);
    expect(await names({ channel: "INSTAGRAM" })).toEqual([`${tag} Alpha`]);
    expect(await names({ health: "failing" })).toEqual([`${tag} Beta`]);
    expect(await names({ health: "healthy" })).toEqual([`${tag} Alpha`]);
    expect(await names({ health: "no_channels" })).toEqual([`${tag} Gamma`]);
    expect(await names({ stage: "live" })).toEqual([`${tag} Alpha`, `${tag} Beta`]);
    expect(await names({ stage: "needs_attention" })).toEqual([`${tag} Gamma`]);
    expect(await names({ archived: true })).toEqual([`${tag} Archived`]);

    const page = await api.customers.list({ search: tag, page: 2, pageSize: 2 });
    expect(page.total).toBe(3);
    expect(page.rows).toHaveLength(1);
    const alpha = (await api.customers.list({ search: `${tag} Alpha` })).rows[0]!;
    expect(alpha.channels).toEqual([{ channel: "INSTAGRAM", state: "active" }]);
    expect(alpha.access).toEqual({ status: "none" });
  });

  it("treats % and _ in the search box literally", async () => {
    await insertCustomer(handle.db, { businessName: "100% Juice" });
    const rows = (await asStaff(handle.db, staffId).customers.list({ search: "0% J" })).rows;
    expect(rows.map((r) => r.businessName)).toContain("100% Juice");
    expect((await asStaff(handle.db, staffId).customers.list({ search: "%%%" })).rows).toHaveLength(0);
  });

  it("archive hides the customer and is reversible, each audited on the timeline", async () => {
    const c = await insertCustomer(handle.db, { businessName: `Arch${Date.now()}` });
    const api = asStaff(handle.db, staffId);
    await api.customers.archive({ customerId: c.id });
    expect((await api.customers.list({ search: c.businessName })).rows).toHaveLength(0);
    expect((await api.customers.get({ customerId: c.id })).archivedAt).not.toBeNull();
    await api.customers.unarchive({ customerId: c.id });
    expect((await api.customers.list({ search: c.businessName })).rows).toHaveLength(1);
    const timeline = await api.customers.timeline({ customerId: c.id });
    expect(timeline.map((t) => t.action)).toEqual(["customer.unarchived", "customer.archived"]);
  });
});
