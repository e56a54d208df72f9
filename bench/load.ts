import { Agent, request } from "node:http";
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
  /** The answers other than 200, by status ("cut off" when the connection failed). */
  failures: Record<string, number>;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

type MakeRequest = () => { url: string; body: Buffer; headers: Record<string, string>; id?: string };

/*
 * The load generator shares the machine's cores with the receiver and Postgres, so it must cost as
 * little as it can: node:http on keep-alive sockets costs about a third of what fetch (undici, web
 * streams) does per request (bench/cpu.ts prints it), and every receiver gets the same sender. Each
 * run opens its own connections and closes them at its end, so no run reuses a socket the receiver
 * may have closed while another receiver was measured.
 */
function sender() {
  // FIFO keeps every open socket in use, so none idles past the receiver's keep-alive timeout (5 s)
  // and is reused just as the receiver closes it.
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024, scheduling: "fifo" });
  /** POSTs the body; resolves with the status once the answer is read (0 when the connection failed). */
  const post = (url: string, body: Buffer, headers: Record<string, string>): Promise<number> =>
    new Promise((resolve) => {
      const req = request(url, { method: "POST", agent, headers: { ...headers, "content-length": String(body.length) } }, (res) => {
        res.on("end", () => resolve(res.statusCode ?? 0));
        // An answer cut off before its end is a failure (`end` comes first when it is whole).
        res.on("close", () => resolve(0));
        res.on("error", () => resolve(0));
        res.resume();
      });
      req.on("error", () => resolve(0));
      req.end(body);
    });
  return { post, close: () => agent.destroy() };
}

type Post = ReturnType<typeof sender>["post"];

interface Tally {
  latencies: number[];
  okIds: string[];
  failures: Record<string, number>;
}

async function once(post: Post, make: MakeRequest, t: Tally): Promise<void> {
  const r = make();
  const t0 = performance.now();
  const status = await post(r.url, r.body, r.headers);
  t.latencies.push(performance.now() - t0);
  if (status === 200) {
    if (r.id) t.okIds.push(r.id);
    return;
  }
  const key = status === 0 ? "cut off" : String(status);
  t.failures[key] = (t.failures[key] ?? 0) + 1;
}

function summarise(label: string, t: Tally, ms: number): LoadResult {
  const errors = Object.values(t.failures).reduce((a, b) => a + b, 0);
  return { label, requests: t.latencies.length, errors, seconds: ms / 1000, rps: t.latencies.length / (ms / 1000), p50: percentile(t.latencies, 50), p99: percentile(t.latencies, 99), okIds: t.okIds, failures: t.failures };
}

const tally = (): Tally => ({ latencies: [], okIds: [], failures: {} });

/** Closed loop: `concurrency` workers, each sending the next request as soon as the last answers. */
export async function closedLoop(label: string, make: MakeRequest, concurrency: number, total: number): Promise<LoadResult> {
  const t = tally();
  let left = total;
  const { post, close } = sender();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await once(post, make, t);
    }),
  );
  const ms = performance.now() - t0;
  close();
  return summarise(label, t, ms);
}

/** Open loop: a fixed arrival rate whatever the latency, as Sinch would send. */
export async function openLoop(label: string, make: MakeRequest, rate: number, seconds: number): Promise<LoadResult> {
  const t = tally();
  const pending: Array<Promise<void>> = [];
  const { post, close } = sender();
  const t0 = performance.now();
  const total = rate * seconds;
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(once(post, make, t));
  }
  await Promise.all(pending);
  const ms = performance.now() - t0;
  close();
  return summarise(label, t, ms);
}

/** " (503: 2, cut off: 1)", or "" when there were none. */
export function describeFailures(failures: Record<string, number>): string {
  const parts = Object.entries(failures).map(([k, n]) => `${k}: ${n}`);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

export function printResult(r: LoadResult): void {
  console.log(`  ${r.label.padEnd(34)} ${r.requests} req in ${r.seconds.toFixed(1)} s → ${r.rps.toFixed(0).padStart(5)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   errors ${r.errors}${describeFailures(r.failures)}`);
}
