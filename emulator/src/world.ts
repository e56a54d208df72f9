/**
 * Shared state of the emulator process: the adjustable clock, configuration, fault switches, and the
 * narrow interfaces through which the Sinch half asks the Meta half about tokens and assets (Sinch
 * validates channel credentials against Meta, exactly as the real services do).
 */

export interface EmulatorConfig {
  port: number;
  host: string;
  /** Public origin of the emulator, e.g. http://127.0.0.1:4010 (used in SDK/dialog URLs). */
  origin: string;
  /** Delay before a PENDING channel credential is validated (ms). */
  credentialActivationDelayMs: number;
  /** Delay before a WhatsApp sender leaves IN_PROGRESS (ms). */
  senderActivationDelayMs: number;
  /** A new subproject answers 404/403 this long after creation (ms); contract: up to 30 s. */
  subprojectWarmupMs: number;
  /** Callback retry schedule (ms between attempts); compressed by default. */
  callbackRetryScheduleMs: number[];
  /** Sinch OAuth2 token lifetime (s). */
  sinchTokenTtlSeconds: number;
  /** Delay between a send and its delivery reports (ms). */
  deliveryReportDelayMs: number;
}

export class Clock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  nowDate(): Date {
    return new Date(this.now());
  }
  iso(): string {
    return this.nowDate().toISOString();
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  get offset(): number {
    return this.offsetMs;
  }
}

/** "Make the next N calls of endpoint X answer 500 or 429". Keys are route names, e.g. `sinch.apps.create`. */
export class Faults {
  private readonly pending = new Map<string, { status: number; remaining: number }>();
  set(key: string, status: number, count: number): void {
    if (count <= 0) this.pending.delete(key);
    else this.pending.set(key, { status, remaining: count });
  }
  /** Consumes one fault for `key`; returns the HTTP status to answer with, if any. */
  take(key: string): number | undefined {
    const f = this.pending.get(key);
    if (!f) return undefined;
    f.remaining -= 1;
    if (f.remaining <= 0) this.pending.delete(key);
    return f.status;
  }
  list(): Array<{ key: string; status: number; remaining: number }> {
    return [...this.pending].map(([key, v]) => ({ key, ...v }));
  }
  clear(): void {
    this.pending.clear();
  }
}

export type TokenVerdict =
  | { ok: true; userId: string; scopes: string[] }
  | { ok: false; code: number; subcode?: number; message: string };

export type SendVerdict = { ok: true } | { ok: false; code: number; subcode?: number; message: string };

/** Optional facts about a send; lets Meta decide window (M8), HUMAN_AGENT and dev-mode (M14) verdicts. */
export interface MetaSendOptions {
  /** Channel message tag, e.g. HUMAN_AGENT. */
  messageTag?: string;
  /** Epoch ms (world clock) of the contact's last inbound message; enables the 24 h / 7 day window checks. */
  lastInboundAt?: number;
  /** Recipient has a role on the Meta app (an app in development mode can only message those). */
  recipientHasAppRole?: boolean;
}

/** Meta's answer about a channel credential's token: the asset it acts for, or Graph's error. */
export type CredentialVerdict =
  | { ok: true; assetId: string; tokenType: "USER" | "PAGE" | "SYSTEM_USER" }
  | { ok: false; code: number; subcode?: number; message: string };

/** Whether Meta would deliver a webhook about an asset to the app Sinch listens with (M3, M5, M6, M11). */
export type InboundVerdict = { ok: true } | { ok: false; reason: string };

export type MetaChannel = "MESSENGER" | "INSTAGRAM" | "WHATSAPP";

/**
 * What the Sinch half may ask the Meta half. Implemented in `meta/oracle.ts`. Meta owns every
 * messaging-window verdict (24 h, HUMAN_AGENT 7 days, WhatsApp 131047): Sinch passes the facts it
 * knows (last inbound, tag, template) and maps Meta's code to its own reason.
 */
