import { permissionProcedure } from "@/server/api/trpc";
import { buildSupportBundle } from "@/server/services/diagnostics/fixes";
import { bundleOutput, customerChannelInput } from "./schemas";

/** A mutation because it calls Sinch and Meta afresh and is audited. */
export const supportBundle = permissionProcedure("diagnostics.run")
  .input(customerChannelInput)
  .output(bundleOutput)
  .mutation(({ ctx, input }) => buildSupportBundle(ctx.db, ctx.actor, input.customerId, input.channel));
