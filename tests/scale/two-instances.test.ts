import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSecretBox, parseKeyring } from "@/server/crypto/secret-box";
import { emulatorControl, PortalClient } from "../../scripts/chaos/portal-client";
import { prepareDatabase } from "../e2e/support/database";
import { cleanEnv, emulatorUrls, fastEmulator, generateSecrets } from "../e2e/support/portal-env";
import { freePort, runToEnd, startProcess, stopProcess, waitForHttp, type EnvVars, type Started } from "../../scripts/lib/processes";
import { emulatorApp, pageLoginCode, SEED } from "../integration/channels/helpers";
import type { EmulatorProcess } from "../integration/helpers/emulator";
import { inboundText, signed } from "../integration/inbox/inbox-factories";
import { startRoundRobinProxy, type RoundRobinProxy } from "./proxy";

// Two `node server.mjs` on one Postgres database, the emulator, and a round-robin proxy in front:
// what a load balancer in production sees. Needs a build (.next) and TEST_DATABASE_URL.
const root = path.resolve(import.meta.dirname, "../..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const ROUNDS = Number(process.env.SCALE_ROUNDS ?? 20);
const FLOOD = Number(process.env.SCALE_FLOOD ?? 400);
const counts: Record<string, unknown> = {};
const print = (name: string, value: Record<string, unknown>) => {
  counts[name] = value;
  console.log(`[scale] ${name}: ${JSON.stringify(value)}`);
};

let portPool = Number(process.env.SCALE_PORT_BASE ?? 0);
const port = async () => (portPool ? portPool++ : freePort());

interface Instance {
  name: string;
  url: string;
  proc: Started;
  client: PortalClient;
}

const work = mkdtempSync(path.join(tmpdir(), "portal-scale-"));
const logDir = path.join(root, "test-results/scale-logs");
const cleanups: Array<() => Promise<void>> = [];
let env: EnvVars;
let emulatorURL: string;
let proxy: RoundRobinProxy;
let instances: Instance[];
let sql: postgres.Sql;
let admin: { email: string; password: string };
let customerId: string;
let appId: string;
let secret: string;

async function startInstance(name: string, portNumber: number): Promise<Instance> {
  const url = `http://127.0.0.1:${portNumber}`;
  const proc = startProcess(name, process.execPath, ["server.mjs", "-p", String(portNumber), "-H", "127.0.0.1"], env, path.join(logDir, `${name}.log`), root);
  await waitForHttp(`${url}/sign-in`, proc, 180_000);
  const client = new PortalClient(url);
  await client.signIn(admin.email, admin.password);
  return { name, url, proc, client };
}

const emu = (): EmulatorProcess => ({ url: emulatorURL, control: (method, pathname, body) => emulatorControl(emulatorURL, method, pathname, body), stop: async () => {} });

beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL) throw new Error("the scale tier needs TEST_DATABASE_URL (a real Postgres server)");
  mkdirSync(logDir, { recursive: true });
  emulatorURL = `http://127.0.0.1:${process.env.SCALE_EMULATOR_PORT ?? (await freePort())}`;
  const database = await prepareDatabase(work);
  cleanups.push(database.drop);
  admin = { email: "admin@scale.test", password: `scale-${Math.random().toString(36).slice(2)}A1!` };
  const portA = await port();
  const portB = await port();
  const proxyPort = await port();
  env = {
    ...cleanEnv(),
    ...emulatorUrls(emulatorURL),
    ...generateSecrets(),
    ...database.env,
    AUTH_TRUST_HOST: "true",
    // The Sinch webhook points at the balancer, as in production.
    PUBLIC_URL: `http://127.0.0.1:${proxyPort}`,
    DATA_DIR: path.join(work, "data"),
    LOG_LEVEL: "warn",
    JOBS_ENABLED: "true",
    SEED_ADMIN_EMAIL: admin.email,
    SEED_ADMIN_PASSWORD: admin.password,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const emulator = startProcess("emulator", bin("tsx"), ["emulator/src/main.ts"], { ...cleanEnv(), ...fastEmulator, EMULATOR_PORT: new URL(emulatorURL).port }, path.join(logDir, "emulator.log"), root);
  cleanups.push(() => stopProcess(emulator));
  await waitForHttp(`${emulatorURL}/_emulator/clock`, emulator, 60_000);
  await runToEnd("db seed", bin("tsx"), ["--conditions=react-server", "scripts/db-seed.ts"], env, path.join(logDir, "seed.log"), root);
  // Both start at once: the migrations run under an advisory lock, the second instance waits for it.
  instances = await Promise.all([startInstance("portal-a", portA), startInstance("portal-b", portB)]);
  for (const i of instances) cleanups.push(() => stopProcess(i.proc));
  proxy = await startRoundRobinProxy(instances.map((i) => i.url), proxyPort);
  cleanups.push(() => proxy.close());
  sql = postgres(env.DATABASE_URL!, { max: 3, onnotice: () => {} });
  cleanups.push(() => sql.end());

  const [a] = instances;
  ({ customerId } = await a!.client.mutation<{ customerId: string }>("customers.create", { businessName: "Scale Ltd", contactName: "Sam", contactEmail: "sam@scale.test", region: "eu", projectMode: "subproject" }));
  const setup = await a!.client.mutation<{ status: string }>("customers.runSetup", { customerId });
  if (setup.status !== "ready") throw new Error(`setup did not finish: ${JSON.stringify(setup)}`);
  appId = (await a!.client.query<{ app: { appId: string } }>("customers.get", { customerId })).app.appId;
  const [hook] = await sql<{ id: string; ciphertext: string }[]>`select id, secret_ciphertext as ciphertext from webhooks where app_id = ${appId}`;
  secret = createSecretBox(parseKeyring(env.ENCRYPTION_KEYS!)).decrypt(hook!.ciphertext, { table: "webhooks", column: "secret_ciphertext", rowId: hook!.id });
}, 400_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => console.error("[scale] cleanup failed:", err));
  rmSync(work, { recursive: true, force: true });
  console.log(`[scale] counts ${JSON.stringify(counts)}`);
  // scripts/test.mjs prints these with the tier's result.
  if (process.env.SCALE_COUNTS_FILE) writeFileSync(process.env.SCALE_COUNTS_FILE, JSON.stringify(counts));
});

