import { request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPortalServer } from "@/server/http/server";
import { createWebhookHandler } from "@/server/http/webhook";
import { MAX_CALLBACKS_IN_FLIGHT } from "@/server/services/inbox/admission";
import { createTestDb } from "../helpers/db";
import { createInboxApp, inboundText, signed, type TestApp } from "./inbox-factories";

let handle: Awaited<ReturnType<typeof createTestDb>>;
let server: Server;
let base: string;
let app: TestApp;
const nextSaw: string[] = [];

beforeAll(async () => {
  handle = await createTestDb();
  app = await createInboxApp(handle.db);
  server = createPortalServer({
    webhook: createWebhookHandler({ db: async () => handle.db }),
    // Stands in for Next's request handler: it records what the portal's server handed on.
    next: async (req, res) => {
      nextSaw.push(`${req.method} ${req.url}`);
      res.writeHead(200, { "content-type": "text/plain" }).end("next");
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await handle.close();
});

const post = (path: string, body: BodyInit, headers?: HeadersInit) => fetch(`${base}${path}`, { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("the portal's HTTP server", () => {
  it("answers a signed callback itself (stored, 200) and hands every other request to Next", async () => {
    const req = signed(inboundText(app.appId), app.secret!);
    const res = await post(`/api/webhooks/sinch/${app.appId}`, new Uint8Array(req.body), req.headers);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.text()).toBe("");
    expect((await post(`/api/webhooks/sinch/${app.appId}`, "{}")).status).toBe(401);
    expect((await fetch(`${base}/api/webhooks/sinch/${app.appId}`)).status).toBe(405);
    expect(await (await fetch(`${base}/inbox?x=1`)).text()).toBe("next");
    expect(nextSaw).toEqual(["GET /inbox?x=1"]);
  });

  it("refuses a body over 1 MiB with 413 without reading it", async () => {
    const res = await post(`/api/webhooks/sinch/${app.appId}`, new Uint8Array(1024 * 1024 + 1));
    expect(res.status).toBe(413);
  });

  it(`works on ${MAX_CALLBACKS_IN_FLIGHT} callbacks at once and refuses one more at once with 503 + Retry-After`, async () => {
    // Bodies that have not finished arriving keep their requests in flight (headers sent, body open).
    const open = Array.from({ length: MAX_CALLBACKS_IN_FLIGHT }, () => {
      const req = request(`${base}/api/webhooks/sinch/APPNOTKNOWN01`, { method: "POST", headers: { "content-type": "application/json" } });
      const status = new Promise<number>((resolve, reject) => {
        req.once("response", (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.once("error", reject);
      });
      req.flushHeaders();
      return { req, status };
    });
    await new Promise((r) => setTimeout(r, 200));

    const refused = await post("/api/webhooks/sinch/APPNOTKNOWN01", "{}");
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");

    for (const { req } of open) req.end("{}");
    // The unknown app answers 404 once the body is read: every admitted request was worked on.
    expect(await Promise.all(open.map((o) => o.status))).toEqual(Array(MAX_CALLBACKS_IN_FLIGHT).fill(404));
    // Capacity is given back: the next callback is admitted again.
    expect((await post("/api/webhooks/sinch/APPNOTKNOWN01", "{}")).status).toBe(404);
  });
});
