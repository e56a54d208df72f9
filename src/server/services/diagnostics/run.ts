import { and, desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/server/db/client";
import { diagnosticRuns, type Channel, type DiagnosticRun } from "@/server/db/schema";
import { notFound } from "@/server/errors";
import { audit, type Actor } from "@/server/services/audit";
import { diagnose, type CheckResult, type Diagnosis } from "./engine";
import { gatherSignals } from "./gather";
import { applyDiagnosis } from "./health-state";
import { redactDeep } from "./redact";

export interface RunOptions {
  customerId: string;
  channel: Channel;
  trigger?: DiagnosticRun["trigger"];
  now?: Date;
}

export interface RunView {
  id: string;
  customerId: string;
  channel: Channel;
  overall: Diagnosis["overall"];
  mainReason: string | null;
  checks: CheckResult[];
  trigger: DiagnosticRun["trigger"];
  actorLabel: string;
  durationMs: number;
  createdAt: Date;
}

export const runView = (r: DiagnosticRun): RunView => ({
  id: r.id,
  customerId: r.customerId,
  channel: r.channel,
  overall: r.overall,
  mainReason: r.mainReason,
  checks: r.checks as CheckResult[],
  trigger: r.trigger,
  actorLabel: r.actorLabel,
  durationMs: r.durationMs,
  createdAt: r.createdAt,
});

/**
 * Gathers, diagnoses, stores and acts on one channel: the one entry point for the page, the sweep
 * and the re-check after a fix. Everything stored is scrubbed of the secrets the run touched.
 */
export async function runDiagnosis(db: Db, actor: Actor, opts: RunOptions): Promise<RunView> {
  const started = Date.now();
  const now = opts.now ?? new Date();
  const gathered = await gatherSignals(db, opts.customerId, opts.channel, now);
  const diagnosis = redactDeep(diagnose(gathered.signals), gathered.secrets);
  const { customer, connection } = gathered.context;
  const [row] = await db
    .insert(diagnosticRuns)
    .values({
      customerId: customer.id,
      connectionId: connection?.id ?? null,
      channel: opts.channel,
      checks: diagnosis.checks,
      overall: diagnosis.overall,
      mainReason: diagnosis.mainReason,
      trigger: opts.trigger ?? "manual",
      actorLabel: actor.label,
      durationMs: Date.now() - started,
      createdAt: now,
    })
    .returning();
  const cred = gathered.signals.sinch.credential;
  if (connection) await applyDiagnosis(db, { customer, connection, diagnosis, credential: cred?.ok ? cred.value : undefined, runId: row!.id, now, actor });
  await audit(db, {
    actor,
    action: "diagnostics.run",
    target: { type: "channel", id: connection?.id ?? `${customer.id}:${opts.channel}` },
    customerId: customer.id,
    metadata: { channel: opts.channel, overall: diagnosis.overall, runId: row!.id, trigger: opts.trigger ?? "manual", failed: diagnosis.checks.filter((c) => c.verdict === "fail").map((c) => c.id) },
  });
  return runView(row!);
}

export async function latestRun(db: DbOrTx, customerId: string, channel: Channel): Promise<RunView | null> {
  const [row] = await db
    .select()
    .from(diagnosticRuns)
    .where(and(eq(diagnosticRuns.customerId, customerId), eq(diagnosticRuns.channel, channel)))
    .orderBy(desc(diagnosticRuns.createdAt), desc(diagnosticRuns.id))
    .limit(1);
  return row ? runView(row) : null;
}

export async function getRun(db: DbOrTx, runId: string): Promise<RunView> {
  const [row] = await db.select().from(diagnosticRuns).where(eq(diagnosticRuns.id, runId));
  if (!row) throw notFound("Diagnostic run");
  return runView(row);
}

export async function runHistory(db: DbOrTx, customerId: string, channel: Channel, limit = 10) {
  const rows = await db
    .select({ id: diagnosticRuns.id, overall: diagnosticRuns.overall, mainReason: diagnosticRuns.mainReason, trigger: diagnosticRuns.trigger, actorLabel: diagnosticRuns.actorLabel, createdAt: diagnosticRuns.createdAt })
    .from(diagnosticRuns)
    .where(and(eq(diagnosticRuns.customerId, customerId), eq(diagnosticRuns.channel, channel)))
    .orderBy(desc(diagnosticRuns.createdAt), desc(diagnosticRuns.id))
    .limit(limit);
  return rows;
}
