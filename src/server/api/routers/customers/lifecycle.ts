import { permissionProcedure } from "@/server/api/trpc";
import { deleteCustomerApp, setArchived } from "@/server/services/customers/archive";
import { markChecklist } from "@/server/services/customers/checklist";
import { checklistInput, customerIdInput, deleteAppInput, okOutput } from "./schemas";

const ok = { ok: true as const };

export const setChecklist = permissionProcedure("customers.write")
  .input(checklistInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => (await markChecklist(ctx.db, ctx.actor, input.customerId, input.item, input.done), ok));

export const archive = permissionProcedure("customers.archive")
  .input(customerIdInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => (await setArchived(ctx.db, ctx.actor, input.customerId, true), ok));

export const unarchive = permissionProcedure("customers.archive")
  .input(customerIdInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => (await setArchived(ctx.db, ctx.actor, input.customerId, false), ok));

/** Irreversible: the caller types the app id back as confirmation. */
export const deleteApp = permissionProcedure("customers.deleteApp")
  .input(deleteAppInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => (await deleteCustomerApp(ctx.db, ctx.actor, input.customerId, input.confirmation), ok));
