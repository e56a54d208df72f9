import { createHmac } from "node:crypto";

export interface SignatureHeaders {
  "x-sinch-webhook-signature": string;
  "x-sinch-webhook-signature-nonce": string;
  "x-sinch-webhook-signature-timestamp": string;
  "x-sinch-webhook-signature-algorithm": "HmacSHA256";
}

/**
 * Sinch Conversation webhook signature (contract section 8): base64 HMAC-SHA256 over
 * `rawBody + "." + nonce + "." + timestamp`, keyed with the secret's UTF-8 bytes as-is.
 */
export function computeSignature(secret: string, rawBody: string | Buffer, nonce: string, timestamp: string): string {
  const body = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody;
  return createHmac("sha256", Buffer.from(secret, "utf8"))
    .update(Buffer.concat([body, Buffer.from(`.${nonce}.${timestamp}`, "utf8")]))
    .digest("base64");
}

export function signatureHeaders(secret: string, rawBody: string | Buffer, nonce: string, unixSeconds: number): SignatureHeaders {
  const timestamp = String(Math.floor(unixSeconds));
  return {
    "x-sinch-webhook-signature": computeSignature(secret, rawBody, nonce, timestamp),
    "x-sinch-webhook-signature-nonce": nonce,
    "x-sinch-webhook-signature-timestamp": timestamp,
    "x-sinch-webhook-signature-algorithm": "HmacSHA256",
  };
}
