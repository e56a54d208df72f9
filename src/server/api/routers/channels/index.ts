import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { connectionView } from "@/server/services/channels/view";
import { disconnectChannel } from "@/server/services/channels/disconnect";
import { setSenderToken } from "@/server/services/channels/whatsapp";
import * as h from "./handlers";
import {
  abortInput,
  beginInput,
  channelInput,
  completeLoginInput,
  connectionOutput,
  getOutput,
  loginOutput,
  okOutput,
  pagesOutput,
  selectPageInput,
  selectPageOutput,
  sessionInput,
  signupInput,
} from "./schemas";

const connectProcedure = permissionProcedure("channels.connect");
const customer = z.object({ customerId: z.uuid() });
const scope = (ctx: { db: h.Scope["db"]; actor: h.Scope["actor"] }, customerId: string): h.Scope => ({ db: ctx.db, actor: ctx.actor, customerId });

/** Staff run any channel flow for any customer (permission `channels.connect` / `channels.disconnect`). */
export const channelsRouter = createTRPCRouter({
  get: connectProcedure
    .input(customer.extend({ channel: channelInput }))
    .output(getOutput)
    .query(({ ctx, input }) => h.getWizard(scope(ctx, input.customerId), input.channel)),
  begin: connectProcedure
    .input(customer.extend(beginInput.shape))
    .output(okOutput)
    .mutation(({ ctx, input }) => h.begin(scope(ctx, input.customerId), input)),
  completeLogin: connectProcedure
    .input(customer.extend(completeLoginInput.shape))
    .output(loginOutput)
    .mutation(({ ctx, input }) => h.login(scope(ctx, input.customerId), input)),
  listPages: connectProcedure
    .input(customer.extend(sessionInput.shape))
    .output(pagesOutput)
    .query(({ ctx, input }) => h.pages(scope(ctx, input.customerId), input)),
  selectPage: connectProcedure
    .input(customer.extend(selectPageInput.shape))
    .output(selectPageOutput)
    .mutation(({ ctx, input }) => h.pickPage(scope(ctx, input.customerId), input)),
  connect: connectProcedure
    .input(customer.extend(sessionInput.shape))
    .output(connectionOutput)
    .mutation(({ ctx, input }) => h.connect(scope(ctx, input.customerId), input)),
  whatsappSignup: connectProcedure
    .input(customer.extend(signupInput.shape))
    .output(connectionOutput)
    .mutation(({ ctx, input }) => h.signup(scope(ctx, input.customerId), input)),
  reportAbort: connectProcedure
    .input(customer.extend(abortInput.shape))
    .output(okOutput)
    .mutation(({ ctx, input }) => h.abort(scope(ctx, input.customerId), input)),
  setSenderToken: connectProcedure
    .input(customer.extend({ token: z.string().trim().min(8).max(2000) }))
    .output(connectionOutput)
    .mutation(async ({ ctx, input }) => connectionView(await setSenderToken(ctx.db, ctx.actor, input.customerId, input.token), "WHATSAPP")),
  disconnect: permissionProcedure("channels.disconnect")
    .input(customer.extend({ channel: channelInput, confirmation: z.string().max(100) }))
    .output(connectionOutput)
    .mutation(async ({ ctx, input }) => connectionView(await disconnectChannel(ctx.db, ctx.actor, input.customerId, input.channel, input.confirmation), input.channel)),
});
