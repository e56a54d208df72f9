import type { Channel } from "@/server/db/schema/channels";
import type { ProbeError, Signals } from "@/server/services/diagnostics/engine";

export const NOW = new Date("2026-11-21T12:00:00Z");
const DAY = 86_400_000;
export const META_APP = "100000000000001";
export const TARGET = "https://portal.test/api/webhooks/sinch/app1";
export const ALL_TRIGGERS = ["MESSAGE_INBOUND", "MESSAGE_DELIVERY", "EVENT_INBOUND", "EVENT_DELIVERY", "CONVERSATION_START", "CONVERSATION_STOP", "UNSUPPORTED", "CHANNEL_EVENT"];

const scopes: Record<Channel, string[]> = {
  MESSENGER: ["pages_messaging", "pages_manage_metadata", "pages_show_list", "pages_read_engagement"],
  INSTAGRAM: ["instagram_basic", "instagram_manage_messages", "pages_manage_metadata", "pages_show_list", "pages_read_engagement"],
  WHATSAPP: ["whatsapp_business_management", "whatsapp_business_messaging"],
};

/** A healthy channel's signals; tests break one thing at a time. */
export function healthy(channel: Channel = "MESSENGER"): Signals {
  return {
    now: NOW,
    channel,
    metaAppId: META_APP,
    app: { appId: "app1", region: "eu", projectId: "proj1" },
    connection: {
      id: "c1",
      channel,
      state: "active",
      pageId: "2000100001",
      igAccountId: channel === "INSTAGRAM" ? "17841000100001" : null,
      wabaId: channel === "WHATSAPP" ? "4000100001" : null,
      phoneNumberId: channel === "WHATSAPP" ? "5000100001" : null,
      senderId: channel === "WHATSAPP" ? "sender1" : null,
      hasToken: true,
      tokenType: "user",
      tokenExpiresAt: null,
      dataAccessExpiresAt: new Date(NOW.getTime() + 80 * DAY),
      grantedScopes: scopes[channel],
      sinchStatus: "ACTIVE",
      sinchDescription: null,
      consecutiveAuthFailures: 0,
      stateChangedAt: new Date(NOW.getTime() - 10 * DAY),
      createdAt: new Date(NOW.getTime() - 10 * DAY),
    },
    sinch: {
      credential: { ok: true, value: { status: "ACTIVE", description: null, knownId: "2000100001" } },
      webhooks: { ok: true, value: { target: TARGET, storedWebhookId: "wh1", list: [{ id: "wh1", target: TARGET, triggers: ALL_TRIGGERS, hasSecret: true }] } },
      ...(channel === "WHATSAPP" ? { sender: { ok: true as const, value: { state: "ACTIVE", changesStatus: null, details: [] } } } : {}),
    },
    meta: {
      token: {
        ok: true,
        value: {
          isValid: true,
          type: "PAGE",
          expiresAt: null,
          dataAccessExpiresAt: new Date(NOW.getTime() + 80 * DAY),
          scopes: scopes[channel],
          granularScopes: [
            { scope: "pages_messaging", targetIds: ["2000100001"] },
            { scope: "instagram_manage_messages", targetIds: ["17841000100001"] },
            { scope: "whatsapp_business_management", targetIds: ["4000100001"] },
          ],
          error: null,
        },
      },
      subscriptions: { ok: true, value: [{ appId: META_APP, name: "Emu", subscribedFields: ["messages"], overrideCallbackUri: null }] },
      ...(channel === "INSTAGRAM" ? { page: { ok: true as const, value: { instagramBusinessAccountId: "17841000100001", tasks: ["MANAGE", "MODERATE", "MESSAGING"] } } } : {}),
      ...(channel === "WHATSAPP" ? { phone: { ok: true as const, value: { status: "CONNECTED", nameStatus: "APPROVED", codeVerificationStatus: "VERIFIED", qualityRating: "GREEN" } } } : {}),
    },
    portal: {
      lastInboundAt: new Date(NOW.getTime() - 3_600_000),
      lastReportAt: new Date(NOW.getTime() - 3_600_000),
      recentReports: [{ status: "DELIVERED", reasonCode: null, reasonSubCode: null, description: null, at: new Date(NOW.getTime() - 3_600_000) }],
      signatureFailures: [],
      inboundLast24h: 10,
      inboundDailyBaseline: 12,
    },
  };
}

export const failed = (reasonCode: string, description: string | null = null, reasonSubCode: string | null = null) => ({
  status: "FAILED",
  reasonCode,
  reasonSubCode,
  description,
  at: new Date(NOW.getTime() - 60_000),
});

export const probeError = (e: Partial<ProbeError> & Pick<ProbeError, "service" | "code">): { ok: false; error: ProbeError } => ({
  ok: false,
  error: { operation: "op", message: "failed", ...e },
});
