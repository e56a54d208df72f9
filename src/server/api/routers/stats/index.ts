import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "@/server/api/trpc";
import { customerVolume, messageVolume, statsChannels, statsRanges, topCustomers } from "@/server/services/stats/queries";

const counts = { inbound: z.number().int(), outbound: z.number().int(), delivered: z.number().int(), failed: z.number().int() };
const volumeOutput = z.object({
  range: z.enum(statsRanges),
  grain: z.enum(["hour", "day"]),
  series: z.array(z.object({ at: z.date(), ...counts })),
  channels: z.array(z.object({ channel: z.string(), ...counts })),
  totals: z.object(counts),
});
const filter = { range: z.enum(statsRanges).default("7d"), channel: z.enum(statsChannels).optional() };

// Counts only (no message content): everyone who may open a customer may see its volume.
const read = permissionProcedure("customers.read");

export const statsRouter = createTRPCRouter({
  customer: read
    .input(z.object({ customerId: z.string().uuid(), ...filter }))
    .output(volumeOutput)
    .query(({ ctx, input }) => customerVolume(ctx.db, { ...input, now: ctx.now() })),
  overview: read
    .input(z.object(filter).default({ range: "7d" }))
    .output(volumeOutput.extend({ customers: z.array(z.object({ customerId: z.string().uuid(), name: z.string(), ...counts })) }))
    .query(async ({ ctx, input }) => {
      const now = ctx.now();
      const [volume, customers] = await Promise.all([messageVolume(ctx.db, { ...input, now }), topCustomers(ctx.db, { ...input, limit: 10, now })]);
      return { ...volume, customers };
    }),
});
