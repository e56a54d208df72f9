import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/server/db/client";
import { sinchProjects, type Customer, type SetupStepRow, type SinchProject } from "@/server/db/schema";
import type { Subproject } from "@/server/integrations/sinch/types";
import { sinchGatewayFor } from "../sinch-client";
import { StepFailure } from "./errors";

/** Label on every subproject the portal creates, so a lost create response can be found again. */
export const CUSTOMER_LABEL = "portal-customer-id";

export interface StepContext {
  db: Db;
  customer: Customer;
  /** The claimed step row (attempts already counts this run). */
  step: SetupStepRow;
}

export interface StepResult {
  ref: string;
  details?: Record<string, unknown>;
  note?: string;
}

export async function projectOf(db: DbOrTx, customerId: string): Promise<SinchProject | undefined> {
  const [row] = await db.select().from(sinchProjects).where(eq(sinchProjects.customerId, customerId));
  return row;
}

/**
 * Subproject under the reseller's parent project. The id is stored the moment Sinch returns it; a
 * retry first looks for a subproject labelled with this customer (the earlier create may have
 * succeeded with its answer lost) before creating one.
 */
export async function runProjectStep({ db, customer, step }: StepContext): Promise<StepResult> {
  const existing = await projectOf(db, customer.id);
  if (existing) return { ref: existing.projectId, note: "already recorded" };
  if (customer.projectMode !== "subproject") {
    throw new StepFailure("project_missing", "No Sinch project is linked yet. Link the project made in the Sinch dashboard with its access key.");
  }
  const gateway = await sinchGatewayFor(db);
  let sub: Subproject | undefined;
  if (step.attempts > 1) {
    sub = (await gateway.subprojects.list()).find((s) => s.labels[CUSTOMER_LABEL] === customer.id && !s.deleted);
  }
  const adopted = !!sub;
  sub ??= await gateway.subprojects.create({ displayName: customer.businessName.slice(0, 255), labels: { [CUSTOMER_LABEL]: customer.id } });
  await db
    .insert(sinchProjects)
    .values({ customerId: customer.id, projectId: sub.id, kind: "subproject", parentProjectId: sub.parentProjectId ?? gateway.projectId, createdAt: sub.createdAt ?? new Date() })
    .onConflictDoNothing();
  return { ref: sub.id, details: { parentProjectId: sub.parentProjectId ?? gateway.projectId }, note: adopted ? "found the subproject created by an earlier attempt" : undefined };
}
