/**
 * Load shedding for the webhook route: at most `max` callbacks are worked on at once in a process.
 * One more is refused at once with 503 (Sinch retries it later) instead of queueing behind the
 * others until the sender has given up on it, which would turn every retry into more load.
 */
export interface Admission {
  tryEnter(): boolean;
  leave(): void;
  readonly inFlight: number;
}

export function createAdmission(max: number): Admission {
  let inFlight = 0;
  return {
    tryEnter() {
      if (inFlight >= max) return false;
      inFlight++;
      return true;
    },
    leave() {
      inFlight = Math.max(0, inFlight - 1);
    },
    get inFlight() {
      return inFlight;
    },
  };
}

/** Enough to keep the database pool (10 connections) busy with room for bursts. */
export const MAX_CALLBACKS_IN_FLIGHT = 64;
