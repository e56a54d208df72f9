import type { Db } from "@/server/db/client";
import type { Enqueue } from "./queue";

export type { Enqueue } from "./queue";

export interface JobContext {
  db: Db;
  now: () => Date;
  enqueue: Enqueue;
}

export interface JobDefinition {
  name: string;
  /** Cron expression for periodic sweeps (pg-boss: minute granularity). */
  cron?: string;
  /** How many of this job may run at once in one process. */
  concurrency?: number;
  handler(data: Record<string, unknown>, ctx: JobContext): Promise<void>;
}
