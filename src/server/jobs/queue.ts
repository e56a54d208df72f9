import type { PgBoss } from "pg-boss";
import { safeError } from "@/server/db/errors";
import { logger } from "@/server/log";

/**
 * The enqueue port. Services queue work through this module only: it knows the running queue (if
 * any) but no job handler, so a service that enqueues never imports the registry that imports the
 * services (`jobs/index.ts` starts the queue and attaches it here; `jobs/registry.ts` only collects
 * the handlers). A unit test keeps the import graph under `src/` free of cycles.
 */

export interface EnqueueOptions {
  /** Run no earlier than this many seconds from now. */
  startAfterSeconds?: number;
  /** At most one queued job with this key. */
  singletonKey?: string;
}

/** Job payloads are plain JSON objects; each handler reads the fields its service queued. */
export type JobData = Record<string, unknown>;

export type Enqueue = (name: string, data?: JobData, options?: EnqueueOptions) => Promise<void>;

/** The queue that runs in this process, shared across module copies (Next bundles routes apart). */
const state = globalThis as unknown as { __portalBoss?: PgBoss };

export function attachedQueue(): PgBoss | undefined {
  return state.__portalBoss;
}

export function attachQueue(boss: PgBoss | undefined): void {
  state.__portalBoss = boss;
}

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
