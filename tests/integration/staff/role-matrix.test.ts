import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import { expectations } from "../authz-expectations";
import { createTestDb } from "../helpers/db";
import { asAnonymous, asStaff, createUser } from "../helpers/factories";

let handle: Awaited<ReturnType<typeof createTestDb>>;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());

const procedures = Object.keys(appRouter._def.procedures).sort();

/** Calls a procedure by path with no input: permission checks run before input validation. */
async function outcome(caller: ReturnType<typeof asStaff>, path: string): Promise<string> {
  const fn = path.split(".").reduce<unknown>((obj, key) => (obj as Record<string, unknown>)[key], caller) as (input?: unknown) => Promise<unknown>;
  try {
    await fn(undefined);
    return "OK";
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    return e.code;
  }
}

const allowed = (code: string) => code === "OK" || code === "BAD_REQUEST" || code === "PRECONDITION_FAILED";

describe("role matrix over every staff procedure", () => {
  it("every procedure of the router has an expectation", () => {
    expect(procedures.filter((p) => !(p in expectations))).toEqual([]);
  });

  for (const path of procedures) {
    const audience = expectations[path];
    if (audience !== "admin" && audience !== "staff") continue;
    it(`${path}: ${audience}`, async () => {
      const admin = await createUser(handle.db, { role: "admin" });
      const staff = await createUser(handle.db, { role: "staff" });
      const disabled = await createUser(handle.db, { role: "admin", disabled: true });
      expect(allowed(await outcome(asStaff(handle.db, admin.id), path))).toBe(true);
      const staffOutcome = await outcome(asStaff(handle.db, staff.id), path);
      if (audience === "admin") expect(staffOutcome).toBe("FORBIDDEN");
      else expect(allowed(staffOutcome)).toBe(true);
      expect(await outcome(asAnonymous(handle.db), path)).toBe("UNAUTHORIZED");
      expect(await outcome(asStaff(handle.db, disabled.id), path)).toBe("UNAUTHORIZED");
    });
  }
});
