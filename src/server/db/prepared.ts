import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { DbOrTx } from "./client";
import { rowsOf } from "./rows";

const dialect = new PgDialect();

interface PostgresJsClient {
  unsafe(query: string, params: unknown[], options: { prepare: boolean }): Promise<unknown[]>;
}

function postgresJsClient(db: DbOrTx): PostgresJsClient | null {
  const client = (db as unknown as { $client?: unknown }).$client;
  // PGlite's client has no `unsafe`; a transaction has no `$client` (it runs on its reserved connection).
  return client && typeof (client as PostgresJsClient).unsafe === "function" ? (client as PostgresJsClient) : null;
}

/**
 * Runs a hot raw statement as a named prepared statement on the postgres.js driver, so each pooled
 * connection parses and plans it once instead of on every call (`db.execute` sends an unnamed
 * statement). On PGlite, or inside a transaction, it is an ordinary `db.execute`. Returns the rows.
 */
export async function executePrepared<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const client = postgresJsClient(db);
  if (client) {
    const { sql: text, params } = dialect.sqlToQuery(query);
    return (await client.unsafe(text, params, { prepare: true })) as T[];
  }
  return rowsOf<T>(await db.execute(query));
}
