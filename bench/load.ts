import { performance } from "node:perf_hooks";

export interface LoadResult {
  label: string;
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  /** The `id` of every request answered 200 (when the request maker gives ids). */
  okIds: string[];
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

type MakeRequest = () => { url: string; body: Buffer; headers: Record<string, string>; id?: string };

async function once(make: MakeRequest, latencies: number[], okIds: string[]): Promise<boolean> {
  const r = make();
  const t0 = performance.now();
  try {
    const res = await fetch(r.url, { method: "POST", body: r.body, headers: r.headers });
    await res.arrayBuffer();
    latencies.push(performance.now() - t0);
    if (res.status === 200 && r.id) okIds.push(r.id);
    return res.status === 200;
  } catch {
    latencies.push(performance.now() - t0);
    return false;
  }
}

function summarise(label: string, latencies: number[], errors: number, ms: number, okIds: string[]): LoadResult {
  return { label, requests: latencies.length, errors, seconds: ms / 1000, rps: latencies.length / (ms / 1000), p50: percentile(latencies, 50), p99: percentile(latencies, 99), okIds };
}

/** Closed loop: `concurrency` workers, each sending the next request as soon as the last answers. */
export async function closedLoop(label: string, make: MakeRequest, concurrency: number, total: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const okIds: string[] = [];
  let errors = 0;
  let left = total;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) if (!(await once(make, latencies, okIds))) errors++;
    }),
  );
  return summarise(label, latencies, errors, performance.now() - t0, okIds);
}

/** Open loop: a fixed arrival rate whatever the latency, as Sinch would send. */
export async function openLoop(label: string, make: MakeRequest, rate: number, seconds: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const okIds: string[] = [];
  let errors = 0;
  const pending: Array<Promise<void>> = [];
  const t0 = performance.now();
  const total = rate * seconds;
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(once(make, latencies, okIds).then((ok) => void (ok || errors++)));
  }
  await Promise.all(pending);
  return summarise(label, latencies, errors, performance.now() - t0, okIds);
}

export function printResult(r: LoadResult): void {
  console.log(`  ${r.label.padEnd(34)} ${r.requests} req in ${r.seconds.toFixed(1)} s → ${r.rps.toFixed(0).padStart(5)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   errors ${r.errors}`);
}
