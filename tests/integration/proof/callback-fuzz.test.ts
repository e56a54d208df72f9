import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { eq, inArray, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookEvents } from "@/server/db/schema";
import { createPortalServer } from "@/server/http/server";
import { createWebhookHandler } from "@/server/http/webhook";
import { createTestDb } from "../helpers/db";
import { callbackCaseArb, type CallbackCase } from "./support/callback-cases";
import { createCustomerFixture, type CustomerFixture } from "./support/world";

const CALLBACKS = Number(process.env.PROOF_CALLBACKS ?? 10_000);
const CHUNK = 100;
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

let handle: Awaited<ReturnType<typeof createTestDb>>;
let a: CustomerFixture;
let b: CustomerFixture;
let server: Server;
let base: string;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => void rejections.push(reason);

beforeAll(async () => {
  process.on("unhandledRejection", onRejection);
  handle = await createTestDb();
  // The portal's own server, as server.mjs runs it (Next stands behind it for every other path).
  server = createPortalServer({ webhook: createWebhookHandler({ db: async () => handle.db }), next: async (_req, res) => void res.writeHead(404).end() });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  a = await createCustomerFixture(handle.db, "A");
  b = await createCustomerFixture(handle.db, "B");
});
afterAll(async () => {
  process.off("unhandledRejection", onRejection);
  await new Promise((resolve) => server.close(resolve));
  await handle.close();
});

async function send(c: CallbackCase): Promise<number> {
  const headers = new Headers();
  for (const [k, v] of c.headers) headers.append(k, v);
  const response = await fetch(`${base}/api/webhooks/sinch/${encodeURIComponent(c.appId)}`, { method: "POST", headers, body: new Uint8Array(c.body) });
  await response.arrayBuffer();
  return response.status;
}

function newTally() {
  return {
    accepted: [] as CallbackCase[],
    byKind: {} as Record<string, Record<string, number>>,
    forgeriesAccepted: [] as string[],
    internal: [] as string[],
    authenticRefused: [] as string[],
    authenticHashes: new Set<string>(),
  };
}

/** Sends one case (a replay resends an earlier accepted request byte for byte) and classifies the answer. */
async function sendAndTally(original: CallbackCase, t: ReturnType<typeof newTally>) {
  const prior = original.replayOf === undefined ? undefined : t.accepted[original.replayOf % Math.max(1, t.accepted.length)];
  const c = prior ? { ...prior, kind: "replay", authentic: false } : original;
  let status: number;
  try {
    status = await send(c);
  } catch (err) {
    status = -1;
    t.internal.push(`${c.kind}: threw ${(err as Error).message}`);
  }
  (t.byKind[c.kind] ??= {})[status] = (t.byKind[c.kind]![status] ?? 0) + 1;
  if (status >= 500) t.internal.push(`${c.kind}: ${status}`);
  if (c.authentic) {
    t.authenticHashes.add(sha(c.body));
    if (status === 200) t.accepted.push(c);
    else t.authenticRefused.push(`${c.kind}: ${status}`);
  } else if (status === 200) {
    t.forgeriesAccepted.push(`${c.kind}: ${c.body.subarray(0, 80).toString("latin1")} ${JSON.stringify(c.headers).slice(0, 300)}`);
  }
}

describe(`${CALLBACKS} mutated callbacks through the portal's webhook server (real HTTP, real database)`, () => {
  it("no internal error, no accepted forgery, no lost authentic callback, no unhandled rejection", async () => {
    const started = Date.now();
    const arb = callbackCaseArb({ target: { appId: b.appId, secret: b.canaries.secret.webhookSecret! }, other: { appId: a.appId, secret: a.canaries.secret.webhookSecret! } });
    // Generated in chunks just before sending, so signature timestamps are as fresh as Sinch's.
    const cases: CallbackCase[] = [];
    const tally = newTally();
    for (let chunk = 0; chunk * CHUNK < CALLBACKS; chunk++) {
      const batch = fc.sample(arb, { numRuns: Math.min(CHUNK, CALLBACKS - chunk * CHUNK), seed: 0xcafe + chunk });
      cases.push(...batch);
      for (const c of batch) await sendAndTally(c, tally);
    }
    const { byKind, forgeriesAccepted, internal, authenticRefused, authenticHashes } = tally;
    const ms = Date.now() - started;

    // What the store holds: only authentic bodies, each at most once per dedupe key, none forged.
    const rows = await handle.db.select({ raw: webhookEvents.raw, dedupeKey: webhookEvents.dedupeKey }).from(webhookEvents).where(eq(webhookEvents.appId, b.appId));
    const foreignRows = rows.filter((r) => !authenticHashes.has(sha(r.raw)) && r.raw.toString("latin1").includes("FORGED"));
    const unexpected = rows.filter((r) => !authenticHashes.has(sha(r.raw)) && !r.raw.toString("utf8").includes("cnry-b-message"));
    const otherApps = await handle.db.select({ n: sql<number>`count(*)::int` }).from(webhookEvents).where(inArray(webhookEvents.appId, ["APPUNKNOWN0000"]));
    const figures = {
      callbacks: cases.length,
      ms,
      perSecond: Math.round((cases.length / ms) * 1000),
      authentic: cases.filter((c) => c.authentic).length,
      forged: cases.filter((c) => !c.authentic).length,
      acceptedForgeries: forgeriesAccepted.length,
      internalErrors: internal.length,
      authenticRefused: authenticRefused.length,
      storedEvents: rows.length,
      unhandledRejections: rejections.length,
      byKind,
    };
    mkdirSync(path.resolve("test-results/proof"), { recursive: true });
    writeFileSync(path.resolve("test-results/proof/callback-fuzz.json"), JSON.stringify(figures, null, 2));
    console.log(`[proof] callback fuzz: ${JSON.stringify({ ...figures, byKind: undefined })}`);

    expect(cases.length).toBeGreaterThanOrEqual(CALLBACKS);
    expect(internal.slice(0, 5)).toEqual([]);
    expect(forgeriesAccepted.slice(0, 5)).toEqual([]);
    expect(authenticRefused.slice(0, 5)).toEqual([]);
    expect(foreignRows.length + unexpected.length).toBe(0);
    expect(otherApps[0]!.n).toBe(0);
    expect(new Set(rows.map((r) => r.dedupeKey)).size).toBe(rows.length);
    expect(rejections).toEqual([]);
  }, 1_200_000);
});
