import { describe, expect, it } from "vitest";
import { createMetaGraph } from "@/server/integrations/meta/graph";

interface Seen {
  url: URL;
  method: string;
  auth: string | null;
  body: string | undefined;
}

function fakeGraph(routes: Record<string, unknown>) {
  const seen: Seen[] = [];
  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    seen.push({ url, method: init?.method ?? "GET", auth: new Headers(init?.headers).get("authorization"), body: init?.body as string | undefined });
    const key = `${url.pathname}${url.searchParams.has("after") ? `?after=${url.searchParams.get("after")}` : ""}`;
    const body = routes[key] ?? { error: { code: 803, message: "unknown", type: "OAuthException" } };
    return new Response(JSON.stringify(body), { status: "error" in (body as object) ? 400 : 200 });
  }) as typeof fetch;
  const graph = createMetaGraph({ graphUrl: "https://graph.test", version: "v22.0", appId: "123", appSecret: "APPSECRET", fetch: fetchFn, retry: { maxAttempts: 1 } });
  return { graph, seen };
}

describe("createMetaGraph (wire details)", () => {
  it("exchanges a code without redirect_uri and keeps the secret out of errors", async () => {
    const { graph, seen } = fakeGraph({ "/v22.0/oauth/access_token": { access_token: "USERTOKEN" } });
    expect((await graph.exchangeCode("CODE1")).accessToken).toBe("USERTOKEN");
    const q = seen[0]!.url.searchParams;
    expect(q.get("client_id")).toBe("123");
    expect(q.get("client_secret")).toBe("APPSECRET");
    expect(q.get("code")).toBe("CODE1");
    expect(q.has("redirect_uri")).toBe(false);
  });

  it("sends user tokens as a bearer header, not in the URL", async () => {
    const { graph, seen } = fakeGraph({ "/v22.0/me/permissions": { data: [] } });
    await graph.getPermissions("USERTOKEN");
    expect(seen[0]!.auth).toBe("Bearer USERTOKEN");
    expect(seen[0]!.url.search).not.toContain("USERTOKEN");
  });

  it("uses the app token for debug_token", async () => {
    const { graph, seen } = fakeGraph({ "/v22.0/debug_token": { data: { is_valid: true, scopes: [] } } });
    await graph.debugToken("INPUT");
    expect(seen[0]!.url.searchParams.get("access_token")).toBe("123|APPSECRET");
    expect(seen[0]!.url.searchParams.get("input_token")).toBe("INPUT");
  });

  it("follows paging.next on the Graph host only, and does not duplicate an embedded token", async () => {
    const { graph, seen } = fakeGraph({
      "/v22.0/me/accounts": { data: [{ id: "1", name: "A" }], paging: { next: "https://graph.test/v22.0/me/accounts?access_token=USERTOKEN&after=2" } },
      "/v22.0/me/accounts?after=2": { data: [{ id: "2", name: "B" }], paging: { next: "https://evil.test/steal?after=3" } },
      "/v22.0/me/businesses": { data: [] },
    });
    const pages = await graph.listPages("USERTOKEN");
    expect(pages.map((p) => p.id)).toEqual(["1", "2"]);
    expect(seen.some((s) => s.url.hostname === "evil.test")).toBe(false);
    const second = seen.find((s) => s.url.searchParams.get("after") === "2");
    expect(second?.auth).toBeNull();
  });

  it("classifies a Graph error and scrubs the token from it", async () => {
    const { graph } = fakeGraph({
      "/v22.0/555": { error: { code: 190, error_subcode: 460, message: "Session for USERTOKEN invalidated", type: "OAuthException", fbtrace_id: "T1" } },
    });
    const err = await graph.getPage("555", "USERTOKEN").catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "password_changed", fbtraceId: "T1", vendorMessage: "Session for [redacted] invalidated" });
  });

  it("registers a number with form parameters and never retries it", async () => {
    const { graph, seen } = fakeGraph({ "/v22.0/777/register": { success: true } });
    await graph.registerPhoneNumber("777", "BIZTOKEN", { pin: "123456", dataLocalizationRegion: "DE" });
    expect(seen[0]!.method).toBe("POST");
    expect(new URLSearchParams(seen[0]!.body)).toEqual(new URLSearchParams({ messaging_product: "whatsapp", pin: "123456", data_localization_region: "DE" }));
  });
});
