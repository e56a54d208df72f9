import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { auditActions } from "@/server/db/schema";
import { dateFilter } from "@/server/api/schemas";
import { listAudit } from "@/server/services/audit";

const entrySchema = z.object({
  id: z.string(),
  at: z.date(),
  actorType: z.enum(["user", "customer", "system"]),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.enum(auditActions),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  customerId: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
});

export const auditRouter = createTRPCRouter({
  list: permissionProcedure("audit.read")
    .input(
      z.object({
        actorId: z.string().max(200).optional(),
        action: z.enum(auditActions).optional(),
        customerId: z.string().uuid().optional(),
        from: dateFilter.optional(),
        to: dateFilter.optional(),
        page: z.number().int().min(1).max(100_000).default(1),
        pageSize: z.number().int().min(1).max(100).default(25),
      }),
    )
    .output(z.object({ rows: z.array(entrySchema), total: z.number().int() }))
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
  actions: permissionProcedure("audit.read")
    .output(z.array(z.enum(auditActions)))
    .query(() => [...auditActions]),
});
