import { env } from "@/env";
import type { Db } from "@/server/db/client";
import type { Channel, ChannelConnection, ChannelState } from "@/server/db/schema";
import { getSettings } from "../settings";
import { findConnection } from "./context";
import { refreshConnection, WAITING_FOR_SENDER_TOKEN } from "./poll";
import { permissionWords, REQUIRED_SCOPES } from "./requirements";

/** Sinch validation usually takes seconds; after this the channel counts as stuck (catalogue S11). */
const STUCK_AFTER_MS = 15 * 60_000;
const LIVE_REFRESH_MS = 1_000;

export function fixFor(row: Pick<ChannelConnection, "channel" | "state" | "senderState">): string | null {
  if (row.state === "failing" && row.channel === "WHATSAPP" && row.senderState && row.senderState !== "ACTIVE") {
    return "Run the WhatsApp signup again. If the sender keeps failing, your provider will contact Sinch with the reason above.";
  }
  if (row.state === "failing" || row.state === "reconnect_required") {
    return "Reconnect: log in again with every permission allowed and the same account selected.";
  }
  return null;
}

/** What the wizard and the channel cards may show. No token, ever: only whether one is stored. */
export function connectionView(row: ChannelConnection | undefined, channel: Channel, now = new Date()) {
  const state: ChannelState = row?.state ?? "not_started";
  return {
    channel,
    state,
    sinchStatus: row?.sinchStatus ?? null,
    description: row?.sinchDescription ?? null,
    fix: row ? fixFor(row) : null,
    pageId: row?.pageId ?? null,
    pageName: row?.pageName ?? null,
    igAccountId: row?.igAccountId ?? null,
    wabaId: row?.wabaId ?? null,
    phoneNumberId: row?.phoneNumberId ?? null,
    displayPhoneNumber: row?.displayPhoneNumber ?? null,
    dataLocalizationRegion: row?.dataLocalizationRegion ?? null,
    senderId: row?.senderId ?? null,
    senderState: row?.senderState ?? null,
    senderRegion: row?.senderRegion ?? null,
    metaLocalStorage: row?.metaLocalStorage ?? null,
    tokenType: row?.tokenType ?? null,
    waitingForSenderToken: row?.sinchDescription === WAITING_FOR_SENDER_TOKEN,
    stateChangedAt: row?.stateChangedAt ?? null,
    stuck: state === "activating" && !!row && now.getTime() - row.stateChangedAt.getTime() > STUCK_AFTER_MS,
  };
}
export type ConnectionView = ReturnType<typeof connectionView>;

/** Everything the browser needs to open Facebook Login / Embedded Signup: public values only. */
export async function wizardConfig(db: Db, channel: Channel) {
  const s = await getSettings(db, ["meta.appId", "meta.configIdMessenger", "meta.configIdInstagram", "meta.configIdWhatsapp", "meta.solutionId"]);
  const configId = channel === "MESSENGER" ? s["meta.configIdMessenger"] : channel === "INSTAGRAM" ? s["meta.configIdInstagram"] : s["meta.configIdWhatsapp"];
  return {
    appId: s["meta.appId"],
    configId,
    // Embedded Signup joins this Multi-Partner Solution so Sinch (Solution Partner) gets the WABA.
    solutionId: channel === "WHATSAPP" ? s["meta.solutionId"] : null,
    sdkUrl: env.META_SDK_URL,
    graphVersion: env.META_GRAPH_VERSION,
    allowedOrigins: env.META_ALLOWED_ORIGINS.split(",").map((o) => o.trim()).filter(Boolean),
    permissions: REQUIRED_SCOPES[channel].map((scope) => ({ scope, words: permissionWords(scope) })),
  };
}

/** The channel as it stands; while activating, Sinch is re-read (at most once a second) so the UI goes live without reload. */
export async function channelStatus(db: Db, customerId: string, channel: Channel) {
  let row = await findConnection(db, customerId, channel);
  if (row?.state === "activating" && (!row.lastCheckedAt || Date.now() - row.lastCheckedAt.getTime() > LIVE_REFRESH_MS)) {
    row = await refreshConnection(db, customerId, channel);
  }
  return connectionView(row, channel);
}
