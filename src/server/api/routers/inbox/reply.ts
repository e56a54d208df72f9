import { z } from "zod";
import { permissionProcedure } from "@/server/api/trpc";
import { sendReply } from "@/server/services/inbox/reply";
import { replyInput } from "./schemas";

/** Sends within the conversation's window; the new rows show as pending, then follow their reports. */
export const reply = permissionProcedure("inbox.reply")
  .input(replyInput)
  .output(z.object({ messageIds: z.array(z.string().uuid()) }))
  .mutation(({ ctx, input }) => sendReply(ctx.db, ctx.actor, input, ctx.now()));
