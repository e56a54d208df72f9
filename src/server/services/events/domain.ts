import type { DbOrTx } from "@/server/db/client";
import type { AccessGrant, ChannelConnection, ChannelState } from "@/server/db/schema";
import { emitEvent } from "./emit";

/**
 * The payload of each domain event, in one place so every emitter sends the same shape. Thin
 * payloads (ids, states, reasons): a receiver that needs more asks the API.
 */
export const domainEvents = {
  customerReady: (db: DbOrTx, c: { id: string; businessName: string; region: string }) =>
    emitEvent(db, { type: "customer.ready", customerId: c.id, data: { customerId: c.id, businessName: c.businessName, region: c.region } }),

  accessAccepted: (db: DbOrTx, g: AccessGrant, at: Date) =>
    emitEvent(db, {
      type: "access.accepted",
      customerId: g.customerId,
      occurredAt: at,
      data: { customerId: g.customerId, grantId: g.id, kind: g.kind, channels: g.channels, expiresAt: g.expiresAt.toISOString() },
    }),

  /** `reason`: revoked, expired, completed (every requested channel active) or superseded (a newer reconnect link). */
  accessEnded: (db: DbOrTx, g: Pick<AccessGrant, "id" | "customerId" | "kind" | "channels" | "endedAt" | "endReason">) =>
    emitEvent(db, {
      type: "access.ended",
      customerId: g.customerId,
      occurredAt: g.endedAt ?? new Date(),
      dedupeKey: `access.ended:${g.id}`,
      data: { customerId: g.customerId, grantId: g.id, kind: g.kind, channels: g.channels, reason: g.endReason },
    }),

  /** Only the two states a receiver acts on: `active` and `failing`. */
  channelStateChanged: async (db: DbOrTx, row: ChannelConnection, from: ChannelState, at: Date) => {
    if (row.state !== "active" && row.state !== "failing") return 0;
    return emitEvent(db, {
      type: row.state === "active" ? "channel.active" : "channel.failing",
      customerId: row.customerId,
      occurredAt: at,
      data: { customerId: row.customerId, channel: row.channel, connectionId: row.id, from, sinchStatus: row.sinchStatus, description: row.sinchDescription },
    });
  },

  diagnosisChanged: (
    db: DbOrTx,
    d: { customerId: string; channel: string; connectionId: string; runId: string; verdict: string; previousVerdict: string | null; mainReason: string | null; mainOwner: string | null },
    at: Date,
  ) => emitEvent(db, { type: "diagnosis.changed", customerId: d.customerId, occurredAt: at, data: { ...d } }),
};
