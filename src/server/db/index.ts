import { env } from "@/env";
import { createDb, type DbHandle } from "./client";

const globalForDb = globalThis as unknown as { __portalDb?: DbHandle; __portalDbReady?: Promise<DbHandle> };

/** One cached client per process (kept on globalThis so dev reloads do not open a second one). */
export function dbHandle(): DbHandle {
  globalForDb.__portalDb ??= createDb({ databaseUrl: env.DATABASE_URL, pgliteDir: env.pgliteDir });
  return globalForDb.__portalDb;
}

/** The migrated database; migrations run once per process on first use. */
export function readyDb(): Promise<DbHandle> {
  globalForDb.__portalDbReady ??= (async () => {
    const handle = dbHandle();
    await handle.migrate();
    return handle;
  })().catch((err: unknown) => {
    globalForDb.__portalDbReady = undefined;
    throw err;
  });
  return globalForDb.__portalDbReady;
}

export async function getDb() {
  return (await readyDb()).db;
}

export type { Db, DbOrTx, Tx } from "./client";
export * as schema from "./schema";
