import { permissionProcedure } from "@/server/api/trpc";
import { resendGrant } from "@/server/services/access/grants";
import { grantIdInput, grantSchema } from "./schemas";

export const resend = permissionProcedure("grants.write")
  .input(grantIdInput)
  .output(grantSchema)
  .mutation(({ ctx, input }) => resendGrant(ctx.db, ctx.actor, input, ctx.now()));
