import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { createEndpoint, deleteEndpoint, listEndpoints, rotateEndpointSecret, updateEndpoint } from "@/server/services/events/endpoints";
import { getDelivery, listDeliveries, replayDelivery } from "@/server/services/events/log";
import {
  deliveriesInput,
  deliveriesOutput,
  deliveryDetail,
  endpointIdInput,
  endpointInput,
  endpointOutput,
  replayOutput,
  withSecretOutput,
} from "./schemas";

// Admins only: an endpoint receives every customer's events, and its secret signs them.
const manage = permissionProcedure("events.manage");

export const eventsRouter = createTRPCRouter({
  endpoints: manage
    .input(z.object({}).default({}))
    .output(z.array(endpointOutput))
    .query(({ ctx }) => listEndpoints(ctx.db)),
  createEndpoint: manage
    .input(endpointInput)
    .output(withSecretOutput)
    .mutation(({ ctx, input }) => createEndpoint(ctx.db, ctx.actor, input)),
  updateEndpoint: manage
    .input(endpointInput.extend(endpointIdInput.shape))
    .output(endpointOutput)
    .mutation(({ ctx, input }) => updateEndpoint(ctx.db, ctx.actor, input.endpointId, input)),
  deleteEndpoint: manage
    .input(endpointIdInput)
    .output(z.object({ id: z.string().uuid() }))
    .mutation(({ ctx, input }) => deleteEndpoint(ctx.db, ctx.actor, input.endpointId)),
  rotateSecret: manage
    .input(endpointIdInput)
    .output(withSecretOutput)
    .mutation(({ ctx, input }) => rotateEndpointSecret(ctx.db, ctx.actor, input.endpointId, ctx.now())),
  deliveries: manage
    .input(deliveriesInput)
    .output(deliveriesOutput)
    .query(({ ctx, input }) => listDeliveries(ctx.db, input)),
  delivery: manage
    .input(z.object({ deliveryId: z.string().uuid() }))
    .output(deliveryDetail)
    .query(({ ctx, input }) => getDelivery(ctx.db, input.deliveryId)),
  replay: manage
    .input(z.object({ deliveryId: z.string().uuid() }))
    .output(replayOutput)
    .mutation(({ ctx, input }) => replayDelivery(ctx.db, ctx.actor, input.deliveryId, { now: ctx.now() })),
});
