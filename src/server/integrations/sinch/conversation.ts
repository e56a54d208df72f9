import { IntegrationError } from "../errors";
import { silentLogger, type IntegrationLogger } from "../logger";
import { withRetry, type ResolvedRetryOptions } from "../retry";
import { classifySinchError } from "./errors";
import { GenericError, RequestFailedError, createSdkConversationApis, type SdkConversationApis } from "./sdk-bridge";
import type { SinchTokenCache } from "./token-cache";
import { createWebhookBody, updateWebhookRequest, type UpdateWebhookFields } from "./request-bodies";
import { toApp, toSentMessage, toWebhook } from "./transform";
import type { App, SentMessage, SinchRegion, Webhook, WireApp, WireChannelCredential, WireSendResponse, WireWebhook } from "./types";

/** Triggers every portal webhook must carry (sinch.md section 5). */
export const REQUIRED_WEBHOOK_TRIGGERS = [
  "MESSAGE_INBOUND",
  "MESSAGE_DELIVERY",
  "EVENT_INBOUND",
  "EVENT_DELIVERY",
  "CONVERSATION_START",
  "CONVERSATION_STOP",
  "UNSUPPORTED",
  "CHANNEL_EVENT",
] as const;

export const MAX_WEBHOOKS_PER_APP = 5;

export interface CreateAppInput {
  displayName: string;
  /** Request-side credentials in priority order (may be empty and set later). */
  credentials?: WireChannelCredential[];
  /** Signs delivery reports for per-message `callback_url` overrides. */
  secretForOverriddenCallbackUrls?: string;
}

export interface CreateWebhookInput {
  appId: string;
  target: string;
  triggers: readonly string[];
  secret: string;
}

/** The stored `appId` and `target` are sent with every PATCH (see request-bodies.ts); the mask names only what changes. */
export type UpdateWebhookInput = UpdateWebhookFields;

export type SendRecipient = { contactId: string } | { channelIdentities: Array<{ channel: string; identity: string }> };

export interface SendMessageInput {
  appId: string;
  recipient: SendRecipient;
  /** Wire message object, e.g. `{ text_message: { text } }`. */
  message: Record<string, unknown>;
  channelPriorityOrder?: string[];
  channelProperties?: Record<string, string>;
  callbackUrl?: string;
  messageMetadata?: string;
  correlationId?: string;
}

export interface ConversationClient {
  readonly projectId: string;
  readonly region: SinchRegion;
  createApp(input: CreateAppInput): Promise<App>;
  /** `regionSensitive`: read a 404 as `not_found_in_region` (the app may live on another host). */
  getApp(appId: string, opts?: { regionSensitive?: boolean }): Promise<App>;
  listApps(): Promise<App[]>;
  /** Sends the FULL `channel_credentials` array with no update mask (replace-whole rule). */
  setChannelCredentials(appId: string, credentials: WireChannelCredential[]): Promise<App>;
  deleteApp(appId: string): Promise<void>;
  listWebhooks(appId: string): Promise<Webhook[]>;
  createWebhook(input: CreateWebhookInput): Promise<Webhook>;
  updateWebhook(webhookId: string, input: UpdateWebhookInput): Promise<Webhook>;
  deleteWebhook(webhookId: string): Promise<void>;
  sendMessage(input: SendMessageInput): Promise<SentMessage>;
}

export interface ConversationClientDeps {
  hostname: string;
  projectId: string;
  region: SinchRegion;
  tokens: SinchTokenCache;
  timeoutMs: number;
  retry: ResolvedRetryOptions;
  logger?: IntegrationLogger;
  /** Age of the project when it is a fresh subproject (turns early 403/404 into not_ready). */
  projectAgeMs?: () => number | undefined;
}

/** The SDK models each credential variant as a strict union; our wire type is a superset, so bodies are cast. */
const asSdk = <T>(value: unknown): T => value as T;

