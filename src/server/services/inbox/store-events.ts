import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/server/db/client";
import { arrayParam, queryArrays, type ArrayParam } from "@/server/db/prepared";

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

export type StoreResult = { outcome: "replayed" } | { outcome: "duplicate" } | { outcome: "stored"; eventId: string };

/*
 * The raw events of any number of callbacks, one array parameter per column ($1–$13), as the CTEs
 * i (the input), n (the nonces recorded), fresh (the callbacks whose nonce is new) and ev (the
 * events inserted). A nonce must be new, then its event is inserted unless the dedupe key is
 * already stored. Rows are inserted in key order so concurrent batches take locks in the same order.
 * The ids are chosen by the caller, so rows written in the same statement can refer to their event.
 */
export const EVENT_CTES = `
i AS (
  SELECT * FROM unnest($1::int4[], $2::text[], $3::text[]::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bytea[],
                       $9::text[], $10::text[], $11::text[], $12::text[], $13::text[]::uuid[])
    AS t(ord, app_id, customer_id, nonce, type_key, kind, dedupe_key, raw, headers, verdict, status, processing_error, id)
),
n AS (
  INSERT INTO webhook_nonces (app_id, nonce)
  SELECT app_id, nonce FROM i WHERE nonce IS NOT NULL ORDER BY app_id, nonce
  ON CONFLICT DO NOTHING
  RETURNING app_id, nonce
),
fresh AS (
  SELECT i.* FROM i WHERE i.nonce IS NULL OR EXISTS (SELECT 1 FROM n WHERE n.app_id = i.app_id AND n.nonce = i.nonce)
),
ev AS (
  INSERT INTO webhook_events (id, app_id, customer_id, type_key, kind, dedupe_key, raw, headers, verdict, status, processing_error)
  SELECT id, app_id, customer_id, type_key, kind, dedupe_key, raw, headers::jsonb, verdict, status, processing_error
  FROM fresh ORDER BY app_id, dedupe_key
  ON CONFLICT (app_id, dedupe_key) DO NOTHING
  RETURNING id, app_id, dedupe_key
)`;

/** The columns every statement over EVENT_CTES selects, per input row. */
export const EVENT_RESULT_COLUMNS = "i.ord, EXISTS (SELECT 1 FROM fresh WHERE fresh.ord = i.ord) AS nonce_new, ev.id AS event_id";
export const EVENT_RESULT_JOIN = "i LEFT JOIN ev ON ev.app_id = i.app_id AND ev.dedupe_key = i.dedupe_key";

// One fixed statement for any number of callbacks, prepared once per connection.
const INSERT_EVENTS = `WITH ${EVENT_CTES}
SELECT ${EVENT_RESULT_COLUMNS} FROM ${EVENT_RESULT_JOIN}`;

/** EVENT_CTES' parameters: the events in order, with the ids they are to be stored under. */
export function eventParams(events: readonly NewEvent[], ids: readonly string[]): ArrayParam[] {
  const col = <T>(f: (e: NewEvent, i: number) => T) => events.map(f);
  return [
    arrayParam("int4", col((_, i) => i)),
    arrayParam("text", col((e) => e.appId)),
    arrayParam("text", col((e) => e.customerId)),
    arrayParam("text", col((e) => e.nonce)),
    arrayParam("text", col((e) => e.typeKey)),
    arrayParam("text", col((e) => e.kind)),
    arrayParam("text", col((e) => e.dedupeKey)),
    arrayParam("bytea", col((e) => e.raw)),
    arrayParam("text", col((e) => JSON.stringify(e.headers))),
    arrayParam("text", col((e) => e.verdict)),
    arrayParam("text", col((e) => e.status)),
    arrayParam("text", col((e) => e.processingError ?? null)),
    arrayParam("text", ids),
  ];
}

export interface EventRow {
  ord: number;
  nonce_new: boolean;
  event_id: string | null;
}

/** What became of each event (in input order), from the rows of EVENT_RESULT_COLUMNS. */
export function eventOutcomes(count: number, rows: readonly EventRow[]): StoreResult[] {
  const out: StoreResult[] = Array.from({ length: count }, () => ({ outcome: "replayed" }));
  for (const row of rows) {
    if (!row.nonce_new) continue;
    out[row.ord] = row.event_id ? { outcome: "stored", eventId: row.event_id } : { outcome: "duplicate" };
  }
  return out;
}

/**
 * Records the nonces and raw events of several callbacks in one statement. A replayed nonce inserts
 * nothing; a duplicate event keeps its nonce, so a later replay of that request is still refused.
 * The events must differ in (app, nonce) and (app, dedupe key) — the commit queue sees to it.
 * Results come back in the order of `events`.
 */
export async function insertEvents(db: DbOrTx, events: readonly NewEvent[]): Promise<StoreResult[]> {
  const rows = await queryArrays<EventRow>(db, INSERT_EVENTS, eventParams(events, events.map(() => randomUUID())));
  return eventOutcomes(events.length, rows);
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
