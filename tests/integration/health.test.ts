import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { shutdown } from "@/server/shutdown";
import { createTestDb } from "./helpers/db";

type DbCache = { __portalDbReady?: Promise<unknown> };
let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  delete (globalThis as DbCache).__portalDbReady;
  await handle.close();
});

describe("GET /api/health (readiness for a load balancer)", () => {
  it("answers 200 when the database answers", async () => {
    (globalThis as DbCache).__portalDbReady = Promise.resolve(handle);
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 503 within about a second when the database does not answer", async () => {
    (globalThis as DbCache).__portalDbReady = new Promise(() => undefined);
    const started = Date.now();
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "database unavailable" });
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it("answers 503 as soon as shutdown has begun, while the database is fine", async () => {
    (globalThis as DbCache).__portalDbReady = Promise.resolve(handle);
    const exits: number[] = [];
    await shutdown("SIGTERM", { drainMs: 0, servers: () => [], stopJobs: async () => undefined, closeDb: async () => undefined, exit: (code) => void exits.push(code) });
    expect(exits).toEqual([0]);
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "draining" });
  });
});
