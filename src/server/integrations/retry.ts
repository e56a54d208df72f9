export interface RetryOptions {
  /** Total attempts including the first one. 1 disables retries. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injectable for tests; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Injectable for tests; defaults to Math.random. */
  random?: () => number;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function resolveRetryOptions(opts: RetryOptions = {}): ResolvedRetryOptions {
  return {
    maxAttempts: Math.max(1, opts.maxAttempts ?? 4),
    baseDelayMs: opts.baseDelayMs ?? 250,
    maxDelayMs: opts.maxDelayMs ?? 8_000,
    sleep: opts.sleep ?? realSleep,
    random: opts.random ?? Math.random,
  };
}

/**
 * Full-jitter exponential backoff: a uniform draw from [0, min(max, base·2^n)]. Jitter keeps many
 * workers from retrying in lockstep; a server `Retry-After` acts as a floor, capped by `maxDelayMs`.
 */
export function backoffDelay(attempt: number, opts: ResolvedRetryOptions, retryAfterMs?: number): number {
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(opts.random() * ceiling);
  if (retryAfterMs === undefined) return jittered;
  return Math.max(jittered, Math.min(retryAfterMs, opts.maxDelayMs));
}

export type RetryDecision = { retry: false } | { retry: true; retryAfterMs?: number; why: string };

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `fn` until `decide` says stop or attempts run out. The last outcome is returned or thrown as is,
 * so callers see the real final status (e.g. the 429 after exhaustion).
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  decide: (outcome: Outcome<T>) => RetryDecision,
  opts: ResolvedRetryOptions,
  onRetry?: (info: { attempt: number; delayMs: number; why: string }) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    let outcome: Outcome<T>;
    try {
      outcome = { ok: true, value: await fn(attempt) };
    } catch (error) {
      outcome = { ok: false, error };
    }
    const decision = attempt < opts.maxAttempts ? decide(outcome) : ({ retry: false } as const);
    if (!decision.retry) {
      if (outcome.ok) return outcome.value;
      throw outcome.error;
    }
    const delayMs = backoffDelay(attempt, opts, decision.retryAfterMs);
    onRetry?.({ attempt, delayMs, why: decision.why });
    await opts.sleep(delayMs);
  }
}

export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.floor(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}
