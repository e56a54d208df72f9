import type { JobDefinition } from "@/server/jobs/types";
import { rollupMessageStats, STATS_ROLLUP_JOB } from "@/server/services/stats/rollup";
import { deliverAndReschedule, deliverDue } from "./dispatch";
import { INBOUND_INTERVAL_SECONDS, INBOUND_JOB, scanInboundMessages } from "./inbound";
import { DELIVER_JOB } from "./nudge";
import { purgeEventsAndStats } from "./purge";

/** Outgoing events (issue 17) and the chart rollup; collected by the job registry. */
export const eventJobDefinitions: JobDefinition[] = [
  { name: DELIVER_JOB, concurrency: 4, handler: async (data, ctx) => void (await deliverAndReschedule(ctx.db, String(data.deliveryId), ctx.enqueue)) },
  { name: "events.sweep", cron: "* * * * *", concurrency: 1, handler: async (_data, ctx) => void (await deliverDue(ctx.db, ctx.enqueue)) },
  {
    name: INBOUND_JOB,
    cron: "* * * * *",
    concurrency: 1,
    // While someone subscribes, each run queues the next a few seconds on; the cron restarts a broken chain.
    handler: async (_data, ctx) => {
      const run = await scanInboundMessages(ctx.db, ctx.now());
      if (run.claimed && run.subscribed) await ctx.enqueue(INBOUND_JOB, {}, { startAfterSeconds: INBOUND_INTERVAL_SECONDS });
    },
  },
  { name: STATS_ROLLUP_JOB, cron: "* * * * *", concurrency: 1, handler: async (_data, ctx) => void (await rollupMessageStats(ctx.db, ctx.now())) },
  { name: "events.purge", cron: "23 * * * *", concurrency: 1, handler: async (_data, ctx) => void (await purgeEventsAndStats(ctx.db, ctx.now())) },
];
