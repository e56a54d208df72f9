import { randomBytes } from "node:crypto";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * ULID-shaped id (26 chars, Crockford base32, time prefix then randomness) like the ids Sinch uses for
 * apps, contacts, conversations and messages. The time part comes from the emulator clock so ids sort
 * in emulated time.
 */
export function ulid(nowMs: number): string {
  let time = "";
  let t = Math.max(0, Math.floor(nowMs));
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = "";
  for (let i = 0; i < 16; i++) rand += CROCKFORD[bytes[i]! % 32];
  return time + rand;
}

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString("base64url");
}
