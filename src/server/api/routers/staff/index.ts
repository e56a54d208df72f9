import { z } from "zod";
import { env } from "@/env";
import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { changeRole, createStaff, listStaff, resetPassword, setDisabled } from "@/server/services/staff";
import {
  changeRoleInput,
  createStaffInput,
  createStaffOutput,
  resetPasswordInput,
  resetPasswordOutput,
  setDisabledInput,
  staffMemberSchema,
} from "./schemas";

const manage = permissionProcedure("staff.manage");

export const staffRouter = createTRPCRouter({
  list: manage.output(z.array(staffMemberSchema)).query(({ ctx }) => listStaff(ctx.db)),
  create: manage
    .input(createStaffInput)
    .output(createStaffOutput)
    .mutation(({ ctx, input }) => createStaff(ctx.db, ctx.actor, input, env.PUBLIC_URL)),
  changeRole: manage
    .input(changeRoleInput)
    .output(staffMemberSchema)
    .mutation(({ ctx, input }) => changeRole(ctx.db, ctx.actor, input.userId, input.role)),
  setDisabled: manage
    .input(setDisabledInput)
    .output(staffMemberSchema)
    .mutation(({ ctx, input }) => setDisabled(ctx.db, ctx.actor, input.userId, input.disabled)),
  resetPassword: manage
    .input(resetPasswordInput)
    .output(resetPasswordOutput)
    .mutation(({ ctx, input }) => resetPassword(ctx.db, ctx.actor, input.userId, { password: input.password }, env.PUBLIC_URL)),
});
