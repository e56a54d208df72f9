import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { createDb, type DbHandle } from "@/server/db/client";

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a new database on
 * the real Postgres server named by TEST_DATABASE_URL (created from scratch, dropped afterwards).
 * Both run the same committed migrations the app runs at start.
 */
export async function createTestDb(): Promise<DbHandle & { name: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const handle = createDb({ pgliteDir: "memory://" });
    await handle.migrate();
    return { ...handle, name: "pglite" };
  }
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = createDb({ databaseUrl: url.toString(), maxConnections: 5 });
  await handle.migrate();
  return {
    ...handle,
    name,
    close: async () => {
      await handle.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export const usingPostgres = () => !!process.env.TEST_DATABASE_URL;
