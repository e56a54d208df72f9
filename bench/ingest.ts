/**
 * `npm run bench:ingest` (tsx bench/ingest.ts): signed callbacks against the portal's production
 * server (`node server.mjs`, as `npm start` runs it) on real Postgres, and the same load against a
 * bare node:http + postgres receiver (one INSERT … ON
 * CONFLICT DO NOTHING per callback); prints req/s, p50, p99, errors and the ratio. The same load also
 * goes to the Next.js floor (bench/next-floor: the same Next version, one route handler that reads
 * the body and answers 200) so the cost of Next itself and the cost of the portal's work are apart.
 *   BENCH_DATABASE_URL  Postgres server (a database is created and dropped)
 *   BENCH_APP_DIR       folder with a `next build` of the portal (default: this folder; built if missing)
 *   BENCH_CONCURRENCY / BENCH_REQUESTS / BENCH_SECONDS
 *   BENCH_RATE          open-loop arrival rates, comma-separated (default 300,1000)
 *   BENCH_PORTAL_NODE_ARGS  extra node options for the portal, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (written on exit)
 *   BENCH_INSTANCES     portal instances on the one database (default 1); with 2 or more they run
 *                       behind the round-robin proxy of the scale tier (tests/scale/proxy.ts)
 *   BENCH_PORT          first port to use (default: a random one from 3900)
 * On Linux each closed-loop run also prints the CPU its receiver, Postgres and the load generator
 * used per request (bench/cpu.ts): on a small machine the three share the cores, so the cores
 * divided by the CPU of one portal callback is the most the portal can reach there (the "ceiling").
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { createDb } from "@/server/db/client";
import { conversationApps, customers, sinchProjects, webhooks } from "@/server/db/schema";
import { createSecretBox, parseKeyring } from "@/server/crypto/secret-box";
import { signSinchPayload } from "@/server/webhooks/sinch/verify";
import { startRoundRobinProxy } from "../tests/scale/proxy";
import { cpuPerRequest, cpuSample, describeCpu, totalPerRequest } from "./cpu";
import { closedLoop, describeFailures, openLoop, printResult, type LoadResult } from "./load";

const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!SERVER) {
  console.error("Set BENCH_DATABASE_URL to a Postgres server (a database is created and dropped).");
  process.exit(2);
}
const APP_DIR = path.resolve(process.env.BENCH_APP_DIR ?? process.cwd());
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 6000);
const RATES = (process.env.BENCH_RATE ?? "300,1000").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PORTAL_NODE_ARGS = (process.env.BENCH_PORTAL_NODE_ARGS ?? "").split(" ").filter(Boolean);
const INSTANCES = Math.max(1, Number(process.env.BENCH_INSTANCES ?? 1));
const KEYS = `bench1:${randomBytes(32).toString("base64")}`;
const AUTH_SECRET = randomBytes(32).toString("base64url");

async function waitForPort(url: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output().slice(-2000)}`);
    try {
      await fetch(url, { method: "POST", body: "{}" });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`server at ${url} did not answer (${(error as Error & { cause?: Error }).cause?.message ?? error}): ${output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

function start(cmd: string, args: string[], env: Record<string, string>, cwd: string): { child: ChildProcess; output: () => string } {
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  return { child, output: () => out };
}

async function seed(url: string) {
  const handle = createDb({ databaseUrl: url, maxConnections: 2 });
  await handle.migrate();
  const box = createSecretBox(parseKeyring(KEYS));
  const [customer] = await handle.db.insert(customers).values({ businessName: "Bench", contactName: "B", contactEmail: "b@example.test", region: "eu", projectMode: "subproject" }).returning();
  const appId = "BENCHAPP0000000000000000001";
  await handle.db.insert(sinchProjects).values({ customerId: customer!.id, projectId: "bench", kind: "subproject" });
  await handle.db.insert(conversationApps).values({ customerId: customer!.id, appId, region: "eu", displayName: "Bench" });
  const webhookId = randomUUID();
  const secret = randomBytes(24).toString("base64url");
  await handle.db.insert(webhooks).values({ id: webhookId, customerId: customer!.id, appId, sinchWebhookId: "wh", target: "x", triggers: [], secretCiphertext: box.encrypt(secret, { table: "webhooks", column: "secret_ciphertext", rowId: webhookId }) });
  await handle.close();
  return { appId, secret };
}

let seq = 0;
/** A new contact message per request (every 50th conversation), signed over the exact bytes sent. */
function callbackMaker(base: string, appId: string, secret: string) {
  return () => {
    const n = seq++;
    const id = `BENCH${process.pid}${n}`;
    const now = new Date().toISOString();
    const body = Buffer.from(JSON.stringify({
      app_id: appId, accepted_time: now, event_time: now, project_id: "bench",
      message: { id, direction: "TO_APP", contact_message: { text_message: { text: `Hello number ${n}` } },
        channel_identity: { channel: "INSTAGRAM", identity: `ig${n % 50}`, app_id: appId }, conversation_id: `CONV${n % 50}`, contact_id: `CONTACT${n % 50}`, metadata: "", accept_time: now },
    }));
    const nonce = `N${process.pid}x${n}x${randomBytes(4).toString("hex")}`;
    const ts = String(Math.floor(Date.now() / 1000));
    return {
      id,
      url: `${base}/api/webhooks/sinch/${appId}`,
      body,
      headers: { "content-type": "application/json", "x-sinch-webhook-signature": signSinchPayload(body, secret, nonce, ts), "x-sinch-webhook-signature-nonce": nonce, "x-sinch-webhook-signature-timestamp": ts, "x-sinch-webhook-signature-algorithm": "HmacSHA256" },
    };
  };
}

