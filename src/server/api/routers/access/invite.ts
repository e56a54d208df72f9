import { permissionProcedure } from "@/server/api/trpc";
import { inviteCustomer } from "@/server/services/access/grants";
import { grantSchema, inviteInput } from "./schemas";

export const invite = permissionProcedure("grants.write")
  .input(inviteInput)
  .output(grantSchema)
  .mutation(({ ctx, input }) => inviteCustomer(ctx.db, ctx.actor, input, ctx.now()));
