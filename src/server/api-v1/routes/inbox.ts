import { z } from "zod";
import { channelInput, conversationItem, messageOutput, replyBody, threadOutput } from "@/server/api/routers/inbox/schemas";
import { listConversations } from "@/server/services/inbox/conversation-list";
import { sendReply } from "@/server/services/inbox/reply";
import { conversationHeader, threadPage } from "@/server/services/inbox/thread";
import { decodeCursor, encodeKeyset, keysetCursor, listOf, pageQuery } from "../pagination";
import { defineRoute } from "../route";
import { customerParams, queryBoolean, requireCustomer, sameCustomer } from "./scope";

const conversationParams = customerParams.extend({ conversationId: z.uuid("Unknown conversation.") });

async function scopedConversation(db: Parameters<typeof conversationHeader>[0], customerId: string, conversationId: string, now: Date) {
  return sameCustomer(await conversationHeader(db, conversationId, now), customerId, "That conversation");
}

export const inboxRoutes = [
  defineRoute({
    method: "GET",
    path: "/customers/{customerId}/conversations",
    operationId: "listConversations",
    summary: "The customer's conversations, latest message first",
    tag: "Inbox",
    params: customerParams,
    query: z.object({ channel: channelInput.optional(), unread: queryBoolean.optional(), failures: queryBoolean.optional(), search: z.string().trim().max(100).optional() }).extend(pageQuery.shape),
    status: 200,
    response: listOf(conversationItem),
    handler: async ({ db, now }, { params, query }) => {
      await requireCustomer(db, params.customerId);
      const { cursor, ...filter } = query;
      const page = await listConversations(db, { ...filter, customerId: params.customerId, cursor: decodeCursor(cursor, keysetCursor) }, now());
      return { data: page.items, next_cursor: encodeKeyset(page.nextCursor) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/customers/{customerId}/conversations/{conversationId}",
    operationId: "getConversation",
    summary: "A conversation with its reply window and one page of messages (newest page first; `cursor` goes back in time)",
    tag: "Inbox",
    params: conversationParams,
    query: pageQuery,
    status: 200,
    response: z.object({ conversation: threadOutput.shape.conversation, messages: z.array(messageOutput), next_cursor: z.string().nullable() }),
    handler: async ({ db, now }, { params, query }) => {
      const conversation = await scopedConversation(db, params.customerId, params.conversationId, now());
      const page = await threadPage(db, conversation.id, { before: decodeCursor(query.cursor, keysetCursor), limit: query.limit, now: now() });
      return { conversation, messages: page.items, next_cursor: encodeKeyset(page.olderCursor) };
    },
  }),
  defineRoute({
    method: "POST",
    path: "/customers/{customerId}/conversations/{conversationId}/replies",
    operationId: "replyToConversation",
    summary: "Send a reply while the channel's reply window is open",
    tag: "Inbox",
    params: conversationParams,
    body: replyBody,
    status: 201,
    response: z.object({ messageIds: z.array(z.uuid()) }),
    errors: [502],
    handler: async ({ db, actor, now }, { params, body }) => {
      await scopedConversation(db, params.customerId, params.conversationId, now());
      return sendReply(db, actor, { ...body, conversationId: params.conversationId }, now());
    },
  }),
];