async function main() {
  const floorDir = path.join(import.meta.dirname, "next-floor");
  if (!existsSync(path.join(floorDir, ".next/BUILD_ID"))) {
    console.log("Building the Next.js floor app (bench/next-floor)…");
    // Built and started from its own folder, so nothing of the portal's (instrumentation, proxy) is picked up.
    const build = spawnSync(path.join(APP_DIR, "node_modules/.bin/next"), ["build"], { cwd: floorDir, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build of bench/next-floor failed");
  }
  if (!existsSync(path.join(APP_DIR, ".next/BUILD_ID"))) {
    console.log(`No build in ${APP_DIR}: running next build…`);
    const build = spawnSync(path.join(APP_DIR, "node_modules/.bin/next"), ["build"], { cwd: APP_DIR, stdio: "inherit", env: { ...process.env, AUTH_SECRET, ENCRYPTION_KEYS: KEYS, DATABASE_URL: "postgres://build@127.0.0.1:1/build" } });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const name = `bench_ingest_${Date.now().toString(36)}`;
  const admin = postgres(SERVER!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER!);
  url.pathname = `/${name}`;
  const children: ChildProcess[] = [];
  try {
    const { appId, secret } = await seed(url.toString());
    const portalPort = Number(process.env.BENCH_PORT ?? 3900 + Math.floor(Math.random() * 50));
    // Instances on consecutive ports; the proxy (when there are several) on the port after them.
    const portalUrls: string[] = [];
    const portals: Array<ReturnType<typeof start>> = [];
    for (let k = 0; k < INSTANCES; k++) {
      const p = portalPort + k;
      const portal = start(process.execPath, [...PORTAL_NODE_ARGS, path.join(APP_DIR, "server.mjs"), "-p", String(p), "-H", "127.0.0.1"], { NODE_ENV: "production", DATABASE_URL: url.toString(), AUTH_SECRET, ENCRYPTION_KEYS: KEYS, JOBS_ENABLED: "false", LOG_LEVEL: "error", PUBLIC_URL: `http://127.0.0.1:${portalPort}` }, APP_DIR);
      children.push(portal.child);
      portals.push(portal);
      portalUrls.push(`http://127.0.0.1:${p}`);
    }
    const barePort = portalPort + INSTANCES + 1;
    const bare = start(process.execPath, [path.join(import.meta.dirname, "bare-receiver.mjs")], { DATABASE_URL: url.toString(), PORT: String(barePort) }, APP_DIR);
    children.push(bare.child);
    const floorPort = portalPort + INSTANCES + 2;
    const floor = start(path.join(APP_DIR, "node_modules/.bin/next"), ["start", "-p", String(floorPort), "-H", "127.0.0.1"], { NODE_ENV: "production" }, floorDir);
    children.push(floor.child);
    for (const [k, portal] of portals.entries()) await waitForPort(`${portalUrls[k]}/api/webhooks/sinch/none`, portal.child, portal.output);
    const proxy = INSTANCES > 1 ? await startRoundRobinProxy(portalUrls, portalPort + INSTANCES) : null;
    const portalBase = proxy?.url ?? portalUrls[0]!;
    const bareBase = `http://127.0.0.1:${barePort}`;
    await waitForPort(`${bareBase}/warmup`, bare.child, bare.output);
    const floorBase = `http://127.0.0.1:${floorPort}`;
    await waitForPort(`${floorBase}/api/floor/warmup`, floor.child, floor.output);
    const portalReq = callbackMaker(portalBase, appId, secret);
    const bareReq = callbackMaker(bareBase, appId, secret);
    const floorReq = () => {
      const r = bareReq();
      return { ...r, url: r.url.replace(bareBase + "/api/webhooks/sinch/", floorBase + "/api/floor/") };
    };
    // Every portal answer counted, so the stored rows can be held against the 200s.
    const portalRuns: LoadResult[] = [];
    const onPortal = async (run: Promise<LoadResult>) => {
      const r = await run;
      portalRuns.push(r);
      return r;
    };
    await onPortal(closedLoop("warm-up", portalReq, CONCURRENCY, 500));
    await closedLoop("warm-up", bareReq, CONCURRENCY, 500);
    await closedLoop("warm-up", floorReq, CONCURRENCY, 500);

    console.log(`\nClosed loop, concurrency ${CONCURRENCY}, ${REQUESTS} signed callbacks each:`);
    const portalLabel = INSTANCES > 1 ? `portal ×${INSTANCES} behind round-robin proxy` : "portal (server.mjs, verify+store)";
    // Each run with the CPU its receiver, Postgres and this load generator used meanwhile.
    const measured = async (run: () => Promise<LoadResult>, pids: number[]) => {
      const before = cpuSample(pids);
      const r = await run();
      const perRequest = cpuPerRequest(before, cpuSample(pids), r.requests);
      return { r, cpu: describeCpu(perRequest, r.requests, r.seconds), perRequest };
    };
    const pidsOf = (...cs: ChildProcess[]) => cs.map((c) => c.pid!).filter(Boolean);
    const p = await measured(() => onPortal(closedLoop(portalLabel, portalReq, CONCURRENCY, REQUESTS)), pidsOf(...portals.map((x) => x.child)));
    const b = await measured(() => closedLoop("bare node:http + INSERT", bareReq, CONCURRENCY, REQUESTS), pidsOf(bare.child));
    const f = await measured(() => closedLoop("Next floor (read body, 200)", floorReq, CONCURRENCY, REQUESTS), pidsOf(floor.child));
    for (const { r, cpu } of [p, b, f]) {
      printResult(r);
      if (cpu) console.log(cpu);
    }
    console.log(`  ratio portal/bare: ${(p.r.rps / b.r.rps).toFixed(2)}× (target ≥ 1.0×)`);
    if (p.perRequest) {
      // The receivers, Postgres and this generator share the cores: at the measured CPU per callback no
      // scheduling gets more callbacks per second out of them than the cores divided by that CPU.
      const cores = availableParallelism();
      const total = totalPerRequest(p.perRequest);
      const ceiling = (cores * 1000) / total;
      console.log(`  ceiling: ${cores} cores / ${total.toFixed(2)} ms of CPU per portal callback (receiver + Postgres + generator) = at most ${ceiling.toFixed(0)} req/s, ${(ceiling / b.r.rps).toFixed(2)}× the bare receiver's measured rate`);
    }
    console.log(`  ratio Next floor/bare: ${(f.r.rps / b.r.rps).toFixed(2)}× (the most any Next route handler can reach here)`);
    console.log(`  ratio portal/Next floor: ${(p.r.rps / f.r.rps).toFixed(2)}×`);

    for (const rate of RATES) {
      console.log(`\nOpen loop at ${rate} req/s for ${SECONDS} s:`);
      const po = await onPortal(openLoop("portal", portalReq, rate, SECONDS));
      const bo = await openLoop("bare", bareReq, rate, SECONDS);
      const fo = await openLoop("Next floor", floorReq, rate, SECONDS);
      printResult(po);
      printResult(bo);
      printResult(fo);
      console.log(`  portal p99 at ${rate} req/s: ${po.p99.toFixed(1)} ms (target < 50 ms), errors ${po.errors}`);
    }
    // Every 200 must be stored exactly once. A callback stored but not answered 200 (its answer was a
    // 503 past the 3 s deadline, or the connection was cut) is safe: Sinch retries it and the retry is
    // answered 200 as a duplicate.
    const okIds = portalRuns.flatMap((r) => r.okIds);
    const check = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const [counts] = await check<{ events: number; keys: number; messages: number; ok_stored: number }[]>`
      SELECT (SELECT count(*)::int FROM webhook_events) AS events,
             (SELECT count(DISTINCT dedupe_key)::int FROM webhook_events) AS keys,
             (SELECT count(*)::int FROM messages) AS messages,
             (SELECT count(DISTINCT sinch_message_id)::int FROM messages WHERE sinch_message_id = ANY(${okIds}::text[])) AS ok_stored`;
    await check.end();
    const errors = portalRuns.reduce((sum, r) => sum + r.errors, 0);
    const failures: Record<string, number> = {};
    for (const r of portalRuns) for (const [k, n] of Object.entries(r.failures)) failures[k] = (failures[k] ?? 0) + n;
    if (proxy) {
      console.log(`\nproxy: ${proxy.forwarded.join(" + ")} requests to the ${INSTANCES} instances, ${proxy.failed} upstream failures`);
      await proxy.close();
    }
    const { events, keys, messages: stored, ok_stored: okStored } = counts!;
    console.log(`\nportal${INSTANCES > 1 ? ` (${INSTANCES} instances)` : ""}: ${okIds.length} answered 200, ${errors} not${describeFailures(failures)}, ${stored} messages stored (${events} events, ${events - keys} duplicate events)`);
    console.log(`  answered 200 and stored: ${okStored} of ${okIds.length} ${okStored === okIds.length ? "(every 200 stored)" : "(NOT ALL STORED)"}; stored without a 200: ${stored - okStored} (retried by Sinch, answered 200 as duplicates)`);
    if (okStored !== okIds.length || events !== keys || stored !== events) process.exitCode = 1;
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
