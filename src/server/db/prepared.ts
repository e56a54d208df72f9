import type { DbOrTx } from "./client";

/** Element types the batch statements bind; each column travels as one array parameter. */
const ELEMENT_OID = { text: 25, bytea: 17, int4: 23 } as const;
export type ElementType = keyof typeof ELEMENT_OID;

export interface ArrayParam {
  type: ElementType;
  values: readonly unknown[];
}

export const arrayParam = (type: ElementType, values: readonly unknown[]): ArrayParam => ({ type, values });

interface PostgresJsClient {
  unsafe(query: string, params: unknown[], options: { prepare: boolean }): Promise<unknown[]>;
  array(values: unknown[], type: number): unknown;
}
interface PgliteClient {
  query(query: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

/** The driver client behind a Drizzle database or transaction (a transaction's is its reserved connection). */
function clientOf(db: DbOrTx): PostgresJsClient | PgliteClient {
  return (db as unknown as { session: { client: PostgresJsClient | PgliteClient } }).session.client;
}

/**
 * Runs a fixed hot statement whose parameters are all arrays (one per column, unnested in SQL), so
 * the statement text never changes with the number of rows. On postgres.js it runs as a named
 * prepared statement: each pooled connection parses and plans it once, inside a transaction too.
 * PGlite, in process, runs it as an ordinary parameterised query. Returns the rows.
 */
export async function queryArrays<T>(db: DbOrTx, text: string, params: readonly ArrayParam[]): Promise<T[]> {
  const client = clientOf(db);
  if ("unsafe" in client) {
    const bound = params.map((p) => client.array([...p.values], ELEMENT_OID[p.type]));
    return (await client.unsafe(text, bound, { prepare: true })) as T[];
  }
  return (await client.query(text, params.map((p) => [...p.values]))).rows as T[];
}
