import { request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "@/server/db/schema";
import { createPortalServer } from "@/server/http/server";
import { createWebhookHandler } from "@/server/http/webhook";
import { httpServers, isDraining, shutdown } from "@/server/shutdown";
import { createTestDb } from "../helpers/db";
import { createInboxApp, inboundText, signed, type TestApp } from "./inbox-factories";

// Graceful shutdown of the server `node server.mjs` runs (src/server/http/server.ts), with the real
// webhook handler and database: the drain keeps answering, a callback in flight is stored and
// answered, and only then does the socket close.
let handle: Awaited<ReturnType<typeof createTestDb>>;
let server: Server;
let base: string;
let app: TestApp;

beforeAll(async () => {
  handle = await createTestDb();
  app = await createInboxApp(handle.db);
  server = createPortalServer({
    webhook: createWebhookHandler({ db: async () => handle.db }),
    next: async (_req, res) => void res.writeHead(200, { "content-type": "text/plain" }).end("next"),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (server.listening) await new Promise((resolve) => server.close(resolve));
  await handle.close();
});

/** A signed callback whose headers are sent now and whose body only when `finish` is called. */
function slowCallback(messageId: string) {
  const { body, headers } = signed(inboundText(app.appId, { messageId }), app.secret!);
  const req = request(`${base}/api/webhooks/sinch/${app.appId}`, { method: "POST", headers: Object.fromEntries(headers) });
  const status = new Promise<number>((resolve, reject) => {
    req.once("response", (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.once("error", reject);
  });
  req.flushHeaders();
  return { status, finish: () => req.end(body) };
}

const send = (messageId: string) => {
  const { body, headers } = signed(inboundText(app.appId, { messageId }), app.secret!);
  return fetch(`${base}/api/webhooks/sinch/${app.appId}`, { method: "POST", body: new Uint8Array(body), headers });
};

describe("graceful shutdown of the portal's server", () => {
  it("is found by the shutdown among the process's listening servers", () => {
    expect(httpServers()).toContain(server);
  });

  it("stores and answers a callback in flight and one arriving during the drain, then stops accepting", async () => {
    const inFlight = slowCallback("MSG-SHUTDOWN-INFLIGHT");
    await new Promise((r) => setTimeout(r, 100));
    const steps: string[] = [];
    const done = shutdown("SIGTERM", {
      drainMs: 300,
      servers: () => [server],
      stopJobs: async () => void steps.push("jobs"),
      closeDb: async () => void steps.push("db"),
      exit: (code) => void steps.push(`exit ${code}`),
    });
    expect(isDraining()).toBe(true);
    const duringDrain = await send("MSG-SHUTDOWN-DRAIN");
    expect(duringDrain.status).toBe(200);
    // The in-flight body finishes arriving after the drain: the server waits for it.
    setTimeout(() => inFlight.finish(), 500);
    await done;
    expect(await inFlight.status).toBe(200);
    expect(steps).toEqual(["jobs", "db", "exit 0"]);
    expect(server.listening).toBe(false);
    const stored = await handle.db.select({ id: messages.sinchMessageId }).from(messages).where(eq(messages.customerId, app.customerId));
    expect(stored.map((m) => m.id).sort()).toEqual(["MSG-SHUTDOWN-DRAIN", "MSG-SHUTDOWN-INFLIGHT"]);
    await expect(fetch(`${base}/inbox`)).rejects.toThrow();
  });
});
