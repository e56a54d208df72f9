import { permissionProcedure } from "@/server/api/trpc";
import { extendGrant } from "@/server/services/access/grants";
import { extendInput, grantSchema } from "./schemas";

export const extend = permissionProcedure("grants.write")
  .input(extendInput)
  .output(grantSchema)
  .mutation(({ ctx, input }) => extendGrant(ctx.db, ctx.actor, input, ctx.now()));
