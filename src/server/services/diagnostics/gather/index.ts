import type { Db } from "@/server/db/client";
import type { Channel } from "@/server/db/schema";
import { decryptPageToken } from "@/server/services/channels/context";
import { webhookTarget } from "@/server/services/customers/step-webhook";
import { getSetting } from "@/server/services/settings";
import { metaGraphFor, sinchGatewayFor } from "@/server/services/sinch-client";
import type { Probe, Signals } from "../engine/types";
import { connectionSignal, loadChannelContext, type ChannelContext } from "./context";
import { gatherPortalSignals } from "./portal";
import { mapLimit, probe } from "./probe";

/** Outside calls of one diagnosis in flight at once: gentle on Sinch's and Meta's rate limits. */
const CALLS_IN_FLIGHT = 4;

export interface Gathered {
  signals: Signals;
  context: ChannelContext;
  /** Every secret value this diagnosis touched, for the output scrubber. */
  secrets: string[];
}

const setupMissing = <T>(): Probe<T> => ({
  ok: false,
  error: { service: "portal", code: "setup_incomplete", operation: "portal.setup", message: "The customer's Sinch project and app are not set up yet, so Sinch cannot be checked." },
});

/** Collects Sinch, Meta and portal signals for one channel. Never throws for a vendor failure. */
export async function gatherSignals(db: Db, customerId: string, channel: Channel, now = new Date()): Promise<Gathered> {
  const context = await loadChannelContext(db, customerId, channel);
  const { project, app, connection, webhook } = context;
  const metaAppId = await getSetting(db, "meta.appId");
  const signals: Signals = {
    now,
    channel,
    connection: connection ? connectionSignal(connection) : null,
    app: app && project ? { appId: app.appId, region: app.region, projectId: project.projectId } : null,
    metaAppId,
    sinch: {},
    meta: {},
    portal: { lastInboundAt: null, lastReportAt: null, recentReports: [], signatureFailures: [], inboundLast24h: 0, inboundDailyBaseline: 0 },
  };
  const secrets: string[] = [];
  if (!app || !project) {
    signals.sinch.credential = setupMissing();
    return { signals, context, secrets };
  }

  let token: string | null = null;
  const tokenProbe = connection ? await probe("portal", "portal.token.decrypt", async () => decryptPageToken(connection)) : null;
  if (tokenProbe?.ok) token = tokenProbe.value;
  else if (tokenProbe) signals.meta.token = tokenProbe as Probe<never>;
  if (token) secrets.push(token);

  const gateway = await sinchGatewayFor(db, project);
  const conv = gateway.conversation({ projectId: project.projectId, region: app.region, ...(project.kind === "subproject" ? { projectCreatedAt: project.createdAt } : {}) });
  const graph = await metaGraphFor(db);
  const c = connection;
  const assetId = channel === "WHATSAPP" ? c?.wabaId : c?.pageId;

  const tasks: Array<() => Promise<void>> = [
    async () => {
      signals.sinch.credential = await probe("sinch", "conversation.apps.get", async () => {
        const found = (await conv.getApp(app.appId, { regionSensitive: true })).credentials.find((x) => x.channel === channel);
        return found ? { status: found.status, description: found.description ?? null, knownId: found.knownId ?? null } : null;
      });
      const failed = signals.sinch.credential.ok ? null : signals.sinch.credential.error;
      if (failed?.code === "not_found_in_region" || failed?.code === "not_found") {
        signals.sinch.regions = await probe("sinch", "conversation.apps.probe_regions", async () => ({ found: (await gateway.probeRegions(app.appId, project.projectId)).found }));
      }
    },
    async () => {
      signals.sinch.webhooks = await probe("sinch", "conversation.webhooks.list", async () => ({
        target: await webhookTarget(db, app.appId),
        storedWebhookId: webhook?.sinchWebhookId ?? null,
        list: (await conv.listWebhooks(app.appId)).map((w) => ({ id: w.id, target: w.target, triggers: w.triggers, hasSecret: w.hasSecret })),
      }));
    },
    async () => {
      signals.portal = await gatherPortalSignals(db, { customerId, appId: app.appId, channel, now });
    },
  ];
  if (channel === "WHATSAPP" && c?.senderId) {
    const senderId = c.senderId;
    tasks.push(async () => {
      signals.sinch.sender = await probe("sinch", "provisioning.senders.get", async () => {
        const sender = await gateway.provisioning.getWhatsAppSender(project.projectId, senderId);
        const details = (sender.changes?.details ?? []).map((d) => (typeof d === "string" ? d : JSON.stringify(d)));
        return { state: sender.state, changesStatus: sender.changes?.status ?? null, details };
      });
    });
  }
  if (token) {
    const t = token;
    tasks.push(async () => {
      signals.meta.token = await probe("meta", "meta.debug_token", async () => graph.debugToken(t));
    });
    if (assetId) tasks.push(async () => void (signals.meta.subscriptions = await probe("meta", "meta.subscribed_apps.get", () => graph.getSubscribedApps(assetId, t))));
    if (channel === "INSTAGRAM" && c?.pageId) {
      const pageId = c.pageId;
      tasks.push(async () => {
        signals.meta.page = await probe("meta", "meta.page.get", async () => {
          const page = await graph.getPage(pageId, t, ["id", "name", "instagram_business_account", "tasks"]);
          const tasksField = page.fields.tasks;
          return { instagramBusinessAccountId: page.instagramBusinessAccountId, tasks: Array.isArray(tasksField) ? tasksField.map(String) : [] };
        });
      });
    }
    if (channel === "WHATSAPP" && c?.phoneNumberId) {
      const phoneId = c.phoneNumberId;
      tasks.push(async () => void (signals.meta.phone = await probe("meta", "meta.phone.get", () => graph.getPhoneNumber(phoneId, t))));
    }
  }
  await mapLimit(tasks, CALLS_IN_FLIGHT, (task) => task());
  return { signals, context, secrets };
}
