import { describe, expect, it } from "vitest";
import { createCommitQueue } from "@/server/services/inbox/commit-queue";

/** A queue whose flushes the test finishes by hand, recording each batch. */
function harness(opts: { maxBatch?: number; maxConcurrent?: number } = {}) {
  const batches: number[][] = [];
  const finish: Array<(fail?: Error) => void> = [];
  const queue = createCommitQueue<number, string>({
    maxBatch: opts.maxBatch ?? 64,
    maxWaitMs: 2,
    maxConcurrent: opts.maxConcurrent ?? 1,
    keys: (n) => [`k${n % 100}`],
    flush: (items) => {
      batches.push(items);
      return new Promise((resolve, reject) => finish.push((fail) => (fail ? reject(fail) : resolve(items.map((n) => `done ${n}`)))));
    },
  });
  return { queue, batches, finish };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("commit queue (group commit)", () => {
  it("sends lone work at once, and gathers what arrives during a flush into the next one, bounded by maxBatch", async () => {
    const { queue, batches, finish } = harness({ maxBatch: 3 });
    const answers = [1, 2, 3, 4, 5].map((n) => queue.submit(n));
    expect(batches).toEqual([[1]]);
    finish[0]!();
    await tick();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    finish[1]!();
    await tick();
    finish[2]!();
    expect(await Promise.all(answers)).toEqual(["done 1", "done 2", "done 3", "done 4", "done 5"]);
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
    expect(queue.pending).toBe(0);
  });

  it("never puts two items with one key in a batch, and a failed flush is the answer of its batch only", async () => {
    const { queue, batches, finish } = harness();
    const first = queue.submit(1);
    const rest = [101, 2, 201].map((n) => queue.submit(n).catch((err: Error) => err.message));
    finish[0]!();
    await first;
    await tick();
    expect(batches[1]).toEqual([101, 2]);
    finish[1]!(new Error("database gone"));
    await tick();
    expect(batches[2]).toEqual([201]);
    finish[2]!();
    expect(await Promise.all(rest)).toEqual(["database gone", "database gone", "done 201"]);
  });
});
