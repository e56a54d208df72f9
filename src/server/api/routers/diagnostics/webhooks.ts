import { z } from "zod";
import { permissionProcedure } from "@/server/api/trpc";
import { otherWebhooks, probeRegionsOnly } from "@/server/services/diagnostics/fixes";
import { regionsOutput, webhooksOutput } from "./schemas";

const customerInput = z.object({ customerId: z.uuid("Unknown customer.") });

/** Other webhooks on the customer's app, for the "free a slot" picker. */
export const otherWebhooksProcedure = permissionProcedure("diagnostics.fix")
  .input(customerInput)
  .output(webhooksOutput)
  .query(({ ctx, input }) => otherWebhooks(ctx.db, input.customerId));

/** GET app on every region without changing anything (correcting is the `probe_regions` fix). */
export const probeRegionsProcedure = permissionProcedure("diagnostics.run")
  .input(customerInput)
  .output(regionsOutput)
  .mutation(({ ctx, input }) => probeRegionsOnly(ctx.db, ctx.actor, input.customerId));
