import type { Db } from "@/server/db/client";

export interface JobContext {
  db: Db;
  now: () => Date;
  enqueue: Enqueue;
}

export type Enqueue = (name: string, data?: Record<string, unknown>, options?: { startAfterSeconds?: number; singletonKey?: string }) => Promise<void>;

export interface JobDefinition {
  name: string;
  /** Cron expression for periodic sweeps (pg-boss: minute granularity). */
  cron?: string;
  /** How many of this job may run at once in one process. */
  concurrency?: number;
  handler(data: Record<string, unknown>, ctx: JobContext): Promise<void>;
}
