import { z } from "zod";
import { eventFilterInput, eventSummary } from "@/server/api/routers/inbox/schemas";
import { getEvent, listEvents, replayEvent } from "@/server/services/inbox/events";
import { decodeCursor, encodeKeyset, keysetCursor, listOf, pageQuery } from "../pagination";
import { defineRoute } from "../route";
import { customerParams, requireCustomer, sameCustomer } from "./scope";

const eventParams = customerParams.extend({ eventId: z.uuid("Unknown event.") });

export const webhookEventRoutes = [
  defineRoute({
    method: "GET",
    path: "/customers/{customerId}/webhook-events",
    operationId: "listWebhookEvents",
    summary: "Sinch callbacks stored for the customer's app, newest first",
    tag: "Webhook events",
    params: customerParams,
    query: eventFilterInput.pick({ kind: true, status: true }).extend(pageQuery.shape),
    status: 200,
    response: listOf(eventSummary),
    handler: async ({ db }, { params, query }) => {
      await requireCustomer(db, params.customerId);
      const { cursor, ...filter } = query;
      const page = await listEvents(db, { ...filter, customerId: params.customerId, cursor: decodeCursor(cursor, keysetCursor) });
      return { data: page.items, next_cursor: encodeKeyset(page.nextCursor) };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/customers/{customerId}/webhook-events/{eventId}/replay",
    operationId: "replayWebhookEvent",
    summary: "Process a stored callback again (idempotent on the portal side: no message is stored twice)",
    tag: "Webhook events",
    params: eventParams,
    status: 200,
    response: z.object({ status: z.enum(["processed", "stored_raw", "failed"]), error: z.string().nullable() }),
    handler: async ({ db, actor }, { params }) => {
      sameCustomer(await getEvent(db, params.eventId), params.customerId, "That event");
      return replayEvent(db, actor, params.eventId);
    },
  }),
];
