import { eq, sql } from "drizzle-orm";
import { driverOf, type Db } from "@/server/db/client";
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

/**
 * Per-process queue in front of the database lock: callers in one process wait here, not on a pooled
 * connection each (nine waiters for one app must not hold nine of the pool's connections).
 */
const queued = new Map<string, Promise<unknown>>();
const depth = new Map<string, number>();

async function inProcessQueue<T>(appId: string, fn: () => Promise<T>): Promise<T> {
  const previous = queued.get(appId) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(fn);
  queued.set(appId, run);
  depth.set(appId, (depth.get(appId) ?? 0) + 1);
  try {
    return await run;
  } finally {
    if (queued.get(appId) === run) queued.delete(appId);
    const left = depth.get(appId)! - 1;
    if (left) depth.set(appId, left);
    else depth.delete(appId);
  }
}

/** How many writers of one app's credentials hold or wait for its lock in this process. */
export const credentialWritersInProcess = (appId: string): number => depth.get(appId) ?? 0;

/**
 * Serialises read-modify-write of one app's credential array across every portal instance: on
 * Postgres a transaction-scoped advisory lock keyed by the app id, held (with every query of `fn`
 * running inside that transaction) until `fn` has read Sinch, written the new array and stored the
 * portal's copy of it. A crashed holder's lock ends with its connection. PGlite is one process by
 * construction (one process per data folder), so the in-process queue is the whole lock there.
 */
export async function withAppCredentialLock<T>(db: Db, appId: string, fn: (db: Db) => Promise<T>): Promise<T> {
  return inProcessQueue(appId, () => {
    if (driverOf(db) === "pglite") return fn(db);
    return db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`cred:${appId}`}))`);
      return fn(tx as unknown as Db);
    });
  });
}

export const isManagedChannel = (ch: string): ch is Channel => (managedChannels as readonly string[]).includes(ch);

/**
 * Applies one change to the app's credentials, keeping every other credential, then `persist`s the
 * portal's record of it (given the app Sinch reports) while still holding the app's lock: the next
 * writer must see this channel's copy, or it would refuse (or drop) it.
 */
export async function writeCredentials<T>(db: Db, sinch: CustomerSinch, change: CredentialChange, persist: (db: Db, app: App) => Promise<T>): Promise<T> {
  return (await writeCredentialsIf(db, sinch, change, () => true, persist)) as T;
}

/**
 * As writeCredentials, for a writer that acts on what it read before taking the lock (the poll
 * job): `stillWanted` sees the connections as they are under the lock, and when it says no (a
 * disconnect came first, say) nothing is written to Sinch and the result is null.
 */
export async function writeCredentialsIf<T>(
  db: Db,
  sinch: CustomerSinch,
  change: CredentialChange,
  stillWanted: (rows: ChannelConnection[]) => boolean,
  persist: (db: Db, app: App) => Promise<T>,
): Promise<T | null> {
  return withAppCredentialLock(db, sinch.appId, async (locked) => {
    const rows = await locked.select().from(channelConnections).where(eq(channelConnections.customerId, sinch.customerId));
    if (!stillWanted(rows)) return null;
    const app = await sinch.conversation.getApp(sinch.appId);
    const appSecret = await getSetting(locked, "meta.appSecret");
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
    return persist(locked, await sinch.conversation.setChannelCredentials(sinch.appId, built.credentials));
  });
}
