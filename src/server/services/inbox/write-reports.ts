import { sql } from "drizzle-orm";
import { deliveryStatusRank } from "@/server/db/schema";
import type { NormalizedDeliveryReport } from "@/server/webhooks/sinch/types";
import type { WriteContext } from "./write-context";

/** Unknown statuses are stored and shown but never move a message's status. */
export const rankOf = (status: string): number => deliveryStatusRank[status] ?? -1;

/**
 * Stores the report and advances its message in one statement: a report never moves a message
 * backwards (READ then a late DELIVERED stays READ), a failure flags the conversation, and a report
 * for a message not stored yet is kept and applied when the message appears (`applyStoredReports`).
 */
export async function writeDeliveryReport(ctx: WriteContext, r: NormalizedDeliveryReport): Promise<void> {
  const rank = rankOf(r.status);
  const failed = r.status === "FAILED";
  await ctx.tx.execute(sql`
    WITH report AS (
      INSERT INTO delivery_reports (app_id, sinch_message_id, status, reason_code, reason_sub_code, reason_description, channel, at, event_id)
      SELECT ${ctx.appId}, ${r.sinchMessageId}, ${r.status}, ${r.reasonCode ?? null}, ${r.reasonSubCode ?? null}, ${r.reasonDescription ?? null},
             ${r.channel ?? null}, ${r.at.toISOString()}::timestamptz, ${ctx.eventId}::uuid
      WHERE NOT EXISTS (SELECT 1 FROM delivery_reports WHERE sinch_message_id = ${r.sinchMessageId}
                        AND at = ${r.at.toISOString()}::timestamptz AND status = ${r.status})
    ),
    msg AS (
      UPDATE messages SET status = ${r.status}, status_rank = ${rank}, reason_code = ${r.reasonCode ?? null}, reason_description = ${r.reasonDescription ?? null}
      WHERE sinch_message_id = ${r.sinchMessageId} AND customer_id = ${ctx.customerId}::uuid AND status_rank < ${rank}
      RETURNING conversation_id
    )
    UPDATE conversations SET has_failure = conversations.has_failure OR ${failed}, updated_at = now()
    FROM msg WHERE conversations.id = msg.conversation_id`);
}

const rankCase = sql.raw(
  `CASE status ${Object.entries(deliveryStatusRank).map(([status, rank]) => `WHEN '${status}' THEN ${rank}`).join(" ")} ELSE -1 END`,
);

/**
 * Applies reports that arrived before the message had its Sinch id: the best status wins, with
 * the reason of the report that carried it.
 */
export async function applyStoredReports(tx: WriteContext["tx"], messageId: string, sinchMessageId: string): Promise<void> {
  await tx.execute(sql`
    WITH best AS (
      SELECT status, reason_code, reason_description,
             ${rankCase} AS rank
      FROM delivery_reports WHERE sinch_message_id = ${sinchMessageId}
      ORDER BY rank DESC, at DESC LIMIT 1
    ),
    msg AS (
      UPDATE messages SET status = best.status, status_rank = best.rank, reason_code = best.reason_code, reason_description = best.reason_description
      FROM best WHERE messages.id = ${messageId}::uuid AND messages.status_rank < best.rank
      RETURNING messages.conversation_id, best.status
    )
    UPDATE conversations SET has_failure = conversations.has_failure OR msg.status = 'FAILED', updated_at = now()
    FROM msg WHERE conversations.id = msg.conversation_id`);
}
