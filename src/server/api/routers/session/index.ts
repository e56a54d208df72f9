import { z } from "zod";
import { can, permissionNames } from "@/server/auth/permissions";
import { createTRPCRouter, staffProcedure } from "@/server/api/trpc";

export const sessionRouter = createTRPCRouter({
  /** The signed-in staff member and what they may do (drives navigation; every procedure still checks). */
  me: staffProcedure
    .output(
      z.object({
        id: z.string(),
        email: z.string(),
        name: z.string(),
        role: z.enum(["admin", "staff"]),
        permissions: z.array(z.enum(permissionNames)),
      }),
    )
    .query(({ ctx }) => ({
      id: ctx.user.id,
      email: ctx.user.email,
      name: ctx.user.name,
      role: ctx.user.role,
      permissions: permissionNames.filter((p) => can(ctx.user.role, p)),
    })),
});
