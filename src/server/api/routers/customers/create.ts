import { z } from "zod";
import { permissionProcedure } from "@/server/api/trpc";
import { createCustomer, linkExistingProject, updateCustomer } from "@/server/services/customers/create-flow";
import { runSetup } from "@/server/services/customers/setup-runner";
import { createCustomerInput, linkProjectInput, okOutput, runSetupInput, runSetupOutput, updateInput } from "./schemas";

const write = permissionProcedure("customers.write");

/** Records the customer; the client then calls `runSetup`, polling `get` to show each step. */
export const create = write
  .input(createCustomerInput)
  .output(z.object({ customerId: z.string().uuid() }))
  .mutation(({ ctx, input }) => createCustomer(ctx.db, ctx.actor, input));

/** Runs (or resumes) the external steps; safe to call again at any time. */
export const runSetupProcedure = write
  .input(runSetupInput)
  .output(runSetupOutput)
  .mutation(({ ctx, input }) => runSetup(ctx.db, ctx.actor, input.customerId, { replaceWebhookId: input.replaceWebhookId }));

export const linkProject = write
  .input(linkProjectInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    const { customerId, ...key } = input;
    await linkExistingProject(ctx.db, ctx.actor, customerId, key);
    return { ok: true as const };
  });

export const update = write
  .input(updateInput)
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    const { customerId, ...fields } = input;
    await updateCustomer(ctx.db, ctx.actor, customerId, fields);
    return { ok: true as const };
  });
