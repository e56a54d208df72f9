import { and, desc, eq, isNull, lt, notInArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/server/db/client";
import { channelConnections, customers, diagnosticSweeps, type Channel, type DiagnosticSweep } from "@/server/db/schema";
import { logger } from "@/server/log";
import { systemActor, type Actor } from "@/server/services/audit";
import { mapLimit } from "./gather/probe";
import { runDiagnosis } from "./run";

export const SWEEP_JOB = "diagnostics.sweep";
export const SWEEP_RUN_JOB = "diagnostics.sweep-run";
/** Channels diagnosed at once: each diagnosis itself keeps at most 4 calls in flight. */
export const SWEEP_CONCURRENCY = 3;
const ATTEMPTS = 3;
const STALE_SWEEP_MS = 30 * 60_000;

async function targets(db: DbOrTx): Promise<Array<{ customerId: string; channel: Channel }>> {
  return db
    .select({ customerId: channelConnections.customerId, channel: channelConnections.channel })
    .from(channelConnections)
    .innerJoin(customers, eq(customers.id, channelConnections.customerId))
    .where(and(isNull(customers.archivedAt), notInArray(channelConnections.state, ["not_started", "disconnected"])))
    .orderBy(channelConnections.customerId, channelConnections.channel);
}

/** A sweep row with the number of channels it will check; the caller then runs or queues it. */
export async function createSweep(db: Db, actor: Actor): Promise<{ sweep: DiagnosticSweep; created: boolean }> {
  const [running] = await db.select().from(diagnosticSweeps).where(eq(diagnosticSweeps.status, "running")).orderBy(desc(diagnosticSweeps.startedAt)).limit(1);
  // One sweep at a time; a sweep abandoned by a crashed worker no longer blocks new ones.
  if (running && Date.now() - running.startedAt.getTime() < STALE_SWEEP_MS) return { sweep: running, created: false };
  const total = (await targets(db)).length;
  const [row] = await db.insert(diagnosticSweeps).values({ total, startedBy: actor.label }).returning();
  return { sweep: row!, created: true };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Transient failures (database hiccup, unexpected error) retry with exponential backoff and jitter. */
async function withBackoff<T>(fn: () => Promise<T>, baseMs: number): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= ATTEMPTS) throw err;
      await sleep(baseMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
    }
  }
}

/**
 * Diagnoses every connected channel with bounded concurrency, counting progress on the sweep row
 * as it goes (the overview polls it). One channel's failure never stops the sweep.
 */
export async function runSweep(db: Db, sweepId: string, opts: { concurrency?: number; backoffMs?: number; actor?: Actor } = {}): Promise<DiagnosticSweep> {
  const actor = opts.actor ?? systemActor("health sweep");
  const list = await targets(db);
  await db.update(diagnosticSweeps).set({ total: list.length, done: 0, failed: 0, broken: 0 }).where(eq(diagnosticSweeps.id, sweepId));
  await mapLimit(list, opts.concurrency ?? SWEEP_CONCURRENCY, async (t) => {
    let broken = 0;
    let failed = 0;
    try {
      const run = await withBackoff(() => runDiagnosis(db, actor, { ...t, trigger: "sweep" }), opts.backoffMs ?? 1000);
      broken = run.overall === "broken" ? 1 : 0;
    } catch (err) {
      failed = 1;
      logger.warn({ customerId: t.customerId, channel: t.channel, err: { name: (err as Error).name } }, "health sweep: channel diagnosis failed");
    }
    await db
      .update(diagnosticSweeps)
      .set({ done: sql`${diagnosticSweeps.done} + 1`, failed: sql`${diagnosticSweeps.failed} + ${failed}`, broken: sql`${diagnosticSweeps.broken} + ${broken}` })
      .where(eq(diagnosticSweeps.id, sweepId));
  });
  const [row] = await db.update(diagnosticSweeps).set({ status: "done", finishedAt: new Date() }).where(eq(diagnosticSweeps.id, sweepId)).returning();
  return row!;
}

/** Cron entry: a system sweep of everything, unless one is already running. */
export async function scheduledSweep(db: Db): Promise<DiagnosticSweep> {
  await purgeSweeps(db);
  const { sweep, created } = await createSweep(db, systemActor("health sweep"));
  return created ? runSweep(db, sweep.id) : sweep;
}

export async function getSweep(db: DbOrTx, sweepId?: string): Promise<DiagnosticSweep | null> {
  const q = db.select().from(diagnosticSweeps);
  const [row] = sweepId ? await q.where(eq(diagnosticSweeps.id, sweepId)) : await q.orderBy(desc(diagnosticSweeps.startedAt)).limit(1);
  return row ?? null;
}

/** Sweeps older than a week are history nobody reads. */
export async function purgeSweeps(db: DbOrTx, now = new Date()) {
  await db.delete(diagnosticSweeps).where(lt(diagnosticSweeps.startedAt, new Date(now.getTime() - 7 * 86_400_000)));
}
