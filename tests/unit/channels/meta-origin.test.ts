import { describe, expect, it } from "vitest";
import { isAllowedMetaOrigin } from "@/components/channels/meta-origin";

const live = ["https://*.facebook.com", "https://facebook.com"];

describe("isAllowedMetaOrigin", () => {
  it("accepts Meta's hosts under the wildcard and the exact bare host", () => {
    for (const o of ["https://www.facebook.com", "https://web.facebook.com", "https://staticxx.facebook.com", "https://facebook.com"]) expect(isAllowedMetaOrigin(o, live), o).toBe(true);
  });

  it("rejects look-alikes, other schemes, ports and malformed origins", () => {
    for (const o of [
      "https://evilfacebook.com",
      "https://facebook.com.evil.test",
      "http://www.facebook.com",
      "https://www.facebook.com:8443",
      "https://www.facebook.com/path",
      "null",
      "",
      "https://xfacebook.com",
    ]) {
      expect(isAllowedMetaOrigin(o, live), o).toBe(false);
    }
  });

  it("the wildcard admits subdomains only, not the bare host", () => {
    expect(isAllowedMetaOrigin("https://facebook.com", ["https://*.facebook.com"])).toBe(false);
  });

  it("matches an exact emulator origin including its port", () => {
    const emu = ["http://127.0.0.1:4010"];
    expect(isAllowedMetaOrigin("http://127.0.0.1:4010", emu)).toBe(true);
    expect(isAllowedMetaOrigin("http://127.0.0.1:4011", emu)).toBe(false);
    expect(isAllowedMetaOrigin("http://localhost:4010", emu)).toBe(false);
  });

  it("ignores broken entries instead of throwing", () => {
    expect(isAllowedMetaOrigin("https://www.facebook.com", ["not a url", "https://*."])).toBe(false);
  });
});
