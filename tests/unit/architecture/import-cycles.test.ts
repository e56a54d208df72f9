import { fileURLToPath } from "node:url";
import madge from "madge";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../..", import.meta.url));

/**
 * Issue 18: the job registry imported the services and the services imported the queue that imports
 * the registry (13 files in one circle). Services now queue through `jobs/queue.ts`, which knows no
 * handler. madge follows static and dynamic `import()`s and the tsconfig `@/*` paths.
 */
describe("import graph under src/", () => {
  it("has no import cycle", { timeout: 60_000 }, async () => {
    const graph = await madge(`${root}src`, { fileExtensions: ["ts", "tsx"], tsConfig: `${root}tsconfig.json`, baseDir: `${root}src` });
    const deps = graph.obj();
    // The graph is real: every module is there and `@/` imports resolve to files.
    expect(Object.keys(deps).length).toBeGreaterThan(300);
    expect(deps["server/jobs/index.ts"]).toContain("server/jobs/registry.ts");
    expect(deps["server/jobs/registry.ts"]).toContain("server/services/outbox.ts");
    expect(deps["server/services/outbox.ts"]).toContain("server/jobs/queue.ts");
    expect(graph.circular().map((cycle) => cycle.join(" > "))).toEqual([]);
  });

  it("keeps the enqueue port free of handlers", { timeout: 60_000 }, async () => {
    const graph = await madge(`${root}src/server/jobs/queue.ts`, { fileExtensions: ["ts", "tsx"], tsConfig: `${root}tsconfig.json`, baseDir: `${root}src` });
    const reached = Object.keys(graph.obj());
    expect(reached).toContain("server/log.ts");
    expect(reached.filter((file) => file.startsWith("server/services/") || file === "server/jobs/registry.ts")).toEqual([]);
  });
});
