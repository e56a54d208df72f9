import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { isDraining, shutdown } from "@/server/shutdown";

function slowServer(ms: number): Promise<Server> {
  const server = createServer((_, res) => void setTimeout(() => res.writeHead(200).end("done"), ms));
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

describe("graceful shutdown", () => {
  it("answers requests in flight and requests that arrive while draining, then stops jobs, closes the pool and exits 0", async () => {
    const server = await slowServer(300);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const steps: string[] = [];
    const inFlight = Array.from({ length: 20 }, () => fetch(url).then((r) => r.status, (e: Error) => `error ${e.message}`));
    await new Promise((r) => setTimeout(r, 20));
    const done = shutdown("SIGTERM", {
      drainMs: 150,
      servers: () => [server],
      stopJobs: async () => void steps.push("jobs"),
      closeDb: async () => void steps.push("db"),
      exit: (code) => void steps.push(`exit ${code}`),
    });
    expect(isDraining()).toBe(true);
    // Arrives during the drain: still served.
    const late = fetch(url).then((r) => r.status);
    await done;
    expect(await Promise.all(inFlight)).toEqual(Array(20).fill(200));
    expect(await late).toBe(200);
    expect(steps).toEqual(["jobs", "db", "exit 0"]);
    expect(server.listening).toBe(false);
  });

  it("a second signal does not start a second shutdown", async () => {
    const calls: number[] = [];
    await shutdown("SIGINT", { drainMs: 0, servers: () => [], stopJobs: async () => undefined, closeDb: async () => undefined, exit: (c) => void calls.push(c) });
    expect(calls).toEqual([]);
  });

  it("is seen by every copy of the module in the process (Next bundles the signal handler and the health route apart)", async () => {
    const { vi } = await import("vitest");
    vi.resetModules();
    const otherCopy = await import("@/server/shutdown");
    expect(otherCopy.isDraining).not.toBe(isDraining);
    expect(otherCopy.isDraining()).toBe(true);
  });

  it("keeps going when a step fails", async () => {
    // A process that has not begun shutting down: the draining flag is per process (on globalThis).
    delete (globalThis as { __portalDraining?: boolean }).__portalDraining;
    const { vi } = await import("vitest");
    vi.resetModules();
    const fresh = await import("@/server/shutdown");
    const calls: string[] = [];
    await fresh.shutdown("SIGTERM", { drainMs: 0, servers: () => [], stopJobs: async () => { throw new Error("boss gone"); }, closeDb: async () => void calls.push("db"), exit: (c) => void calls.push(`exit ${c}`) });
    expect(calls).toEqual(["db", "exit 0"]);
  });
});
