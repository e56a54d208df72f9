import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { channelConnections, conversationApps, customers, sinchProjects, webhooks, type Channel, type ChannelConnection } from "@/server/db/schema";
import { notFound } from "@/server/errors";
import type { ConnectionSignal } from "../engine/types";

/** Everything the portal itself knows about one customer channel, read in one place. */
export async function loadChannelContext(db: DbOrTx, customerId: string, channel: Channel) {
  const [customer] = await db.select().from(customers).where(eq(customers.id, customerId));
  if (!customer) throw notFound("Customer");
  const [[project], [app], [connection]] = await Promise.all([
    db.select().from(sinchProjects).where(eq(sinchProjects.customerId, customerId)),
    db.select().from(conversationApps).where(eq(conversationApps.customerId, customerId)),
    db.select().from(channelConnections).where(and(eq(channelConnections.customerId, customerId), eq(channelConnections.channel, channel))),
  ]);
  const liveApp = app && !app.deletedAt ? app : undefined;
  const [webhook] = liveApp ? await db.select().from(webhooks).where(eq(webhooks.appId, liveApp.appId)) : [];
  return { customer, project, app: liveApp, connection, webhook };
}
export type ChannelContext = Awaited<ReturnType<typeof loadChannelContext>>;

export function connectionSignal(row: ChannelConnection): ConnectionSignal {
  return {
    id: row.id,
    channel: row.channel,
    state: row.state,
    pageId: row.pageId,
    igAccountId: row.igAccountId,
    wabaId: row.wabaId,
    phoneNumberId: row.phoneNumberId,
    senderId: row.senderId,
    hasToken: row.tokenCiphertext !== null,
    tokenType: row.tokenType,
    tokenExpiresAt: row.tokenExpiresAt,
    dataAccessExpiresAt: row.dataAccessExpiresAt,
    grantedScopes: row.grantedScopes ?? [],
    sinchStatus: row.sinchStatus,
    sinchDescription: row.sinchDescription,
    consecutiveAuthFailures: row.consecutiveAuthFailures,
    stateChangedAt: row.stateChangedAt,
    createdAt: row.createdAt,
  };
}
