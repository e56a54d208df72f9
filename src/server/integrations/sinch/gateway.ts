import { IntegrationError } from "../errors";
import { createHttpClient } from "../http";
import type { IntegrationLogger } from "../logger";
import { resolveRetryOptions, type RetryOptions } from "../retry";
import { createConversationClient, type ConversationClient } from "./conversation";
import { createProvisioningClient, type ProvisioningClient } from "./provisioning";
import { createSinchRest } from "./rest";
import { createSubprojectsClient, type SubprojectsClient } from "./subprojects";
import { sharedSinchTokenCache, type SinchTokenCache } from "./token-cache";
import { SINCH_REGIONS, type App, type SinchRegion } from "./types";

export interface SinchGatewayConfig {
  authUrl: string;
  /** Contains `{region}`, e.g. `https://{region}.conversation.api.sinch.com`. */
  conversationUrlTemplate: string;
  provisioningUrl: string;
  subprojectsUrl: string;
  /** Parent project that owns the access key. */
  projectId: string;
  keyId: string;
  keySecret: string;
  logger?: IntegrationLogger;
  timeoutMs?: number;
  retry?: RetryOptions;
  fetch?: typeof fetch;
}

export interface ConversationScope {
  /** Defaults to the parent project; customers' apps live in their subproject. */
  projectId?: string;
  region: SinchRegion;
  /** When the project is a fresh subproject: early 403/404 become `not_ready` (catalogue S15). */
  projectCreatedAt?: Date;
}

export type RegionProbe = { region: SinchRegion } & (
  | { outcome: "found"; app: App }
  | { outcome: "absent" }
  | { outcome: "error"; code: IntegrationError["code"] }
);

export interface RegionProbeResult {
  found: SinchRegion[];
  probes: RegionProbe[];
}

export interface SinchGateway {
  readonly projectId: string;
  conversation(scope: ConversationScope): ConversationClient;
  readonly provisioning: ProvisioningClient;
  readonly subprojects: SubprojectsClient;
  /** GET app on every region (catalogue S5). */
  probeRegions(appId: string, projectId?: string): Promise<RegionProbeResult>;
  /** Fetches a token: the settings page's "Test credentials" (catalogue S14). */
  testCredentials(): Promise<void>;
  readonly tokens: SinchTokenCache;
}

const MAX_CACHED_CLIENTS = 256;

export function conversationUrlFor(template: string, region: SinchRegion): string {
  if (!template.includes("{region}")) throw new Error("conversationUrlTemplate must contain {region}");
  return template.split("{region}").join(region).replace(/\/+$/, "");
}

export function createSinchGateway(config: SinchGatewayConfig): SinchGateway {
  const timeoutMs = config.timeoutMs ?? 15_000;
  const retry = resolveRetryOptions(config.retry);
  const tokens = sharedSinchTokenCache({ authUrl: config.authUrl, keyId: config.keyId, keySecret: config.keySecret, logger: config.logger, timeoutMs, fetch: config.fetch, ...config.retry });
  const http = createHttpClient({ service: "sinch", timeoutMs, logger: config.logger, fetch: config.fetch, ...config.retry });
  const rest = createSinchRest(http, tokens, [config.keySecret]);
  // SDK clients are bound to one host and project; keep one per (project, region) instead of rebuilding per call.
  const clients = new Map<string, ConversationClient>();

  function conversation(scope: ConversationScope): ConversationClient {
    const projectId = scope.projectId ?? config.projectId;
    const createdAt = scope.projectCreatedAt?.getTime();
    const projectAgeMs = createdAt === undefined ? undefined : () => Date.now() - createdAt;
    const key = `${projectId}\u0000${scope.region}\u0000${createdAt ?? ""}`;
    const hit = clients.get(key);
    if (hit) return hit;
    const client = createConversationClient({
      hostname: conversationUrlFor(config.conversationUrlTemplate, scope.region),
      projectId,
      region: scope.region,
      tokens,
      timeoutMs,
      retry,
      logger: config.logger,
      projectAgeMs,
    });
    if (clients.size >= MAX_CACHED_CLIENTS) {
      const oldest = clients.keys().next().value;
      if (oldest !== undefined) clients.delete(oldest);
    }
    clients.set(key, client);
    return client;
  }

  return {
    projectId: config.projectId,
    tokens,
    conversation,
    provisioning: createProvisioningClient(config.provisioningUrl, rest),
    subprojects: createSubprojectsClient(config.subprojectsUrl, config.projectId, rest),
    async probeRegions(appId, projectId) {
      const probes = await Promise.all(
        SINCH_REGIONS.map(async (region): Promise<RegionProbe> => {
          try {
            const app = await conversation({ projectId, region }).getApp(appId);
            return { region, outcome: "found", app };
          } catch (err) {
            if (err instanceof IntegrationError && err.code === "not_found") return { region, outcome: "absent" };
            return { region, outcome: "error", code: err instanceof IntegrationError ? err.code : "unknown" };
          }
        }),
      );
      return { found: probes.filter((p) => p.outcome === "found").map((p) => p.region), probes };
    },
    async testCredentials() {
      tokens.invalidate();
      await tokens.getToken();
    },
  };
}
