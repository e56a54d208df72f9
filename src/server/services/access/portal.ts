import { and, eq, inArray } from "drizzle-orm";
import { env } from "@/env";
import type { DbOrTx } from "@/server/db/client";
import { channelConnections, customers, type AccessGrant, type Channel, type ChannelConnection, type ChannelState } from "@/server/db/schema";
import { notFound } from "@/server/errors";

/** What the customer should do next for one channel, in their words, not Sinch's. */
function nextStep(state: ChannelState, description: string | null): { pending: boolean; text: string } {
  switch (state) {
    case "active":
      return { pending: false, text: "Connected. Nothing more to do." };
    case "activating":
      return { pending: false, text: "Connected on your side; activation usually takes a few minutes. Nothing to do." };
    case "connecting":
      return { pending: true, text: "Started. Finish signing in with Facebook and choosing the account." };
    case "failing":
      return { pending: true, text: `It did not work${description ? `: ${description}` : ""}. Try connecting again.` };
    case "reconnect_required":
      return { pending: true, text: "The connection needs your permission again. Reconnect it." };
    case "disconnected":
      return { pending: true, text: "It was disconnected. Connect it again." };
    default:
      return { pending: true, text: "Not started yet. Connect it." };
  }
}

function assetLabel(c: ChannelConnection | undefined): string | null {
  if (!c) return null;
  return c.pageName ?? (c.igUsername ? `@${c.igUsername}` : null) ?? c.displayPhoneNumber ?? null;
}

/**
 * Everything the customer's portal shows, scoped by the session's grant: only this customer's
 * requested channels, never another customer's data, never ids of Sinch or Meta objects.
 */
export async function portalOverview(db: DbOrTx, grant: AccessGrant) {
  const [customer] = await db.select({ name: customers.businessName }).from(customers).where(eq(customers.id, grant.customerId));
  if (!customer) throw notFound("Project");
  const requested = grant.channels as Channel[];
  const rows = requested.length
    ? await db
        .select()
        .from(channelConnections)
        .where(and(eq(channelConnections.customerId, grant.customerId), inArray(channelConnections.channel, requested)))
    : [];
  const byChannel = new Map(rows.map((r) => [r.channel, r]));
  const channels = requested.map((channel) => {
    const row = byChannel.get(channel);
    const state: ChannelState = row?.state ?? "not_started";
    const step = nextStep(state, row?.sinchDescription ?? null);
    return { channel, state, asset: assetLabel(row), pending: step.pending, nextStep: step.text, updatedAt: row?.stateChangedAt ?? null };
  });
  const done = channels.filter((c) => c.state === "active").length;
  return {
    resellerName: env.RESELLER_NAME,
    customerName: customer.name,
    invitedEmail: grant.invitedEmail,
    note: grant.note,
    expiresAt: grant.expiresAt,
    autoEnds: grant.autoRevokeOnActive,
    channels,
    progress: { done, total: channels.length },
  };
}
