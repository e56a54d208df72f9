import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes, base64url: the only form a link token ever has in clear (in the email/URL). */
export function newLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

export function sha256Hex(value: string | Buffer): string {
  return createHash("sha256").update(value).digest("hex");
}

export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}
