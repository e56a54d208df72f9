/**
 * Delay before each retry, after attempt 1, 2, …: Standard Webhooks' example schedule (5 s up to
 * 24 h, about three days in all). After the last one the delivery is failed; it can be replayed.
 */
export const RETRY_DELAYS_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 14 * 3600, 20 * 3600, 24 * 3600];
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
const MAX_RETRY_AFTER_SECONDS = 24 * 3600;

/**
 * When to try again after `attempts` failed attempts, or null when the schedule is over. Up to
 * 10 % jitter keeps retries of many deliveries from arriving together; a receiver's
 * `Retry-After` can only push the attempt later.
 */
export function nextAttemptDelay(attempts: number, retryAfterSeconds: number | null, random: () => number = Math.random): number | null {
  const base = RETRY_DELAYS_SECONDS[attempts - 1];
  if (base === undefined) return null;
  const jittered = Math.round(base * (1 + 0.1 * random()));
  return Math.max(jittered, Math.min(retryAfterSeconds ?? 0, MAX_RETRY_AFTER_SECONDS));
}
