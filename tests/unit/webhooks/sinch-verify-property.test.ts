import { describe, expect, it } from "vitest";
import { verifySinchSignature, type HeadersLike } from "@/server/webhooks/sinch/verify";
import {
  VECTOR_1_BODY,
  VECTOR_1_SIGNATURE,
  VECTOR_NONCE,
  VECTOR_SECRET,
  VECTOR_TIMESTAMP,
  signedHeaders,
} from "./sinch-vectors";

/** mulberry32: tiny deterministic PRNG so a failing case can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (rand: Rand, n: number) => Math.floor(rand() * n);
const NOW = Number(VECTOR_TIMESTAMP);
const BODY = Buffer.from(VECTOR_1_BODY, "utf8");
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ ,.\u00e9\u0000";

function randomString(rand: Rand, max: number): string {
  let out = "";
  for (let i = int(rand, max); i > 0; i -= 1) out += ALPHABET[int(rand, ALPHABET.length)];
  return out;
}

function changeString(rand: Rand, value: string): string {
  switch (int(rand, 5)) {
    case 0: {
      const i = int(rand, value.length);
      const replacement = ALPHABET[int(rand, ALPHABET.length)] ?? "A";
      const next = value.slice(0, i) + replacement + value.slice(i + 1);
      return next === value ? `${value}x` : next;
    }
    case 1:
      return value.slice(0, int(rand, value.length));
    case 2:
      return value + randomString(rand, 8) + "z";
    case 3:
      return value.split("").reverse().join("") === value ? `${value}!` : value.split("").reverse().join("");
    default: {
      const next = randomString(rand, 60);
      return next === value ? `${next}q` : next;
    }
  }
}

interface Case {
  rawBody: Buffer;
  headers: HeadersLike;
  secret: string | null;
  nowSeconds: number;
}

/** Every mutation changes something the MAC or the policy covers, so none may verify. */
function mutate(rand: Rand): Case {
  const headers: Record<string, unknown> = signedHeaders(VECTOR_1_SIGNATURE);
  const base: Case = { rawBody: Buffer.from(BODY), headers, secret: VECTOR_SECRET, nowSeconds: NOW };
  switch (int(rand, 9)) {
    case 0: {
      const i = int(rand, base.rawBody.length);
      base.rawBody[i] = (base.rawBody[i] ?? 0) ^ (1 + int(rand, 255));
      return base;
    }
    case 1:
      return { ...base, rawBody: base.rawBody.subarray(0, int(rand, base.rawBody.length)) };
    case 2:
      headers["x-sinch-webhook-signature"] = changeString(rand, VECTOR_1_SIGNATURE);
      return base;
    case 3:
      headers["x-sinch-webhook-signature-nonce"] = changeString(rand, VECTOR_NONCE);
      return base;
    case 4:
      headers["x-sinch-webhook-signature-timestamp"] = changeString(rand, VECTOR_TIMESTAMP);
      return base;
    case 5:
      return { ...base, secret: changeString(rand, VECTOR_SECRET) };
    case 6:
      return { ...base, nowSeconds: NOW + (rand() < 0.5 ? -1 : 1) * (301 + int(rand, 1e9)) };
    case 7: {
      const names = Object.keys(headers);
      const name = names[int(rand, names.length)] ?? "";
      if (rand() < 0.5) delete headers[name];
      else headers[name] = [headers[name], headers[name]];
      // Deleting only the optional algorithm header is not a failure; pair it with a body change.
      if (name === "x-sinch-webhook-signature-algorithm") base.rawBody = Buffer.concat([base.rawBody, Buffer.from(" ")]);
      return base;
    }
    default:
      return {
        rawBody: Buffer.from(Array.from({ length: int(rand, 64) }, () => int(rand, 256))),
        headers: signedHeaders(randomString(rand, 80), randomString(rand, 30), randomString(rand, 20)),
        secret: rand() < 0.2 ? null : randomString(rand, 20),
        nowSeconds: rand() < 0.1 ? Number.NaN : NOW,
      };
  }
}

describe("verifySinchSignature: random mutations", () => {
  it("never throws and never verifies a mutated vector (5,000 seeded cases)", () => {
    const rand = prng(0x51c4);
    let failures = 0;
    for (let i = 0; i < 5_000; i += 1) {
      const input = mutate(rand);
      // A throw fails the test by itself; no per-case expect keeps 5,000 cases fast.
      const result = verifySinchSignature(input);
      // An unsigned-ok is legitimate only for secret null with no signature headers, which the
      // random case can produce; anything signed must fail.
      if (result.ok && result.signed) throw new Error(`case ${i} verified: ${JSON.stringify(input.headers)}`);
      if (!result.ok) failures += 1;
    }
    expect(failures).toBeGreaterThan(4_900);
  });

  it("the unmutated vector still verifies under the same harness", () => {
    const result = verifySinchSignature({
      rawBody: Buffer.from(BODY),
      headers: signedHeaders(VECTOR_1_SIGNATURE),
      secret: VECTOR_SECRET,
      nowSeconds: NOW,
    });
    expect(result.ok).toBe(true);
  });

  it("survives inputs of the wrong runtime types", () => {
    const weird: unknown[] = [undefined, null, 42, "body", {}, [], new Uint8Array([1, 2, 3])];
    for (const rawBody of weird) {
      for (const headers of weird) {
        const input = { rawBody, headers, secret: VECTOR_SECRET, nowSeconds: NOW };
        expect(() => verifySinchSignature(input as Parameters<typeof verifySinchSignature>[0])).not.toThrow();
      }
    }
  });
});
