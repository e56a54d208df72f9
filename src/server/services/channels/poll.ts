import { and, eq, lt, or, isNull } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { channelConnections, type Channel, type ChannelConnection } from "@/server/db/schema";
import { IntegrationError } from "@/server/integrations/errors";
import { enqueue } from "@/server/jobs/queue";
import { logger } from "@/server/log";
import { audit, systemActor } from "../audit";
import { secrets } from "@/server/crypto";
import { customerSinch, decryptSenderToken, findConnection, senderTokenCtx } from "./context";
import { writeCredentialsIf } from "./credentials";
import { applyConnectionPatch, applyToCurrentConnection, credentialPatch, isTerminal } from "./transitions";

export const CHANNEL_POLL_JOB = "channels.poll";
export const CHANNEL_POLL_SWEEP_JOB = "channels.poll-sweep";
const MAX_ATTEMPTS = 40;

/** Backoff between polls of one credential: 2 s, 4 s, 8 s … capped at 5 minutes. */
export function pollDelaySeconds(attempt: number): number {
  return Math.min(2 ** Math.max(1, attempt + 1), 300);
}

/**
 * Fallback only: the sender is ACTIVE but Sinch's sender object carried no `bearerToken`, so the
 * reseller's staff must paste it from the Sinch dashboard.
 */
export const WAITING_FOR_SENDER_TOKEN = "The WhatsApp sender is ready, but Sinch did not hand over its access token. Your provider adds it by hand; this usually happens within a working day.";

function senderFailure(state: string, details: unknown[] | undefined): string {
  const reason = (details ?? []).map((d) => (typeof d === "string" ? d : JSON.stringify(d))).join("; ");
  return `The WhatsApp sender is ${state}${reason ? `: ${reason}` : ""}.`;
}

/** WhatsApp before the credential exists: follow the Provisioning sender, then add the credential. */
async function refreshSender(db: Db, row: ChannelConnection): Promise<ChannelConnection> {
  const sinch = await customerSinch(db, row.customerId);
  const sender = await sinch.gateway.provisioning.getWhatsAppSender(sinch.projectId, row.senderId!);
  if (sender.state !== row.senderState) {
    await audit(db, { actor: systemActor("sender poll"), action: "channel.sender_state_changed", target: { type: "sender", id: sender.id }, customerId: row.customerId, metadata: { from: row.senderState, to: sender.state } });
  }
  if (["ERROR", "SUSPENDED", "INACTIVE"].includes(sender.state)) {
    return applyConnectionPatch(db, row, { state: "failing", senderState: sender.state, sinchDescription: senderFailure(sender.state, sender.changes?.details), lastCheckedAt: new Date() });
  }
  if (sender.state !== "ACTIVE") {
    return applyConnectionPatch(db, row, { senderState: sender.state, sinchDescription: `Meta is setting up the number (sender ${sender.state}).`, lastCheckedAt: new Date() });
  }
  let current = row;
  let token = decryptSenderToken(row);
  // An ACTIVE sender's object carries its bearer token (Provisioning API, WhatsApp Senders: "The bearer
  // token is needed to connect the sender to a Conversation API App"): kept encrypted, no staff step.
  if (sender.bearerToken && sender.bearerToken !== token) {
    token = sender.bearerToken;
    current = await applyConnectionPatch(db, row, { senderTokenCiphertext: secrets().encrypt(token, senderTokenCtx(row.id)) });
    await audit(db, { actor: systemActor("sender poll"), action: "channel.sender_token_set", target: { type: "sender", id: sender.id }, customerId: row.customerId, metadata: { channel: "WHATSAPP", source: "provisioning" } });
  }
  if (!token) {
    return applyConnectionPatch(db, current, { senderState: sender.state, sinchDescription: WAITING_FOR_SENDER_TOKEN, lastCheckedAt: new Date() });
  }
  // Under the lock the row must still be this sender waiting for its credential: a disconnect that
  // came first must not see the credential added back behind it.
  const stillWaiting = (rows: ChannelConnection[]) => rows.some((r) => r.id === row.id && r.state === "activating" && r.sinchStatus === null && r.senderId === sender.id);
  const updated = await writeCredentialsIf(db, sinch, { set: { channel: "WHATSAPP", senderId: sender.id, senderBearerToken: token } }, stillWaiting, (locked, app) =>
    applyToCurrentConnection(locked, current.id, { ...credentialPatch(app, "WHATSAPP"), senderState: sender.state }),
  );
  if (!updated) return (await findConnection(db, row.customerId, "WHATSAPP"))!;
  await audit(db, { actor: systemActor("sender poll"), action: "channel.credential_submitted", target: { type: "channel", id: row.id }, customerId: row.customerId, metadata: { channel: "WHATSAPP", senderId: sender.id } });
  return updated;
}

/**
 * Reads Sinch once for a connection that is still activating and records what changed. Returns the
 * row as it now stands. Errors from Sinch are logged and leave the row as it was (the next poll retries).
 */
export async function refreshConnection(db: Db, customerId: string, channel: Channel): Promise<ChannelConnection | undefined> {
  const row = await findConnection(db, customerId, channel);
  if (!row || row.state !== "activating") return row;
  try {
    if (row.channel === "WHATSAPP" && row.sinchStatus === null && row.senderId) return await refreshSender(db, row);
    const sinch = await customerSinch(db, customerId);
    const app = await sinch.conversation.getApp(sinch.appId);
    return await applyConnectionPatch(db, row, credentialPatch(app, channel));
  } catch (err) {
    logger.warn({ customerId, channel, err: err instanceof IntegrationError ? err.toJSON() : { message: (err as Error).message } }, "channel refresh failed");
    await db.update(channelConnections).set({ lastCheckedAt: new Date() }).where(eq(channelConnections.id, row.id));
    return row;
  }
}

/** Queues the first poll of a connection that is activating. */
export async function startPolling(row: Pick<ChannelConnection, "customerId" | "channel" | "state">): Promise<void> {
  if (isTerminal(row.state)) return;
  await enqueue(CHANNEL_POLL_JOB, { customerId: row.customerId, channel: row.channel, attempt: 0 }, { startAfterSeconds: pollDelaySeconds(0) });
}

/** Job body: one refresh, then the next poll with backoff until ACTIVE or FAILING. */
export async function pollJob(db: Db, data: Record<string, unknown>): Promise<void> {
  const customerId = String(data.customerId);
  const channel = String(data.channel) as Channel;
  const attempt = Number(data.attempt ?? 0);
  const row = await refreshConnection(db, customerId, channel);
  if (!row || isTerminal(row.state) || attempt + 1 >= MAX_ATTEMPTS) return;
  await enqueue(CHANNEL_POLL_JOB, { customerId, channel, attempt: attempt + 1 }, { startAfterSeconds: pollDelaySeconds(attempt + 1) });
}

/** Safety net for polls lost with a restart: every activating connection not read for a minute. */
export async function pollSweep(db: Db, now = new Date()): Promise<number> {
  const stale = await db
    .select({ customerId: channelConnections.customerId, channel: channelConnections.channel })
    .from(channelConnections)
    .where(and(eq(channelConnections.state, "activating"), or(isNull(channelConnections.lastCheckedAt), lt(channelConnections.lastCheckedAt, new Date(now.getTime() - 60_000)))));
  for (const s of stale) await refreshConnection(db, s.customerId, s.channel);
  return stale.length;
}
