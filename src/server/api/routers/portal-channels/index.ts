import { z } from "zod";
import { createTRPCRouter, customerProcedure } from "@/server/api/trpc";
import type { Channel } from "@/server/db/schema";
import { notFound } from "@/server/errors";
import * as h from "../channels/handlers";
import {
  abortInput,
  beginInput,
  channelInput,
  completeLoginInput,
  loginOutput,
  okOutput,
  pagesOutput,
  portalConnectionOutput,
  portalGetOutput,
  selectPageInput,
  selectPageOutput,
  sessionInput,
  signupInput,
} from "../channels/schemas";

/**
 * The same flows for a customer with temporary access: the customer id comes from the grant, and
 * only channels the grant asked for exist here (others are NOT_FOUND).
 */
const granted = customerProcedure;
function scope(ctx: { db: h.Scope["db"]; actor: h.Scope["actor"]; customerId: string; grant: { channels: string[] } }, channel: Channel): h.Scope {
  if (!ctx.grant.channels.includes(channel)) throw notFound("Channel");
  return { db: ctx.db, actor: ctx.actor, customerId: ctx.customerId };
}

export const portalChannelsRouter = createTRPCRouter({
  get: granted
    .input(z.object({ channel: channelInput }))
    .output(portalGetOutput)
    .query(({ ctx, input }) => h.getWizard(scope(ctx, input.channel), input.channel)),
  begin: granted
    .input(beginInput)
    .output(okOutput)
    .mutation(({ ctx, input }) => h.begin(scope(ctx, input.channel), input)),
  completeLogin: granted
    .input(completeLoginInput)
    .output(loginOutput)
    .mutation(({ ctx, input }) => h.login(scope(ctx, input.channel), input)),
  listPages: granted
    .input(sessionInput)
    .output(pagesOutput)
    .query(({ ctx, input }) => h.pages(scope(ctx, input.channel), input)),
  selectPage: granted
    .input(selectPageInput)
    .output(selectPageOutput)
    .mutation(({ ctx, input }) => h.pickPage(scope(ctx, input.channel), input)),
  connect: granted
    .input(sessionInput)
    .output(portalConnectionOutput)
    .mutation(({ ctx, input }) => h.connect(scope(ctx, input.channel), input)),
  whatsappSignup: granted
    .input(signupInput)
    .output(portalConnectionOutput)
    .mutation(({ ctx, input }) => h.signup(scope(ctx, "WHATSAPP"), input)),
  reportAbort: granted
    .input(abortInput)
    .output(okOutput)
    .mutation(({ ctx, input }) => h.abort(scope(ctx, input.channel), input)),
});
