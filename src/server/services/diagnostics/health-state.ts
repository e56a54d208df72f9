import { eq, isNull } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { channelHealth, users, type ChannelConnection, type ChannelHealthRow, type Customer } from "@/server/db/schema";
import { audit, systemActor, type Actor } from "@/server/services/audit";
import { CHANNEL_LABEL } from "@/server/services/channels/requirements";
import { domainEvents } from "@/server/services/events/domain";
import { applyConnectionPatch, type ConnectionPatch } from "@/server/services/channels/transitions";
import { notifyStaff } from "@/server/services/notifications";
import { queueEmail } from "@/server/services/outbox";
import { customerActionEmail } from "./emails";
import { sendReconnectLink } from "./fixes/reconnect";
import { isAuthFailure, type CheckResult, type CredentialSignal, type Diagnosis } from "./engine";

const OWNER_WORDS: Record<string, string> = { reseller_staff: "reseller staff", customer: "the customer", meta_app_owner: "the Meta app owner", sinch: "Sinch", nobody: "nobody" };

export const diagnosisHref = (customerId: string, channel: string) => `/troubleshooting/${customerId}/${channel.toLowerCase()}`;

/**
 * Records what a diagnosis means for the channel: the auth-failure counter and the
 * "reconnect required" state on the connection, the health row, and who must be told. Each
 * notification goes out once per broken episode.
 */
export async function applyDiagnosis(db: Db, input: { customer: Customer; connection: ChannelConnection; diagnosis: Diagnosis; credential: CredentialSignal | null | undefined; runId: string; now: Date; actor: Actor }) {
  const { customer, connection, diagnosis: d, now } = input;
  let row = connection;
  const patch: ConnectionPatch = {};
  if (row.consecutiveAuthFailures !== d.consecutiveAuthFailures) patch.consecutiveAuthFailures = d.consecutiveAuthFailures;
  const cred = input.credential;
  // A live channel whose credential Sinch now reports FAILING (or whose token Meta rejects) is
  // failing: that also lets the customer's reconnect replace it. It recovers when both are fine again.
  if (row.state === "active" && (cred?.status === "FAILING" || d.authFailure)) {
    Object.assign(patch, { state: "failing", sinchStatus: cred?.status ?? row.sinchStatus, sinchDescription: cred?.description ?? row.sinchDescription, lastCheckedAt: now });
  } else if (row.state === "failing" && cred?.status === "ACTIVE" && !d.authFailure) {
    Object.assign(patch, { state: "active", sinchStatus: "ACTIVE", sinchDescription: null, lastCheckedAt: now });
  }
  if (Object.keys(patch).length > 0) row = await applyConnectionPatch(db, row, patch, systemActor("diagnostics"));
  if (d.reconnectRequired && row.state !== "reconnect_required" && row.state !== "disconnected") {
    row = await applyConnectionPatch(db, row, { state: "reconnect_required" }, systemActor("diagnostics"));
    await audit(db, { actor: systemActor("diagnostics"), action: "channel.reconnect_required", target: { type: "channel", id: row.id }, customerId: customer.id, metadata: { channel: row.channel, failures: d.consecutiveAuthFailures } });
  }

  const broken = d.overall === "broken";
  const healthValues = (prev: ChannelHealthRow | undefined) => ({
    customerId: customer.id,
    channel: connection.channel,
    verdict: d.overall,
    mainReason: d.mainReason,
    mainOwner: d.mainOwner,
    lastRunId: input.runId,
    lastRunAt: now,
    brokenSince: broken ? (prev?.brokenSince ?? now) : null,
    reconnectRequired: d.reconnectRequired || row.state === "reconnect_required",
    // A healthy run ends the episode, so the next breakage notifies again.
    staffNotifiedAt: broken ? (prev?.staffNotifiedAt ?? null) : null,
    customerNotifiedAt: broken ? (prev?.customerNotifiedAt ?? null) : null,
    updatedAt: now,
  });
  // Read, write and report the verdict together, so a change is reported once.
  const values = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(channelHealth).where(eq(channelHealth.connectionId, connection.id)).for("update");
    const next = healthValues(before);
    await tx.insert(channelHealth).values({ connectionId: connection.id, ...next }).onConflictDoUpdate({ target: channelHealth.connectionId, set: next });
    if (before?.verdict !== d.overall) {
      const change = { customerId: customer.id, channel: connection.channel, connectionId: connection.id, runId: input.runId, verdict: d.overall, previousVerdict: before?.verdict ?? null, mainReason: d.mainReason, mainOwner: d.mainOwner };
      await domainEvents.diagnosisChanged(tx, change, now);
    }
    return next;
  });
  if (broken) await notifyBroken(db, { ...input, health: { ...values, connectionId: connection.id } as ChannelHealthRow });
}

async function notifyBroken(db: Db, input: { customer: Customer; connection: ChannelConnection; diagnosis: Diagnosis; now: Date; health: ChannelHealthRow }) {
  const { customer, connection, diagnosis: d, now } = input;
  const label = CHANNEL_LABEL[connection.channel];
  if (!input.health.staffNotifiedAt) {
    const staff = await db.select({ id: users.id }).from(users).where(isNull(users.disabledAt));
    await notifyStaff(db, {
      kind: "channel.broken",
      title: `${customer.businessName}: ${label} is broken`,
      body: `${d.mainReason ?? "A check failed."}\nWho must fix it: ${OWNER_WORDS[d.mainOwner ?? "nobody"]}.`,
      customerId: customer.id,
      href: diagnosisHref(customer.id, connection.channel),
      emailUserIds: staff.map((s) => s.id),
    });
    await db.update(channelHealth).set({ staffNotifiedAt: now }).where(eq(channelHealth.connectionId, connection.id));
  }
  const main = d.checks.find((c) => c.verdict === "fail");
  if (input.health.customerNotifiedAt || !main || main.owner !== "customer") return;
  const reconnect = main.fix?.action === "send_reconnect_link";
  // An authorisation failure sends a link by itself only once confirmed (two in a row, catalogue
  // rule); anything else the customer must change is told at once.
  if (isAuthFailure(main) && !d.reconnectRequired) return;
  if (reconnect) {
    const reason = main.guidance ? `${main.evidence.text} ${main.guidance}` : main.evidence.text;
    await sendReconnectLink(db, systemActor("diagnostics"), { customerId: customer.id, channel: connection.channel, reason }, now);
  } else {
    await queueEmail(db, { to: customer.contactEmail, ...customerActionEmail({ customerName: customer.businessName, channel: connection.channel, problem: main.evidence.text, steps: stepsFor(main) }), kind: "diagnostics.customer_action", customerId: customer.id });
  }
  await db.update(channelHealth).set({ customerNotifiedAt: now }).where(eq(channelHealth.connectionId, connection.id));
}

const stepsFor = (c: CheckResult) => c.guidance ?? "Please contact us so we can walk you through the fix.";
