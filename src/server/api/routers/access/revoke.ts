import { permissionProcedure } from "@/server/api/trpc";
import { revokeGrant } from "@/server/services/access/grants";
import { grantSchema, revokeInput } from "./schemas";

export const revoke = permissionProcedure("grants.revoke")
  .input(revokeInput)
  .output(grantSchema)
  .mutation(({ ctx, input }) => revokeGrant(ctx.db, ctx.actor, input, ctx.now()));
