import { permissionProcedure } from "@/server/api/trpc";
import { accessLimits } from "@/server/services/access/grants";
import { grantsForCustomer } from "@/server/services/access/queries";
import { customerIdInput, forCustomerOutput } from "./schemas";

export const forCustomer = permissionProcedure("grants.read")
  .input(customerIdInput)
  .output(forCustomerOutput)
  .query(async ({ ctx, input }) => {
    const [data, limits] = await Promise.all([grantsForCustomer(ctx.db, input.customerId, ctx.now()), accessLimits(ctx.db)]);
    return { ...data, limits: { defaultHours: limits.defaultHours, maxHours: limits.maxHours } };
  });
