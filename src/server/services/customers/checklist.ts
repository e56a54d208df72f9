import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { channelConnections, customers, notifications, sinchProjects, type ChannelConnection, type SinchProject } from "@/server/db/schema";
import { AppError, notFound } from "@/server/errors";
import { audit, type Actor } from "../audit";

export type ChecklistItem = "invite" | "remove";

/** Invite after this long without the step done; then remind again daily until staff mark it. */
const INVITE_GRACE_MS = 24 * 3600_000;
const REPEAT_MS = 24 * 3600_000;

const channelsLive = (channels: Pick<ChannelConnection, "state">[]) => channels.length > 0 && channels.every((c) => c.state === "active" || c.state === "disconnected") && channels.some((c) => c.state === "active");

/**
 * Dashboard path (sinch.md section 13): no API invites users, so staff invite the customer as a
 * Limited member by hand and remove them once channels are active. The portal tracks both steps.
 */
export function checklistState(project: SinchProject, channels: Pick<ChannelConnection, "state">[]) {
  const live = channelsLive(channels);
  return {
    invite: { done: project.dashboardInvitedAt !== null, at: project.dashboardInvitedAt, by: project.dashboardInvitedBy },
    remove: { done: project.dashboardRemovedAt !== null, at: project.dashboardRemovedAt, by: project.dashboardRemovedBy, due: live && project.dashboardInvitedAt !== null },
  };
}

export async function markChecklist(db: DbOrTx, actor: Actor, customerId: string, item: ChecklistItem, done: boolean) {
  const [project] = await db.select().from(sinchProjects).where(eq(sinchProjects.customerId, customerId));
  if (!project) throw notFound("Customer");
  if (project.kind !== "project") throw new AppError("PRECONDITION_FAILED", { userMessage: "Only a linked Sinch dashboard project has this checklist." });
  if (item === "remove" && done && !project.dashboardInvitedAt) {
    throw new AppError("PRECONDITION_FAILED", { userMessage: "Mark the invitation as done first." });
  }
  const at = done ? new Date() : null;
  const by = done ? actor.label : null;
  const set = item === "invite" ? { dashboardInvitedAt: at, dashboardInvitedBy: by } : { dashboardRemovedAt: at, dashboardRemovedBy: by };
  await db.update(sinchProjects).set({ ...set, dashboardReminderSentAt: null, dashboardReminderStep: null }).where(eq(sinchProjects.id, project.id));
  await audit(db, { actor, action: "customer.checklist_updated", target: { type: "customer", id: customerId }, customerId, metadata: { item, done } });
}

/**
 * Hourly sweep: one staff notification per pending checklist step (repeated daily), so an invited
 * customer is not left with dashboard access after the channels went live.
 */
export async function sendChecklistReminders(db: DbOrTx, now = new Date()): Promise<number> {
  const rows = await db
    .select({ project: sinchProjects, name: customers.businessName })
    .from(sinchProjects)
    .innerJoin(customers, eq(customers.id, sinchProjects.customerId))
    .where(and(eq(sinchProjects.kind, "project"), isNull(sinchProjects.dashboardRemovedAt), isNull(customers.archivedAt)));
  let sent = 0;
  for (const { project, name } of rows) {
    const channels = await db.select({ state: channelConnections.state }).from(channelConnections).where(eq(channelConnections.customerId, project.customerId));
    const state = checklistState(project, channels);
    const step: ChecklistItem | null = !state.invite.done
      ? now.getTime() - project.createdAt.getTime() >= INVITE_GRACE_MS
        ? "invite"
        : null
      : state.remove.due
        ? "remove"
        : null;
    if (!step) continue;
    const last = project.dashboardReminderStep === step ? project.dashboardReminderSentAt : null;
    if (last && now.getTime() - last.getTime() < REPEAT_MS) continue;
    await db.insert(notifications).values({
      kind: `customer.checklist_${step}`,
      title: step === "invite" ? `Invite ${name} to the Sinch dashboard` : `Remove ${name} from the Sinch dashboard`,
      body:
        step === "invite"
          ? "Invite the customer as a Limited member of their Sinch project, then mark the step done in the portal."
          : "Every channel is active. Remove the customer's Limited member access in the Sinch dashboard, then mark it done.",
      customerId: project.customerId,
      href: `/customers/${project.customerId}`,
    });
    await db.update(sinchProjects).set({ dashboardReminderSentAt: now, dashboardReminderStep: step }).where(eq(sinchProjects.id, project.id));
    sent++;
  }
  return sent;
}
