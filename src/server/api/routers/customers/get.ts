import { permissionProcedure } from "@/server/api/trpc";
import { customerTimeline, getCustomerDetail } from "@/server/services/customers/detail";
import { customerIdInput, detailOutput, timelineInput, timelineOutput } from "./schemas";

export const get = permissionProcedure("customers.read")
  .input(customerIdInput)
  .output(detailOutput)
  .query(({ ctx, input }) => getCustomerDetail(ctx.db, input.customerId, ctx.now()));

export const timeline = permissionProcedure("customers.read")
  .input(timelineInput)
  .output(timelineOutput)
  .query(({ ctx, input }) => customerTimeline(ctx.db, input.customerId, input.limit));
