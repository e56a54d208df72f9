import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { isTransientDbError, safeError, withDeadline } from "@/server/db/errors";

const pgError = (code: string, message: string) => Object.assign(new Error(message), { name: "PostgresError", code });

describe("safeError", () => {
  it("keeps the driver's message and SQLSTATE of a failed query, never its SQL parameters", () => {
    const wrapped = new DrizzleQueryError("insert into messages (text) values ($1)", ["my secret reply to Ann", "IG-ann"], pgError("23502", 'null value in column "kind" violates not-null constraint'));
    expect(wrapped.message).toContain("my secret reply to Ann");
    const safe = safeError(wrapped, { stack: true });
    expect(safe).toMatchObject({ name: "PostgresError", message: 'null value in column "kind" violates not-null constraint', pgCode: "23502" });
    expect(JSON.stringify(safe)).not.toContain("my secret reply");
    expect(JSON.stringify(safe)).not.toContain("IG-ann");
  });

  it("says only 'query failed' when a wrapped error has no cause to show", () => {
    const bare = new Error("Failed query: select $1\\nparams: hunter2");
    expect(safeError(bare)).toEqual({ name: "Error", message: "query failed" });
  });

  it("shortens long messages and keeps only stack frames", () => {
    const e = new Error("x".repeat(1000));
    const safe = safeError(e, { stack: true });
    expect(safe.message).toHaveLength(300);
    expect(safe.stack).not.toContain("xxx");
    expect(safe.stack).toMatch(/^\s+at /);
  });

  it("describes non-errors without echoing objects", () => {
    expect(safeError({ token: "abc" })).toEqual({ name: "Error", message: "non-error thrown" });
  });
});

describe("isTransientDbError", () => {
  it.each([
    ["57P01", true], ["57P03", true], ["08006", true], ["08001", true], ["53300", true], ["40001", true],
    ["CONNECTION_CLOSED", true], ["ECONNREFUSED", true], ["DB_DEADLINE", true],
    ["23505", false], ["22P02", false], ["42P01", false], ["23502", false],
  ])("%s → %s", (code, transient) => {
    expect(isTransientDbError(pgError(code, "x"))).toBe(transient);
    expect(isTransientDbError(new DrizzleQueryError("select 1", [], pgError(code, "x")))).toBe(transient);
  });

  it("is false for errors without a code", () => {
    expect(isTransientDbError(new Error("boom"))).toBe(false);
  });
});

describe("withDeadline", () => {
  it("passes the result through when the work is in time", async () => {
    await expect(withDeadline(Promise.resolve(7), 50)).resolves.toBe(7);
  });

  it("rejects with a transient DB_DEADLINE error when the work is late", async () => {
    const late = new Promise((resolve) => setTimeout(resolve, 200));
    const err = await withDeadline(late, 20).catch((e: unknown) => e);
    expect(isTransientDbError(err)).toBe(true);
  });

  it("does not leave the late work's rejection unhandled", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const late = new Promise((_, reject) => setTimeout(() => reject(new Error("late failure")), 40));
      await withDeadline(late, 5).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 80));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
