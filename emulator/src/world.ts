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

/** What the Sinch half may ask the Meta half. Implemented in `meta/`. */
export interface MetaOracle {
  /** Is this Page / system-user / business token valid and does it carry these scopes? */
  checkToken(token: string, requiredScopes: string[]): TokenVerdict;
  /**
   * Can a message be delivered from this asset (page id, IG account id, phone number id) with this token?
   * For WHATSAPP the Sinch half passes the sender's Sinch bearer token (Sinch talks to Meta with its own
   * partner token), so it ignores token verdicts (190, 104, 100/33) there and uses only phone-state ones.
   */
  checkSend(channel: "MESSENGER" | "INSTAGRAM" | "WHATSAPP", token: string, assetId: string, opts?: MetaSendOptions): SendVerdict;
  /** WABA/phone lookups used when Sinch provisions a WhatsApp sender. */
  describePhoneNumber(wabaId: string, phoneNumberId: string): { ok: true; displayPhoneNumber: string; verifiedName: string } | { ok: false; message: string };
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
