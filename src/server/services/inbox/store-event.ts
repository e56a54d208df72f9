import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { executePrepared } from "@/server/db/prepared";

export interface NewEvent {
  appId: string;
  customerId: string;
  /** null for an unsigned webhook: there is no nonce to remember. */
  nonce: string | null;
  typeKey: string;
  kind: string;
  dedupeKey: string;
  raw: Buffer;
  headers: Record<string, string>;
  verdict: "signed" | "unsigned";
  status: "processed" | "stored_raw" | "failed";
  processingError?: string | null;
}

export type StoreResult =
  | { outcome: "replayed" }
  | { outcome: "duplicate" }
  | { outcome: "stored"; eventId: string; conversation?: { id: string; inserted: boolean } };

/**
 * Records the nonce and the raw event in one statement (one round trip): the nonce must be new,
 * then the event is inserted unless its dedupe key is already stored. A replayed nonce inserts
 * nothing; a duplicate event keeps the nonce, so a later replay of that request is still refused.
 * `normalise` appends CTEs that read `ev` (see inbound-statement.ts) to the same statement.
 */
export async function storeEvent(db: DbOrTx, e: NewEvent, normalise?: SQL): Promise<StoreResult> {
  const nonceCte = e.nonce === null
    ? sql`n AS (SELECT 1 AS fresh)`
    : sql`n AS (INSERT INTO webhook_nonces (app_id, nonce) VALUES (${e.appId}, ${e.nonce}) ON CONFLICT DO NOTHING RETURNING 1 AS fresh)`;
  const [row] = await executePrepared<{ nonce_new: boolean; event_id: string | null; conversation_id?: string | null; conversation_inserted?: boolean | null }>(db, sql`
    WITH ${nonceCte},
    ev AS (
      INSERT INTO webhook_events (app_id, customer_id, type_key, kind, dedupe_key, raw, headers, verdict, status, processing_error)
      SELECT ${e.appId}, ${e.customerId}::uuid, ${e.typeKey}, ${e.kind}, ${e.dedupeKey}, ${e.raw}::bytea,
             ${JSON.stringify(e.headers)}::jsonb, ${e.verdict}, ${e.status}, ${e.processingError ?? null}
      WHERE EXISTS (SELECT 1 FROM n)
      ON CONFLICT (app_id, dedupe_key) DO NOTHING
      RETURNING id
    )${normalise ? sql`, ${normalise}` : sql``}
    SELECT EXISTS (SELECT 1 FROM n) AS nonce_new, (SELECT id FROM ev) AS event_id
      ${normalise ? sql`, (SELECT id FROM cv) AS conversation_id, (SELECT inserted FROM cv) AS conversation_inserted` : sql``}`);
  if (!row?.nonce_new) return { outcome: "replayed" };
  if (!row.event_id) return { outcome: "duplicate" };
  const conversation = row.conversation_id ? { id: row.conversation_id, inserted: !!row.conversation_inserted } : undefined;
  return { outcome: "stored", eventId: row.event_id, conversation };
}

const KEPT_HEADERS = [
  "content-type",
  "content-length",
  "user-agent",
  "x-sinch-webhook-signature-nonce",
  "x-sinch-webhook-signature-timestamp",
  "x-sinch-webhook-signature-algorithm",
  "x-forwarded-for",
  "x-request-id",
];

/** An allow-list, so the signature, cookies or any credential-bearing header is never stored. */
export function keptHeaders(get: (name: string) => string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = get(name);
    if (typeof value === "string" && value !== "") out[name] = value.slice(0, 500);
  }
  return out;
}
