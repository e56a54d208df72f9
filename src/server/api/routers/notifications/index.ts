import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { listNotifications, markNotificationsRead } from "@/server/services/notifications";

const item = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  customerId: z.string().uuid().nullable(),
  href: z.string().nullable(),
  readAt: z.date().nullable(),
  createdAt: z.date(),
});

const own = permissionProcedure("notifications.read");

/** Each staff member's own notifications; the user id always comes from the session. */
export const notificationsRouter = createTRPCRouter({
  list: own
    .input(z.object({ limit: z.number().int().min(1).max(100).default(30), unreadOnly: z.boolean().default(false) }))
    .output(z.object({ unread: z.number().int(), items: z.array(item) }))
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.user.id, input)),
  markRead: own
    .input(z.object({ ids: z.union([z.array(z.string().uuid()).max(100), z.literal("all")]) }))
    .output(z.object({ updated: z.number().int() }))
    .mutation(async ({ ctx, input }) => ({ updated: await markNotificationsRead(ctx.db, ctx.user.id, input.ids, ctx.now()) })),
});
