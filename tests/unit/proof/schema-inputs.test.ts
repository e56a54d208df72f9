import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { findCanaries, flatten } from "../../integration/proof/support/canaries";
import { fuzzArbitrary, sampleValue, validInput, withIds, type IdPool, type JsonSchema } from "../../integration/proof/support/schema-inputs";

const pool: IdPool = { byField: { customerId: "11111111-1111-4111-8111-111111111111", pageId: "123456" }, fallback: "22222222-2222-4222-8222-222222222222" };
const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
const procedureOf = (schema: z.ZodType) => ({ _def: { type: "query" as const, inputs: [schema] } });

describe("inputs derived from a procedure's zod schema", () => {
  it("fills id fields from the pool, including optional scope filters, and keeps the rest valid", async () => {
    const schema = z.object({ customerId: z.string().uuid().optional(), ticketId: z.string().uuid(), pageId: z.string().regex(/^\d+$/), limit: z.number().int().min(5).max(9), label: z.string().min(3) });
    const value = sampleValue(json(schema), pool) as Record<string, unknown>;
    expect(value).toMatchObject({ customerId: pool.byField.customerId, ticketId: pool.fallback, pageId: "123456", limit: 5 });
    expect(schema.safeParse(value).success).toBe(true);
  });

  it("does not force an id into a field whose format it breaks (a numeric Meta id is not a uuid)", () => {
    const value = sampleValue(json(z.object({ wabaId: z.string().regex(/^\d{1,30}$/) })), pool) as { wabaId: string };
    expect(value.wabaId).toMatch(/^\d{1,30}$/);
  });

  it("falls back to searching shaped values when refinements are not in the JSON Schema", async () => {
    const schema = z.object({ customerId: z.string().uuid(), note: z.string().refine((s) => s.length % 2 === 1) });
    const value = (await validInput(procedureOf(schema), pool)) as { customerId: string };
    expect(value.customerId).toBe(pool.byField.customerId);
    expect(schema.safeParse(value).success).toBe(true);
  });

  it("replaces ids inside shaped values, arrays included", () => {
    const schema = json(z.object({ ids: z.array(z.string().uuid()) }));
    const id = "33333333-3333-4333-8333-333333333333";
    expect(withIds(schema, { ids: ["a", "b"] }, { byField: { id }, fallback: pool.fallback })).toEqual({ ids: [id, id] });
  });

  it("the fuzz mix produces both valid and invalid inputs for a schema", () => {
    const schema = z.object({ customerId: z.string().uuid(), hours: z.number().int().min(1).max(10) });
    const samples = fc.sample(fuzzArbitrary(json(schema), [pool.fallback]), { numRuns: 400, seed: 1 });
    const valid = samples.filter((s) => schema.safeParse(s).success).length;
    expect(valid).toBeGreaterThan(20);
    expect(samples.length - valid).toBeGreaterThan(100);
  });
});

describe("canary scan", () => {
  it("finds canaries in nested values, errors, maps and buffers (as text or base64)", () => {
    const secret = "cnry-b-whsecret-abc123";
    const err = Object.assign(new Error("boom"), { cause: { fieldErrors: { x: `bad ${secret}` } } });
    expect(findCanaries(flatten(err), [secret])).toEqual([secret]);
    expect(findCanaries(flatten(new Map([["k", { v: [secret.toUpperCase()] }]])), [secret])).toEqual([secret]);
    expect(findCanaries(flatten({ raw: Buffer.from(secret) }), [Buffer.from(secret).toString("base64")])).toHaveLength(1);
    expect(findCanaries(flatten({ a: 1, b: null, c: new Date(0) }), [secret])).toEqual([]);
  });

  it("survives cycles", () => {
    const a: Record<string, unknown> = { name: "x" };
    a.self = a;
    expect(flatten(a)).toContain("x");
  });
});
