import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/services/api-keys";
import { apiKeyIdInput, apiKeyOutput, createApiKeyInput, createdApiKeyOutput } from "./schemas";

// Admins only: a full-scope key acts on every customer.
const manage = permissionProcedure("apiKeys.manage");

export const apiKeysRouter = createTRPCRouter({
  list: manage
    .input(z.object({}).default({}))
    .output(z.array(apiKeyOutput))
    .query(({ ctx }) => listApiKeys(ctx.db)),
  create: manage
    .input(createApiKeyInput)
    .output(createdApiKeyOutput)
    .mutation(({ ctx, input }) => createApiKey(ctx.db, { name: input.name, scope: input.scope, actorUserId: ctx.user.id })),
  revoke: manage
    .input(apiKeyIdInput)
    .output(z.object({ id: z.string().uuid() }))
    .mutation(async ({ ctx, input }) => {
      await revokeApiKey(ctx.db, { id: input.keyId, actorUserId: ctx.user.id });
      return { id: input.keyId };
    }),
});
