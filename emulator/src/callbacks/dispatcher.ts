import type { World } from "../world";
import { ulid } from "../sinch/ids";
import { signatureHeaders } from "./signer";

export interface CallbackTarget {
  webhookId: string;
  target: string;
  secret: string;
}

export interface DeliveryAttempt {
  id: string;
  webhookId: string;
  appId: string;
  target: string;
  /** Type key of the envelope, e.g. `message_delivery_report`. */
  eventType: string;
  trigger: string;
  attempt: number;
  signed: boolean;
  nonce?: string;
  status?: number;
  error?: string;
  /** Emulator-clock time of the attempt (ISO-8601). */
  at: string;
  /** Wall-clock time from sending to the answer (or the error). */
  durationMs?: number;
  /** True when this attempt failed and another one is scheduled. */
  willRetry: boolean;
}

const MAX_LOG = 2000;
const REQUEST_TIMEOUT_MS = 5000;

/**
 * Posts callback bodies to webhook targets, signs them when the webhook has a secret, retries
 * non-2xx answers and network errors on `config.callbackRetryScheduleMs`, and keeps a delivery log.
 * The body is serialised once per event so every webhook and every retry carries identical bytes.
 */
export class CallbackDispatcher {
  private readonly log: DeliveryAttempt[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private generation = 0;

  constructor(private readonly world: World) {}

  dispatch(appId: string, trigger: string, eventType: string, body: Record<string, unknown>, targets: CallbackTarget[]): void {
    if (targets.length === 0) return;
    const raw = JSON.stringify(body);
    for (const t of targets) void this.attempt(appId, trigger, eventType, raw, t, 1, this.generation);
  }

  entries(filter: { appId?: string; webhookId?: string } = {}): DeliveryAttempt[] {
    return this.log.filter(
      (e) => (!filter.appId || e.appId === filter.appId) && (!filter.webhookId || e.webhookId === filter.webhookId),
    );
  }

  reset(): void {
    this.generation += 1;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.log.length = 0;
  }

  private async attempt(
    appId: string,
    trigger: string,
    eventType: string,
    raw: string,
    t: CallbackTarget,
    attempt: number,
    generation: number,
  ): Promise<void> {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "user-agent": "sinch-conversation-emulator/1.0",
    };
    let nonce: string | undefined;
    if (t.secret) {
      nonce = ulid(this.world.clock.now());
      Object.assign(headers, signatureHeaders(t.secret, raw, nonce, this.world.clock.now() / 1000));
    }
    const entry: DeliveryAttempt = {
      id: ulid(this.world.clock.now()),
      webhookId: t.webhookId,
      appId,
      target: t.target,
      eventType,
      trigger,
      attempt,
      signed: Boolean(t.secret),
      nonce,
      at: this.world.clock.iso(),
      willRetry: false,
    };
    let ok = false;
    const started = performance.now();
    try {
      const res = await fetch(t.target, {
        method: "POST",
        headers,
        body: raw,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      entry.status = res.status;
      ok = res.status >= 200 && res.status < 300;
      await res.arrayBuffer().catch(() => undefined);
    } catch (err) {
      entry.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    entry.durationMs = Math.round(performance.now() - started);
    if (generation !== this.generation) return;
    const delay = this.world.config.callbackRetryScheduleMs[attempt - 1];
    entry.willRetry = !ok && delay !== undefined;
    this.log.push(entry);
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
    if (!entry.willRetry || delay === undefined) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(appId, trigger, eventType, raw, t, attempt + 1, generation);
    }, delay);
    timer.unref();
    this.timers.add(timer);
  }
}
