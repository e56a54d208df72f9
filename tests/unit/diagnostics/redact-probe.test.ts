import { describe, expect, it } from "vitest";
import { IntegrationError } from "@/server/integrations/errors";
import { mapLimit, probe } from "@/server/services/diagnostics/gather/probe";
import { redactDeep, redactText } from "@/server/services/diagnostics/redact";

describe("redaction", () => {
  it("removes known secret values and token-shaped strings anywhere in a structure", () => {
    const token = "EAAEMUP1234567890abcdefXYZ";
    const out = redactDeep({ a: [`page token ${token}`], b: { c: "secret=hunter2hunter2&x=1", d: new Date(0), n: 3 }, e: "webhook s3cr3t-value-123" }, ["s3cr3t-value-123"]);
    expect(JSON.stringify(out)).not.toMatch(/EAAEMUP|hunter2|s3cr3t/);
    expect(out.b.d).toBeInstanceOf(Date);
    expect(out.b.n).toBe(3);
    expect(redactText("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc")).toBe("[redacted]");
  });
});

describe("probe", () => {
  it("turns an IntegrationError into a ProbeError with the user message, never the vendor text", async () => {
    const r = await probe("meta", "meta.debug_token", async () => {
      throw new IntegrationError({ service: "meta", code: "password_changed", operation: "meta.debug_token", vendorCode: 190, vendorSubcode: 460, fbtraceId: "Atrace", vendorMessage: "raw vendor text" });
    });
    expect(r).toMatchObject({ ok: false, error: { code: "password_changed", vendorCode: 190, vendorSubcode: 460, fbtraceId: "Atrace" } });
    expect(JSON.stringify(r)).not.toContain("raw vendor text");
  });
  it("times out a hanging call and hides unexpected error messages", async () => {
    const slow = await probe("sinch", "x", () => new Promise(() => undefined), 20);
    expect(slow).toMatchObject({ ok: false, error: { code: "timeout" } });
    const bug = await probe("portal", "y", async () => {
      throw new Error("decrypt failed for value EAA123");
    });
    expect(bug).toMatchObject({ ok: false, error: { code: "unknown", message: "Unexpected Error." } });
  });
  it("mapLimit keeps at most `limit` tasks in flight and preserves order", async () => {
    let inFlight = 0;
    let max = 0;
    const out = await mapLimit([1, 2, 3, 4, 5, 6], 2, async (n) => {
      inFlight++;
      max = Math.max(max, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10, 12]);
    expect(max).toBe(2);
  });
});
