import type { OutgoingEvent } from "@/server/db/schema";

/** The body receivers get: Standard Webhooks' recommended `{ type, timestamp, data }`. */
export function eventBody(event: Pick<OutgoingEvent, "type" | "occurredAt" | "data">): string {
  return JSON.stringify({ type: event.type, timestamp: event.occurredAt.toISOString(), data: event.data });
}

/** `webhook-id`: one per event and endpoint, the same on every retry and replay (the receiver's idempotency key). */
export const messageIdOf = (deliveryId: string) => `msg_${deliveryId.replaceAll("-", "")}`;
