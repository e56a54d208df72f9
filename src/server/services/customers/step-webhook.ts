import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { secrets } from "@/server/crypto";
import type { Db } from "@/server/db/client";
import { webhooks } from "@/server/db/schema";
import { MAX_WEBHOOKS_PER_APP, REQUIRED_WEBHOOK_TRIGGERS, type ConversationClient } from "@/server/integrations/sinch/conversation";
import type { Webhook } from "@/server/integrations/sinch/types";
import { audit, type Actor } from "../audit";
import { forgetAppWebhookEverywhere } from "../inbox/app-webhook";
import { getSetting } from "../settings";
import { StepFailure } from "./errors";
import { newWebhookSecret, webhookSecretContext } from "./secrets";
import { appOf, conversationFor } from "./step-app";
import { projectOf, type StepContext, type StepResult } from "./step-project";

export async function webhookTarget(db: Db, appId: string): Promise<string> {
  const base = (await getSetting(db, "portal.publicUrl")).replace(/\/+$/, "");
  return `${base}/api/webhooks/sinch/${encodeURIComponent(appId)}`;
}

const hasAllTriggers = (w: Webhook) => REQUIRED_WEBHOOK_TRIGGERS.every((t) => w.triggers.includes(t));

/** Stores the webhook with its secret encrypted and bound to the row (one row per app). */
async function saveWebhook(db: Db, customerId: string, appId: string, hook: Webhook, secret: string) {
  const [current] = await db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.appId, appId));
  const id = current?.id ?? randomUUID();
  const row = {
    customerId,
    appId,
    sinchWebhookId: hook.id,
    target: hook.target,
    triggers: [...REQUIRED_WEBHOOK_TRIGGERS],
    secretCiphertext: secrets().encrypt(secret, webhookSecretContext(id)),
    updatedAt: new Date(),
  };
  if (current) await db.update(webhooks).set(row).where(eq(webhooks.id, id));
  else await db.insert(webhooks).values({ id, ...row });
  await forgetAppWebhookEverywhere(db, appId);
}

export interface WebhookStepOptions {
  actor: Actor;
  /** Staff chose this existing webhook to make room (5-webhook limit, catalogue S9). */
  replaceWebhookId?: string;
}

/**
 * Registers the portal's signed webhook. Our target already there (S10) → adopted with a fresh secret
 * and the full trigger list; five others (S9) → stop and let staff pick one to replace.
 */
export async function runWebhookStep({ db, customer }: StepContext, opts: WebhookStepOptions): Promise<StepResult> {
  const app = await appOf(db, customer.id);
  const project = await projectOf(db, customer.id);
  if (!app || !project) throw new StepFailure("app_missing", "The Conversation API app step has not completed yet.");
  const conv: ConversationClient = await conversationFor(db, customer, project);
  const target = await webhookTarget(db, app.appId);
  const [stored] = await db.select().from(webhooks).where(eq(webhooks.appId, app.appId));
  let list = await conv.listWebhooks(app.appId);

  const registered = stored && list.find((w) => w.id === stored.sinchWebhookId && w.target === target && hasAllTriggers(w) && w.hasSecret);
  if (registered && stored.secretCiphertext) return { ref: registered.id, note: "already registered" };

  const secret = newWebhookSecret();
  const ours = list.find((w) => w.target === target);
  if (ours) {
    const updated = await conv.updateWebhook(ours.id, { appId: ours.appId, target: ours.target, triggers: REQUIRED_WEBHOOK_TRIGGERS, secret });
    await saveWebhook(db, customer.id, app.appId, updated, secret);
    await audit(db, { actor: opts.actor, action: "webhook.adopted", target: { type: "webhook", id: ours.id }, customerId: customer.id, metadata: { appId: app.appId, target } });
    return { ref: ours.id, note: "adopted the webhook already registered for the portal" };
  }

  if (opts.replaceWebhookId) {
    const victim = list.find((w) => w.id === opts.replaceWebhookId);
    if (!victim) throw new StepFailure("webhook_gone", "The webhook chosen for replacement no longer exists on the app. Retry to see the current list.");
    await conv.deleteWebhook(victim.id);
    await audit(db, { actor: opts.actor, action: "webhook.replaced", target: { type: "webhook", id: victim.id }, customerId: customer.id, metadata: { appId: app.appId, removedTarget: victim.target, newTarget: target } });
    list = list.filter((w) => w.id !== victim.id);
  }

  if (list.length >= MAX_WEBHOOKS_PER_APP) {
    throw new StepFailure(
      "webhook_limit",
      `The app already has ${list.length} webhooks, the most Sinch allows. Choose one to replace with the portal's webhook.`,
      { webhooks: list.map((w) => ({ id: w.id, target: w.target, triggers: w.triggers })) },
    );
  }
  const created = await conv.createWebhook({ appId: app.appId, target, triggers: REQUIRED_WEBHOOK_TRIGGERS, secret });
  await saveWebhook(db, customer.id, app.appId, created, secret);
  await audit(db, { actor: opts.actor, action: "webhook.registered", target: { type: "webhook", id: created.id }, customerId: customer.id, metadata: { appId: app.appId, target, triggers: [...REQUIRED_WEBHOOK_TRIGGERS] } });
  return { ref: created.id };
}
