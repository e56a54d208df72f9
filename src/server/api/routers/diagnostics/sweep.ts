import { z } from "zod";
import { env } from "@/env";
import { permissionProcedure } from "@/server/api/trpc";
import { enqueue } from "@/server/jobs/queue";
import { logger } from "@/server/log";
import { createSweep, getSweep, runSweep, SWEEP_RUN_JOB } from "@/server/services/diagnostics/sweep";
import { sweepSchema } from "./schemas";

/** Starts a bulk sweep of every channel; the overview polls `sweep` for progress. */
export const startSweep = permissionProcedure("diagnostics.run")
  .input(z.object({}).optional())
  .output(sweepSchema)
  .mutation(async ({ ctx }) => {
    const { sweep, created } = await createSweep(ctx.db, ctx.actor);
    if (!created) return sweep;
    if (env.JOBS_ENABLED) await enqueue(SWEEP_RUN_JOB, { sweepId: sweep.id }, { singletonKey: sweep.id });
    // Without a queue in this process the sweep still runs, in the background of this instance.
    else void runSweep(ctx.db, sweep.id, { actor: ctx.actor }).catch((err: Error) => logger.warn({ sweepId: sweep.id, err: { name: err.name } }, "sweep failed"));
    return sweep;
  });

export const sweep = permissionProcedure("diagnostics.run")
  .input(z.object({ sweepId: z.uuid().optional() }).optional())
  .output(sweepSchema.nullable())
  .query(({ ctx, input }) => getSweep(ctx.db, input?.sweepId));
