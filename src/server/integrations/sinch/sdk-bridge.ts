// Named imports only: a default import of this CommonJS package (it sets `__esModule`) is undefined
// under bundlers and CJS transpilers, while these names resolve in Node ESM, tsx and Next alike.
import { ApiFetchClient, AppApi, GenericError, LazyConversationApiClient, MessagesApi, RequestFailedError, WebhooksApi } from "@sinch/sdk-core";
import type { SinchTokenCache } from "./token-cache";

type ApiFetchClientInstance = InstanceType<typeof ApiFetchClient>;
type ApiClientOptions = ConstructorParameters<typeof ApiFetchClient>[0];
type SdkRequestPlugin = NonNullable<ApiClientOptions["requestPlugins"]>[number];

/** The slice of the SDK's request options our plugins touch (node-fetch v2 `RequestInit`). */
interface PluginRequestOptions {
  headers: { set(name: string, value: string): void };
  signal?: unknown;
}

/**
 * Replaces the SDK's own OAuth2 plugin so every SDK client (one per project × region) and the
 * Provisioning/Subprojects fetch clients draw from one token cache per access key. The SDK finds
 * this plugin by the name "Oauth2TokenRequest" when an API call answers 401 + `expired`: it calls
 * `clearCachedToken(failingJwt)` and re-runs `load()`, then retries once (ApiFetchClient.sinchFetch).
 */
class SharedTokenPlugin {
  constructor(private readonly tokens: SinchTokenCache) {}
  getName(): string {
    return "Oauth2TokenRequest";
  }
  clearCachedToken(failingJwt?: string): void {
    this.tokens.invalidate(failingJwt);
  }
  load() {
    return {
      transform: async (opts: PluginRequestOptions) => {
        opts.headers.set("Authorization", `Bearer ${await this.tokens.getToken()}`);
        return opts;
      },
    };
  }
}

/** The SDK has no timeout option; node-fetch v2 honours an AbortSignal in the request options. */
class TimeoutPlugin {
  constructor(private readonly timeoutMs: number) {}
  getName(): string {
    return "PortalTimeoutRequest";
  }
  load() {
    return {
      transform: (opts: PluginRequestOptions) => {
        opts.signal = AbortSignal.timeout(this.timeoutMs);
        return opts;
      },
    };
  }
}

/**
 * The SDK's lazy client would build its own `Oauth2TokenRequest` from keyId/keySecret (one token
 * per client). Handing the API classes a fixed ApiFetchClient whose only auth plugin is ours keeps
 * the "one token per access key" rule without forking the SDK.
 */
class FixedLazyClient extends LazyConversationApiClient {
  constructor(
    private readonly fixed: ApiFetchClientInstance,
    projectId: string,
    hostname: string,
  ) {
    super({ projectId, conversationHostname: hostname });
  }
  override getApiClient(): ApiFetchClientInstance {
    return this.fixed;
  }
  override resetApiClient(): void {
    // The fixed client never changes; hostname/region changes create a new bridge instead.
  }
}

export interface SdkConversationApis {
  app: InstanceType<typeof AppApi>;
  webhooks: InstanceType<typeof WebhooksApi>;
  messages: InstanceType<typeof MessagesApi>;
}

export function createSdkConversationApis(opts: {
  hostname: string;
  projectId: string;
  tokens: SinchTokenCache;
  timeoutMs: number;
}): SdkConversationApis {
  const client = new ApiFetchClient({
    projectId: opts.projectId,
    hostname: opts.hostname,
    requestPlugins: [
      new SharedTokenPlugin(opts.tokens) as unknown as SdkRequestPlugin,
      new TimeoutPlugin(opts.timeoutMs) as unknown as SdkRequestPlugin,
    ],
    // null = silent: the SDK's debug log prints full URLs and headers.
    logger: null,
  } as ApiClientOptions);
  const lazy = new FixedLazyClient(client, opts.projectId, opts.hostname);
  return { app: new AppApi(lazy), webhooks: new WebhooksApi(lazy), messages: new MessagesApi(lazy) };
}

export { GenericError, RequestFailedError };
