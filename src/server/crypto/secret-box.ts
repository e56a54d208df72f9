/**
 * Secrets at rest: AES-256-GCM with a random 12-byte IV and a 16-byte tag, a key id prefix in every
 * value so keys can rotate, and associated data that binds a value to its row and column (a value
 * copied to another row or column does not decrypt).
 *
 * Stored form: `<keyId>:<base64url(iv ‖ tag ‖ ciphertext)>`.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export interface SecretContext {
  table: string;
  column: string;
  rowId: string;
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

export interface Keyring {
  activeKeyId: string;
  keys: Map<string, Buffer>;
}

/** Parses `id:base64key[,id:base64key…]`; the active key is `activeKeyId` or the first one listed. */
export function parseKeyring(spec: string, activeKeyId?: string): Keyring {
  const keys = new Map<string, Buffer>();
  for (const part of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const sep = part.indexOf(":");
    const id = part.slice(0, sep);
    if (sep <= 0 || !KEY_ID.test(id)) throw new SecretBoxError("ENCRYPTION_KEYS entries must look like <id>:<base64 key>");
    const key = Buffer.from(part.slice(sep + 1), "base64");
    if (key.length !== 32) throw new SecretBoxError(`ENCRYPTION_KEYS key ${id} must be 32 bytes (base64)`);
    keys.set(id, key);
  }
  const first = keys.keys().next();
  if (first.done) throw new SecretBoxError("ENCRYPTION_KEYS is empty");
  const active = activeKeyId ?? first.value;
  if (!keys.has(active)) throw new SecretBoxError(`ENCRYPTION_ACTIVE_KEY_ID ${active} is not in ENCRYPTION_KEYS`);
  return { activeKeyId: active, keys };
}

function aad(ctx: SecretContext): Buffer {
  if (!ctx.table || !ctx.column || !ctx.rowId) throw new SecretBoxError("secret context needs table, column and rowId");
  return Buffer.from(`${ctx.table}\u0000${ctx.column}\u0000${ctx.rowId}`, "utf8");
}

export function createSecretBox(keyring: Keyring) {
  function encrypt(plaintext: string, ctx: SecretContext): string {
    const key = keyring.keys.get(keyring.activeKeyId)!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(ctx));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return `${keyring.activeKeyId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
  }

  function decrypt(stored: string, ctx: SecretContext): string {
    const sep = stored.indexOf(":");
    const keyId = stored.slice(0, sep);
    const key = sep > 0 ? keyring.keys.get(keyId) : undefined;
    if (!key) throw new SecretBoxError("unknown encryption key id");
    const raw = Buffer.from(stored.slice(sep + 1), "base64url");
    if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretBoxError("ciphertext too short (truncated tag)");
    const iv = raw.subarray(0, IV_BYTES);
    const tag = raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(ctx));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
    } catch {
      throw new SecretBoxError("secret failed authentication (wrong key, row or column, or tampered)");
    }
  }

  /** Re-encrypts under the active key when the value was written with an older one. */
  function rotate(stored: string, ctx: SecretContext): { value: string; changed: boolean } {
    if (keyIdOf(stored) === keyring.activeKeyId) return { value: stored, changed: false };
    return { value: encrypt(decrypt(stored, ctx), ctx), changed: true };
  }

  return { encrypt, decrypt, rotate, activeKeyId: keyring.activeKeyId };
}

export type SecretBox = ReturnType<typeof createSecretBox>;

export function keyIdOf(stored: string): string {
  return stored.slice(0, Math.max(0, stored.indexOf(":")));
}

/** "set, ends with …" display for write-only secrets; never more than the last 4 characters. */
export function secretHint(plaintext: string): string {
  return plaintext.length <= 8 ? "set" : `set, ends with …${plaintext.slice(-4)}`;
}
