import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { rowsOf } from "@/server/db/rows";
import type { OutgoingEventType } from "@/server/db/schema";
import { nudgeDeliveries } from "./nudge";

export interface EmitInput {
  type: OutgoingEventType;
  customerId: string | null;
  data: Record<string, unknown>;
  occurredAt?: Date;
  /** Makes emitting idempotent: a second event with the same key is dropped. */
  dedupeKey?: string;
}

/**
 * Records a domain event and one delivery per enabled endpoint subscribed to its type, in ONE
 * statement, inside the caller's transaction (pass the `tx` of the state change). With no
 * subscriber nothing is written. The sender is nudged; if the nudge runs before the commit (or
 * is lost), the minute sweep delivers.
 */
export async function emitEvent(db: DbOrTx, e: EmitInput): Promise<number> {
  const at = (e.occurredAt ?? new Date()).toISOString();
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      WITH subscribers AS (
        SELECT id FROM event_endpoints WHERE enabled AND ${e.type} = ANY(event_types)
      ),
      ev AS (
        INSERT INTO outgoing_events (type, customer_id, data, occurred_at, dedupe_key)
        SELECT ${e.type}, ${e.customerId}::uuid, ${JSON.stringify(e.data)}::jsonb, ${at}::timestamptz, ${e.dedupeKey ?? null}
        WHERE EXISTS (SELECT 1 FROM subscribers)
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING id
      )
      INSERT INTO event_deliveries (event_id, endpoint_id, status, next_attempt_at)
      -- Milliseconds, like the JavaScript clock the sender compares with: due at once, not a microsecond later.
      SELECT ev.id, subscribers.id, 'pending', date_trunc('milliseconds', now()) FROM ev, subscribers
      RETURNING id`),
  );
  if (rows.length) await nudgeDeliveries(rows.map((r) => r.id));
  return rows.length;
}
