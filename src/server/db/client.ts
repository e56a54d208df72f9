import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Both drivers expose the same query builder; services only ever see this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  driver: "postgres" | "pglite";
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The raw PGlite instance (only for the embedded driver; used by pg-boss and tests). */
  pglite?: PGlite;
  /** The raw postgres.js client (only for the server driver). */
  sql?: postgres.Sql;
}

export const migrationsFolder = path.join(process.cwd(), "drizzle");

export interface DbOptions {
  databaseUrl?: string;
  /** Folder for the embedded database, or `memory://` for a throwaway one. */
  pgliteDir?: string;
  pglite?: PGlite;
  maxConnections?: number;
}

/**
 * Instances starting together take turns: a session advisory lock on a connection of its own is held
 * while the migrator runs on the pool, so the second instance finds the first one's migrations
 * applied instead of racing it. A crashed holder's lock ends with its connection.
 */
async function migrateUnderLock(sql: postgres.Sql, run: () => Promise<void>): Promise<void> {
  const lock = await sql.reserve();
  try {
    await lock`select pg_advisory_lock(hashtext('portal:migrate'))`;
    try {
      await run();
    } finally {
      await lock`select pg_advisory_unlock(hashtext('portal:migrate'))`;
    }
  } finally {
    lock.release();
  }
}

export function createDb(options: DbOptions): DbHandle {
  if (options.databaseUrl) {
    const sql = postgres(options.databaseUrl, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      // Fail fast when the server is down so the webhook endpoint can answer 503 quickly.
      connect_timeout: 5,
    });
    const db = drizzlePostgres(sql, { schema, casing: "snake_case" }) as unknown as Db;
    return {
      db,
      driver: "postgres",
      sql,
      migrate: () => migrateUnderLock(sql, () => migratePostgres(db as never, { migrationsFolder })),
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const dir = options.pgliteDir ?? "memory://";
  if (!options.pglite && !dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  const client = options.pglite ?? new PGlite(dir);
  const db = drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    pglite: client,
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    close: () => client.close(),
  };
}

/** Which driver a database object runs on (the embedded one is a single process by construction). */
export function driverOf(db: Db): "postgres" | "pglite" {
  return (db as unknown as { $client?: unknown }).$client instanceof PGlite ? "pglite" : "postgres";
}