export function createConversationClient(deps: ConversationClientDeps): ConversationClient {
  const sdk: SdkConversationApis = createSdkConversationApis(deps);
  const logger = deps.logger ?? silentLogger;

  async function run<T>(operation: string, idempotent: boolean, fn: () => Promise<T>, opts: { regionSensitive?: boolean } = {}): Promise<T> {
    return withRetry(
      async () => {
        const started = Date.now();
        try {
          return await fn();
        } catch (err) {
          throw toIntegrationError(err, operation, started, opts.regionSensitive === true);
        }
      },
      (outcome) =>
        !outcome.ok && idempotent && outcome.error instanceof IntegrationError && isTransient(outcome.error)
          ? { retry: true, why: outcome.error.code }
          : { retry: false },
      deps.retry,
      ({ attempt, delayMs, why }) => logger.warn({ service: "sinch", operation, region: deps.region, attempt, delayMs, why }, "integration call failed, retrying"),
    );
  }

  function toIntegrationError(err: unknown, operation: string, started: number, regionSensitive: boolean): IntegrationError {
    if (err instanceof IntegrationError) return err;
    if (err instanceof RequestFailedError) {
      return classifySinchError({
        operation,
        httpStatus: err.statusCode,
        body: err.data,
        wwwAuthenticate: err.responseHeaders?.["www-authenticate"],
        notFoundInRegion: regionSensitive,
        projectAgeMs: deps.projectAgeMs?.(),
      });
    }
    if (err instanceof GenericError) {
      // Fetch-level failure (the SDK wraps node-fetch errors without a status). Its message holds the URL, so it is not kept.
      const timedOut = Date.now() - started >= deps.timeoutMs;
      return new IntegrationError({ service: "sinch", code: timedOut ? "timeout" : "network", operation });
    }
    return new IntegrationError({ service: "sinch", code: "unknown", operation, vendorMessage: err instanceof Error ? err.name : undefined });
  }

  async function explainWebhookRejection(err: IntegrationError, input: CreateWebhookInput): Promise<IntegrationError> {
    // Sinch answers 400 INVALID_ARGUMENT for both the 5-webhook limit and a duplicate target; the list tells them apart.
    let existing: Webhook[];
    try {
      existing = await client.listWebhooks(input.appId);
    } catch {
      return err;
    }
    const base = { service: "sinch" as const, operation: "conversation.webhooks.create", httpStatus: err.httpStatus, vendorStatus: err.vendorStatus, vendorCode: err.vendorCode, vendorMessage: err.vendorMessage };
    if (existing.some((w) => w.target === input.target)) {
      return new IntegrationError({ ...base, code: "conflict", reason: "duplicate_target", userMessage: "This webhook address is already registered on the app." });
    }
    if (existing.length >= MAX_WEBHOOKS_PER_APP) {
      return new IntegrationError({
        ...base,
        code: "invalid_argument",
        reason: "webhook_limit",
        userMessage: `The app already has ${MAX_WEBHOOKS_PER_APP} webhooks, the most Sinch allows. Remove a stale one first.`,
      });
    }
    return err;
  }

  const client: ConversationClient = {
    projectId: deps.projectId,
    region: deps.region,
    async createApp(input) {
      const body: Record<string, unknown> = {
        display_name: input.displayName,
        channel_credentials: input.credentials ?? [],
        // Contacts, contact_id recipients and conversation callbacks need CONVERSATION; the default is uncertain.
        processing_mode: "CONVERSATION",
      };
      if (input.secretForOverriddenCallbackUrls) {
        body.callback_settings = { secret_for_overridden_callback_urls: input.secretForOverriddenCallbackUrls };
      }
      const wire = await run("conversation.apps.create", false, () => sdk.app.create({ appCreateRequestBody: asSdk(body) }));
      return toApp(wire as WireApp, deps.region);
    },
    async getApp(appId, opts = {}) {
      const wire = await run("conversation.apps.get", true, () => sdk.app.get({ app_id: appId }), opts);
      return toApp(wire as WireApp, deps.region);
    },
    async listApps() {
      const wire = await run("conversation.apps.list", true, () => sdk.app.list({}));
      return ((wire as { apps?: WireApp[] }).apps ?? []).map((a) => toApp(a, deps.region));
    },
    async setChannelCredentials(appId, credentials) {
      // Replacing the whole array with the same content is repeatable, so it may be retried.
      const wire = await run("conversation.apps.update_credentials", true, () =>
        sdk.app.update({ app_id: appId, appUpdateRequestBody: asSdk({ channel_credentials: credentials }) }),
      );
      return toApp(wire as WireApp, deps.region);
    },
    async deleteApp(appId) {
      await run("conversation.apps.delete", true, () => sdk.app.delete({ app_id: appId }));
    },
    async listWebhooks(appId) {
      const wire = await run("conversation.webhooks.list", true, () => sdk.webhooks.list({ app_id: appId }));
      return ((wire as { webhooks?: WireWebhook[] }).webhooks ?? []).map(toWebhook);
    },
    async createWebhook(input) {
      const body = createWebhookBody(input);
      try {
        const wire = await run("conversation.webhooks.create", false, () => sdk.webhooks.create({ webhookCreateRequestBody: body }));
        return toWebhook(wire as WireWebhook);
      } catch (err) {
        if (err instanceof IntegrationError && err.httpStatus === 400) throw await explainWebhookRejection(err, input);
        throw err;
      }
    },
    async updateWebhook(webhookId, input) {
      const { body, updateMask } = updateWebhookRequest(input);
      const wire = await run("conversation.webhooks.update", true, () =>
        sdk.webhooks.update({ webhook_id: webhookId, webhookUpdateRequestBody: body, update_mask: updateMask }),
      );
      return toWebhook(wire as WireWebhook);
    },
    async deleteWebhook(webhookId) {
      await run("conversation.webhooks.delete", true, () => sdk.webhooks.delete({ webhook_id: webhookId }));
    },
    async sendMessage(input) {
      const recipient =
        "contactId" in input.recipient
          ? { contact_id: input.recipient.contactId }
          : { identified_by: { channel_identities: input.recipient.channelIdentities } };
      const body: Record<string, unknown> = { app_id: input.appId, recipient, message: input.message };
      if (input.channelPriorityOrder) body.channel_priority_order = input.channelPriorityOrder;
      if (input.channelProperties) body.channel_properties = input.channelProperties;
      if (input.callbackUrl) body.callback_url = input.callbackUrl;
      if (input.messageMetadata) body.message_metadata = input.messageMetadata;
      if (input.correlationId) body.correlation_id = input.correlationId;
      // Never retried: a repeated send would deliver the message twice.
      const wire = await run("conversation.messages.send", false, () => sdk.messages.send({ sendMessageRequestBody: asSdk(body) }));
      return toSentMessage(wire as WireSendResponse);
    },
  };
  return client;
}

function isTransient(err: IntegrationError): boolean {
  return err.code === "rate_limited" || err.code === "unavailable" || err.code === "network" || err.code === "timeout";
}
