import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { conversationApps, customers, webhooks } from "@/server/db/schema";
import { AppError, notFound } from "@/server/errors";
import { IntegrationError } from "@/server/integrations/errors";
import { audit, type Actor } from "../audit";
import { upstreamError } from "./errors";
import { conversationFor } from "./step-app";
import { projectOf } from "./step-project";

/** Hides the customer from lists; Sinch resources stay, so restoring is lossless. */
export async function setArchived(db: Db, actor: Actor, customerId: string, archived: boolean) {
  const [row] = await db
    .update(customers)
    .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
    .where(and(eq(customers.id, customerId), archived ? isNull(customers.archivedAt) : isNotNull(customers.archivedAt)))
    .returning({ id: customers.id });
  if (!row) {
    const [exists] = await db.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId));
    if (!exists) throw notFound("Customer");
    return;
  }
  await audit(db, { actor, action: archived ? "customer.archived" : "customer.unarchived", target: { type: "customer", id: customerId }, customerId });
}

/**
 * Deletes the customer's Conversation API app at Sinch (its webhooks go with it). Irreversible, so
 * the caller must type the app id back. The row stays, marked deleted, for history.
 */
export async function deleteCustomerApp(db: Db, actor: Actor, customerId: string, confirmation: string) {
  const [customer] = await db.select().from(customers).where(eq(customers.id, customerId));
  if (!customer) throw notFound("Customer");
  const [app] = await db.select().from(conversationApps).where(eq(conversationApps.customerId, customerId));
  const project = await projectOf(db, customerId);
  if (!app || app.deletedAt || !project) throw new AppError("PRECONDITION_FAILED", { userMessage: "This customer has no Sinch app to delete." });
  if (confirmation.trim() !== app.appId) {
    throw new AppError("BAD_REQUEST", { userMessage: "Type the app id exactly to confirm.", fieldErrors: { confirmation: "Type the app id exactly to confirm." } });
  }
  const conv = await conversationFor(db, customer, project);
  try {
    await conv.deleteApp(app.appId);
  } catch (err) {
    // Already gone at Sinch is the outcome we wanted.
    if (!(err instanceof IntegrationError && (err.code === "not_found" || err.code === "not_found_in_region"))) throw upstreamError(err);
  }
  await db.transaction(async (tx) => {
    await tx.update(conversationApps).set({ deletedAt: new Date() }).where(eq(conversationApps.id, app.id));
    await tx.delete(webhooks).where(eq(webhooks.appId, app.appId));
    await audit(tx, { actor, action: "app.deleted", target: { type: "app", id: app.appId }, customerId, metadata: { appId: app.appId, region: app.region } });
  });
}
