import { permissionProcedure } from "@/server/api/trpc";
import { applyFix } from "@/server/services/diagnostics/fixes";
import { applyFixInput, applyFixOutput } from "./schemas";

export const applyFixProcedure = permissionProcedure("diagnostics.fix")
  .input(applyFixInput)
  .output(applyFixOutput)
  .mutation(({ ctx, input }) => applyFix(ctx.db, ctx.actor, input));
