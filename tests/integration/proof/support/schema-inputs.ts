import fc from "fast-check";
import { z } from "zod";

/** The subset of JSON Schema that `z.toJSONSchema` emits for our procedure inputs. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}

export interface ProcedureLike {
  _def: { type: "query" | "mutation" | "subscription"; inputs?: unknown[] };
}

/** The procedure's input as JSON Schema (input side of transforms), or null when it takes none. */
export function inputSchemaOf(procedure: ProcedureLike): { zod: z.ZodType; json: JsonSchema } | null {
  const zod = procedure._def.inputs?.[0] as z.ZodType | undefined;
  if (!zod) return null;
  const json = z.toJSONSchema(zod, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return { zod, json };
}

/**
 * Ids substituted into inputs by field name. A field not named here but shaped like an id (uuid
 * format, or a name ending in `Id`/`Ids`) gets `fallback`, so a new id-taking procedure is still
 * called with an id owned by the other customer rather than a random one.
 */
export interface IdPool {
  byField: Record<string, string>;
  fallback: string;
}

const ID_FIELD = /(^id$|Id$|^ids$|Ids$)/;

export function isIdField(key: string, schema: JsonSchema): boolean {
  return ID_FIELD.test(key) || schema.format === "uuid";
}

/** The pool's id for a field, or undefined when that id would not fit the field's own format. */
function idFor(key: string, s: JsonSchema, pool: IdPool): string | undefined {
  const singular = key.endsWith("Ids") ? key.slice(0, -1) : key === "ids" ? "id" : key;
  const id = pool.byField[key] ?? pool.byField[singular] ?? pool.fallback;
  if (s.pattern && !safeTest(s.pattern, id)) return undefined;
  if (s.maxLength !== undefined && id.length > s.maxLength) return undefined;
  return id;
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    return true;
  }
}

const FORMAT_SAMPLES: Record<string, string> = {
  email: "probe@example.test",
  uri: "https://example.test/",
  url: "https://example.test/",
  "date-time": new Date().toISOString(),
  date: "2026-01-01",
};

function sampleString(s: JsonSchema): string {
  if (s.format && FORMAT_SAMPLES[s.format]) return FORMAT_SAMPLES[s.format]!;
  if (s.format === "uuid") return "00000000-0000-4000-8000-000000000000";
  if (s.pattern) {
    try {
      const [value] = fc.sample(fc.stringMatching(new RegExp(s.pattern), { maxLength: s.maxLength }), { numRuns: 1, seed: 7 });
      if (value !== undefined) return value;
    } catch {
      // fall through to a plain string
    }
  }
  const min = s.minLength ?? 0;
  return "proof-value".padEnd(Math.max(min, 11), "x").slice(0, s.maxLength ?? 10_000);
}

/** A deterministic, schema-valid value; id-like fields take ids from `pool`. */
export function sampleValue(s: JsonSchema, pool: IdPool, key = ""): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return sampleValue(alternatives[0]!, pool, key);
  if (s.allOf?.length) return sampleValue(s.allOf[0]!, pool, key);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(s.properties ?? {})) {
        const required = s.required?.includes(k) ?? false;
        // Optional id fields are filled too: they are the scope filters a customer must not steer.
        if (required || isIdField(k, child)) out[k] = sampleValue(child, pool, k);
      }
      return out;
    }
    case "array": {
      const item = s.items ? sampleValue(s.items, pool, key) : "x";
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => item);
    }
    case "string":
      return (isIdField(key, s) ? idFor(key, s, pool) : undefined) ?? sampleString(s);
    case "integer":
    case "number":
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case "boolean":
      return false;
    case "null":
      return null;
    default:
      return new Date();
  }
}

/** Replaces every id-like string in an already shaped value with ids from `pool`. */
export function withIds(s: JsonSchema, value: unknown, pool: IdPool, key = ""): unknown {
  if (value === null || value === undefined) return value;
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) {
    const match = alternatives.find((alt) => (alt.type === "array") === Array.isArray(value)) ?? alternatives[0]!;
    return withIds(match, value, pool, key);
  }
  if (Array.isArray(value) && s.items) return value.map((v) => withIds(s.items!, v, pool, key));
  if (typeof value === "object" && s.properties) {
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const [k, child] of Object.entries(s.properties)) if (k in out) out[k] = withIds(child, out[k], pool, k);
    return out;
  }
  if (typeof value === "string" && isIdField(key, s)) return idFor(key, s, pool) ?? value;
  return value;
}