type PageChannel = "MESSENGER" | "INSTAGRAM";
const PAGE: Record<PageChannel, string> = { MESSENGER: SEED.outlet, INSTAGRAM: SEED.bakery };

/** The staff wizard over HTTP on one instance, up to the step that writes the credential array. */
async function prepareConnect(client: PortalClient, channel: PageChannel) {
  await client.mutation("channels.begin", { customerId, channel, tokenType: "user" });
  const code = await pageLoginCode(emu(), channel === "MESSENGER" ? "messenger" : "instagram", { pages: [SEED.bakery, SEED.outlet, SEED.studio], igs: [SEED.bakeryIg] });
  const login = await client.mutation<{ status: string; sessionId: string }>("channels.completeLogin", { customerId, channel, code });
  if (login.status !== "ok") throw new Error("login refused");
  await client.mutation("channels.selectPage", { customerId, channel, sessionId: login.sessionId, pageId: PAGE[channel] });
  return () => client.mutation("channels.connect", { customerId, channel, sessionId: login.sessionId });
}

/** Signed inbound callbacks; `to` picks where each one goes (the proxy or one instance). */
function callback(i: number, tag: string) {
  const messageId = `SCALE-${tag}-${i}`;
  return { messageId, request: signed(inboundText(appId, { messageId, conversationId: `SCALE-CONV-${i % 20}`, contactId: `SCALE-CONTACT-${i % 20}`, identity: `scale-${i % 20}`, text: `scale ${tag} ${i}` }), secret) };
}

