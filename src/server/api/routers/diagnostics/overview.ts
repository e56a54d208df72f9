import { permissionProcedure } from "@/server/api/trpc";
import { healthOverview } from "@/server/services/diagnostics/overview";
import { overviewInput, overviewOutput } from "./schemas";

export const overview = permissionProcedure("diagnostics.run")
  .input(overviewInput)
  .output(overviewOutput)
  .query(({ ctx, input }) => healthOverview(ctx.db, input, ctx.now()));