/** A valid input for the procedure naming `pool`'s ids; throws when none can be built. */
export async function validInput(procedure: ProcedureLike, pool: IdPool): Promise<unknown> {
  const schema = inputSchemaOf(procedure);
  if (!schema) return undefined;
  const first = sampleValue(schema.json, pool);
  if ((await schema.zod.safeParseAsync(first)).success) return first;
  // Refinements the JSON Schema cannot express: search shaped values until one parses.
  const candidates = fc.sample(shapedArbitrary(schema.json), { numRuns: 400, seed: 42 });
  for (const candidate of candidates) {
    const value = withIds(schema.json, candidate, pool);
    if ((await schema.zod.safeParseAsync(value)).success) return value;
  }
  throw new Error(`no valid input could be generated from ${JSON.stringify(schema.json).slice(0, 400)}`);
}

const wildString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("", " ", "null", "undefined", "__proto__", "constructor", "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "%00", "\u0000", "\uD800", "💥".repeat(50)),
);

/** Values shaped like the schema: right keys and types, values drawn across and beyond their ranges. */
export function shapedArbitrary(s: JsonSchema, depth = 0, ids: readonly string[] = []): fc.Arbitrary<unknown> {
  const child = (c: JsonSchema) => shapedArbitrary(c, depth + 1, ids);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map(child));
  if (s.allOf?.length) return child(s.allOf[0]!);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case "object": {
      const props = s.properties ?? {};
      const keys = Object.keys(props);
      if (!keys.length && s.additionalProperties && typeof s.additionalProperties === "object") {
        const names = s.propertyNames?.enum?.length ? fc.constantFrom(...(s.propertyNames.enum as string[])) : fc.string({ maxLength: 20 });
        return fc.dictionary(names, child(s.additionalProperties), { maxKeys: 4 });
      }
      const record = Object.fromEntries(keys.map((k) => [k, child(props[k]!)]));
      return fc.record(record, { requiredKeys: s.required?.filter((k) => keys.includes(k)) ?? [] });
    }
    case "array":
      return fc.array(s.items ? child(s.items) : fc.jsonValue(), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 4, 4) });
    case "string": {
      if (s.format === "uuid") return ids.length ? fc.oneof(fc.uuid(), fc.constantFrom(...ids)) : fc.uuid();
      if (s.format === "email") return fc.emailAddress();
      const options: fc.Arbitrary<string>[] = [fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 60, 60) })];
      if (s.pattern) {
        try {
          options.push(fc.stringMatching(new RegExp(s.pattern), { maxLength: s.maxLength }));
        } catch {
          // an ECMAScript-incompatible pattern: plain strings only
        }
      }
      return fc.oneof(...options);
    }
    case "integer":
      return fc.integer({ min: Math.max(s.minimum ?? -1000, Number.MIN_SAFE_INTEGER), max: Math.min(s.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER) });
    case "number":
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    default:
      return fc.oneof(fc.date(), fc.jsonValue(), wildString);
  }
}

/** One hostile change to a shaped value: a dropped key, a swapped type, an extreme value, an extra key. */
function mutate(value: unknown): fc.Arbitrary<unknown> {
  const extremes = fc.constantFrom<unknown>(
    null,
    undefined,
    NaN,
    Infinity,
    -Infinity,
    -1,
    0,
    2 ** 53,
    1e308,
    "",
    "x".repeat(100_000),
    [],
    {},
    [[[[[[]]]]]],
    { __proto__: { admin: true } },
    new Date(Number.NaN),
    BigInt(2) ** BigInt(70),
    Symbol("s"),
    () => 1,
  );
  const replacement = fc.oneof(extremes, fc.jsonValue(), wildString, fc.uuid(), fc.anything());
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const setKey = fc.tuple(fc.constantFrom(...keys, "__proto__", "constructor", "customerId", "role", "extra"), replacement).map(([k, v]) => {
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      Object.defineProperty(copy, k, { value: v, enumerable: true, configurable: true, writable: true });
      return copy;
    });
    if (!keys.length) return setKey;
    const drop = fc.constantFrom(...keys).map((k) => {
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      delete copy[k];
      return copy;
    });
    return fc.oneof(setKey, drop, replacement);
  }
  if (Array.isArray(value)) return fc.oneof(replacement, fc.constant([...value, ...value, ...value]), fc.constant(value.map(() => null)));
  return replacement;
}

/** The fuzz mix: random JSON, arbitrary values, schema-shaped values and mutations of them. */
export function fuzzArbitrary(s: JsonSchema | null, ids: readonly string[] = []): fc.Arbitrary<unknown> {
  const random = fc.oneof(fc.jsonValue(), fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }));
  if (!s) return fc.oneof(random, fc.constant(undefined));
  const shaped = shapedArbitrary(s, 0, ids);
  return fc.oneof({ arbitrary: random, weight: 2 }, { arbitrary: shaped, weight: 4 }, { arbitrary: shaped.chain(mutate), weight: 4 });
}
