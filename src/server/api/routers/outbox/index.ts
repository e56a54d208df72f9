import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { listOutbox, readOutboxEmail, retryEmail } from "@/server/services/outbox";

const statusSchema = z.enum(["pending", "sent", "failed", "not_configured"]);
const emailSummary = z.object({
  id: z.string().uuid(),
  to: z.string(),
  subject: z.string(),
  kind: z.string(),
  status: statusSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  customerId: z.string().uuid().nullable(),
  sentAt: z.date().nullable(),
  createdAt: z.date(),
});
const idInput = z.object({ id: z.string().uuid("Unknown email.") });

// Admins only (outbox.read): bodies can hold a live invite link, so reading one is the same as
// holding the link.
const read = permissionProcedure("outbox.read");

export const outboxRouter = createTRPCRouter({
  list: read
    .input(z.object({ status: statusSchema.optional(), page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(100).default(25) }))
    .output(z.object({ rows: z.array(emailSummary), total: z.number().int() }))
    .query(({ ctx, input }) => listOutbox(ctx.db, input)),
  get: read
    .input(idInput)
    .output(emailSummary.extend({ body: z.string() }))
    .query(({ ctx, input }) => readOutboxEmail(ctx.db, input.id)),
  retry: read
    .input(idInput)
    .output(emailSummary)
    .mutation(({ ctx, input }) => retryEmail(ctx.db, input.id)),
});
