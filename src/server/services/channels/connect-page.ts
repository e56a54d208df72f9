import { and, eq } from "drizzle-orm";
import { secrets } from "@/server/crypto";
import type { Db } from "@/server/db/client";
import { channelLoginSessions, type Channel } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { IntegrationError } from "@/server/integrations/errors";
import type { CredentialInput } from "@/server/integrations/sinch/types";
import { audit, type Actor } from "../audit";
import { getSetting } from "../settings";
import { connectionTokenCtx, customerSinch, ensureConnection } from "./context";
import { writeCredentials } from "./credentials";
import { subscribePage } from "./page-subscription";
import { fetchSessionPages } from "./pages";
import { startPolling } from "./poll";
import { applyToCurrentConnection, credentialPatch } from "./transitions";

type PageChannel = Exclude<Channel, "WHATSAPP">;

function upstream(err: unknown): never {
  if (err instanceof IntegrationError) throw new AppError("UPSTREAM_FAILED", { userMessage: err.userMessage, reason: err.code, cause: err });
  throw err;
}

/**
 * Step 5 (confirm): subscribe the Page to the app's webhooks, then replace the app's full
 * credential array with this channel's credential added (every other one kept), and follow the
 * Sinch state from PENDING. The Page token never leaves the server.
 */
export async function connectPage(db: Db, actor: Actor, customerId: string, channel: PageChannel, sessionId: string) {
  const { session, pages, graph } = await fetchSessionPages(db, customerId, channel, sessionId);
  if (!session.pageId) throw new AppError("BAD_REQUEST", { userMessage: "Pick a Page first.", reason: "no_page" });
  const page = pages.find((p) => p.id === session.pageId);
  if (!page?.accessToken) {
    throw new AppError("BAD_REQUEST", { userMessage: `${session.pageName ?? "The Page"} is no longer available to this login. Log in again and select it.`, reason: "asset_not_shared" });
  }
  if (channel === "INSTAGRAM" && !session.igAccountId) throw new AppError("BAD_REQUEST", { userMessage: "Pick a Page with a linked Instagram account first.", reason: "instagram_not_linked" });
  const sinch = await customerSinch(db, customerId);
  const row = await ensureConnection(db, customerId, channel);
  let subscription;
  try {
    subscription = await subscribePage(db, graph, { channel, pageId: page.id, token: page.accessToken, grantedScopes: session.grantedScopes });
  } catch (err) {
    upstream(err);
  }
  await audit(db, { actor, action: "channel.subscribed", target: { type: "page", id: page.id }, customerId, metadata: { channel, fields: subscription.fields, posted: subscription.posted } });
  const callbackSecret = await getSetting(db, "meta.appSecret");
  const credential: CredentialInput =
    channel === "MESSENGER"
      ? { channel, pageAccessToken: page.accessToken, callbackSecret }
      : { channel, pageAccessToken: page.accessToken, instagramBusinessAccountId: session.igAccountId!, callbackSecret };
  const tokenCiphertext = secrets().encrypt(page.accessToken, connectionTokenCtx(row.id));
  // The row is updated inside the app's credential lock, as it stands then, so a concurrent change
  // (another channel, another instance) rebuilds the array with this credential in it.
  const updated = await writeCredentials(db, sinch, { set: credential }, (locked, app) =>
    applyToCurrentConnection(
      locked,
      row.id,
      {
        ...credentialPatch(app, channel),
        pageId: page.id,
        pageName: page.name,
        igAccountId: session.igAccountId,
        igUsername: session.igUsername,
        businessId: page.businessId,
        tokenType: session.tokenType,
        tokenCiphertext,
        tokenExpiresAt: null,
        dataAccessExpiresAt: session.dataAccessExpiresAt,
        grantedScopes: session.grantedScopes,
        consecutiveAuthFailures: 0,
        connectedBy: actor.label,
      },
      actor,
    ),
  ).catch(upstream);
  await audit(db, { actor, action: "channel.credential_submitted", target: { type: "channel", id: row.id }, customerId, metadata: { channel, pageId: page.id, igAccountId: session.igAccountId } });
  await db.delete(channelLoginSessions).where(and(eq(channelLoginSessions.id, session.id), eq(channelLoginSessions.customerId, customerId)));
  await startPolling(updated);
  return updated;
}
