/** Sinch wire shapes (as sent/received) and the portal's domain shapes they map to. */

export const SINCH_REGIONS = ["us", "eu", "br"] as const;
export type SinchRegion = (typeof SINCH_REGIONS)[number];

export type SinchChannel = "MESSENGER" | "INSTAGRAM" | "WHATSAPP";

// ---- Conversation wire (snake_case) ----

export interface WireChannelCredential {
  channel: string;
  callback_secret?: string;
  credential_ordinal_number?: number;
  // Tokens are optional because Sinch responses (and the emulator) omit them.
  static_token?: { token?: string };
  instagram_credentials?: { token?: string; business_account_id?: string };
  static_bearer?: { claimed_identity?: string; token?: string };
  state?: { status?: string; description?: string };
  channel_known_id?: string;
  [other: string]: unknown;
}

export interface WireApp {
  id?: string;
  display_name?: string;
  processing_mode?: string;
  channel_credentials?: WireChannelCredential[];
  [other: string]: unknown;
}

export interface WireWebhook {
  id?: string;
  app_id?: string;
  target?: string;
  target_type?: string;
  secret?: string;
  triggers?: string[];
  [other: string]: unknown;
}

export interface WireSendResponse {
  message_id?: string;
  accepted_time?: string | Date;
}

// ---- Provisioning / Subprojects wire (camelCase) ----

export interface WireSender {
  id?: string;
  state?: string;
  region?: string;
  metaLocalStorage?: string;
  wabaId?: string;
  phoneNumberId?: string;
  businessManager?: string;
  compatibleRegions?: string[];
  changes?: { status?: string; details?: unknown[] } | null;
  /**
   * "Bearer token of the sender. The bearer token is needed to connect the sender to a Conversation
   * API App." (Provisioning API, WhatsApp Senders sender object:
   * developers.sinch.com/docs/provisioning-api/api-reference/provisioning-api/tag/WhatsApp-Senders/)
   */
  bearerToken?: string;
  details?: { displayName?: string; wabaId?: string; phoneNumberId?: string; phoneNumber?: string; [k: string]: unknown };
  [other: string]: unknown;
}

export interface WireSenderList {
  totalSize?: number;
  pageSize?: number;
  senders?: WireSender[];
  nextPageToken?: string;
}

export interface WireChannelInfo {
  status?: string;
  statusDescription?: string;
  id?: string;
  name?: string;
  username?: string;
  [other: string]: unknown;
}

export interface WireSubproject {
  subprojectId?: string;
  displayName?: string;
  parentProjectId?: string;
  labels?: Record<string, string>;
  createTime?: string;
  updateTime?: string;
  deleted?: boolean;
}

export interface WireSubprojectList {
  subprojects?: WireSubproject[];
  nextPageToken?: string;
}

// ---- Domain ----

/** `PENDING | ACTIVE | FAILING`, or any newer value verbatim. */
export type CredentialStatus = "PENDING" | "ACTIVE" | "FAILING" | (string & {});

export interface AppCredentialState {
  channel: string;
  status: CredentialStatus;
  description?: string;
  knownId?: string;
}

export interface App {
  id: string;
  displayName: string;
  region: SinchRegion;
  processingMode: string;
  credentials: AppCredentialState[];
}

export interface Webhook {
  id: string;
  appId: string;
  target: string;
  targetType: string;
  triggers: string[];
  hasSecret: boolean;
}

export interface SentMessage {
  messageId: string;
  acceptedAt: Date | null;
}

export interface SenderChanges {
  status: string | null;
  details: unknown[];
}

export interface Sender {
  id: string;
  state: string;
  region: string | null;
  metaLocalStorage: string | null;
  wabaId: string | null;
  phoneNumberId: string | null;
  displayName: string | null;
  businessManager: string | null;
  changes: SenderChanges | null;
  /** The sender's bearer token for `static_bearer` (a secret: store encrypted, never log); null when Sinch left it out. */
  bearerToken: string | null;
}

export interface ChannelInfo {
  status: string;
  statusDescription: string | null;
  accountId: string | null;
  name: string | null;
  username: string | null;
}

export interface Subproject {
  id: string;
  displayName: string;
  parentProjectId: string | null;
  labels: Record<string, string>;
  createdAt: Date | null;
  updatedAt: Date | null;
  deleted: boolean;
}

/** Portal-side copy of one channel credential, including the secret material Sinch never returns. */
export type CredentialInput =
  | { channel: "MESSENGER"; pageAccessToken: string; callbackSecret?: string }
  | { channel: "INSTAGRAM"; pageAccessToken: string; instagramBusinessAccountId: string; callbackSecret?: string }
  | { channel: "WHATSAPP"; senderId: string; senderBearerToken: string };
