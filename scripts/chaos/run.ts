// `npm run test:chaos`: real Postgres, the production server (`node server.mjs`), the emulator
// delivering 10,000 callbacks with (compressed) retries. Postgres is crashed and restarted mid-stream, then the portal is SIGKILLed
// under load and restarted; finally a SIGTERM with requests in flight. Prints the figures and exits 1
// when an expectation fails. Not part of `npm test` (it takes minutes and owns the machine).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { emulatorUrls } from "../../tests/e2e/support/portal-env";
import { chaosPostgres, chosenPort } from "./pg";
import { emulatorControl, PortalClient, pollDeliveryLog } from "./portal-client";
import { alive, bin, freePort, root, signal, sleep, startProcess, stopProcess, waitForHttp, type EnvVars as Env, type Started as Proc } from "../lib/processes";
import { gracefulShutdown } from "./sigterm";

const CALLBACKS = Number(process.env.CHAOS_CALLBACKS ?? 10_000);
const DB_OUTAGE_MS = Number(process.env.CHAOS_DB_OUTAGE_MS ?? 10_000);
const RECOVERY_DEADLINE_MS = 5 * 60_000;
// Sinch sends at the pace events happen; an unpaced burst only measures how fast a queue of retries grows.
const RATE_PER_SECOND = Number(process.env.CHAOS_RATE ?? 40);
// On a shared machine CHAOS_PORTAL_PORT, CHAOS_EMULATOR_PORT and CHAOS_PG_PORT pin the ports (default: free ones).
// Sinch retries for hours; compressed here to ~2.5 minutes of attempts so the run finishes.
const RETRY_SCHEDULE = ["250", "500", "1000", "2000", "4000", ...Array.from({ length: 30 }, () => "5000")].join(",");

const logDir = path.join(root, "test-results/chaos");
mkdirSync(logDir, { recursive: true });
const log = (msg: string) => console.log(`[chaos ${new Date().toISOString().slice(11, 23)}] ${msg}`);

async function main() {
  const pg = await chaosPostgres();
  const procs: Proc[] = [];
  const cleanup = async () => {
    for (const p of procs.reverse()) await stopProcess(p, 10_000).catch(() => undefined);
    pg.remove();
  };
  process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
  try {
    await run(pg, procs);
  } finally {
    await cleanup();
  }
}

