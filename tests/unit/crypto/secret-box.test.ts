import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSecretBox, keyIdOf, parseKeyring, secretHint, SecretBoxError } from "@/server/crypto/secret-box";

const k1 = randomBytes(32).toString("base64");
const k2 = randomBytes(32).toString("base64");
const ctx = { table: "channel_connections", column: "token_ciphertext", rowId: "row-1" };

describe("secret box", () => {
  const box = createSecretBox(parseKeyring(`k1:${k1}`));

  it("round-trips and prefixes the key id; the plaintext never appears in the stored value", () => {
    const stored = box.encrypt("EAAG-page-token", ctx);
    expect(stored.startsWith("k1:")).toBe(true);
    expect(stored).not.toContain("EAAG");
    expect(box.decrypt(stored, ctx)).toBe("EAAG-page-token");
  });

  it("uses a fresh IV every time", () => {
    expect(box.encrypt("same", ctx)).not.toBe(box.encrypt("same", ctx));
  });

  it("a value moved to another row or column fails to decrypt", () => {
    const stored = box.encrypt("secret", ctx);
    expect(() => box.decrypt(stored, { ...ctx, rowId: "row-2" })).toThrow(SecretBoxError);
    expect(() => box.decrypt(stored, { ...ctx, column: "sender_token_ciphertext" })).toThrow(SecretBoxError);
    expect(() => box.decrypt(stored, { ...ctx, table: "webhooks" })).toThrow(SecretBoxError);
  });

  it("rejects a truncated tag and a tampered ciphertext", () => {
    const stored = box.encrypt("secret value", ctx);
    const raw = Buffer.from(stored.slice(3), "base64url");
    const truncated = `k1:${raw.subarray(0, 12 + 8).toString("base64url")}`;
    expect(() => box.decrypt(truncated, ctx)).toThrow(/truncated|authentication/);
    const shortTag = `k1:${Buffer.concat([raw.subarray(0, 12), raw.subarray(12, 24)]).toString("base64url")}`;
    expect(() => box.decrypt(shortTag, ctx)).toThrow(SecretBoxError);
    const tampered = Buffer.from(raw);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => box.decrypt(`k1:${tampered.toString("base64url")}`, ctx)).toThrow(SecretBoxError);
  });

  it("rotates to a new key id and keeps reading old values", () => {
    const old = box.encrypt("rotate me", ctx);
    const rotated = createSecretBox(parseKeyring(`k2:${k2},k1:${k1}`));
    expect(rotated.decrypt(old, ctx)).toBe("rotate me");
    const { value, changed } = rotated.rotate(old, ctx);
    expect(changed).toBe(true);
    expect(keyIdOf(value)).toBe("k2");
    expect(rotated.decrypt(value, ctx)).toBe("rotate me");
    expect(rotated.rotate(value, ctx).changed).toBe(false);
    expect(() => box.decrypt(value, ctx)).toThrow(/unknown encryption key/);
  });

  it("validates the keyring", () => {
    expect(() => parseKeyring("")).toThrow();
    expect(() => parseKeyring("k1:short")).toThrow(/32 bytes/);
    expect(() => parseKeyring(`bad id:${k1}`)).toThrow();
    expect(() => parseKeyring(`k1:${k1}`, "k9")).toThrow(/not in ENCRYPTION_KEYS/);
    expect(parseKeyring(`a:${k1},b:${k2}`, "b").activeKeyId).toBe("b");
  });

  it("hints show at most the last four characters", () => {
    expect(secretHint("abcdefghijkl")).toBe("set, ends with …ijkl");
    expect(secretHint("short")).toBe("set");
  });
});
