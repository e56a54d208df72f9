import { PgBoss, fromPglite } from "pg-boss";
import { env } from "@/env";
import type { DbHandle } from "@/server/db/client";
import { safeError } from "@/server/db/errors";
import { logger } from "@/server/log";
import { jobDefinitions } from "./registry";
import type { Enqueue, JobContext } from "./types";

const state = globalThis as unknown as { __portalBoss?: PgBoss };

/**
 * Queue work if the queue runs in this process; periodic sweeps pick up anything not enqueued.
 * Never awaited by the caller's transaction: on PGlite (one connection) a send issued from inside an
 * open transaction would wait for that transaction to end, and the transaction for the send.
 */
export const enqueue: Enqueue = async (name, data = {}, options = {}) => {
  const boss = state.__portalBoss;
  if (!boss) return;
  setImmediate(() => {
    boss
      .send(name, data, { startAfter: options.startAfterSeconds, singletonKey: options.singletonKey, retryLimit: 5, retryBackoff: true })
      .catch((err: Error) => logger.warn({ job: name, err: safeError(err) }, "enqueue failed; the sweep will pick it up"));
  });
};

/** Postgres-backed queue (pg-boss): several portal instances share the work safely. */
export async function startJobs(handle: DbHandle): Promise<void> {
  if (state.__portalBoss) return;
  const boss = handle.pglite ? new PgBoss({ db: fromPglite(handle.pglite) as never }) : new PgBoss({ connectionString: env.DATABASE_URL!, max: 4 });
  boss.on("error", (err: Error) => logger.error({ err: safeError(err) }, "job queue error"));
  await boss.start();
  state.__portalBoss = boss;
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
  const boss = state.__portalBoss;
  state.__portalBoss = undefined;
  await boss?.stop({ graceful: true, timeout: 10_000 });
}
