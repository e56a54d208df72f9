import { permissionProcedure } from "@/server/api/trpc";
import { latestDiagnosis } from "@/server/services/diagnostics/latest";
import { customerChannelInput, latestOutput } from "./schemas";

/** The channel's latest diagnosis and its recent history; no outside call (the page runs a fresh one on demand). */
export const latest = permissionProcedure("diagnostics.run")
  .input(customerChannelInput)
  .output(latestOutput)
  .query(({ ctx, input }) => latestDiagnosis(ctx.db, input.customerId, input.channel));
