import { and, eq } from "drizzle-orm";
import { secrets } from "@/server/crypto";
import type { Db, DbOrTx } from "@/server/db/client";
import { channelConnections, conversationApps, customers, sinchProjects, type Channel, type ChannelConnection } from "@/server/db/schema";
import { AppError, notFound } from "@/server/errors";
import type { ConversationClient } from "@/server/integrations/sinch/conversation";
import type { SinchGateway } from "@/server/integrations/sinch/gateway";
import { sinchGatewayFor } from "../sinch-client";

/** Ciphertexts are bound to their row and column, so a value copied elsewhere does not decrypt. */
export const connectionTokenCtx = (rowId: string) => ({ table: "channel_connections", column: "token_ciphertext", rowId });
export const senderTokenCtx = (rowId: string) => ({ table: "channel_connections", column: "sender_token_ciphertext", rowId });
export const loginTokenCtx = (rowId: string) => ({ table: "channel_login_sessions", column: "token_ciphertext", rowId });

export interface CustomerSinch {
  customerId: string;
  projectId: string;
  appId: string;
  gateway: SinchGateway;
  conversation: ConversationClient;
}

/** The customer's Sinch project and app; channels can only be connected once setup created both. */
export async function customerSinch(db: Db, customerId: string): Promise<CustomerSinch> {
  const [customer] = await db.select().from(customers).where(eq(customers.id, customerId));
  if (!customer) throw notFound("Customer");
  const [project] = await db.select().from(sinchProjects).where(eq(sinchProjects.customerId, customerId));
  const [app] = await db.select().from(conversationApps).where(eq(conversationApps.customerId, customerId));
  if (!project || !app || app.deletedAt) {
    throw new AppError("PRECONDITION_FAILED", { userMessage: "The Sinch project and app for this customer are not set up yet. Finish the customer setup first.", reason: "setup_incomplete" });
  }
  const gateway = await sinchGatewayFor(db, project);
  return { customerId, projectId: project.projectId, appId: app.appId, gateway, conversation: gateway.conversation({ projectId: project.projectId, region: app.region }) };
}

export async function findConnection(db: DbOrTx, customerId: string, channel: Channel): Promise<ChannelConnection | undefined> {
  const [row] = await db
    .select()
    .from(channelConnections)
    .where(and(eq(channelConnections.customerId, customerId), eq(channelConnections.channel, channel)));
  return row;
}

/** One row per customer and channel: reconnecting reuses it so its history stays attached. */
export async function ensureConnection(db: DbOrTx, customerId: string, channel: Channel): Promise<ChannelConnection> {
  await db.insert(channelConnections).values({ customerId, channel }).onConflictDoNothing();
  return (await findConnection(db, customerId, channel))!;
}

export function decryptPageToken(row: Pick<ChannelConnection, "id" | "tokenCiphertext">): string | null {
  return row.tokenCiphertext ? secrets().decrypt(row.tokenCiphertext, connectionTokenCtx(row.id)) : null;
}

export function decryptSenderToken(row: Pick<ChannelConnection, "id" | "senderTokenCiphertext">): string | null {
  return row.senderTokenCiphertext ? secrets().decrypt(row.senderTokenCiphertext, senderTokenCtx(row.id)) : null;
}
