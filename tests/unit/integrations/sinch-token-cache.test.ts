import { describe, expect, it } from "vitest";
import { IntegrationError } from "@/server/integrations/errors";
import { createSinchTokenCache, decodeJwtExp, sharedSinchTokenCache } from "@/server/integrations/sinch/token-cache";

function jwt(exp: number): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "none" })}.${part({ exp })}.`;
}

function tokenServer(responses: Array<{ status?: number; body: unknown }>) {
  const requests: Array<{ url: string; auth: string | null; body: string }> = [];
  const fetchFn = (async (url: string | URL | Request, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    requests.push({ url: String(url), auth: headers.get("authorization"), body: String(init?.body) });
    await new Promise((r) => setTimeout(r, 5));
    const next = responses.shift() ?? { body: { access_token: `tok-${requests.length}`, expires_in: 3600 } };
    return new Response(JSON.stringify(next.body), { status: next.status ?? 200 });
  }) as typeof fetch;
  return { fetchFn, requests };
}

describe("createSinchTokenCache", () => {
  it("posts client credentials with Basic auth to {authUrl}/oauth2/token", async () => {
    const s = tokenServer([{ body: { access_token: "opaque", expires_in: 3600 } }]);
    const cache = createSinchTokenCache({ authUrl: "http://emu/sinch/auth/", keyId: "kid", keySecret: "ksecret", fetch: s.fetchFn });
    expect(await cache.getToken()).toBe("opaque");
    expect(s.requests[0]).toEqual({
      url: "http://emu/sinch/auth/oauth2/token",
      auth: `Basic ${Buffer.from("kid:ksecret").toString("base64")}`,
      body: "grant_type=client_credentials",
    });
  });

  it("single-flights concurrent refreshes", async () => {
    const s = tokenServer([]);
    const cache = createSinchTokenCache({ authUrl: "http://a", keyId: "k", keySecret: "s", fetch: s.fetchFn });
    const tokens = await Promise.all([cache.getToken(), cache.getToken(), cache.getToken()]);
    expect(new Set(tokens).size).toBe(1);
    expect(cache.fetchCount).toBe(1);
  });

  it("refreshes 60 s before expires_in runs out", async () => {
    let now = 1_000_000;
    const s = tokenServer([]);
    const cache = createSinchTokenCache({ authUrl: "http://a", keyId: "k", keySecret: "s", fetch: s.fetchFn, now: () => now });
    const first = await cache.getToken();
    now += 3_539_000;
    expect(await cache.getToken()).toBe(first);
    now += 2_000;
    expect(await cache.getToken()).not.toBe(first);
    expect(cache.fetchCount).toBe(2);
  });

  it("prefers the JWT exp over expires_in", async () => {
    let now = 1_700_000_000_000;
    const token = jwt(1_700_000_100);
    const s = tokenServer([{ body: { access_token: token, expires_in: 3600 } }]);
    const cache = createSinchTokenCache({ authUrl: "http://a", keyId: "k", keySecret: "s", fetch: s.fetchFn, now: () => now });
    expect(await cache.getToken()).toBe(token);
    now += 41_000; // 59 s before exp: inside the safety margin
    expect(await cache.getToken()).not.toBe(token);
    expect(decodeJwtExp(token)).toBe(1_700_000_100);
    expect(decodeJwtExp("opaque")).toBeUndefined();
  });

  it("invalidate(token) only clears the token it names", async () => {
    const s = tokenServer([]);
    const cache = createSinchTokenCache({ authUrl: "http://a", keyId: "k", keySecret: "s", fetch: s.fetchFn });
    const first = await cache.getToken();
    cache.invalidate("some-older-token");
    expect(await cache.getToken()).toBe(first);
    cache.invalidate(first);
    expect(await cache.getToken()).not.toBe(first);
  });

  it("classifies a rejected key as unauthorized without leaking the secret", async () => {
    const s = tokenServer([{ status: 401, body: { error: { code: 401, status: "UNAUTHENTICATED", message: "bad key ksecret" } } }]);
    const cache = createSinchTokenCache({ authUrl: "http://a", keyId: "k", keySecret: "ksecret", fetch: s.fetchFn });
    const err = (await cache.getToken().catch((e: unknown) => e)) as IntegrationError;
    expect(err).toBeInstanceOf(IntegrationError);
    expect(err.code).toBe("unauthorized");
    expect(JSON.stringify(err.toJSON()) + err.message).not.toContain("ksecret");
  });

  it("shares one cache per (auth url, key id) and replaces it when the secret changes", () => {
    const a = sharedSinchTokenCache({ authUrl: "http://shared", keyId: "k1", keySecret: "s1" });
    expect(sharedSinchTokenCache({ authUrl: "http://shared", keyId: "k1", keySecret: "s1" })).toBe(a);
    expect(sharedSinchTokenCache({ authUrl: "http://shared", keyId: "k2", keySecret: "s1" })).not.toBe(a);
    expect(sharedSinchTokenCache({ authUrl: "http://shared", keyId: "k1", keySecret: "s2" })).not.toBe(a);
  });
});