export interface MetaOracle {
  /** Is this Page / system-user / business token valid and does it carry these scopes? */
  checkToken(token: string, requiredScopes: string[]): TokenVerdict;
  /**
   * Validation Sinch runs on a MESSENGER `static_token` (must be a Page token; asset = its Page, as
   * Graph `/me` answers) or an INSTAGRAM `instagram_credentials` (asset = the professional IG account).
   */
  checkCredential(channel: "MESSENGER" | "INSTAGRAM", token: string, businessAccountId?: string): CredentialVerdict;
  /**
   * Can a message be delivered from this asset (page id, IG account id, phone number id) with this token?
   * Sinch uses it for MESSENGER / INSTAGRAM; WhatsApp sends go through `checkPhoneSend`.
   */
  checkSend(channel: MetaChannel, token: string, assetId: string, opts?: MetaSendOptions): SendVerdict;
  /**
   * WhatsApp send verdict from the phone number's state alone (Sinch talks to Meta with its own partner
   * token, not the sender bearer token): 133010 / 131045 / 133005 / 131037 / 131042, then 131047 outside
   * the 24 h window unless the message is a template.
   */
  checkPhoneSend(phoneNumberId: string, opts?: { lastInboundAt?: number; template?: boolean }): SendVerdict;
  /** Would Meta send a webhook for this asset (Page id, IG id, WABA id) to the app? */
  inboundRoute(channel: MetaChannel, assetId: string, opts?: { senderHasAppRole?: boolean }): InboundVerdict;
  /** Sinch subscribes its Meta app to the asset when a channel becomes usable (Page, IG's Page, WABA). */
  subscribeAsset(channel: MetaChannel, assetId: string): void;
  /**
   * Can the Solution Partner (Sinch) reach this WABA, i.e. was it shared through the configured
   * Multi-Partner Solution? Sinch refuses to create a sender otherwise (Sinch WhatsApp ASP guide).
   */
  solutionAccess(wabaId: string): { ok: true } | { ok: false; message: string };
  /** WABA/phone lookups used when Sinch provisions a WhatsApp sender. */
  describePhoneNumber(
    wabaId: string,
    phoneNumberId: string,
  ): { ok: true; displayPhoneNumber: string; verifiedName: string; codeVerificationStatus?: string } | { ok: false; message: string };
}

export interface World {
  config: EmulatorConfig;
  clock: Clock;
  faults: Faults;
  /** Set by the Meta half at start-up. */
  meta: MetaOracle;
  /** Resets every piece of state (control API `POST /_emulator/reset`). Halves register their reset here. */
  resetHooks: Array<() => void>;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): EmulatorConfig {
  const port = Number(env.EMULATOR_PORT ?? 4010);
  const host = env.EMULATOR_HOST ?? "127.0.0.1";
  const num = (v: string | undefined, d: number) => (v === undefined || v === "" ? d : Number(v));
  return {
    port,
    host,
    origin: env.EMULATOR_ORIGIN ?? `http://${host}:${port}`,
    credentialActivationDelayMs: num(env.EMULATOR_CREDENTIAL_DELAY_MS, 1500),
    senderActivationDelayMs: num(env.EMULATOR_SENDER_DELAY_MS, 1500),
    subprojectWarmupMs: num(env.EMULATOR_SUBPROJECT_WARMUP_MS, 0),
    callbackRetryScheduleMs: (env.EMULATOR_CALLBACK_RETRY_MS ?? "200,500,1000,2000,4000,8000")
      .split(",")
      .map((s) => Number(s.trim()))
      .filter((n) => Number.isFinite(n) && n >= 0),
    sinchTokenTtlSeconds: num(env.EMULATOR_SINCH_TOKEN_TTL_S, 3600),
    deliveryReportDelayMs: num(env.EMULATOR_DLR_DELAY_MS, 300),
  };
}
