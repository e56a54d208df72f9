import { and, eq, isNull } from "drizzle-orm";
import { secrets } from "@/server/crypto";
import type { DbHandle, DbOrTx } from "@/server/db/client";
import { CACHE_CHANNEL, listenToInstances, notifyInstances } from "@/server/db/notify";
import { conversationApps, webhooks } from "@/server/db/schema";

export interface AppWebhook {
  appId: string;
  customerId: string;
  /** null: the webhook was deliberately created without a secret (unsigned callbacks). */
  secret: string | null;
}

const TTL_MS = 30_000;
const MAX_ENTRIES = 10_000;
type Cache = Map<string, { value: AppWebhook; expires: number }>;
/**
 * On globalThis: Next compiles the webhook server (instrumentation) and the tRPC routes that rotate
 * a secret into separate bundles, each with its own copy of this module; one cache lets a
 * rotation's `forgetAppWebhook` reach the copy that verifies callbacks.
 */
const shared = globalThis as unknown as { __portalAppWebhooks?: Cache };
const cache = (shared.__portalAppWebhooks ??= new Map());

async function load(db: DbOrTx, appId: string): Promise<AppWebhook | null> {
  const [row] = await db
    .select({ customerId: conversationApps.customerId, webhookId: webhooks.id, ciphertext: webhooks.secretCiphertext })
    .from(conversationApps)
    .innerJoin(webhooks, and(eq(webhooks.appId, conversationApps.appId), eq(webhooks.customerId, conversationApps.customerId)))
    .where(and(eq(conversationApps.appId, appId), isNull(conversationApps.deletedAt)))
    .limit(1);
  if (!row) return null;
  const secret = row.ciphertext
    ? secrets().decrypt(row.ciphertext, { table: "webhooks", column: "secret_ciphertext", rowId: row.webhookId })
    : null;
  return { appId, customerId: row.customerId, secret };
}

/**
 * The app's customer and decrypted webhook secret, cached for 30 s so verifying a callback reads no
 * database. Every write of a webhook secret calls `forgetAppWebhook`; a caller whose verification
 * fails with a cached secret asks again with `fresh`, so a rotation made elsewhere (another
 * instance) applies to the new secret at once and to the old one within the expiry.
 */
export async function appWebhookFor(db: DbOrTx, appId: string, opts: { fresh?: boolean; now?: number } = {}): Promise<{ value: AppWebhook | null; cached: boolean }> {
  const now = opts.now ?? Date.now();
  const hit = cache.get(appId);
  if (!opts.fresh && hit && hit.expires > now) return { value: hit.value, cached: true };
  const value = await load(db, appId);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  // Unknown apps are not cached: an app created a moment ago must be found on Sinch's retry.
  if (value) cache.set(appId, { value, expires: now + TTL_MS });
  else cache.delete(appId);
  return { value, cached: false };
}

/** Tests and secret rotation call this so the next callback reads the database. */
export function forgetAppWebhook(appId?: string): void {
  if (appId === undefined) cache.clear();
  else cache.delete(appId);
}

const NOTICE = "app-webhook:";

/**
 * After a webhook secret is written: forget it here and tell every other instance to forget it too
 * (LISTEN/NOTIFY), so a rotated-out secret is refused everywhere at once, not after the 30 s expiry.
 */
export async function forgetAppWebhookEverywhere(db: DbOrTx, appId: string): Promise<void> {
  forgetAppWebhook(appId);
  await notifyInstances(db, CACHE_CHANNEL, `${NOTICE}${appId}`);
}

/** Called once per process at start: forget what another instance says has changed. */
export async function listenForAppWebhookChanges(handle: DbHandle): Promise<void> {
  await listenToInstances(handle, CACHE_CHANNEL, (payload) => {
    if (payload.startsWith(NOTICE)) forgetAppWebhook(payload.slice(NOTICE.length));
  });
}
