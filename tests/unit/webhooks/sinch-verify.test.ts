import { describe, expect, it } from "vitest";
import { signSinchPayload, verifySinchSignature } from "@/server/webhooks/sinch/verify";
import {
  VECTOR_1_BODY,
  VECTOR_1_SIGNATURE,
  VECTOR_1_WRONG_ORDER_SIGNATURE,
  VECTOR_2_BODY,
  VECTOR_2_SIGNATURE,
  VECTOR_NONCE,
  VECTOR_SECRET,
  VECTOR_TIMESTAMP,
  signedHeaders,
} from "./sinch-vectors";

const NOW = Number(VECTOR_TIMESTAMP);
const body1 = Buffer.from(VECTOR_1_BODY, "utf8");

function verify(overrides: Partial<Parameters<typeof verifySinchSignature>[0]> = {}) {
  return verifySinchSignature({
    rawBody: body1,
    headers: signedHeaders(VECTOR_1_SIGNATURE),
    secret: VECTOR_SECRET,
    nowSeconds: NOW,
    ...overrides,
  });
}

describe("signSinchPayload", () => {
  it("reproduces both published vectors", () => {
    expect(signSinchPayload(body1, VECTOR_SECRET, VECTOR_NONCE, VECTOR_TIMESTAMP)).toBe(VECTOR_1_SIGNATURE);
    expect(signSinchPayload(VECTOR_2_BODY, VECTOR_SECRET, VECTOR_NONCE, Number(VECTOR_TIMESTAMP))).toBe(
      VECTOR_2_SIGNATURE,
    );
  });

  it("signs body.nonce.timestamp, not body.timestamp.nonce", () => {
    expect(signSinchPayload(body1, VECTOR_SECRET, VECTOR_TIMESTAMP, VECTOR_NONCE)).toBe(
      VECTOR_1_WRONG_ORDER_SIGNATURE,
    );
  });
});

