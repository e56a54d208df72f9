import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifySinchSignature } from "@/server/webhooks/sinch/verify";
import { Joint, SEED, msgr, waitFor } from "./joint-harness";

/**
 * Written from the contract (section 8) only, sharing no code with the emulator's signer or the
 * portal's verifier: base64(HMAC-SHA256(secret, rawBody + "." + nonce + "." + timestamp)).
 */
function independentVerify(secret: string, raw: Buffer, headers: IncomingHttpHeaders): boolean {
  const sig = headers["x-sinch-webhook-signature"];
  const nonce = headers["x-sinch-webhook-signature-nonce"];
  const ts = headers["x-sinch-webhook-signature-timestamp"];
  if (typeof sig !== "string" || typeof nonce !== "string" || typeof ts !== "string") return false;
  if (headers["x-sinch-webhook-signature-algorithm"] !== "HmacSHA256") return false;
  const mac = createHmac("sha256", secret);
  mac.update(raw);
  mac.update(".");
  mac.update(nonce);
  mac.update(".");
  mac.update(ts);
  const expected = mac.digest();
  const given = Buffer.from(sig, "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

interface Hit {
  raw: Buffer;
  headers: IncomingHttpHeaders;
  verified: boolean;
}

/** Answers 204 to callbacks that verify with `secret`, 401 otherwise (as the portal does). */
async function verifyingReceiver(secret: string): Promise<{ url: string; hits: Hit[]; close(): Promise<void> }> {
  const hits: Hit[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const verified = independentVerify(secret, raw, req.headers);
      hits.push({ raw, headers: req.headers, verified });
      res.writeHead(verified ? 204 : 401).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/sinch`,
    hits,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

let j: Joint;
beforeAll(async () => {
  j = await Joint.start();
});
afterAll(() => j.close());

describe("callback signatures from the full emulator", () => {
  it("verify with an independent HMAC and with the portal's verifySinchSignature; a wrong secret is refused and retried", async () => {
    const secret = "independent-secret-7f3a9c2e1b0d4e5f6a7b8c9d";
    const good = await verifyingReceiver(secret);
    const wrong = await verifyingReceiver("some-other-secret-000000000000000");
    try {
      const app = await j.connect([msgr(await j.pageToken(SEED.pages.bakery))]);
      const hookGood = await j.addWebhook(app.id, good.url, { secret, triggers: ["MESSAGE_INBOUND"] });
      const hookWrong = await j.addWebhook(app.id, wrong.url, { secret, triggers: ["MESSAGE_INBOUND"] });
      expect((await j.inbound(app.id, { channel: "MESSENGER", identity: "psid-sig", text: "héllo ✓" })).delivered).toBe(true);

      const hit = await waitFor(() => good.hits[0]);
      expect(hit.verified).toBe(true);
      expect(JSON.parse(hit.raw.toString("utf8")).message.contact_message.text_message.text).toBe("héllo ✓");
      const portal = verifySinchSignature({ rawBody: hit.raw, headers: hit.headers, secret, nowSeconds: Date.now() / 1000 });
      expect(portal).toMatchObject({ ok: true, signed: true, nonce: hit.headers["x-sinch-webhook-signature-nonce"] });
      // One flipped byte of the body breaks both implementations.
      const tampered = Buffer.from(hit.raw);
      tampered.writeUInt8(tampered.readUInt8(tampered.length - 2) ^ 1, tampered.length - 2);
      expect(independentVerify(secret, tampered, hit.headers)).toBe(false);
      expect(verifySinchSignature({ rawBody: tampered, headers: hit.headers, secret, nowSeconds: Date.now() / 1000 })).toEqual({ ok: false, reason: "bad_signature" });

      // The receiver that holds another secret answers 401; the emulator retries with fresh nonces.
      const log = await waitFor(async () => {
        const entries = (await j.control("GET", `/_emulator/callbacks/log?webhookId=${hookWrong.id}`)).entries;
        return entries.length === 3 ? entries : undefined;
      });
      expect(log.map((e: any) => e.status)).toEqual([401, 401, 401]);
      expect(new Set(wrong.hits.map((h) => h.headers["x-sinch-webhook-signature-nonce"])).size).toBe(3);
      expect(wrong.hits.every((h) => !h.verified && independentVerify(secret, h.raw, h.headers))).toBe(true);
      const goodLog = (await j.control("GET", `/_emulator/callbacks/log?webhookId=${hookGood.id}`)).entries;
      expect(goodLog.map((e: any) => e.status)).toEqual([204]);
    } finally {
      await good.close();
      await wrong.close();
    }
  });
});
