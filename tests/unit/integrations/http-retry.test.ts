import { describe, expect, it } from "vitest";
import { IntegrationError } from "@/server/integrations/errors";
import { createHttpClient } from "@/server/integrations/http";
import { backoffDelay, resolveRetryOptions } from "@/server/integrations/retry";
import { scrubUrl } from "@/server/integrations/logger";

type Step = { status: number; body?: unknown; headers?: Record<string, string> } | "network";

function scriptedFetch(steps: Step[]) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fn = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init });
    const step = steps.shift() ?? { status: 200, body: {} };
    if (step === "network") throw new TypeError("fetch failed");
    return new Response(step.body === undefined ? "" : JSON.stringify(step.body), { status: step.status, headers: step.headers });
  }) as typeof fetch;
  return { fn, calls };
}

function client(steps: Step[], maxAttempts = 3) {
  const sleeps: number[] = [];
  const warnings: Array<Record<string, unknown>> = [];
  const f = scriptedFetch(steps);
  const http = createHttpClient({
    service: "sinch",
    fetch: f.fn,
    maxAttempts,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    logger: { warn: (obj) => warnings.push(obj), info: () => undefined },
  });
  return { http, sleeps, warnings, calls: f.calls };
}

describe("createHttpClient", () => {
  it("retries a GET on 500 then succeeds, with jittered exponential backoff", async () => {
    const c = client([{ status: 500 }, { status: 503 }, { status: 200, body: { ok: true } }]);
    const res = await c.http.send({ method: "GET", url: "https://x.test/a", operation: "op" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect(c.calls).toHaveLength(3);
    expect(c.sleeps).toEqual([50, 100]);
  });

  it("returns the last failure after exhausting attempts", async () => {
    const c = client([{ status: 429 }, { status: 429 }, { status: 429 }]);
    const res = await c.http.send({ method: "DELETE", url: "https://x.test/a", operation: "op" });
    expect(res.status).toBe(429);
    expect(c.calls).toHaveLength(3);
  });

  it("never retries a POST unless marked idempotent", async () => {
    const c = client([{ status: 500 }, { status: 200 }]);
    expect((await c.http.send({ method: "POST", url: "https://x.test/a", operation: "op", json: {} })).status).toBe(500);
    expect(c.calls).toHaveLength(1);
    const d = client([{ status: 500 }, { status: 200 }]);
    expect((await d.http.send({ method: "POST", url: "https://x.test/a", operation: "op", json: {}, idempotent: true })).status).toBe(200);
  });

  it("does not retry 4xx other than 429", async () => {
    const c = client([{ status: 400 }, { status: 200 }]);
    expect((await c.http.send({ method: "GET", url: "https://x.test/a", operation: "op" })).status).toBe(400);
    expect(c.calls).toHaveLength(1);
  });

  it("retries network failures and then throws a network IntegrationError", async () => {
    const c = client(["network", "network", "network"]);
    const err = await c.http.send({ method: "GET", url: "https://x.test/a", operation: "op" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrationError);
    expect((err as IntegrationError).code).toBe("network");
    expect(c.calls).toHaveLength(3);
  });

  it("honours Retry-After as a floor", async () => {
    const c = client([{ status: 429, headers: { "retry-after": "0.7" } }, { status: 200 }]);
    await c.http.send({ method: "GET", url: "https://x.test/a", operation: "op" });
    expect(c.sleeps).toEqual([700]);
  });

  it("times out slow calls", async () => {
    const http = createHttpClient({
      service: "meta",
      maxAttempts: 1,
      timeoutMs: 20,
      fetch: ((_u: unknown, init?: RequestInit) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)))) as typeof fetch,
    });
    const err = (await http.send({ method: "GET", url: "https://x.test/a", operation: "op" }).catch((e: unknown) => e)) as IntegrationError;
    expect(err.code).toBe("timeout");
    expect(err.service).toBe("meta");
  });

  it("logs retries with a scrubbed URL", async () => {
    const c = client([{ status: 500 }, { status: 200 }]);
    await c.http.send({ method: "GET", url: "https://graph.test/v22.0/debug_token", query: { input_token: "SECRET1", access_token: "1|SECRET2" }, operation: "op" });
    const logged = JSON.stringify(c.warnings);
    expect(logged).not.toContain("SECRET");
    expect(logged).toContain("redacted");
  });

  it("sends JSON and form bodies", async () => {
    const c = client([{ status: 200 }, { status: 200 }]);
    await c.http.send({ method: "POST", url: "https://x.test/a", operation: "op", json: { a: 1 } });
    await c.http.send({ method: "POST", url: "https://x.test/a", operation: "op", form: { grant_type: "client_credentials" } });
    expect(c.calls[0]?.init?.body).toBe('{"a":1}');
    expect(c.calls[1]?.init?.body).toBe("grant_type=client_credentials");
  });
});

describe("backoffDelay / scrubUrl", () => {
  it("caps the exponential ceiling", () => {
    const opts = resolveRetryOptions({ baseDelayMs: 100, maxDelayMs: 300, random: () => 0.999 });
    expect(backoffDelay(1, opts)).toBe(99);
    expect(backoffDelay(5, opts)).toBe(299);
    expect(backoffDelay(1, opts, 10_000)).toBe(300);
  });

  it("redacts secret parameters and credentials in URLs", () => {
    const out = scrubUrl("https://user:pw@graph.test/oauth/access_token?client_id=1&client_secret=S&code=C&fields=id");
    expect(out).not.toMatch(/pw|=S&|=C&/);
    expect(out).toContain("client_id=1");
    expect(out).toContain("fields=id");
  });
});