async function post(base: string, req: ReturnType<typeof callback>["request"]): Promise<number> {
  try {
    const res = await fetch(`${base}/api/webhooks/sinch/${appId}`, { method: "POST", headers: req.headers, body: new Uint8Array(req.body), signal: AbortSignal.timeout(15_000) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

async function inParallel<T>(items: T[], width: number, fn: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const index = next++;
      await fn(items[index]!, index);
    }
  }));
}

const stored = async (ids: string[]) => (await sql<{ n: number }[]>`select count(*)::int as n from messages where sinch_message_id = any(${ids}::text[])`)[0]!.n;

describe("two portal instances on one database", () => {
  it(`concurrent channel connections on one app from both instances, ${ROUNDS} rounds: no credential lost or brought back`, async () => {
    const [a, b] = instances;
    let lost = 0;
    let resurrected = 0;
    let refused = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const viaA = await prepareConnect(a!.client, "MESSENGER");
      const viaB = await prepareConnect(b!.client, "INSTAGRAM");
      const connected = await Promise.allSettled([viaA(), viaB()]);
      refused += connected.filter((r) => r.status === "rejected").length;
      const after = (await emulatorApp(emu(), appId)).channel_credentials.map((c) => c.channel);
      lost += ["MESSENGER", "INSTAGRAM"].filter((ch) => !after.includes(ch)).length;
      const removed = await Promise.allSettled([
        a!.client.mutation("channels.disconnect", { customerId, channel: "MESSENGER", confirmation: "disconnect messenger" }),
        b!.client.mutation("channels.disconnect", { customerId, channel: "INSTAGRAM", confirmation: "disconnect instagram" }),
      ]);
      refused += removed.filter((r) => r.status === "rejected").length;
      resurrected += (await emulatorApp(emu(), appId)).channel_credentials.length;
    }
    print("credentials", { rounds: ROUNDS, concurrentWrites: ROUNDS * 4, lost, resurrected, refused });
    expect({ lost, resurrected, refused }).toEqual({ lost: 0, resurrected: 0, refused: 0 });
  }, 900_000);

  it("an inbox open on instance A sees a message that arrived through instance B within 2 s", async () => {
    const [a, b] = instances;
    const before = await a!.client.query<{ version: string }>("inbox.version", { customerId });
    const { messageId, request } = callback(0, "live");
    const sentAt = Date.now();
    expect(await post(b!.url, request)).toBe(200);
    let seenMs = -1;
    // The browser's live path (use-inbox-live.ts): inbox.version on its own instance, then the list.
    while (Date.now() - sentAt < 5_000) {
      const now = await a!.client.query<{ version: string }>("inbox.version", { customerId });
      if (now.version !== before.version) {
        const list = await a!.client.query<{ items: Array<{ preview?: string | null; lastMessagePreview?: string | null }> }>("inbox.list", { customerId });
        if (JSON.stringify(list).includes("scale live 0")) {
          seenMs = Date.now() - sentAt;
          break;
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    print("inbox", { messageId, arrivedThrough: b!.name, seenOn: a!.name, seenAfterMs: seenMs, pollEveryMsInBrowser: 1000 });
    expect(seenMs).toBeGreaterThanOrEqual(0);
    expect(seenMs).toBeLessThan(2_000);
  }, 30_000);

  it(`a signed webhook flood (${FLOOD} callbacks, a quarter retried through the other instance) split across both stores every event exactly once`, async () => {
    const before = [...proxy.forwarded];
    const flood = Array.from({ length: FLOOD }, (_, i) => callback(i, "flood"));
    const statuses: number[] = [];
    await inParallel(flood, 16, async (c) => void statuses.push(await post(proxy.url, c.request)));
    // Sinch retrying: the same callback again, now on whichever instance the balancer picks.
    const retries = flood.slice(0, Math.floor(FLOOD / 4));
    await inParallel(retries, 16, async (c) => void statuses.push(await post(proxy.url, signed(c.request.body, secret))));
    const ids = flood.map((c) => c.messageId);
    const [row] = await sql<{ messages: number; distinct_messages: number; events: number; distinct_events: number }[]>`
      select (select count(*)::int from messages where sinch_message_id = any(${ids}::text[])) as messages,
             (select count(distinct sinch_message_id)::int from messages where sinch_message_id = any(${ids}::text[])) as distinct_messages,
             (select count(*)::int from webhook_events where app_id = ${appId} and convert_from(raw, 'UTF8') like '%SCALE-flood-%') as events,
             (select count(distinct dedupe_key)::int from webhook_events where app_id = ${appId} and convert_from(raw, 'UTF8') like '%SCALE-flood-%') as distinct_events`;
    const perInstance = proxy.forwarded.map((n, i) => n - before[i]!);
    print("flood", { sent: FLOOD, retried: retries.length, answered200: statuses.filter((s) => s === 200).length, perInstance, storedMessages: row!.messages, duplicateMessages: row!.messages - row!.distinct_messages, storedEvents: row!.events, duplicateEvents: row!.events - row!.distinct_events });
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(perInstance.every((n) => n > FLOOD / 4)).toBe(true);
    expect(row).toEqual({ messages: FLOOD, distinct_messages: FLOOD, events: FLOOD, distinct_events: FLOOD });
  }, 300_000);

  it("the expiry job runs once for both instances: one cron job per minute, one expiry recorded", async () => {
    const [a] = instances;
    const grant = await a!.client.mutation<{ id: string }>("access.invite", { customerId, email: "guest@scale.test", channels: ["WHATSAPP"], autoRevokeOnActive: true });
    await sql`update access_grants set expires_at = now() - interval '1 second' where id = ${grant.id}`;
    const since = new Date();
    const deadline = Date.now() + 150_000;
    let ended = false;
    while (!ended && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1_000));
      ended = (await sql<{ n: number }[]>`select count(*)::int as n from access_grants where id = ${grant.id} and ended_at is not null`)[0]!.n === 1;
    }
    // Both schedulers have had another tick to try again.
    await new Promise((r) => setTimeout(r, 5_000));
    const [audits] = await sql<{ n: number }[]>`select count(*)::int as n from audit_log where action = 'grant.expired' and target_id = ${grant.id}`;
    const [emails] = await sql<{ n: number }[]>`select count(*)::int as n from notifications where kind = 'grant.expired_incomplete' and customer_id = ${customerId}`;
    const slots = await sql<{ slot: Date; n: number }[]>`select date_trunc('minute', created_on) as slot, count(*)::int as n from pgboss.job where name = 'access.expire' and created_on >= ${since} - interval '1 minute' group by 1 order by 1`;
    print("jobs", { job: "access.expire", ended, expiryAudits: audits!.n, staffNotifications: emails!.n, jobsPerMinute: slots.map((s) => s.n) });
    expect(ended).toBe(true);
    expect(audits!.n).toBe(1);
    expect(emails!.n).toBe(1);
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => s.n === 1)).toBe(true);
  }, 200_000);

  it("SIGKILL of one instance mid-load loses no acknowledged callback", async () => {
    const [, b] = instances;
    const load = Array.from({ length: 600 }, (_, i) => callback(i, "kill"));
    const acknowledged: string[] = [];
    let sent = 0;
    let killedAt = -1;
    await inParallel(load, 16, async (c) => {
      if (++sent === 200) {
        killedAt = sent;
        process.kill(-b!.proc.child.pid!, "SIGKILL");
      }
      if ((await post(proxy.url, c.request)) === 200) acknowledged.push(c.messageId);
    });
    const kept = await stored(acknowledged);
    print("sigkill", { sent: load.length, killedAfter: killedAt, acknowledged: acknowledged.length, storedOfAcknowledged: kept, lostAcknowledged: acknowledged.length - kept, notAcknowledged: load.length - acknowledged.length });
    expect(b!.proc.child.signalCode ?? "SIGKILL").toBe("SIGKILL");
    expect(acknowledged.length).toBeGreaterThan(300);
    expect(kept).toBe(acknowledged.length);
  }, 300_000);
});
