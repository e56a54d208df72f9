import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { nextAttemptDelay, RETRY_DELAYS_SECONDS } from "@/server/services/events/schedule";
import { isAllowedTarget, readAtMost } from "@/server/services/events/send";
import { generateEndpointSecret, signedHeaders } from "@/server/services/events/signing";

describe("outgoing events: signing, schedule, targets", () => {
  it("signs what the reference library signs, for the current and a previous secret", () => {
    const secret = generateEndpointSecret();
    const previous = generateEndpointSecret();
    const body = JSON.stringify({ type: "customer.ready", timestamp: "2026-01-01T00:00:00.000Z", data: { a: 1 } });
    const at = new Date();
    const seconds = Math.floor(at.getTime() / 1000);
    const headers = signedHeaders([secret, previous], "msg_1", seconds, body);
    expect(headers["webhook-signature"].split(" ")[0]).toBe(new Webhook(secret).sign("msg_1", new Date(seconds * 1000), body));
    expect(new Webhook(previous).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it("retries on Standard Webhooks' schedule with at most 10 % jitter, a Retry-After only later, then stops", () => {
    expect(RETRY_DELAYS_SECONDS).toEqual([5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400]);
    expect(nextAttemptDelay(1, null, () => 0)).toBe(5);
    expect(nextAttemptDelay(3, null, () => 0.999)).toBe(1980);
    expect(nextAttemptDelay(2, 30, () => 0)).toBe(300);
    expect(nextAttemptDelay(2, 900, () => 0)).toBe(900);
    expect(nextAttemptDelay(2, 10 ** 9, () => 0)).toBe(86400);
    expect(nextAttemptDelay(RETRY_DELAYS_SECONDS.length + 1, null)).toBeNull();
  });

  it("allows only http(s) URLs without credentials", () => {
    expect(isAllowedTarget("https://crm.example.test/hooks?x=1")).toBe(true);
    expect(isAllowedTarget("http://127.0.0.1:8080/")).toBe(true);
    for (const url of ["ftp://a.test/", "file:///etc/passwd", "gopher://a.test", "https://u:p@a.test/", "https://u@a.test/", "data:text/plain,x", "//a.test"]) expect(isAllowedTarget(url), url).toBe(false);
  });

  it("reads at most the limit of an answer that never ends, then cancels it", async () => {
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1024;
        controller.enqueue(new Uint8Array(1024));
      },
      cancel() {
        cancelled = true;
      },
    });
    await readAtMost(endless, 64 * 1024);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThanOrEqual(64 * 1024 + 2 * 1024);
  });
});
