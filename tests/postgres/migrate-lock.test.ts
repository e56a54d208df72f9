import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DbHandle } from "@/server/db/client";
import { usingPostgres } from "../integration/helpers/db";

// Two instances starting at once on an empty database (run by the `postgres` tier of npm test).
describe("migrations at start", () => {
  const name = `mig_${randomBytes(5).toString("hex")}`;
  const handles: DbHandle[] = [];
  let url: string;

  beforeAll(async () => {
    if (!usingPostgres()) throw new Error("migrate-lock.test.ts needs TEST_DATABASE_URL (a real Postgres server)");
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = `/${name}`;
    url = u.toString();
  });
  afterAll(async () => {
    for (const h of handles) await h.close().catch(() => undefined);
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it("three instances migrating one empty database together all succeed and apply each migration once", async () => {
    for (let i = 0; i < 3; i++) handles.push(createDb({ databaseUrl: url, maxConnections: 3 }));
    const results = await Promise.allSettled(handles.map((h) => h.migrate()));
    expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual(["ok", "ok", "ok"]);
    const check = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const rows = await check<{ hash: string }[]>`select hash from drizzle.__drizzle_migrations`;
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
      const held = await check`select count(*)::int as n from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`;
      expect(held[0]!.n).toBe(0);
    } finally {
      await check.end();
    }
  });
});
