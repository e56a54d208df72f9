import { createHmac, randomBytes } from "node:crypto";

/** Standard Webhooks symmetric secret: 32 random bytes, base64, with the `whsec_` prefix. */
export const SECRET_PREFIX = "whsec_";

export function generateEndpointSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` for one secret. */
export function signatureFor(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac("sha256", keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`).digest("base64");
  return `v1,${mac}`;
}

export interface SignedHeaders {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
}

/**
 * The three Standard Webhooks headers. Several secrets (the current one and, for a while after a
 * rotation, the previous one) give a space-separated list, so receivers can switch keys without
 * missing an event.
 */
export function signedHeaders(secrets: string[], id: string, timestampSeconds: number, body: string): SignedHeaders {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestampSeconds),
    "webhook-signature": secrets.map((s) => signatureFor(s, id, timestampSeconds, body)).join(" "),
  };
}
