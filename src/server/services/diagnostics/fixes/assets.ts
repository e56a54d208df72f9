import { eq } from "drizzle-orm";
import type { Db } from "@/server/db/client";
import { conversationApps, sinchProjects, type Channel } from "@/server/db/schema";
import { AppError, notFound } from "@/server/errors";
import { SINCH_REGIONS, type SinchRegion } from "@/server/integrations/sinch/types";
import { audit, type Actor } from "@/server/services/audit";
import { decryptPageToken, findConnection } from "@/server/services/channels/context";
import { subscribePage } from "@/server/services/channels/page-subscription";
import { REQUIRED_SCOPES } from "@/server/services/channels/requirements";
import { metaGraphFor, sinchGatewayFor } from "@/server/services/sinch-client";

/** Subscribes our Meta app to the channel's Page (Messenger, Instagram via Page) or WABA again (M3, M6, M11). */
export async function resubscribeAsset(db: Db, actor: Actor, customerId: string, channel: Channel) {
  const row = await findConnection(db, customerId, channel);
  if (!row) throw notFound("Channel");
  const token = decryptPageToken(row);
  const assetId = channel === "WHATSAPP" ? row.wabaId : row.pageId;
  if (!token || !assetId) throw new AppError("PRECONDITION_FAILED", { userMessage: "The portal holds no token for this channel. Send the customer a reconnect link instead.", reason: "no_token" });
  const graph = await metaGraphFor(db);
  if (channel === "WHATSAPP") await graph.subscribeApp(assetId, token);
  // Connections stored before scopes were recorded fall back to what the channel's login requests.
  else await subscribePage(db, graph, { channel, pageId: assetId, token, grantedScopes: row.grantedScopes ?? REQUIRED_SCOPES[channel] });
  await audit(db, { actor, action: "channel.subscribed", target: { type: "channel", id: row.id }, customerId, metadata: { channel, assetId, via: "diagnostics" } });
  return { summary: `Subscribed the Meta app to ${channel === "WHATSAPP" ? "WhatsApp account" : "Page"} ${assetId} again.` };
}

export interface RegionProbeView {
  stored: SinchRegion;
  probes: Array<{ region: SinchRegion; outcome: "found" | "absent" | "error"; code?: string }>;
  found: SinchRegion[];
  corrected: SinchRegion | null;
}

/**
 * GET app on us, eu and br (S5). With `correct`, stores the one region the app answers on. Region
 * is fixed at app creation, so this only repairs a wrong stored value; it never moves an app.
 */
export async function probeRegions(db: Db, actor: Actor, customerId: string, opts: { correct: boolean }): Promise<RegionProbeView> {
  const [[app], [project]] = await Promise.all([
    db.select().from(conversationApps).where(eq(conversationApps.customerId, customerId)),
    db.select().from(sinchProjects).where(eq(sinchProjects.customerId, customerId)),
  ]);
  if (!app || !project || app.deletedAt) throw new AppError("PRECONDITION_FAILED", { userMessage: "This customer has no Sinch app yet.", reason: "setup_incomplete" });
  const gateway = await sinchGatewayFor(db, project);
  const result = await gateway.probeRegions(app.appId, project.projectId);
  const probes = result.probes.map((p) => ({ region: p.region, outcome: p.outcome, ...(p.outcome === "error" ? { code: p.code } : {}) }));
  let corrected: SinchRegion | null = null;
  if (opts.correct) {
    if (result.found.length !== 1) {
      throw new AppError("PRECONDITION_FAILED", { userMessage: result.found.length === 0 ? "The app answered in no region, so there is nothing to correct." : "The app answered in more than one region; correct it by hand.", reason: "ambiguous_region" });
    }
    const region = result.found[0]!;
    if (region !== app.region && SINCH_REGIONS.includes(region)) {
      await db.update(conversationApps).set({ region }).where(eq(conversationApps.id, app.id));
      await audit(db, { actor, action: "channel.region_corrected", target: { type: "app", id: app.appId }, customerId, metadata: { from: app.region, to: region } });
      corrected = region;
    }
  }
  return { stored: corrected ?? app.region, probes, found: result.found, corrected };
}
