/**
 * One error type for everything the integration layer throws. `code` is a closed union so the
 * troubleshooting pages can switch on it; `userMessage` is safe to show (no vendor text, no ids,
 * no secrets). Vendor details stay in separate fields for logs and support tickets.
 */

export type IntegrationService = "sinch" | "meta";

export const INTEGRATION_ERROR_CODES = [
  "not_found",
  "not_found_in_region",
  "unauthorized",
  "token_expired",
  "forbidden",
  "rate_limited",
  "invalid_argument",
  "conflict",
  "unavailable",
  "network",
  "timeout",
  "token_invalid",
  "password_changed",
  "role_removed",
  "app_removed",
  "scope_missing",
  "asset_not_shared",
  "outside_window",
  "recipient_unreachable",
  "ig_messages_disabled",
  "app_not_live",
  "subprojects_not_enabled",
  "not_ready",
  "unknown",
] as const;

export type IntegrationErrorCode = (typeof INTEGRATION_ERROR_CODES)[number];

export interface IntegrationErrorInit {
  service: IntegrationService;
  code: IntegrationErrorCode;
  /** Short operation name, e.g. `conversation.apps.get`; never contains a URL or token. */
  operation: string;
  httpStatus?: number;
  /** Sinch envelope `status` / Provisioning `errorCode`; Meta `error.type`. */
  vendorStatus?: string;
  /** Meta `error.code`; Sinch `error.code` when numeric. */
  vendorCode?: number;
  vendorSubcode?: number;
  fbtraceId?: string;
  /** Vendor message text, already scrubbed of secrets. For logs and support, never for users. */
  vendorMessage?: string;
  /** Finer reason inside one code, e.g. `webhook_limit`, `duplicate_target`. */
  reason?: string;
  userMessage?: string;
  retryable?: boolean;
  cause?: unknown;
}

const DEFAULT_USER_MESSAGES: Record<IntegrationErrorCode, string> = {
  not_found: "The requested item was not found.",
  not_found_in_region: "The Sinch app was not found in the region it is stored under. It may live in another region.",
  unauthorized: "The Sinch access key was rejected. Check the key id and secret in settings.",
  token_expired: "The access token has expired. Please try again.",
  forbidden: "The account is not allowed to do this. Check the project and its permissions.",
  rate_limited: "Too many requests right now. Please try again in a moment.",
  invalid_argument: "The request was rejected as invalid.",
  conflict: "This already exists.",
  unavailable: "The service is temporarily unavailable. Please try again later.",
  network: "The service could not be reached. Please try again later.",
  timeout: "The service took too long to answer. Please try again later.",
  token_invalid: "The connection to Facebook is no longer valid. Please reconnect.",
  password_changed: "The Facebook password was changed, which ended the connection. Please reconnect.",
  role_removed: "The person who connected this Page no longer has a role on it. A Page admin needs to reconnect.",
  app_removed: "The app was removed from the Facebook account. Please reconnect.",
  scope_missing: "A required permission was not granted. Please reconnect and allow every permission.",
  asset_not_shared: "The Page, Instagram account or WhatsApp account was not shared with us. Please reconnect and select it.",
  outside_window: "The messaging window has closed. Wait for the customer to write again.",
  recipient_unreachable: "This contact cannot be reached on this channel.",
  ig_messages_disabled: "Instagram message access is turned off. Turn on Connected tools in the Instagram app settings.",
  app_not_live: "The Meta app is not live or not approved for messaging people without a role on it.",
  subprojects_not_enabled: "Subprojects are not enabled for this Sinch account. Ask your Sinch account manager to enable them.",
  not_ready: "The new project is not ready yet. It usually becomes usable within a minute.",
  unknown: "An unexpected error occurred while talking to the service.",
};

const RETRYABLE_BY_DEFAULT: ReadonlySet<IntegrationErrorCode> = new Set([
  "rate_limited",
  "unavailable",
  "network",
  "timeout",
  "not_ready",
]);

export class IntegrationError extends Error {
  readonly service: IntegrationService;
  readonly code: IntegrationErrorCode;
  readonly operation: string;
  readonly httpStatus: number | undefined;
  readonly vendorStatus: string | undefined;
  readonly vendorCode: number | undefined;
  readonly vendorSubcode: number | undefined;
  readonly fbtraceId: string | undefined;
  readonly vendorMessage: string | undefined;
  readonly reason: string | undefined;
  readonly userMessage: string;
  readonly retryable: boolean;

  constructor(init: IntegrationErrorInit) {
    // The technical message names the operation and code only, so `String(err)` is safe to log.
    const status = init.httpStatus === undefined ? "" : ` (HTTP ${init.httpStatus})`;
    super(`${init.service} ${init.operation} failed: ${init.code}${status}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "IntegrationError";
    this.service = init.service;
    this.code = init.code;
    this.operation = init.operation;
    this.httpStatus = init.httpStatus;
    this.vendorStatus = init.vendorStatus;
    this.vendorCode = init.vendorCode;
    this.vendorSubcode = init.vendorSubcode;
    this.fbtraceId = init.fbtraceId;
    this.vendorMessage = init.vendorMessage;
    this.reason = init.reason;
    this.userMessage = init.userMessage ?? DEFAULT_USER_MESSAGES[init.code];
    this.retryable = init.retryable ?? RETRYABLE_BY_DEFAULT.has(init.code);
  }

  /** Structured, secret-free view for loggers and stored diagnostics. */
  toJSON(): Record<string, unknown> {
    return {
      service: this.service,
      code: this.code,
      operation: this.operation,
      httpStatus: this.httpStatus,
      vendorStatus: this.vendorStatus,
      vendorCode: this.vendorCode,
      vendorSubcode: this.vendorSubcode,
      fbtraceId: this.fbtraceId,
      vendorMessage: this.vendorMessage,
      reason: this.reason,
      retryable: this.retryable,
    };
  }
}

export function isIntegrationError(err: unknown): err is IntegrationError {
  return err instanceof IntegrationError;
}

export function defaultUserMessage(code: IntegrationErrorCode): string {
  return DEFAULT_USER_MESSAGES[code];
}
