import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { safeError } from "@/server/db/errors";
import { customers, type SetupStep } from "@/server/db/schema";
import { AppError, notFound } from "@/server/errors";
import { IntegrationError } from "@/server/integrations/errors";
import { logger } from "@/server/log";
import type { Actor } from "../audit";
import { StepFailure } from "./errors";
import { runAppStep } from "./step-app";
import { runProjectStep, type StepContext, type StepResult } from "./step-project";
import { runWebhookStep } from "./step-webhook";
import { claimStep, completeStep, failStep, loadSteps, refreshSetupStatus, STEP_ORDER } from "./steps";

export interface RunSetupOptions {
  /** Passed to the webhook step when staff picked a webhook to replace. */
  replaceWebhookId?: string;
}

export type RunSetupOutcome =
  | { status: "ready" }
  | { status: "needs_attention"; step: SetupStep; code: string; message: string }
  | { status: "in_progress"; step: SetupStep };

/**
 * Runs every step that is not done yet, in order, and stops at the first failure. Each step is
 * claimed atomically and records its Sinch id the moment it is known, so running this again (a
 * retry, a concurrent click, a restarted server) continues where it stopped and never duplicates.
 */
export async function runSetup(db: Db, actor: Actor, customerId: string, opts: RunSetupOptions = {}): Promise<RunSetupOutcome> {
  const [found] = await db.select({ archivedAt: customers.archivedAt }).from(customers).where(eq(customers.id, customerId));
  if (!found) throw notFound("Customer");
  if (found.archivedAt) throw new AppError("PRECONDITION_FAILED", { userMessage: "The customer is archived. Restore it before continuing the setup." });
  for (const step of STEP_ORDER) {
    const current = (await loadSteps(db, customerId)).get(step);
    if (current?.status === "done") continue;
    const [customer] = await db.select().from(customers).where(eq(customers.id, customerId));
    if (!customer) throw notFound("Customer");
    const claimed = await claimStep(db, customerId, step);
    // Another runner holds this step right now; report progress instead of racing it.
    if (!claimed) return { status: "in_progress", step };
    await refreshSetupStatus(db, customerId);
    const ctx: StepContext = { db, customer, step: claimed };
    let result: StepResult;
    try {
      result =
        step === "project" ? await runProjectStep(ctx) : step === "app" ? await runAppStep(ctx) : await runWebhookStep(ctx, { actor, replaceWebhookId: opts.replaceWebhookId });
    } catch (err) {
      if (!(err instanceof StepFailure) && !(err instanceof IntegrationError)) {
        logger.error({ customerId, step, err: safeError(err) }, "setup step crashed");
      }
      return fail(db, actor, customerId, step, err);
    }
    await completeStep(db, actor, customerId, step, result);
  }
  await refreshSetupStatus(db, customerId);
  return { status: "ready" };
}

async function fail(db: Db, actor: Actor, customerId: string, step: SetupStep, err: unknown): Promise<RunSetupOutcome> {
  const d = await failStep(db, actor, customerId, step, err);
  await refreshSetupStatus(db, customerId);
  return { status: "needs_attention", step, code: d.code, message: d.message };
}
