import { permissionProcedure } from "@/server/api/trpc";
import { listGrants } from "@/server/services/access/queries";
import { listInput, listOutput } from "./schemas";

export const list = permissionProcedure("grants.read")
  .input(listInput)
  .output(listOutput)
  .query(({ ctx, input }) => listGrants(ctx.db, input, ctx.now()));
