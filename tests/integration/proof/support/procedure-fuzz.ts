import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectations } from "../../authz-expectations";
import { createTestDb } from "../../helpers/db";
import { useEmulator } from "../../helpers/emulator";
import { asCustomer, asStaff } from "../../helpers/factories";
import { findCanaries, flatten } from "./canaries";
import { createWorld, type World } from "./matrix";
import { call, procedurePaths, procedures, rootCause, shard } from "./procedures";
import { fuzzArbitrary, inputSchemaOf } from "./schema-inputs";
import { createGlobalFixture } from "./world";

export const RUNS_PER_PROCEDURE = Number(process.env.PROOF_FUZZ_RUNS ?? 1000);
const INTERNAL = new Set(["INTERNAL_SERVER_ERROR", "NON_TRPC_ERROR"]);

/** Ids from the world that fuzzed uuid fields may take, so some inputs reach real rows. */
function worldIds(w: World): string[] {
  const b = w.b;
  return [b.customerId, b.grantId, b.conversationId, b.eventId, b.loginSessionId, b.emailId, b.notificationId, w.a.loginSessionId, w.global.targetUserId];
}

function secretCanaries(w: World): string[] {
  return [w.a, w.b, w.global].flatMap((x) => Object.values(x.canaries.secret));
}

/**
 * ≥ 1,000 generated inputs per procedure through createCaller: random JSON and values, schema-
 * shaped values and mutations of them. Staff procedures run as an admin (the widest reach),
 * customer procedures as a live customer. Zero internal errors, zero secrets in any answer.
 */
export function procedureFuzzSuite(index: number, count: number) {
  const mine = shard(procedurePaths, index, count);
  useEmulator();
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  let world: World;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => void rejections.push(reason);
  const figures: Record<string, { runs: number; codes: Record<string, number>; ms: number }> = {};

  beforeAll(async () => {
    process.on("unhandledRejection", onRejection);
    handle = await createTestDb();
    world = await createWorld(handle.db, await createGlobalFixture(handle.db));
  });
  afterAll(async () => {
    process.off("unhandledRejection", onRejection);
    await handle.close();
    const dir = path.resolve("test-results/proof");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `procedure-fuzz-${index + 1}-of-${count}.json`), JSON.stringify(figures, null, 2));
  });

  describe(`procedure fuzz, shard ${index + 1} of ${count}`, () => {
    for (const p of mine) {
      it(`${p}: ${RUNS_PER_PROCEDURE} generated inputs, no internal error`, async () => {
        const started = Date.now();
        const customer = expectations[p] === "customer";
        const caller = customer ? asCustomer(handle.db, world.a.sessionToken) : asStaff(handle.db, world.global.adminId);
        const schema = inputSchemaOf(procedures[p]!);
        const arbitrary = fuzzArbitrary(schema?.json ?? null, worldIds(world));
        const inputs = fc.sample(arbitrary, { numRuns: RUNS_PER_PROCEDURE, seed: 0x5eed + procedurePaths.indexOf(p) });
        const codes: Record<string, number> = {};
        const internal: Array<{ input: string; error: string }> = [];
        const leaks: string[] = [];
        const secrets = secretCanaries(world);
        for (const input of inputs) {
          const outcome = await call(caller, p, input);
          codes[outcome.code] = (codes[outcome.code] ?? 0) + 1;
          if (INTERNAL.has(outcome.code) && internal.length < 3) {
            internal.push({ input: safeJson(input).slice(0, 300), error: rootCause(outcome.payload).slice(0, 300) });
          }
          leaks.push(...findCanaries(flatten(outcome.payload), secrets));
        }
        figures[p] = { runs: inputs.length, codes, ms: Date.now() - started };
        expect(inputs.length).toBeGreaterThanOrEqual(RUNS_PER_PROCEDURE);
        expect({ internalErrors: (codes.INTERNAL_SERVER_ERROR ?? 0) + (codes.NON_TRPC_ERROR ?? 0), examples: internal }).toEqual({ internalErrors: 0, examples: [] });
        expect(leaks).toEqual([]);
        expect(rejections).toEqual([]);
      }, 600_000);
    }
  });
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `${v}n` : typeof v === "symbol" || typeof v === "function" ? String(v) : v)) ?? String(value);
  } catch {
    return String(value);
  }
}
