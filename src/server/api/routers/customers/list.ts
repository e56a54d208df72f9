import { permissionProcedure } from "@/server/api/trpc";
import { listCustomers } from "@/server/services/customers/queries";
import { listInput, listOutput } from "./schemas";

export const list = permissionProcedure("customers.read")
  .input(listInput)
  .output(listOutput)
  .query(({ ctx, input }) => listCustomers(ctx.db, input, ctx.now()));
