import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/server/services/staff";
import { createTestDb } from "../helpers/db";
import { createUser } from "../helpers/factories";

const limits = { maxFailures: 10, blockMinutes: 15 };
let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());

describe("sign-in rate limit", () => {
  it("blocks the 11th attempt for the same email and IP, even with the right password; another IP is not blocked", async () => {
    const user = await createUser(handle.db, { password: "correct horse battery" });
    const now = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < 10; i++) {
      const r = await authenticate(handle.db, { email: user.email, password: "wrong", ip: "10.0.0.1", now }, limits);
      expect(r).toEqual({ ok: false, reason: "invalid" });
    }
    const eleventh = await authenticate(handle.db, { email: user.email, password: "correct horse battery", ip: "10.0.0.1", now }, limits);
    expect(eleventh).toEqual({ ok: false, reason: "blocked" });

    const otherIp = await authenticate(handle.db, { email: user.email, password: "correct horse battery", ip: "10.0.0.2", now }, limits);
    expect(otherIp.ok).toBe(true);

    // 15 minutes later the pair may try again.
    const later = new Date(now.getTime() + 15 * 60_000 + 1);
    const afterBlock = await authenticate(handle.db, { email: user.email, password: "correct horse battery", ip: "10.0.0.1", now: later }, limits);
    expect(afterBlock.ok).toBe(true);
  });

  it("answers an unknown email exactly like a wrong password, and counts it", async () => {
    const user = await createUser(handle.db, { password: "correct horse battery" });
    const unknown = await authenticate(handle.db, { email: "nobody@example.test", password: "whatever", ip: "10.0.0.9" }, limits);
    const wrong = await authenticate(handle.db, { email: user.email, password: "whatever", ip: "10.0.0.9" }, limits);
    expect(unknown).toEqual(wrong);
    for (let i = 0; i < 9; i++) await authenticate(handle.db, { email: "nobody@example.test", password: "x", ip: "10.0.0.9" }, limits);
    expect(await authenticate(handle.db, { email: "nobody@example.test", password: "x", ip: "10.0.0.9" }, limits)).toEqual({ ok: false, reason: "blocked" });
  });

  it("a success resets the consecutive-failure count", async () => {
    const user = await createUser(handle.db, { password: "correct horse battery" });
    for (let i = 0; i < 9; i++) await authenticate(handle.db, { email: user.email, password: "bad", ip: "10.1.1.1" }, limits);
    expect((await authenticate(handle.db, { email: user.email, password: "correct horse battery", ip: "10.1.1.1" }, limits)).ok).toBe(true);
    for (let i = 0; i < 9; i++) await authenticate(handle.db, { email: user.email, password: "bad", ip: "10.1.1.1" }, limits);
    expect((await authenticate(handle.db, { email: user.email, password: "correct horse battery", ip: "10.1.1.1" }, limits)).ok).toBe(true);
  });

  it("refuses a disabled user with the same answer", async () => {
    const user = await createUser(handle.db, { password: "correct horse battery", disabled: true });
    expect(await authenticate(handle.db, { email: user.email, password: "correct horse battery", ip: "10.2.2.2" }, limits)).toEqual({ ok: false, reason: "invalid" });
  });
});
