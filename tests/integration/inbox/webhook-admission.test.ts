import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/webhooks/sinch/[appId]/route";
import { MAX_CALLBACKS_IN_FLIGHT } from "@/server/services/inbox/admission";
import { createTestDb } from "../helpers/db";

let handle: Awaited<ReturnType<typeof createTestDb>>;

beforeAll(async () => {
  handle = await createTestDb();
  // The route handler takes its database from the process-wide cache: hand it this test's database.
  (globalThis as { __portalDbReady?: Promise<unknown> }).__portalDbReady = Promise.resolve(handle);
});
afterAll(async () => {
  delete (globalThis as { __portalDbReady?: Promise<unknown> }).__portalDbReady;
  await handle.close();
});

const params = { params: Promise.resolve({ appId: "APPNOTKNOWN01" }) };
const url = "http://portal.test/api/webhooks/sinch/APPNOTKNOWN01";

describe("webhook route under overload", () => {
  it(`works on ${MAX_CALLBACKS_IN_FLIGHT} callbacks at once and refuses one more at once with 503 + Retry-After`, async () => {
    // Bodies that have not finished arriving keep their requests in flight.
    const streams: Array<ReadableStreamDefaultController<Uint8Array>> = [];
    const inFlight = Array.from({ length: MAX_CALLBACKS_IN_FLIGHT }, () => {
      const body = new ReadableStream<Uint8Array>({ start: (c) => void streams.push(c) });
      return POST(new Request(url, { method: "POST", body, duplex: "half" } as RequestInit), params);
    });
    await new Promise((r) => setTimeout(r, 20));

    const refused = await POST(new Request(url, { method: "POST", body: "{}" }), params);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");

    for (const c of streams) {
      c.enqueue(new TextEncoder().encode("{}"));
      c.close();
    }
    // The unknown app answers 404 once the body is read: every admitted request was worked on.
    expect((await Promise.all(inFlight)).map((r) => r.status)).toEqual(Array(MAX_CALLBACKS_IN_FLIGHT).fill(404));
    // Capacity is given back: the next callback is admitted again.
    expect((await POST(new Request(url, { method: "POST", body: "{}" }), params)).status).toBe(404);
  });
});
