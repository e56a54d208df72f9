import { z } from "zod";
import { permissionProcedure } from "@/server/api/trpc";
import { inboxCustomers, inboxVersion, listConversations, markConversationRead } from "@/server/services/inbox/conversation-list";
import { conversationActivity, conversationHeader, threadPage } from "@/server/services/inbox/thread";
import { conversationIdInput, listInput, listOutput, threadInput, threadOutput } from "./schemas";

const read = permissionProcedure("inbox.read");

export const list = read
  .input(listInput)
  .output(listOutput)
  .query(({ ctx, input }) => listConversations(ctx.db, input, ctx.now()));

export const thread = read
  .input(threadInput)
  .output(threadOutput)
  .query(async ({ ctx, input }) => {
    const conversation = await conversationHeader(ctx.db, input.conversationId, ctx.now());
    const [page, activity] = await Promise.all([
      threadPage(ctx.db, conversation.id, { before: input.before, limit: input.limit, now: ctx.now() }),
      input.before ? Promise.resolve([]) : conversationActivity(ctx.db, conversation.id),
    ]);
    return { conversation, messages: page.items, olderCursor: page.olderCursor, activity };
  });

/** Polled about once a second by an open inbox; any instance answers from Postgres. */
export const version = read
  .input(z.object({ customerId: z.string().uuid().optional() }).default({}))
  .output(z.object({ version: z.string() }))
  .query(async ({ ctx, input }) => ({ version: await inboxVersion(ctx.db, input.customerId) }));

export const markRead = read
  .input(conversationIdInput)
  .output(z.object({ changed: z.boolean() }))
  .mutation(async ({ ctx, input }) => {
    const changed = await markConversationRead(ctx.db, input.conversationId);
    // Not-found check only when nothing changed, so the common path stays one statement.
    if (!changed) await conversationHeader(ctx.db, input.conversationId);
    return { changed };
  });

export const customers = read
  .input(z.object({}).default({}))
  .output(z.array(z.object({ id: z.string().uuid(), name: z.string() })))
  .query(({ ctx }) => inboxCustomers(ctx.db));
