import type { Db } from "@/server/db/client";
import type { Channel } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { audit, type Actor } from "@/server/services/audit";
import { latestRun, runDiagnosis, type RunView } from "../run";
import { probeRegions, resubscribeAsset } from "./assets";
import { sendReconnectLink } from "./reconnect";
import { withUpstream } from "./upstream";
import { freeWebhookSlot, otherWebhooks as listOtherWebhooks, repairWebhook, rotateWebhookSecret } from "./webhook";

export { buildSupportBundle } from "./bundle";
export { sendReconnectLink } from "./reconnect";
export { withUpstream } from "./upstream";

export type ApplicableFix = "send_reconnect_link" | "repair_webhook" | "free_webhook_slot" | "rotate_webhook_secret" | "resubscribe_asset" | "probe_regions";

export interface FixInput {
  customerId: string;
  channel: Channel;
  action: ApplicableFix;
  /** free_webhook_slot: the webhook staff confirmed for deletion. */
  webhookId?: string;
  /** send_reconnect_link: another address than the customer's contact email. */
  email?: string;
}

export interface FixOutcome {
  action: ApplicableFix;
  summary: string;
  /** The diagnosis re-run after the fix, so the page shows its effect at once. */
  run: RunView | null;
}

/** Runs one fix, audits it, then diagnoses again (except for a link the customer has yet to use). */
export async function applyFix(db: Db, actor: Actor, input: FixInput): Promise<FixOutcome> {
  const { customerId, channel } = input;
  const summary = await withUpstream(() => runFix(db, actor, input));
  await audit(db, { actor, action: "diagnostics.fix_applied", target: { type: "channel", id: `${customerId}:${channel}` }, customerId, metadata: { channel, action: input.action, summary } });
  const run = input.action === "send_reconnect_link" ? null : await runDiagnosis(db, actor, { customerId, channel, trigger: "fix" });
  return { action: input.action, summary, run };
}

export const otherWebhooks = (db: Db, customerId: string) => withUpstream(() => listOtherWebhooks(db, customerId));
export const probeRegionsOnly = (db: Db, actor: Actor, customerId: string) => withUpstream(() => probeRegions(db, actor, customerId, { correct: false }));

async function runFix(db: Db, actor: Actor, input: FixInput): Promise<string> {
  const { customerId, channel } = input;
  let summary: string;
  switch (input.action) {
    case "send_reconnect_link": {
      const last = await latestRun(db, customerId, channel);
      const sent = await sendReconnectLink(db, actor, { customerId, channel, reason: last?.mainReason ?? null, email: input.email });
      summary = `Sent a reconnect link for ${channel.toLowerCase()} to ${sent.email}.`;
      break;
    }
    case "repair_webhook":
      summary = (await repairWebhook(db, actor, customerId)).summary;
      break;
    case "free_webhook_slot":
      if (!input.webhookId) throw new AppError("BAD_REQUEST", { userMessage: "Choose the webhook to delete.", fieldErrors: { webhookId: "Choose the webhook to delete." } });
      summary = (await freeWebhookSlot(db, actor, customerId, input.webhookId)).summary;
      break;
    case "rotate_webhook_secret":
      summary = (await rotateWebhookSecret(db, actor, customerId)).summary;
      break;
    case "resubscribe_asset":
      summary = (await resubscribeAsset(db, actor, customerId, channel)).summary;
      break;
    case "probe_regions": {
      const probed = await probeRegions(db, actor, customerId, { correct: true });
      summary = probed.corrected ? `Corrected the stored region to ${probed.corrected}.` : `The app answers on ${probed.found.join(", ") || "no region"}; nothing to correct.`;
      break;
    }
  }
  return summary;
}
