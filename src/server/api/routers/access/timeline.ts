import { permissionProcedure } from "@/server/api/trpc";
import { accessTimeline } from "@/server/services/access/queries";
import { customerIdInput, timelineOutput } from "./schemas";

export const timeline = permissionProcedure("grants.read")
  .input(customerIdInput)
  .output(timelineOutput)
  .query(({ ctx, input }) => accessTimeline(ctx.db, input.customerId));
