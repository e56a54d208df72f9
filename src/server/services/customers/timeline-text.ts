import type { AuditAction } from "@/server/db/schema";

export type TimelineTone = "success" | "warning" | "danger" | "info" | "neutral";

const stepNames: Record<string, string> = { project: "Sinch project", app: "Conversation API app", webhook: "Webhook" };
const str = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : undefined);

/**
 * Turns an audit row into a sentence for the customer timeline. Only named, non-secret metadata
 * fields are read, so the procedure output is plain text whatever a caller once stored.
 */
export function describeAudit(action: AuditAction, m: Record<string, unknown>): { title: string; description: string | null; tone: TimelineTone } {
  const step = stepNames[str(m.step) ?? ""] ?? str(m.step) ?? "Step";
  switch (action) {
    case "customer.created":
      return { title: "Customer created", description: [str(m.region)?.toUpperCase(), m.projectMode === "existing_project" ? "existing project" : "subproject"].filter(Boolean).join(" · ") || null, tone: "info" };
    case "customer.updated":
      return { title: "Details updated", description: null, tone: "neutral" };
    case "customer.step_succeeded":
      return { title: `${step} ready`, description: [str(m.ref), str(m.note)].filter(Boolean).join(" — ") || null, tone: "success" };
    case "customer.step_failed":
      return { title: `${step} failed`, description: str(m.reason) ? `Reason: ${str(m.reason)}` : null, tone: "danger" };
    case "customer.archived":
      return { title: "Archived", description: null, tone: "warning" };
    case "customer.unarchived":
      return { title: "Restored from the archive", description: null, tone: "info" };
    case "customer.checklist_updated":
      return { title: `Dashboard checklist: ${str(m.item) === "remove" ? "customer removed from the Sinch dashboard" : "customer invited to the Sinch dashboard"}`, description: m.done === false ? "Marked as not done" : null, tone: "success" };
    case "webhook.registered":
      return { title: "Webhook registered", description: str(m.target) ?? null, tone: "success" };
    case "webhook.adopted":
      return { title: "Existing webhook adopted", description: str(m.target) ?? null, tone: "success" };
    case "webhook.replaced":
      return { title: "Webhook replaced", description: str(m.removedTarget) ? `Removed ${str(m.removedTarget)}` : null, tone: "warning" };
    case "app.deleted":
      return { title: "Sinch app deleted", description: str(m.appId) ?? null, tone: "danger" };
    default:
      return { title: action.replace(/[._]/g, " ").replace(/^\w/, (c) => c.toUpperCase()), description: null, tone: "neutral" };
  }
}
