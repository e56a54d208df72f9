import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { channelConnections, channels as managedChannels, type Channel, type ChannelConnection } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { channelCredentialsFor } from "@/server/integrations/sinch/transform";
import type { App, CredentialInput, WireChannelCredential } from "@/server/integrations/sinch/types";
import { getSetting } from "../settings";
import { decryptPageToken, decryptSenderToken, type CustomerSinch } from "./context";

/**
 * The portal's own copy of a submitted credential. Sinch never returns tokens, so the array sent to
 * Sinch is always rebuilt from these encrypted copies (sinch.md section 3 rule).
 */
export function ourCredential(row: ChannelConnection, callbackSecret?: string): CredentialInput | null {
  if (row.state === "disconnected" || row.sinchStatus === null) return null;
  if (row.channel === "WHATSAPP") {
    const token = decryptSenderToken(row);
    return row.senderId && token ? { channel: "WHATSAPP", senderId: row.senderId, senderBearerToken: token } : null;
  }
  const token = decryptPageToken(row);
  if (!token || !row.pageId) return null;
  if (row.channel === "MESSENGER") return { channel: "MESSENGER", pageAccessToken: token, callbackSecret };
  return row.igAccountId ? { channel: "INSTAGRAM", pageAccessToken: token, instagramBusinessAccountId: row.igAccountId, callbackSecret } : null;
}

export type CredentialChange = { set: CredentialInput } | { remove: Channel };

export type BuiltCredentials = { ok: true; credentials: WireChannelCredential[] } | { ok: false; unmanaged: string[] };

/**
 * The full `channel_credentials` array after one change. Order (= channel priority) follows the
 * app's current order; a new channel goes last. A credential on the app that the portal holds no
 * copy of cannot be re-sent, so instead of silently dropping it the change is refused.
 */
export function buildCredentialArray(currentOrder: readonly string[], ours: readonly CredentialInput[], change: CredentialChange): BuiltCredentials {
  const byChannel = new Map<string, CredentialInput>(ours.map((c) => [c.channel, c]));
  const touched = "set" in change ? change.set.channel : change.remove;
  if ("set" in change) byChannel.set(change.set.channel, change.set);
  else byChannel.delete(change.remove);
  const unmanaged = currentOrder.filter((ch) => ch !== touched && !byChannel.has(ch));
  if (unmanaged.length) return { ok: false, unmanaged: [...new Set(unmanaged)] };
  const order = [...new Set([...currentOrder, ...byChannel.keys()])].filter((ch) => byChannel.has(ch));
  return { ok: true, credentials: order.map((ch) => channelCredentialsFor(byChannel.get(ch)!)) };
}

const locks = new Map<string, Promise<unknown>>();

/** Serialises read-modify-write of one app's array inside this process (two channels finishing at once). */
async function withAppLock<T>(appId: string, fn: () => Promise<T>): Promise<T> {
  const previous = locks.get(appId) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(fn);
  locks.set(appId, run);
  try {
    return await run;
  } finally {
    if (locks.get(appId) === run) locks.delete(appId);
  }
}

export const isManagedChannel = (ch: string): ch is Channel => (managedChannels as readonly string[]).includes(ch);

/** Applies one change to the app's credentials, keeping every other credential, and returns the app Sinch reports. */
export async function writeCredentials(db: Db, sinch: CustomerSinch, change: CredentialChange): Promise<App> {
  return withAppLock(sinch.appId, async () => {
    const app = await sinch.conversation.getApp(sinch.appId);
    const appSecret = await getSetting(db, "meta.appSecret");
    const rows = await db.select().from(channelConnections).where(eq(channelConnections.customerId, sinch.customerId));
    const ours = rows.map((r) => ourCredential(r, appSecret)).filter((c): c is CredentialInput => c !== null);
    const built = buildCredentialArray(
      app.credentials.map((c) => c.channel),
      ours,
      change,
    );
    if (!built.ok) {
      throw new AppError("CONFLICT", {
        userMessage: `The Sinch app also has a ${built.unmanaged.join(", ")} credential that this portal did not create. Saving would remove it, so nothing was changed. Remove or re-create it through the portal first.`,
        reason: "unmanaged_credential",
      });
    }
    return sinch.conversation.setChannelCredentials(sinch.appId, built.credentials);
  });
}
