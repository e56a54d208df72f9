import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectations } from "../authz-expectations";
import { createTestDb } from "../helpers/db";
import { useEmulator } from "../helpers/emulator";
import { findCanaries, flatten } from "../proof/support/canaries";
import { callerOrder, callersFor, createWorld, expectedOutcome, forbiddenCanaries, idPoolOf, namesForeignIds, type CallerName } from "../proof/support/matrix";
import { authorisedOutcome, call, isMutation, procedurePaths, procedures, rootCause } from "../proof/support/procedures";
import { validInput } from "../proof/support/schema-inputs";
import { createGlobalFixture, type GlobalFixture } from "../proof/support/world";

/**
 * The authorisation matrix, generated from the router: every procedure, called by eight callers
 * with a valid input that names customer B's objects. The declared audience decides the outcome;
 * foreign ids are NOT_FOUND; no response carries a secret, or a customer's data to anyone else.
 */
useEmulator();
let handle: Awaited<ReturnType<typeof createTestDb>>;
let global: GlobalFixture;
let queryWorld: Awaited<ReturnType<typeof createWorld>>;
beforeAll(async () => {
  handle = await createTestDb();
  global = await createGlobalFixture(handle.db);
  queryWorld = await createWorld(handle.db, global);
});
afterAll(() => handle.close());

/** Per id field: the procedures where an authorised caller got data back (proves the ids are real). */
const servedBy = new Map<string, string[]>();

describe("authorisation matrix over every procedure of the router", () => {
  it("every procedure of the router has an expectation, and every expectation a procedure", () => {
    expect(procedurePaths.filter((p) => !(p in expectations))).toEqual([]);
    expect(Object.keys(expectations).filter((p) => !procedurePaths.includes(p))).toEqual([]);
  });

  for (const path of procedurePaths) {
    const audience = expectations[path];
    it(`${path} (${audience ?? "no expectation"})`, async () => {
      expect(audience, `${path} is missing from tests/integration/authz-expectations.ts`).toBeDefined();
      const db = handle.db;
      // Queries share one world; each mutation gets its own, so no call sees another's change.
      const world = isMutation(path) ? await createWorld(db, global) : queryWorld;
      const pool = idPoolOf(world);
      const input = await validInput(procedures[path]!, pool);
      const foreign = namesForeignIds(input, pool);
      const callers = callersFor(db, world);
      const got: Partial<Record<CallerName | "anonymousWithoutInput", string>> = {};
      const want: Partial<Record<CallerName | "anonymousWithoutInput", string>> = {};
      const leaks: string[] = [];
      for (const who of callerOrder) {
        const outcome = await call(callers[who], path, input);
        const expected = expectedOutcome(audience!, who, foreign);
        got[who] = expected === "allowed" && authorisedOutcome(outcome.code) ? "allowed" : outcome.code;
        if (outcome.code === "INTERNAL_SERVER_ERROR" || outcome.code === "NON_TRPC_ERROR") got[who] += ` (${rootCause(outcome.payload).slice(0, 160)})`;
        want[who] = expected;
        for (const hit of findCanaries(flatten(outcome.payload), forbiddenCanaries(world, who))) leaks.push(`${who} saw ${hit}`);
        if (outcome.code === "OK" && (who === "admin" || who === "ownerCustomer")) {
          for (const [field, id] of Object.entries(pool.byField)) if (JSON.stringify(input ?? null).includes(id)) servedBy.set(field, [...(servedBy.get(field) ?? []), path]);
        }
      }
      // The permission check runs before input validation: a refused caller learns nothing about the schema.
      const blind = await call(callers.anonymous, path, undefined);
      got.anonymousWithoutInput = audience === "public" ? "allowed" : blind.code;
      want.anonymousWithoutInput = audience === "public" ? "allowed" : expectedOutcome(audience!, "anonymous", false);
      expect({ input, outcomes: got }).toEqual({ input, outcomes: want });
      expect(leaks).toEqual([]);
    });
  }

  it("the substituted ids are real: each one served data to an authorised caller somewhere", () => {
    const used = ["customerId", "grantId", "conversationId", "eventId", "id", "userId"];
    expect(used.filter((field) => !servedBy.has(field))).toEqual([]);
  });
});
