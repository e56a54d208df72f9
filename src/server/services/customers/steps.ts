import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { customers, setupSteps, type SetupStep, type SetupStepRow } from "@/server/db/schema";
import { audit, type Actor } from "../audit";
import { domainEvents } from "../events/domain";
import { describeStepError } from "./errors";

export const STEP_ORDER: readonly SetupStep[] = ["project", "app", "webhook"];

/** A step left `running` this long was abandoned (process died); it may be claimed again. */
const STALE_RUNNING_MS = 3 * 60_000;

export const stepLabels: Record<SetupStep, string> = {
  project: "Sinch project",
  app: "Conversation API app",
  webhook: "Signed webhook",
};

export async function loadSteps(db: DbOrTx, customerId: string): Promise<Map<SetupStep, SetupStepRow>> {
  const rows = await db.select().from(setupSteps).where(eq(setupSteps.customerId, customerId));
  return new Map(rows.map((r) => [r.step, r]));
}

export async function insertSteps(db: DbOrTx, customerId: string, done: Partial<Record<SetupStep, string>> = {}) {
  await db
    .insert(setupSteps)
    .values(STEP_ORDER.map((step) => ({ customerId, step, status: done[step] ? ("done" as const) : ("pending" as const), resultRef: done[step] ?? null })))
    .onConflictDoNothing();
}

/**
 * Check-and-act in one statement: only one runner at a time owns a step, so two concurrent retries
 * can never both create an app or a webhook.
 */
export async function claimStep(db: DbOrTx, customerId: string, step: SetupStep, now = new Date()): Promise<SetupStepRow | null> {
  const [row] = await db
    .update(setupSteps)
    .set({ status: "running", attempts: sql`${setupSteps.attempts} + 1`, updatedAt: now })
    .where(
      and(
        eq(setupSteps.customerId, customerId),
        eq(setupSteps.step, step),
        or(
          inArray(setupSteps.status, ["pending", "failed"]),
          and(eq(setupSteps.status, "running"), lt(setupSteps.updatedAt, new Date(now.getTime() - STALE_RUNNING_MS))),
        ),
      ),
    )
    .returning();
  return row ?? null;
}

export async function completeStep(
  db: DbOrTx,
  actor: Actor,
  customerId: string,
  step: SetupStep,
  result: { ref: string; details?: Record<string, unknown>; note?: string },
) {
  await db
    .update(setupSteps)
    .set({ status: "done", resultRef: result.ref, errorCode: null, errorMessage: null, details: result.details ?? null, updatedAt: new Date() })
    .where(and(eq(setupSteps.customerId, customerId), eq(setupSteps.step, step)));
  await audit(db, {
    actor,
    action: "customer.step_succeeded",
    target: { type: "customer", id: customerId },
    customerId,
    metadata: { step, ref: result.ref, ...(result.note ? { note: result.note } : {}) },
  });
}

export async function failStep(db: DbOrTx, actor: Actor, customerId: string, step: SetupStep, err: unknown) {
  const d = describeStepError(err);
  await db
    .update(setupSteps)
    .set({ status: "failed", errorCode: d.code, errorMessage: d.message, details: d.details ?? null, updatedAt: new Date() })
    .where(and(eq(setupSteps.customerId, customerId), eq(setupSteps.step, step)));
  await audit(db, { actor, action: "customer.step_failed", target: { type: "customer", id: customerId }, customerId, metadata: { step, reason: d.code } });
  return d;
}

/**
 * Keeps the directory's denormalised setup status in line with the steps. The row is locked so
 * that of two concurrent refreshes only one sees the change to `ready` (and reports it once).
 */
export async function refreshSetupStatus(db: DbOrTx, customerId: string) {
  const steps = await loadSteps(db, customerId);
  const all = STEP_ORDER.map((s) => steps.get(s)?.status ?? "pending");
  const setupStatus = all.every((s) => s === "done") ? "ready" : all.includes("failed") ? "needs_attention" : "in_progress";
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(customers).where(eq(customers.id, customerId)).for("update");
    await tx.update(customers).set({ setupStatus, updatedAt: new Date() }).where(eq(customers.id, customerId));
    if (before && setupStatus === "ready" && before.setupStatus !== "ready") await domainEvents.customerReady(tx, before);
  });
  return setupStatus;
}
