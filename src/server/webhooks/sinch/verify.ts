import { createHmac, timingSafeEqual } from "node:crypto";
import { readHeader, type HeadersLike, type HeaderValue } from "./read-header";

export type { HeadersLike } from "./read-header";

export const SINCH_SIGNATURE_HEADER = "x-sinch-webhook-signature";
export const SINCH_NONCE_HEADER = "x-sinch-webhook-signature-nonce";
export const SINCH_TIMESTAMP_HEADER = "x-sinch-webhook-signature-timestamp";
export const SINCH_ALGORITHM_HEADER = "x-sinch-webhook-signature-algorithm";
export const SINCH_SIGNATURE_ALGORITHM = "HmacSHA256";
export const DEFAULT_TOLERANCE_SECONDS = 300;

export type VerifyFailureReason = "unsigned" | "bad_signature" | "stale" | "bad_algorithm";

export type VerifyResult =
  | { ok: true; signed: true; nonce: string; timestamp: number }
  | { ok: true; signed: false; nonce: null; timestamp: null }
  | { ok: false; reason: VerifyFailureReason };

export interface VerifyInput {
  rawBody: Buffer | Uint8Array;
  headers: HeadersLike | null | undefined;
  /**
   * `null` means the webhook was deliberately created without a secret (contract section 5:
   * "absent = unsigned callbacks"). Only callbacks without any signature header pass then: a
   * signed callback for a secret we do not hold means Sinch and the portal disagree about the
   * configuration (or someone is probing), and accepting it would hide that.
   * An empty-string secret is treated as a misconfiguration and verifies nothing.
   */
  secret: string | null;
  nowSeconds: number;
  toleranceSeconds?: number;
}

const HMAC_BYTES = 32;
// 32 bytes → 44 base64 characters with one "=" of padding; anything longer is rejected unread.
const MAX_SIGNATURE_CHARS = 64;
const CANONICAL_SIGNATURE = /^[A-Za-z0-9+/]{43}=$/;
// Sinch nonces are ULIDs; allow any visible ASCII except "," (how Fetch joins repeated headers).
const NONCE_PATTERN = /^[\x21-\x2b\x2d-\x7e]{1,256}$/;
// Whole decimal seconds only; 15 digits keeps the value an exact JS integer.
const TIMESTAMP_PATTERN = /^[0-9]{1,15}$/;

const FAIL = {
  unsigned: { ok: false, reason: "unsigned" },
  bad_signature: { ok: false, reason: "bad_signature" },
  stale: { ok: false, reason: "stale" },
  bad_algorithm: { ok: false, reason: "bad_algorithm" },
} as const satisfies Record<VerifyFailureReason, VerifyResult>;

const UNSIGNED_OK: VerifyResult = { ok: true, signed: false, nonce: null, timestamp: null };

function toBuffer(body: Buffer | Uint8Array): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** base64(HMAC-SHA256(secret, body + "." + nonce + "." + timestamp)), as Sinch computes it. */
export function signSinchPayload(
  rawBody: Buffer | Uint8Array | string,
  secret: string,
  nonce: string,
  timestamp: string | number,
): string {
  const body = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : toBuffer(rawBody);
  return createHmac("sha256", Buffer.from(secret, "utf8"))
    .update(body)
    .update(Buffer.from(`.${nonce}.${String(timestamp)}`, "utf8"))
    .digest("base64");
}

/** Decodes only the canonical encoding, so one MAC has exactly one accepted header spelling. */
function decodeSignature(value: string): Buffer | null {
  if (value.length > MAX_SIGNATURE_CHARS || !CANONICAL_SIGNATURE.test(value)) return null;
  const bytes = Buffer.from(value, "base64");
  if (bytes.toString("base64") !== value) return null;
  return bytes;
}

function present(h: HeaderValue): string | null {
  return h.state === "present" ? h.value : null;
}

function verifyUnsafe(input: VerifyInput): VerifyResult {
  const { headers, secret } = input;
  const signature = readHeader(headers, SINCH_SIGNATURE_HEADER);
  const nonce = readHeader(headers, SINCH_NONCE_HEADER);
  const timestamp = readHeader(headers, SINCH_TIMESTAMP_HEADER);
  const algorithm = readHeader(headers, SINCH_ALGORITHM_HEADER);
  const signatureParts = [signature, nonce, timestamp];

  if (secret === null) {
    const anySignatureHeader = [...signatureParts, algorithm].some((h) => h.state !== "missing");
    return anySignatureHeader ? FAIL.bad_signature : UNSIGNED_OK;
  }
  if (signatureParts.some((h) => h.state === "missing")) return FAIL.unsigned;
  if (signatureParts.some((h) => h.state === "duplicated")) return FAIL.bad_signature;
  if (algorithm.state === "duplicated") return FAIL.bad_algorithm;
  if (algorithm.state === "present" && algorithm.value !== SINCH_SIGNATURE_ALGORITHM) {
    return FAIL.bad_algorithm;
  }

  const signatureValue = present(signature);
  const nonceValue = present(nonce);
  const timestampValue = present(timestamp);
  if (signatureValue === null || nonceValue === null || timestampValue === null) return FAIL.unsigned;
  if (secret === "") return FAIL.bad_signature;
  if (!NONCE_PATTERN.test(nonceValue) || !TIMESTAMP_PATTERN.test(timestampValue)) {
    return FAIL.bad_signature;
  }
  const provided = decodeSignature(signatureValue);
  if (provided === null) return FAIL.bad_signature;

  const expected = Buffer.from(
    signSinchPayload(input.rawBody, secret, nonceValue, timestampValue),
    "base64",
  );
  // timingSafeEqual throws on unequal lengths; both are 32 here, but keep the guard explicit.
  if (provided.length !== HMAC_BYTES || provided.length !== expected.length) return FAIL.bad_signature;
  if (!timingSafeEqual(provided, expected)) return FAIL.bad_signature;

  // The window is checked only after the MAC, so "stale" is reported for authentic callbacks.
  const seconds = Number(timestampValue);
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!Number.isFinite(input.nowSeconds) || !Number.isFinite(tolerance)) return FAIL.stale;
  if (Math.abs(input.nowSeconds - seconds) > tolerance) return FAIL.stale;
  return { ok: true, signed: true, nonce: nonceValue, timestamp: seconds };
}

/**
 * Verifies a Sinch Conversation webhook callback (contract section 8). Never throws: any
 * unexpected input is reported as `bad_signature`. Nonce replay is the caller's job (it needs
 * the database); the verified nonce is returned for that.
 */
export function verifySinchSignature(input: VerifyInput): VerifyResult {
  try {
    return verifyUnsafe(input);
  } catch {
    return FAIL.bad_signature;
  }
}
