import { and, eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { channelConnections, type AccessGrant, type ChannelConnection, type ChannelState } from "@/server/db/schema";
import type { App } from "@/server/integrations/sinch/types";
import { endGrantsCompletedBy, onChannelStateChanged } from "../access/lifecycle";
import { audit, systemActor, type Actor } from "../audit";
import { domainEvents } from "../events/domain";

/** Sinch credential status → portal channel state (sinch.md section 4). Unknown values keep waiting. */
export function stateForCredential(status: string | null | undefined): ChannelState {
  if (status === "ACTIVE") return "active";
  if (status === "FAILING") return "failing";
  return "activating";
}

export const isTerminal = (state: ChannelState) => state !== "activating" && state !== "connecting";

export type ConnectionPatch = Partial<Omit<typeof channelConnections.$inferInsert, "id" | "customerId" | "channel" | "createdAt">>;

/**
 * Updates one connection; a change of `state` is written only if nobody changed it first (so the
 * poll job and a live query never audit the same transition twice), then audited and handed to the
 * access engine: a grant whose channels are now all active ends in the same transaction as the
 * activation that completed it (see endGrantsCompletedBy), and is reported after commit.
 */
export async function applyConnectionPatch(db: Db, row: ChannelConnection, patch: ConnectionPatch, actor: Actor = systemActor("channel state")): Promise<ChannelConnection> {
  return (await patchIfStateUnchanged(db, row, patch, actor)).row;
}

/**
 * For a change already made outside the row (a credential array written to Sinch, a sender
 * created, a token staff typed): the portal's record must follow it whatever the row's state has
 * become since the caller read it. The poll job may have moved it (ACTIVATING → ACTIVE) meanwhile;
 * a patch written only "if unchanged" would then be dropped, and a disconnected channel's token
 * kept, to be sent back to Sinch by the next writer.
 * So the patch is applied to the row as it now stands, read again for as long as it keeps moving.
 */
export async function applyToCurrentConnection(db: Db, rowId: string, patch: ConnectionPatch, actor: Actor = systemActor("channel state")): Promise<ChannelConnection> {
  let [current] = await db.select().from(channelConnections).where(eq(channelConnections.id, rowId));
  // Each miss means another writer changed the state in between (the miss hands back the row as it
  // then is); there are only a few states to move through.
  for (let attempt = 0; attempt < 8; attempt++) {
    if (!current) throw new Error(`channel connection ${rowId} disappeared while its credential was written`);
    const result = await patchIfStateUnchanged(db, current, patch, actor);
    if (result.written) return result.row;
    current = result.row;
  }
  throw new Error(`channel connection ${rowId} kept changing state while its credential was written`);
}

async function patchIfStateUnchanged(db: Db, row: ChannelConnection, patch: ConnectionPatch, actor: Actor): Promise<{ written: boolean; row: ChannelConnection }> {
  const now = new Date();
  const to = patch.state ?? row.state;
  const changed = to !== row.state;
  let ended: AccessGrant[] = [];
  const updated = await db.transaction(async (tx) => {
    const [written] = await tx
      .update(channelConnections)
      .set({ ...patch, updatedAt: now, ...(changed ? { stateChangedAt: now } : {}) })
      .where(and(eq(channelConnections.id, row.id), eq(channelConnections.state, row.state)))
      .returning();
    if (written && changed) await domainEvents.channelStateChanged(tx, written, row.state, now);
    // A grant this activation completes ends in the same commit: its customer never sees one without the other.
    if (written && changed && to === "active") ended = await endGrantsCompletedBy(tx, row.customerId, row.channel, now);
    return written;
  });
  if (!updated) {
    const [current] = await db.select().from(channelConnections).where(eq(channelConnections.id, row.id));
    return { written: false, row: current! };
  }
  if (changed) {
    await audit(db, {
      actor,
      action: "channel.state_changed",
      target: { type: "channel", id: row.id },
      customerId: row.customerId,
      metadata: { channel: row.channel, from: row.state, to, sinchStatus: updated.sinchStatus, description: updated.sinchDescription },
    });
    await onChannelStateChanged(db, row.customerId, now, { channel: row.channel, ended });
  }
  return { written: true, row: updated };
}

/** The row fields that follow from what Sinch reports for one channel on the app. */
export function credentialPatch(app: App, channel: string): ConnectionPatch {
  const cred = app.credentials.find((c) => c.channel === channel);
  if (!cred) {
    return { state: "failing", sinchStatus: "MISSING", sinchDescription: "The credential is no longer on the Sinch app. Reconnect the channel.", lastCheckedAt: new Date() };
  }
  return { state: stateForCredential(cred.status), sinchStatus: cred.status, sinchDescription: cred.description ?? null, lastCheckedAt: new Date() };
}