async function run(pg: Awaited<ReturnType<typeof chaosPostgres>>, procs: Proc[]) {
  const emulatorURL = `http://127.0.0.1:${await chosenPort("CHAOS_EMULATOR_PORT")}`;
  const baseURL = `http://127.0.0.1:${await chosenPort("CHAOS_PORTAL_PORT")}`;
  const admin = { email: "chaos-admin@chaos.test", password: `chaos-${randomBytes(12).toString("base64url")}` };
  const env: Env = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: pg.url,
    PGLITE_DIR: "",
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEYS: `chaos1:${randomBytes(32).toString("base64")}`,
    AUTH_TRUST_HOST: "true",
    PUBLIC_URL: baseURL,
    LOG_LEVEL: "warn",
    SEED_ADMIN_EMAIL: admin.email,
    SEED_ADMIN_PASSWORD: admin.password,
    NEXT_TELEMETRY_DISABLED: "1",
    ...emulatorUrls(emulatorURL),
  };

  const emulator = startProcess("emulator", bin("tsx"), ["emulator/src/main.ts"], { ...process.env, EMULATOR_PORT: new URL(emulatorURL).port, EMULATOR_CALLBACK_RETRY_MS: RETRY_SCHEDULE, EMULATOR_CREDENTIAL_DELAY_MS: "200", EMULATOR_SENDER_DELAY_MS: "200" }, path.join(logDir, "emulator.log"), root, { appendLog: true });
  procs.push(emulator);
  await waitForHttp(`${emulatorURL}/_emulator/clock`, emulator, 60_000);
  if (!existsSync(path.join(root, ".next/BUILD_ID"))) {
    log("no build found: next build");
    const build = startProcess("build", bin("next"), ["build"], { ...env, DATABASE_URL: "postgres://build@127.0.0.1:1/build" }, path.join(logDir, "build.log"), root, { appendLog: true });
    await new Promise((r) => build.child.once("exit", r));
  }
  // The react-server condition lets the seed import server modules guarded by `server-only`.
  const seed = startProcess("seed", bin("tsx"), ["--conditions=react-server", "scripts/db-seed.ts"], env, path.join(logDir, "seed.log"), root, { appendLog: true });
  const seedCode = await new Promise((r) => seed.child.once("exit", r));
  if (seedCode !== 0) throw new Error(`db seed failed (exit ${String(seedCode)}); see ${path.join(logDir, "seed.log")}`);

  const startPortal = async () => {
    // As `npm start` runs it: the portal, not Next, handles SIGTERM (drain, then exit).
    const portal = startProcess("portal", process.execPath, ["server.mjs", "-p", new URL(baseURL).port, "-H", "127.0.0.1"], env, path.join(logDir, "portal.log"), root, { appendLog: true });
    procs.push(portal);
    await waitForHttp(`${baseURL}/sign-in`, portal, 120_000);
    return portal;
  };
  let portal = await startPortal();
  const client = new PortalClient(baseURL);
  await client.signIn(admin.email, admin.password);
  const { customerId } = await client.mutation<{ customerId: string }>("customers.create", { businessName: "Chaos Ltd", contactName: "Cara", contactEmail: "cara@chaos.test", region: "eu", projectMode: "subproject" });
  await client.mutation("customers.runSetup", { customerId });
  const appId = (await client.query<{ app: { appId: string } }>("customers.get", { customerId })).app.appId;
  log(`portal ${baseURL}, emulator ${emulatorURL}, app ${appId}; streaming ${CALLBACKS} callbacks`);

  const sql = postgres(pg.url, { max: 2, onnotice: () => {} });
  const poller = pollDeliveryLog(emulatorURL, appId);
  const windows = { dbDown: [0, 0] as [number, number], portalDown: [0, 0] as [number, number] };
  const faults: Array<Promise<void>> = [];
  const messageIds: string[] = [];
  const streamStart = Date.now();
  const CONCURRENCY = 16;
  for (let next = 0; next < CALLBACKS; ) {
    const batch = Array.from({ length: Math.min(CONCURRENCY, CALLBACKS - next) }, (_, k) => next + k);
    next += batch.length;
    const results = await Promise.all(batch.map((i) => emulatorControl<{ messageId?: string }>(emulatorURL, "POST", `/_emulator/sinch/apps/${appId}/inbound`, { channel: "INSTAGRAM", identity: `IG-CHAOS-${i % 500}`, kind: "text", text: `chaos ${i}`, force: true })));
    for (const r of results) if (r.messageId) messageIds.push(r.messageId);
    const due = streamStart + (next / RATE_PER_SECOND) * 1000;
    if (due > Date.now()) await sleep(due - Date.now());
    if (next >= CALLBACKS * 0.3 && !windows.dbDown[0]) {
      windows.dbDown[0] = Date.now();
      log("Postgres: immediate stop (crash)");
      pg.crash();
      faults.push(
        sleep(DB_OUTAGE_MS).then(() => {
          log("Postgres: start (crash recovery)");
          windows.dbDown[1] = Date.now();
          pg.start();
        }),
      );
    }
    if (next >= CALLBACKS * 0.65 && !windows.portalDown[0]) {
      windows.portalDown[0] = Date.now();
      log("portal: SIGKILL under load");
      signal(portal, "SIGKILL");
      faults.push(
        sleep(2_000).then(async () => {
          portal = await startPortal();
          windows.portalDown[1] = Date.now();
          log("portal: restarted");
        }),
      );
    }
  }
  await Promise.all(faults);
  const streamMs = Date.now() - streamStart;
  const recoveredAt = Math.max(windows.dbDown[1], windows.portalDown[1]);
  log(`stream injected in ${streamMs} ms; waiting for every callback to be stored`);

  let stored = 0;
  let allStoredAt = 0;
  while (Date.now() - recoveredAt < RECOVERY_DEADLINE_MS) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from messages where sinch_message_id = any(${messageIds}::text[])`.catch(() => [{ n: -1 }]);
    stored = row!.n;
    if (stored >= messageIds.length) {
      allStoredAt = Date.now();
      break;
    }
    await sleep(1_000);
  }
  await sleep(1_500);
  await poller.stop();

  const attempts = [...poller.attempts.values()];
  const ok = attempts.filter((a) => a.status === 200);
  const storedNonces = new Set((await sql<{ nonce: string }[]>`select nonce from webhook_nonces where app_id = ${appId}`).map((r) => r.nonce));
  const okNotStored = ok.filter((a) => a.nonce && !storedNonces.has(a.nonce)).length;
  const [dups] = await sql<{ rows: number; keys: number; msgs: number; distinct_msgs: number }[]>`
    select (select count(*)::int from webhook_events where app_id = ${appId}) as rows,
           (select count(distinct dedupe_key)::int from webhook_events where app_id = ${appId}) as keys,
           (select count(*)::int from messages where sinch_message_id = any(${messageIds}::text[])) as msgs,
           (select count(distinct sinch_message_id)::int from messages where sinch_message_id = any(${messageIds}::text[])) as distinct_msgs`;
  // Attempts answered while the database was down: sent after the crash, answered before the restart
  // began. (An attempt sent during the outage and answered after the restart may rightly get 200.)
  const during = attempts.filter((a) => {
    const sent = Date.parse(a.at);
    return sent > windows.dbDown[0] + 500 && sent + (a.durationMs ?? 0) < windows.dbDown[1];
  });
  const statusCount = (list: typeof attempts) => list.reduce<Record<string, number>>((acc, a) => ((acc[a.status ?? a.error?.split(":")[0] ?? "?"] = (acc[a.status ?? a.error?.split(":")[0] ?? "?"] ?? 0) + 1), acc), {});

  const sigterm = await gracefulShutdown({ portal, restart: async () => (portal = await startPortal()), baseURL, appId, emulatorURL, client, sql, customerId });

  const figures = {
    callbacksInjected: messageIds.length,
    deliveryAttemptsSeen: attempts.length,
    attemptsByOutcome: statusCount(attempts),
    answered200: ok.length,
    answered200ButNotCommitted: okNotStored,
    stored,
    missing: messageIds.length - stored,
    duplicateEvents: dups!.rows - dups!.keys,
    duplicateMessages: dups!.msgs - dups!.distinct_msgs,
    dbDownMs: windows.dbDown[1] - windows.dbDown[0],
    attemptsWhileDbDown: statusCount(during),
    answered200WhileDbDown: during.filter((a) => a.status === 200).length,
    portalDownMs: windows.portalDown[1] - windows.portalDown[0],
    allStoredSecondsAfterRecovery: allStoredAt ? Math.round((allStoredAt - recoveredAt) / 100) / 10 : null,
    streamSeconds: Math.round(streamMs / 100) / 10,
    sigterm,
  };
  await sql.end();
  writeFileSync(path.join(logDir, "figures.json"), JSON.stringify(figures, null, 2));
  console.log(JSON.stringify(figures, null, 2));
  const failures = [
    figures.missing !== 0 && `${figures.missing} callbacks never stored`,
    figures.answered200ButNotCommitted !== 0 && `${figures.answered200ButNotCommitted} callbacks answered 200 but not committed`,
    figures.duplicateEvents + figures.duplicateMessages !== 0 && "duplicates stored",
    figures.answered200WhileDbDown !== 0 && `${figures.answered200WhileDbDown} answers of 200 while the database was down`,
    Object.keys(figures.attemptsWhileDbDown).some((k) => k !== "503" && k !== "TimeoutError" && k !== "TypeError") && "answers other than 503 while the database was down",
    !figures.allStoredSecondsAfterRecovery && "not everything stored within 5 minutes of recovery",
    ...sigterm.failures,
  ].filter(Boolean);
  log(failures.length ? `FAILED: ${failures.join("; ")}` : "all chaos expectations held");
  if (!alive(portal)) log("(portal not running at the end)");
  process.exitCode = failures.length ? 1 : 0;
}

await main();
