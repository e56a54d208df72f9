import { randomUUID } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import { secrets, secretHint } from "@/server/crypto";
import type { Db, DbOrTx } from "@/server/db/client";
import { customers, setupSteps, sinchProjects, type Region } from "@/server/db/schema";
import { AppError, notFound } from "@/server/errors";
import { audit, type Actor } from "../audit";
import { projectKeyContext, type SinchKey } from "../sinch-client";
import { insertSteps, loadSteps, refreshSetupStatus } from "./steps";
import { verifyProjectKey } from "./verify-key";

export interface CustomerFields {
  businessName: string;
  contactName: string;
  contactEmail: string;
  region: Region;
}

export type CreateCustomerInput = CustomerFields & ({ projectMode: "subproject" } | ({ projectMode: "existing_project" } & SinchKey));

/** Inserts the linked project row with its key encrypted and bound to that row. */
async function insertLinkedProject(db: DbOrTx, customerId: string, key: SinchKey) {
  const id = randomUUID();
  await db.insert(sinchProjects).values({
    id,
    customerId,
    projectId: key.projectId,
    kind: "project",
    keyId: key.keyId,
    keySecretCiphertext: secrets().encrypt(key.keySecret, projectKeyContext(id)),
    keySecretHint: secretHint(key.keySecret),
  });
}

/**
 * Records the customer and its pending setup steps. A linked project's key is verified with a test
 * call first, so nothing is saved with a key Sinch refuses. External steps run in `runSetup`.
 */
export async function createCustomer(db: Db, actor: Actor, input: CreateCustomerInput): Promise<{ customerId: string }> {
  const key = input.projectMode === "existing_project" ? { projectId: input.projectId, keyId: input.keyId, keySecret: input.keySecret } : null;
  if (key) await verifyProjectKey(key, input.region);
  const customerId = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(customers)
      .values({
        businessName: input.businessName,
        contactName: input.contactName,
        contactEmail: input.contactEmail.toLowerCase(),
        region: input.region,
        projectMode: input.projectMode,
        createdBy: actor.type === "user" ? actor.id : null,
        lastActivityAt: new Date(),
      })
      .returning({ id: customers.id });
    const id = row!.id;
    if (key) await insertLinkedProject(tx, id, key);
    await insertSteps(tx, id, key ? { project: key.projectId } : {});
    await audit(tx, {
      actor,
      action: "customer.created",
      target: { type: "customer", id },
      customerId: id,
      metadata: { businessName: input.businessName, region: input.region, projectMode: input.projectMode, ...(key ? { projectId: key.projectId } : {}) },
    });
    return id;
  });
  return { customerId };
}

/**
 * Switches a customer whose subproject could not be created (e.g. Subprojects not enabled) to a
 * project made in the Sinch dashboard. Only before the project step has produced anything.
 */
export async function linkExistingProject(db: Db, actor: Actor, customerId: string, key: SinchKey) {
  const [customer] = await db.select().from(customers).where(eq(customers.id, customerId));
  if (!customer) throw notFound("Customer");
  const steps = await loadSteps(db, customerId);
  const [project] = await db.select({ id: sinchProjects.id }).from(sinchProjects).where(eq(sinchProjects.customerId, customerId));
  if (project || steps.get("project")?.status === "done" || steps.get("project")?.status === "running") {
    throw new AppError("CONFLICT", { userMessage: "This customer already has a Sinch project." });
  }
  await verifyProjectKey(key, customer.region);
  await db.transaction(async (tx) => {
    await tx.update(customers).set({ projectMode: "existing_project", updatedAt: new Date() }).where(eq(customers.id, customerId));
    await insertLinkedProject(tx, customerId, key);
    await tx
      .update(setupSteps)
      .set({ status: "done", resultRef: key.projectId, errorCode: null, errorMessage: null, details: { linked: true }, updatedAt: new Date() })
      .where(and(eq(setupSteps.customerId, customerId), eq(setupSteps.step, "project"), ne(setupSteps.status, "done")));
    await audit(tx, {
      actor,
      action: "customer.step_succeeded",
      target: { type: "customer", id: customerId },
      customerId,
      metadata: { step: "project", ref: key.projectId, note: "linked an existing top-level project" },
    });
    await refreshSetupStatus(tx, customerId);
  });
}

export async function updateCustomer(db: Db, actor: Actor, customerId: string, fields: Omit<CustomerFields, "region">) {
  const [row] = await db
    .update(customers)
    .set({ ...fields, contactEmail: fields.contactEmail.toLowerCase(), updatedAt: new Date() })
    .where(eq(customers.id, customerId))
    .returning({ id: customers.id });
  if (!row) throw notFound("Customer");
  await audit(db, { actor, action: "customer.updated", target: { type: "customer", id: customerId }, customerId, metadata: { fields: Object.keys(fields) } });
}
