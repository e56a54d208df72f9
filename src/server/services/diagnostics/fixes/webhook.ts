import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { secrets } from "@/server/crypto";
import type { Db } from "@/server/db/client";
import { webhooks } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { MAX_WEBHOOKS_PER_APP, REQUIRED_WEBHOOK_TRIGGERS } from "@/server/integrations/sinch/conversation";
import type { Webhook } from "@/server/integrations/sinch/types";
import { audit, type Actor } from "@/server/services/audit";
import { customerSinch } from "@/server/services/channels/context";
import { newWebhookSecret, webhookSecretContext } from "@/server/services/customers/secrets";
import { webhookTarget } from "@/server/services/customers/step-webhook";
import { forgetAppWebhookEverywhere } from "@/server/services/inbox/app-webhook";

async function scope(db: Db, customerId: string) {
  const sinch = await customerSinch(db, customerId);
  const target = await webhookTarget(db, sinch.appId);
  const [stored] = await db.select().from(webhooks).where(eq(webhooks.appId, sinch.appId));
  const list = await sinch.conversation.listWebhooks(sinch.appId);
  return { sinch, target, stored, list, ours: list.find((w) => w.target === target) };
}

/** Stores the webhook (secret encrypted, bound to its row) once Sinch has accepted it. */
async function save(db: Db, customerId: string, appId: string, hook: Webhook, secret: string | null) {
  const [current] = await db.select().from(webhooks).where(eq(webhooks.appId, appId));
  const id = current?.id ?? randomUUID();
  const values = {
    customerId,
    appId,
    sinchWebhookId: hook.id,
    target: hook.target,
    triggers: hook.triggers,
    secretCiphertext: secret === null ? (current?.secretCiphertext ?? null) : secrets().encrypt(secret, webhookSecretContext(id)),
    updatedAt: new Date(),
  };
  if (current) await db.update(webhooks).set(values).where(eq(webhooks.id, id));
  else await db.insert(webhooks).values({ id, ...values });
  // The inbox caches the secret for 30 s on every instance; the next callback must use the new one.
  await forgetAppWebhookEverywhere(db, appId);
}

export interface WebhookFixResult {
  changed: boolean;
  summary: string;
}

/**
 * Brings the portal's webhook back to the required state with the smallest change: adds missing
 * triggers (S6), adopts our target registered under another id with a fresh secret (S10), sets a
 * secret where none is (S7), or registers it when absent. A full app (S9) needs a freed slot first.
 */
export async function repairWebhook(db: Db, actor: Actor, customerId: string): Promise<WebhookFixResult> {
  const { sinch, target, stored, list, ours } = await scope(db, customerId);
  const conv = sinch.conversation;
  const all = [...REQUIRED_WEBHOOK_TRIGGERS];
  let summary: string;
  if (!ours) {
    if (list.length >= MAX_WEBHOOKS_PER_APP) {
      throw new AppError("PRECONDITION_FAILED", { userMessage: `The app already has ${list.length} webhooks, the most Sinch allows. Free a slot first.`, reason: "webhook_limit" });
    }
    const secret = newWebhookSecret();
    const created = await conv.createWebhook({ appId: sinch.appId, target, triggers: all, secret });
    await save(db, customerId, sinch.appId, created, secret);
    summary = "Registered the portal's webhook with a new secret and every required trigger.";
  } else if (stored?.sinchWebhookId !== ours.id || !ours.hasSecret || !stored.secretCiphertext) {
    const secret = newWebhookSecret();
    const updated = await conv.updateWebhook(ours.id, { appId: ours.appId, target: ours.target, triggers: all, secret });
    await save(db, customerId, sinch.appId, updated, secret);
    summary = stored?.sinchWebhookId !== ours.id ? "Adopted the existing webhook: set a new secret and every required trigger." : "Set a signing secret and every required trigger.";
  } else {
    const missing = all.filter((t) => !ours.triggers.includes(t));
    if (missing.length === 0) return { changed: false, summary: "The webhook already has a secret and every required trigger." };
    const updated = await conv.updateWebhook(ours.id, { appId: ours.appId, target: ours.target, triggers: [...new Set([...ours.triggers, ...all])] });
    await save(db, customerId, sinch.appId, updated, null);
    summary = `Added the missing triggers ${missing.join(", ")}.`;
  }
  await audit(db, { actor, action: "webhook.repaired", target: { type: "webhook", id: (await currentWebhookId(db, sinch.appId)) ?? sinch.appId }, customerId, metadata: { appId: sinch.appId, summary } });
  return { changed: true, summary };
}

async function currentWebhookId(db: Db, appId: string) {
  const [row] = await db.select({ id: webhooks.sinchWebhookId }).from(webhooks).where(eq(webhooks.appId, appId));
  return row?.id;
}

/** New signing secret on Sinch first, then stored: callbacks in between fail and Sinch retries them (S7, S8). */
export async function rotateWebhookSecret(db: Db, actor: Actor, customerId: string): Promise<WebhookFixResult> {
  const { sinch, ours } = await scope(db, customerId);
  if (!ours) throw new AppError("PRECONDITION_FAILED", { userMessage: "The portal's webhook is not registered on the app. Repair the webhook instead.", reason: "webhook_missing" });
  const secret = newWebhookSecret();
  const updated = await sinch.conversation.updateWebhook(ours.id, { appId: ours.appId, target: ours.target, triggers: [...new Set([...ours.triggers, ...REQUIRED_WEBHOOK_TRIGGERS])], secret });
  await save(db, customerId, sinch.appId, updated, secret);
  await audit(db, { actor, action: "webhook.secret_rotated", target: { type: "webhook", id: ours.id }, customerId, metadata: { appId: sinch.appId } });
  return { changed: true, summary: "Set a new signing secret on Sinch and stored it encrypted." };
}

/** Deletes one other webhook the staff member confirmed (S9), then registers the portal's. */
export async function freeWebhookSlot(db: Db, actor: Actor, customerId: string, webhookId: string): Promise<WebhookFixResult> {
  const { sinch, target, list } = await scope(db, customerId);
  const victim = list.find((w) => w.id === webhookId);
  if (!victim) throw new AppError("NOT_FOUND", { userMessage: "That webhook is no longer on the app. Run the diagnosis again to see the current list.", reason: "webhook_gone" });
  if (victim.target === target) throw new AppError("BAD_REQUEST", { userMessage: "That is the portal's own webhook; it cannot be freed.", reason: "own_webhook" });
  await sinch.conversation.deleteWebhook(victim.id);
  await audit(db, { actor, action: "webhook.replaced", target: { type: "webhook", id: victim.id }, customerId, metadata: { appId: sinch.appId, removedTarget: victim.target, newTarget: target } });
  const repaired = await repairWebhook(db, actor, customerId);
  return { changed: true, summary: `Deleted the webhook to ${victim.target}. ${repaired.summary}` };
}

/** The other webhooks on the app, for the "free a slot" picker (targets only, never secrets). */
export async function otherWebhooks(db: Db, customerId: string) {
  const { target, list } = await scope(db, customerId);
  return list.filter((w) => w.target !== target).map((w) => ({ id: w.id, target: w.target, triggers: w.triggers }));
}
