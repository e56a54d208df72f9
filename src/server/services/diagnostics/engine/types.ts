/**
 * The diagnosis engine's vocabulary. Everything here is plain data: the engine is a set of pure
 * functions over `Signals`, so every verdict can be unit-tested without network or database.
 */
import type { Channel } from "@/server/db/schema/channels";

export type Verdict = "pass" | "warn" | "fail" | "skip";
export const OWNERS = ["reseller_staff", "customer", "meta_app_owner", "sinch", "nobody"] as const;
export type Owner = (typeof OWNERS)[number];
export type Overall = "healthy" | "warning" | "broken";

export const FIX_ACTIONS = [
  "send_reconnect_link",
  "repair_webhook",
  "free_webhook_slot",
  "rotate_webhook_secret",
  "resubscribe_asset",
  "probe_regions",
  "copy_support_bundle",
] as const;
export type FixAction = (typeof FIX_ACTIONS)[number];

export interface Fix {
  action: FixAction;
  label: string;
  /** Destructive or customer-visible: the UI asks before running it. */
  confirm?: string;
}

export interface Evidence {
  /** Plain-language facts the verdict rests on. Never a token or a secret. */
  text: string;
  /** Vendor codes as shown elsewhere (`INACTIVE_CREDENTIAL`, `190/460`, `FAILING`…), each linkable to the catalogue. */
  codes: string[];
}

export interface CheckResult {
  id: string;
  title: string;
  source: "sinch" | "meta" | "portal";
  verdict: Verdict;
  evidence: Evidence;
  owner: Owner;
  catalogueRow: string | null;
  /** What the owner does, when it is not a button (settings path, checklist, who to call). */
  guidance?: string;
  fix?: Fix;
}

/** One outside call: its value, or the normalised failure that becomes a check result. */
export type Probe<T> = { ok: true; value: T } | { ok: false; error: ProbeError };

export interface ProbeError {
  service: "sinch" | "meta" | "portal";
  /** IntegrationError code, or `timeout` / `unknown`. */
  code: string;
  operation: string;
  httpStatus?: number;
  vendorCode?: number;
  vendorSubcode?: number;
  fbtraceId?: string;
  reason?: string;
  message: string;
}

export interface ConnectionSignal {
  id: string;
  channel: Channel;
  state: string;
  pageId: string | null;
  igAccountId: string | null;
  wabaId: string | null;
  phoneNumberId: string | null;
  senderId: string | null;
  hasToken: boolean;
  tokenType: string | null;
  tokenExpiresAt: Date | null;
  dataAccessExpiresAt: Date | null;
  grantedScopes: string[];
  sinchStatus: string | null;
  sinchDescription: string | null;
  consecutiveAuthFailures: number;
  stateChangedAt: Date;
  createdAt: Date;
}

export interface CredentialSignal {
  status: string;
  description: string | null;
  knownId: string | null;
}

export interface WebhookSignal {
  id: string;
  target: string;
  triggers: string[];
  hasSecret: boolean;
}

export interface TokenSignal {
  isValid: boolean;
  type: string | null;
  expiresAt: Date | null;
  dataAccessExpiresAt: Date | null;
  scopes: string[];
  granularScopes: Array<{ scope: string; targetIds: string[] | "all" }>;
  error: { code: number | null; subcode: number | null } | null;
}

export interface SubscriptionSignal {
  appId: string;
  name: string | null;
  subscribedFields: string[];
  overrideCallbackUri: string | null;
}

export interface ReportSignal {
  status: string;
  reasonCode: string | null;
  reasonSubCode: string | null;
  description: string | null;
  at: Date;
}

export interface Signals {
  now: Date;
  channel: Channel;
  connection: ConnectionSignal | null;
  app: { appId: string; region: string; projectId: string } | null;
  /** Our Meta app (the one that must be subscribed to Pages and WABAs). */
  metaAppId: string;
  sinch: {
    credential?: Probe<CredentialSignal | null>;
    /** `target` = the portal's webhook URL for this app. */
    webhooks?: Probe<{ target: string; storedWebhookId: string | null; list: WebhookSignal[] }>;
    regions?: Probe<{ found: string[] }>;
    sender?: Probe<{ state: string; changesStatus: string | null; details: string[] }>;
  };
  meta: {
    token?: Probe<TokenSignal>;
    subscriptions?: Probe<SubscriptionSignal[]>;
    page?: Probe<{ instagramBusinessAccountId: string | null; tasks: string[] }>;
    phone?: Probe<{ status: string | null; nameStatus: string | null; codeVerificationStatus: string | null; qualityRating: string | null; dataLocalizationRegion?: string | null }>;
  };
  portal: {
    lastInboundAt: Date | null;
    lastReportAt: Date | null;
    /** Newest first, outbound delivery reports of this channel. */
    recentReports: ReportSignal[];
    signatureFailures: Array<{ reason: string; count: number; lastAt: Date }>;
    inboundLast24h: number;
    /** Average inbound per day over the 14 days before the last 24 h. */
    inboundDailyBaseline: number;
  };
}

export interface Diagnosis {
  overall: Overall;
  mainReason: string | null;
  mainOwner: Owner | null;
  /** This run saw an authorisation failure (190 / INACTIVE_CREDENTIAL). */
  authFailure: boolean;
  /** Consecutive authorisation failures including this run (stored counter or delivery reports). */
  consecutiveAuthFailures: number;
  /** Two consecutive authorisation failures: the customer must log in again. */
  reconnectRequired: boolean;
  checks: CheckResult[];
}

export type Check = (s: Signals) => CheckResult | CheckResult[] | null;
