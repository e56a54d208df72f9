import { PgBoss, fromPglite } from "pg-boss";
import { env } from "@/env";
import type { DbHandle } from "@/server/db/client";
import { safeError } from "@/server/db/errors";
import { logger } from "@/server/log";
import { attachedQueue, attachQueue, enqueue } from "./queue";
import { jobDefinitions } from "./registry";
import type { JobContext } from "./types";

/** Postgres-backed queue (pg-boss): several portal instances share the work safely. */
export async function startJobs(handle: DbHandle): Promise<void> {
  if (attachedQueue()) return;
  const boss = handle.pglite ? new PgBoss({ db: fromPglite(handle.pglite) as never }) : new PgBoss({ connectionString: env.DATABASE_URL!, max: 4 });
  boss.on("error", (err: Error) => logger.error({ err: safeError(err) }, "job queue error"));
  await boss.start();
  attachQueue(boss);
  const ctx: JobContext = { db: handle.db, now: () => new Date(), enqueue };
  for (const def of jobDefinitions) {
    await boss.createQueue(def.name);
    await boss.work(def.name, { batchSize: 1, localConcurrency: def.concurrency ?? 2, pollingIntervalSeconds: 2 }, async (jobs) => {
      for (const job of jobs) {
        try {
          await def.handler((job.data ?? {}) as Record<string, unknown>, ctx);
        } catch (err) {
          logger.warn({ job: def.name, err: safeError(err) }, "job failed; will retry");
          throw err;
        }
      }
    });
    if (def.cron) await boss.schedule(def.name, def.cron);
  }
  logger.info({ jobs: jobDefinitions.map((d) => d.name) }, "job queue started");
}

export async function stopJobs(): Promise<void> {
  const boss = attachedQueue();
  attachQueue(undefined);
  await boss?.stop({ graceful: true, timeout: 10_000 });
}
