import type { ParsedCallback } from "@/server/webhooks/sinch/types";
import { writeChannelEvent, writeContactNotification, writeConversationActivity } from "./write-activity";
import type { WriteContext } from "./write-context";
import { writeInboundMessage, writeUnsupported } from "./write-message";
import { writeDeliveryReport } from "./write-reports";

/** When the callback happened on the channel: event time, else Sinch's accept time. */
export function callbackTime(parsed: ParsedCallback, receivedAt: Date): Date {
  return parsed.envelope.eventTime ?? parsed.envelope.acceptedTime ?? receivedAt;
}

/**
 * Writes the normalised rows of one stored event. Idempotent: replaying an event, or storing a
 * callback whose rows already exist, changes nothing.
 */
export async function writeNormalized(ctx: WriteContext, parsed: ParsedCallback): Promise<void> {
  const n = parsed.normalized;
  switch (parsed.kind) {
    case "message_inbound":
      if (n.message) await writeInboundMessage(ctx, { ...n, message: n.message });
      return;
    case "delivery_report":
      if (n.deliveryReport) await writeDeliveryReport(ctx, n.deliveryReport);
      return;
    case "unsupported":
      if (n.unsupported) await writeUnsupported(ctx, { ...n, unsupported: n.unsupported });
      return;
    case "contact_create":
    case "contact_update":
    case "contact_delete":
    case "contact_merge":
      await writeContactNotification(ctx, parsed.kind, n);
      return;
    case "channel_event":
      await writeChannelEvent(ctx, n);
      return;
    case "event_inbound":
    case "event_delivery":
    case "conversation_start":
    case "conversation_stop":
    case "conversation_delete":
    case "capability":
    case "opt_in":
    case "opt_out":
      await writeConversationActivity(ctx, parsed.kind, n);
      return;
    default:
      // message_submit, smart conversations, redactions, unknown kinds: the raw event is the record.
      return;
  }
}
