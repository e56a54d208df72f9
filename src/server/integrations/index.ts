/** Public surface of the integration layer: the only code that talks to Sinch or Meta. */
export { IntegrationError, INTEGRATION_ERROR_CODES, isIntegrationError, type IntegrationErrorCode, type IntegrationService } from "./errors";
export type { IntegrationLogger } from "./logger";
export type { RetryOptions } from "./retry";

export { createSinchGateway, conversationUrlFor, type SinchGateway, type SinchGatewayConfig, type ConversationScope, type RegionProbeResult } from "./sinch/gateway";
export { REQUIRED_WEBHOOK_TRIGGERS, MAX_WEBHOOKS_PER_APP, type ConversationClient, type SendMessageInput } from "./sinch/conversation";
export type { ProvisioningClient, CreateSenderInput } from "./sinch/provisioning";
export type { SubprojectsClient } from "./sinch/subprojects";
export { channelCredentialsFor, mergeCredentials, removeCredential } from "./sinch/transform";
export { SINCH_REGIONS, type App, type Webhook, type Sender, type Subproject, type ChannelInfo, type SinchRegion, type CredentialInput, type WireChannelCredential } from "./sinch/types";

export { createMetaGraph, MESSENGER_SUBSCRIBED_FIELDS, PAGE_LIST_FIELDS, PHONE_HEALTH_FIELDS, type MetaGraph, type MetaGraphConfig } from "./meta/graph";
export { scopeCoversAsset, missingScopes } from "./meta/transform";
export type { DebugToken, Page, PhoneNumber, SubscribedApp, AccessToken, Permission } from "./meta/types";
