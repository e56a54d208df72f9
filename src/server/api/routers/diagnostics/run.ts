import { permissionProcedure } from "@/server/api/trpc";
import { runDiagnosis } from "@/server/services/diagnostics/run";
import { customerChannelInput, runSchema } from "./schemas";

export const run = permissionProcedure("diagnostics.run")
  .input(customerChannelInput)
  .output(runSchema)
  .mutation(({ ctx, input }) => runDiagnosis(ctx.db, ctx.actor, { ...input, trigger: "manual" }));
