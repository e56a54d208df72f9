import { and, desc, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { auditLog, channelConnections, customers, webhooks, type SetupStep } from "@/server/db/schema";
import { notFound } from "@/server/errors";
import { latestAccess } from "./access-status";
import { healthSql, stageSql } from "./health";
import { checklistState } from "./checklist";
import { STEP_ORDER, loadSteps, stepLabels } from "./steps";
import { appOf } from "./step-app";
import { projectOf } from "./step-project";
import { describeAudit } from "./timeline-text";

/** Replacement candidates stored on a failed webhook step (ids and targets only). */
function webhookChoices(details: Record<string, unknown> | null) {
  const list = details?.webhooks;
  if (!Array.isArray(list)) return [];
  return list.map((w: { id?: unknown; target?: unknown; triggers?: unknown }) => ({
    id: String(w.id ?? ""),
    target: String(w.target ?? ""),
    triggers: Array.isArray(w.triggers) ? w.triggers.map(String) : [],
  }));
}

/** Everything the customer page shows. The row is found by id only within the caller's scope (staff: all). */
export async function getCustomerDetail(db: DbOrTx, customerId: string, now = new Date()) {
  const [customer] = await db
    .select({ row: customers, health: healthSql, stage: stageSql })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!customer) throw notFound("Customer");
  const [project, app, [webhook], channels, steps, access] = await Promise.all([
    projectOf(db, customerId),
    appOf(db, customerId),
    db.select().from(webhooks).where(eq(webhooks.customerId, customerId)),
    db.select().from(channelConnections).where(eq(channelConnections.customerId, customerId)),
    loadSteps(db, customerId),
    latestAccess(db, [customerId], now),
  ]);
  const c = customer.row;
  return {
    id: c.id,
    businessName: c.businessName,
    contactName: c.contactName,
    contactEmail: c.contactEmail,
    region: c.region,
    projectMode: c.projectMode,
    setupStatus: c.setupStatus,
    health: customer.health,
    stage: customer.stage,
    archivedAt: c.archivedAt,
    lastActivityAt: c.lastActivityAt,
    createdAt: c.createdAt,
    project: project
      ? {
          projectId: project.projectId,
          kind: project.kind,
          parentProjectId: project.parentProjectId,
          keyId: project.keyId,
          keySecretHint: project.keySecretHint,
        }
      : null,
    checklist: project?.kind === "project" ? checklistState(project, channels) : null,
    app: app ? { appId: app.appId, region: app.region, displayName: app.displayName, deletedAt: app.deletedAt } : null,
    webhook: webhook
      ? { sinchWebhookId: webhook.sinchWebhookId, target: webhook.target, triggers: webhook.triggers, signed: webhook.secretCiphertext !== null }
      : null,
    steps: STEP_ORDER.map((step: SetupStep) => {
      const s = steps.get(step);
      return {
        step,
        label: stepLabels[step],
        status: s?.status ?? "pending",
        resultRef: s?.resultRef ?? null,
        errorCode: s?.errorCode ?? null,
        errorMessage: s?.errorMessage ?? null,
        attempts: s?.attempts ?? 0,
        updatedAt: s?.updatedAt ?? null,
        replaceChoices: step === "webhook" && s?.errorCode === "webhook_limit" ? webhookChoices(s.details ?? null) : [],
      };
    }),
    channels: channels.map((ch) => ({ channel: ch.channel, state: ch.state, sinchStatus: ch.sinchStatus, sinchDescription: ch.sinchDescription })),
    access: access.get(customerId) ?? { status: "none" as const },
  };
}

/** Everything that happened to this customer: audit rows carrying its id, newest first. */
export async function customerTimeline(db: DbOrTx, customerId: string, limit: number) {
  const [exists] = await db.select({ id: customers.id }).from(customers).where(eq(customers.id, customerId));
  if (!exists) throw notFound("Customer");
  // Each /api/v1 call is audited under its customer; the timeline shows what changed, not every read.
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.customerId, customerId), ne(auditLog.action, "api.request")))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, at: r.at, action: r.action, actor: r.actorLabel, actorType: r.actorType, ...describeAudit(r.action, r.metadata) }));
}
