import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/server/db/client";
import { conversationApps, type Customer, type SinchProject } from "@/server/db/schema";
import { IntegrationError } from "@/server/integrations/errors";
import type { ConversationClient } from "@/server/integrations/sinch/conversation";
import type { App } from "@/server/integrations/sinch/types";
import { sinchGatewayFor } from "../sinch-client";
import { StepFailure } from "./errors";
import { projectOf, type StepContext, type StepResult } from "./step-project";

/** A fresh subproject may answer 403/404 for up to 30 s (catalogue S15): wait up to a minute. */
export const NOT_READY_BUDGET_MS = 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function withNotReadyBackoff<T>(fn: () => Promise<T>, budgetMs = NOT_READY_BUDGET_MS): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let delay = 1000; ; delay = Math.min(delay * 2, 10_000)) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof IntegrationError && err.code === "not_ready") || Date.now() + delay > deadline) throw err;
      await sleep(delay);
    }
  }
}

export async function appOf(db: DbOrTx, customerId: string) {
  const [row] = await db.select().from(conversationApps).where(eq(conversationApps.customerId, customerId));
  return row;
}

export async function conversationFor(db: Db, customer: Customer, project: SinchProject): Promise<ConversationClient> {
  const gateway = await sinchGatewayFor(db, project);
  return gateway.conversation({
    projectId: project.projectId,
    region: customer.region,
    projectCreatedAt: project.kind === "subproject" ? project.createdAt : undefined,
  });
}

export const appDisplayName = (customer: Customer) => customer.businessName.slice(0, 100);

/**
 * The Conversation API app in the customer's region. Apps carry no labels, so the guard against a
 * second app is the customer's own project: any app there with our display name is the one an
 * earlier attempt created, and it is adopted instead of creating another.
 */
export async function runAppStep({ db, customer, step }: StepContext): Promise<StepResult> {
  const existing = await appOf(db, customer.id);
  if (existing) return { ref: existing.appId, note: "already recorded" };
  const project = await projectOf(db, customer.id);
  if (!project) throw new StepFailure("project_missing", "The Sinch project step has not completed yet.");
  const conv = await conversationFor(db, customer, project);
  const displayName = appDisplayName(customer);
  // In a subproject only the portal creates apps, so listing is needed only after an earlier attempt.
  const lookFirst = project.kind === "project" || step.attempts > 1;
  const app: App & { adopted?: boolean } = await withNotReadyBackoff(async () => {
    const found = lookFirst ? (await conv.listApps()).find((a) => a.displayName === displayName) : undefined;
    return found ? { ...found, adopted: true } : conv.createApp({ displayName });
  });
  await db.insert(conversationApps).values({ customerId: customer.id, appId: app.id, region: customer.region, displayName }).onConflictDoNothing();
  return {
    ref: app.id,
    details: { region: customer.region, processingMode: app.processingMode },
    note: app.adopted ? "adopted the app created by an earlier attempt" : undefined,
  };
}
