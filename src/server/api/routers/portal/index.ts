import { z } from "zod";
import { createTRPCRouter, customerProcedure } from "@/server/api/trpc";
import { channels, channelStateEnum } from "@/server/db/schema/channels";
import { portalOverview } from "@/server/services/access/portal";

const overviewOutput = z.object({
  resellerName: z.string(),
  customerName: z.string(),
  invitedEmail: z.string(),
  note: z.string().nullable(),
  expiresAt: z.date(),
  autoEnds: z.boolean(),
  channels: z.array(
    z.object({
      channel: z.enum(channels),
      state: z.enum(channelStateEnum.enumValues),
      asset: z.string().nullable(),
      pending: z.boolean(),
      nextStep: z.string(),
      updatedAt: z.date().nullable(),
    }),
  ),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
});

/** Customer-facing procedures: scoped by the session's grant, never by an id from the input. */
export const portalRouter = createTRPCRouter({
  overview: customerProcedure
    .input(z.object({}).optional())
    .output(overviewOutput)
    .query(({ ctx }) => portalOverview(ctx.db, ctx.grant)),
});