describe("verifySinchSignature: published vectors", () => {
  it("accepts vector 1 at its own timestamp and exposes nonce and timestamp", () => {
    expect(verify()).toEqual({ ok: true, signed: true, nonce: VECTOR_NONCE, timestamp: NOW });
  });

  it("accepts vector 2", () => {
    const result = verify({ rawBody: Buffer.from(VECTOR_2_BODY), headers: signedHeaders(VECTOR_2_SIGNATURE) });
    expect(result.ok).toBe(true);
  });

  it("rejects the wrong-order signature of vector 1", () => {
    expect(verify({ headers: signedHeaders(VECTOR_1_WRONG_ORDER_SIGNATURE) })).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("rejects vector 2's signature on vector 1's body", () => {
    expect(verify({ headers: signedHeaders(VECTOR_2_SIGNATURE) })).toMatchObject({ reason: "bad_signature" });
  });
});

describe("verifySinchSignature: tampering", () => {
  it("rejects a tampered body (one byte, appended newline, truncation)", () => {
    const flipped = Buffer.from(body1);
    flipped[10] = (flipped[10] ?? 0) ^ 1;
    for (const rawBody of [flipped, Buffer.concat([body1, Buffer.from("\n")]), body1.subarray(0, -1)]) {
      expect(verify({ rawBody })).toEqual({ ok: false, reason: "bad_signature" });
    }
  });

  it("rejects the wrong secret, including a base64-decoded form of it", () => {
    expect(verify({ secret: "foo_secret1235" })).toMatchObject({ reason: "bad_signature" });
    expect(verify({ secret: Buffer.from(VECTOR_SECRET, "base64").toString("latin1") })).toMatchObject({
      reason: "bad_signature",
    });
  });

  it("rejects swapped nonce and timestamp headers", () => {
    const headers = signedHeaders(VECTOR_1_SIGNATURE, VECTOR_TIMESTAMP, VECTOR_NONCE);
    expect(verify({ headers })).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("rejects a different nonce or timestamp under the original signature", () => {
    expect(verify({ headers: signedHeaders(VECTOR_1_SIGNATURE, "01FJA8B4A7BM43YGWSG9GBV068") })).toMatchObject({
      reason: "bad_signature",
    });
    expect(verify({ headers: signedHeaders(VECTOR_1_SIGNATURE, VECTOR_NONCE, String(NOW + 1)), nowSeconds: NOW })).toMatchObject({
      reason: "bad_signature",
    });
  });

  it("rejects a leading-zero timestamp spelling the HMAC did not cover", () => {
    const headers = signedHeaders(VECTOR_1_SIGNATURE, VECTOR_NONCE, `0${VECTOR_TIMESTAMP}`);
    expect(verify({ headers })).toMatchObject({ reason: "bad_signature" });
  });

  it("verifies bodies that are not valid UTF-8 byte-for-byte", () => {
    const rawBody = Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d]);
    const signature = signSinchPayload(rawBody, "s3cret", "n1", NOW);
    const headers = signedHeaders(signature, "n1", String(NOW));
    expect(verify({ rawBody, headers, secret: "s3cret" })).toMatchObject({ ok: true });
    expect(verify({ rawBody: Buffer.from(rawBody.toString("utf8")), headers, secret: "s3cret" })).toMatchObject({
      reason: "bad_signature",
    });
  });
});

describe("verifySinchSignature: time window", () => {
  it.each([
    [NOW + 300, true],
    [NOW - 300, true],
    [NOW + 301, false],
    [NOW - 301, false],
  ])("now=%i → ok %s", (nowSeconds, ok) => {
    const result = verify({ nowSeconds });
    expect(result.ok).toBe(ok);
    if (!result.ok) expect(result.reason).toBe("stale");
  });

  it("honours a custom tolerance and treats a non-finite clock as stale", () => {
    expect(verify({ nowSeconds: NOW + 60, toleranceSeconds: 59 })).toMatchObject({ reason: "stale" });
    expect(verify({ nowSeconds: NOW + 60, toleranceSeconds: 60 })).toMatchObject({ ok: true });
    expect(verify({ nowSeconds: Number.NaN })).toMatchObject({ reason: "stale" });
  });

  it.each(["1634579353.0", "1634579353.5", "-1634579353", "1e9", " ", "0x616E5F19", "9".repeat(400), "NaN"])(
    "rejects malformed timestamp %j as bad_signature without throwing",
    (timestamp) => {
      const signature = signSinchPayload(body1, VECTOR_SECRET, VECTOR_NONCE, timestamp);
      const result = verify({ headers: signedHeaders(signature, VECTOR_NONCE, timestamp) });
      expect(result.ok).toBe(false);
    },
  );
});

describe("verifySinchSignature: headers", () => {
  const names = [
    "x-sinch-webhook-signature",
    "x-sinch-webhook-signature-nonce",
    "x-sinch-webhook-signature-timestamp",
  ] as const;

  it.each(names)("missing %s → unsigned", (name) => {
    const headers: Record<string, string> = { ...signedHeaders(VECTOR_1_SIGNATURE) };
    delete headers[name];
    expect(verify({ headers })).toEqual({ ok: false, reason: "unsigned" });
    expect(verify({ headers: { ...headers, [name]: "" } })).toEqual({ ok: false, reason: "unsigned" });
  });

  it("no headers at all → unsigned", () => {
    expect(verify({ headers: {} })).toEqual({ ok: false, reason: "unsigned" });
    expect(verify({ headers: new Headers() })).toEqual({ ok: false, reason: "unsigned" });
    expect(verify({ headers: null })).toEqual({ ok: false, reason: "unsigned" });
  });

  it("accepts a missing algorithm header but rejects any other algorithm", () => {
    const { "x-sinch-webhook-signature-algorithm": _omit, ...withoutAlgorithm } = signedHeaders(VECTOR_1_SIGNATURE);
    expect(verify({ headers: withoutAlgorithm })).toMatchObject({ ok: true });
    for (const algorithm of ["HmacSHA1", "hmacsha256", "HMAC-SHA256", "HmacSHA512", "none"]) {
      const headers = { ...withoutAlgorithm, "x-sinch-webhook-signature-algorithm": algorithm };
      expect(verify({ headers })).toEqual({ ok: false, reason: "bad_algorithm" });
    }
  });

  it("reads header names case-insensitively from records and Headers", () => {
    const upper = Object.fromEntries(
      Object.entries(signedHeaders(VECTOR_1_SIGNATURE)).map(([k, v]) => [k.toUpperCase(), v]),
    );
    expect(verify({ headers: upper })).toMatchObject({ ok: true });
    const fetchHeaders = new Headers(upper);
    expect(verify({ headers: fetchHeaders })).toMatchObject({ ok: true });
    expect(verify({ headers: new Map(Object.entries(signedHeaders(VECTOR_1_SIGNATURE))) })).toMatchObject({ ok: true });
  });

  it("rejects duplicated headers in every representation", () => {
    const base = signedHeaders(VECTOR_1_SIGNATURE);
    const asArray = { ...base, "x-sinch-webhook-signature": [VECTOR_1_SIGNATURE, VECTOR_1_SIGNATURE] };
    expect(verify({ headers: asArray })).toEqual({ ok: false, reason: "bad_signature" });
    const twoSpellings = { ...base, "X-Sinch-Webhook-Signature-Nonce": VECTOR_NONCE };
    expect(verify({ headers: twoSpellings })).toEqual({ ok: false, reason: "bad_signature" });
    for (const name of [...names, "x-sinch-webhook-signature-algorithm"]) {
      const fetchHeaders = new Headers(base);
      fetchHeaders.append(name, fetchHeaders.get(name) ?? "");
      const result = verify({ headers: fetchHeaders });
      expect(result.ok).toBe(false);
    }
    const algorithmTwice = { ...base, "x-sinch-webhook-signature-algorithm": ["HmacSHA256", "HmacSHA256"] };
    expect(verify({ headers: algorithmTwice })).toEqual({ ok: false, reason: "bad_algorithm" });
  });

  it("accepts a single-element array (Node IncomingHttpHeaders style) and surrounding whitespace", () => {
    const base = signedHeaders(VECTOR_1_SIGNATURE);
    expect(verify({ headers: { ...base, "x-sinch-webhook-signature": [VECTOR_1_SIGNATURE] } })).toMatchObject({ ok: true });
    expect(verify({ headers: { ...base, "x-sinch-webhook-signature": ` ${VECTOR_1_SIGNATURE}\t` } })).toMatchObject({
      ok: true,
    });
  });

  it("never throws when the headers object itself misbehaves", () => {
    const hostile = { get: () => { throw new Error("boom"); } };
    expect(verify({ headers: hostile })).toEqual({ ok: false, reason: "bad_signature" });
    const numeric = { ...signedHeaders(VECTOR_1_SIGNATURE), "x-sinch-webhook-signature-timestamp": 1634579353 };
    expect(verify({ headers: numeric as unknown as Record<string, string> })).toMatchObject({ ok: false });
  });
});

describe("verifySinchSignature: signature encoding", () => {
  const unpadded = VECTOR_1_SIGNATURE.replace(/=+$/, "");
  // Same decoded bytes, but the unused low bits of the last character are set.
  const lastChar = VECTOR_1_SIGNATURE.at(-2) ?? "";
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const nonCanonical = `${VECTOR_1_SIGNATURE.slice(0, -2)}${alphabet[alphabet.indexOf(lastChar) + 1]}=`;

  it.each([
    ["unpadded", unpadded],
    ["double padding", `${VECTOR_1_SIGNATURE}=`],
    ["non-canonical trailing bits", nonCanonical],
    ["hex instead of base64", Buffer.from(VECTOR_1_SIGNATURE, "base64").toString("hex")],
    ["embedded space", `${VECTOR_1_SIGNATURE.slice(0, 10)} ${VECTOR_1_SIGNATURE.slice(10)}`],
    ["truncated", VECTOR_1_SIGNATURE.slice(0, 40)],
    ["huge", "A".repeat(1_000_000)],
    ["not base64", "!!!!"],
    ["prefixed with algorithm", `sha256=${VECTOR_1_SIGNATURE}`],
  ])("rejects %s", (_label, signature) => {
    expect(verify({ headers: signedHeaders(signature) })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects the url-safe alphabet (vector 2's signature contains '+')", () => {
    const urlSafe = `${Buffer.from(VECTOR_2_SIGNATURE, "base64").toString("base64url")}=`;
    expect(urlSafe).not.toBe(VECTOR_2_SIGNATURE);
    const rawBody = Buffer.from(VECTOR_2_BODY);
    expect(verify({ rawBody, headers: signedHeaders(urlSafe) })).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("the non-canonical variant really decodes to the same bytes", () => {
    expect(Buffer.from(nonCanonical, "base64").equals(Buffer.from(VECTOR_1_SIGNATURE, "base64"))).toBe(true);
  });
});

describe("verifySinchSignature: webhook without a secret", () => {
  it("accepts an unsigned callback and reports it as unsigned-ok", () => {
    expect(verify({ secret: null, headers: {} })).toEqual({ ok: true, signed: false, nonce: null, timestamp: null });
  });

  it("rejects a signed callback it cannot verify", () => {
    expect(verify({ secret: null })).toEqual({ ok: false, reason: "bad_signature" });
    expect(verify({ secret: null, headers: { "x-sinch-webhook-signature-nonce": "n" } })).toMatchObject({ ok: false });
  });

  it("treats an empty-string secret as misconfigured, never as 'no secret'", () => {
    expect(verify({ secret: "", headers: {} })).toEqual({ ok: false, reason: "unsigned" });
    const signature = signSinchPayload(body1, "", VECTOR_NONCE, VECTOR_TIMESTAMP);
    expect(verify({ secret: "", headers: signedHeaders(signature) })).toEqual({ ok: false, reason: "bad_signature" });
  });
});
