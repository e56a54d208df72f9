import { describe, expect, it } from "vitest";
import config from "../../../next.config";

/** The headers next.config.ts gives every route (the e2e crawl checks the served ones too). */
async function headersFor(path: string): Promise<Record<string, string>> {
  const rules = (await config.headers?.()) ?? [];
  const out: Record<string, string> = {};
  for (const rule of rules) {
    const prefix = rule.source.replace("/:path*", "");
    if (prefix === "" || path === prefix || path.startsWith(`${prefix}/`)) for (const h of rule.headers) out[h.key.toLowerCase()] = h.value;
  }
  return out;
}

const directives = (csp: string) => new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe("security headers from next.config.ts", () => {
  it("a content security policy without wildcards for scripts, objects or frames", async () => {
    const csp = directives((await headersFor("/customers"))["content-security-policy"]!);
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    for (const name of ["script-src", "frame-src"]) expect(csp.get(name)!.some((v) => v === "*" || v === "https:" || v === "http:")).toBe(false);
    expect(csp.get("script-src")).not.toContain("'unsafe-eval'");
  });

  it("Meta's login popup works without weakening framing: only the SDK origins may load scripts and frames", async () => {
    const csp = directives((await headersFor("/portal/connect/MESSENGER"))["content-security-policy"]!);
    const sdkOrigin = new URL(process.env.META_SDK_URL!).origin;
    expect(csp.get("script-src")).toContain(sdkOrigin);
    expect(csp.get("frame-src")).toContain(sdkOrigin);
    // The popup talks to its opener with postMessage: a COOP of same-origin would cut it off.
    expect((await headersFor("/portal/connect/MESSENGER"))["cross-origin-opener-policy"] ?? "unsafe-none").not.toBe("same-origin");
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("Referrer-Policy everywhere, and no-referrer where a URL carries a token", async () => {
    expect((await headersFor("/inbox"))["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect((await headersFor("/access/abc"))["referrer-policy"]).toBe("no-referrer");
    expect((await headersFor("/access/abc"))["cache-control"]).toBe("no-store");
    expect((await headersFor("/inbox"))["x-content-type-options"]).toBe("nosniff");
    expect((await headersFor("/inbox"))["x-frame-options"]).toBe("DENY");
    expect(config.poweredByHeader).toBe(false);
  });
});
