/**
 * Group commit: work submitted at about the same time is written by one `flush` (one transaction),
 * and each submitter hears back only when that flush has finished. While every flush slot is busy,
 * new work waits and forms the next batch, so batches grow with load by themselves; when a slot is
 * free and others are still running, work waits at most `maxWaitMs` for company. With nothing
 * running it goes at once, so a quiet portal adds no delay.
 */
export interface CommitQueueOptions<I, R> {
  maxBatch: number;
  maxWaitMs: number;
  /** Flushes that may run at once (each holds one database connection). */
  maxConcurrent: number;
  /** An item sharing a key with one already in the batch waits for the next batch. */
  keys(item: I): readonly string[];
  /** Results in the order of `items`; a rejection is every item's answer. */
  flush(items: I[]): Promise<R[]>;
}

export interface CommitQueue<I, R> {
  submit(item: I): Promise<R>;
  /** Submitted and not yet answered. */
  readonly pending: number;
}

interface Waiting<I, R> {
  item: I;
  since: number;
  resolve(value: R): void;
  reject(err: unknown): void;
}

export function createCommitQueue<I, R>(opts: CommitQueueOptions<I, R>): CommitQueue<I, R> {
  let queue: Array<Waiting<I, R>> = [];
  let running = 0;
  let inFlight = 0;
  let timer: NodeJS.Timeout | undefined;

  /** The oldest items that can go together, up to `maxBatch`; the rest keep their places. */
  function take(): Array<Waiting<I, R>> {
    const batch: Array<Waiting<I, R>> = [];
    const rest: Array<Waiting<I, R>> = [];
    const seen = new Set<string>();
    for (const w of queue) {
      const keys = opts.keys(w.item);
      if (batch.length >= opts.maxBatch || keys.some((k) => seen.has(k))) {
        rest.push(w);
        continue;
      }
      for (const k of keys) seen.add(k);
      batch.push(w);
    }
    queue = rest;
    return batch;
  }

  async function run(batch: Array<Waiting<I, R>>): Promise<void> {
    running++;
    try {
      const results = await opts.flush(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (err) {
      for (const w of batch) w.reject(err);
    } finally {
      running--;
      schedule();
    }
  }

  function schedule(): void {
    while (queue.length > 0 && running < opts.maxConcurrent) {
      const waited = Date.now() - queue[0]!.since;
      if (running > 0 && queue.length < opts.maxBatch && waited < opts.maxWaitMs) {
        timer ??= setTimeout(() => {
          timer = undefined;
          schedule();
        }, opts.maxWaitMs - waited);
        return;
      }
      void run(take());
    }
  }

  return {
    submit(item) {
      inFlight++;
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, since: Date.now(), resolve, reject });
        schedule();
      }).finally(() => inFlight--);
    },
    get pending() {
      return inFlight;
    },
  };
}
