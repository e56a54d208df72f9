import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { signSinchPayload } from "@/server/webhooks/sinch/verify";

/** One callback as it reaches the route handler, and whether a correct receiver must accept it. */
export interface CallbackCase {
  kind: string;
  appId: string;
  body: Buffer;
  headers: Array<[string, string]>;
  /** Signed with the app's secret over exactly these bytes, fresh, unambiguous: must be stored. */
  authentic: boolean;
  /** Replays: resend the n-th accepted request exactly, resolved when the case runs. */
  replayOf?: number;
}

export interface Apps {
  target: { appId: string; secret: string };
  other: { appId: string; secret: string };
}

let counter = 0;
const nonce = () => `01FUZZ${Date.now().toString(36).toUpperCase()}${(counter++).toString(36).toUpperCase()}${randomBytes(3).toString("hex").toUpperCase()}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

function inboundJson(appId: string, text: string): string {
  const at = new Date().toISOString();
  return JSON.stringify({
    app_id: appId,
    accepted_time: at,
    event_time: at,
    project_id: "proj",
    message: {
      id: `FUZZ${(counter++).toString(36).toUpperCase()}${randomBytes(4).toString("hex").toUpperCase()}`,
      direction: "TO_APP",
      contact_message: { text_message: { text } },
      channel_identity: { channel: "MESSENGER", identity: "1234567890", app_id: appId },
      conversation_id: "CONV-FUZZ",
      contact_id: "CONTACT-FUZZ",
      metadata: "",
      accept_time: at,
    },
  });
}

/** Bodies from well-formed to hostile: every forged one carries the marker so the store can be searched. */
const bodyArb = (appId: string, marker: string): fc.Arbitrary<Buffer> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.string({ maxLength: 200 }).map((t) => Buffer.from(inboundJson(appId, `${marker} ${t}`))) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.concat([Buffer.from(marker), Buffer.from(b)])) },
    { weight: 2, arbitrary: fc.constantFrom("\xC3\x28", "\xFF\xFE\xFD", "\xED\xA0\x80", "\xF8\x88\x80\x80\x80", "\xC0\xAF").map((bad) => Buffer.concat([Buffer.from(`{"app_id":"${appId}","x":"${marker}`), Buffer.from(bad, "latin1"), Buffer.from('"}')])) },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => Buffer.from(JSON.stringify({ marker, v }))) },
    { weight: 1, arbitrary: fc.constantFrom(Buffer.alloc(0), Buffer.from(marker), Buffer.from(`{"app_id":"${appId}","message":null,"m":"${marker}"}`)) },
  );

function signedHeaders(body: Buffer, secret: string, opts: { nonce?: string; timestamp?: string; signature?: string; algorithm?: string | null } = {}): Array<[string, string]> {
  const n = opts.nonce ?? nonce();
  const ts = opts.timestamp ?? String(nowSeconds());
  const headers: Array<[string, string]> = [
    ["content-type", "application/json"],
    ["x-sinch-webhook-signature", opts.signature ?? signSinchPayload(body, secret, n, ts)],
    ["x-sinch-webhook-signature-nonce", n],
    ["x-sinch-webhook-signature-timestamp", ts],
  ];
  if (opts.algorithm !== null) headers.push(["x-sinch-webhook-signature-algorithm", opts.algorithm ?? "HmacSHA256"]);
  return headers;
}

const replace = (headers: Array<[string, string]>, name: string, value: string) => headers.map(([k, v]) => [k, k === name ? value : v] as [string, string]);

/**
 * The recipe of each mutation. `authentic` is true only for callbacks the real Sinch could send;
 * every other case is a forgery or an ambiguous request and must never be answered 200.
 */
export function callbackCaseArb(apps: Apps): fc.Arbitrary<CallbackCase> {
  const { target, other } = apps;
  const body = bodyArb(target.appId, "FORGED");
  const goodBody = bodyArb(target.appId, "AUTHENTIC");
  const forged = (kind: string, make: (b: Buffer) => Array<[string, string]>, appId = target.appId) =>
    body.map((b): CallbackCase => ({ kind, appId, body: b, headers: make(b), authentic: false }));
  const SIG = "x-sinch-webhook-signature";
  const TS = "x-sinch-webhook-signature-timestamp";
  return fc.oneof(
    { weight: 12, arbitrary: goodBody.map((b): CallbackCase => ({ kind: "authentic", appId: target.appId, body: b, headers: signedHeaders(b, target.secret), authentic: true })) },
    { weight: 3, arbitrary: goodBody.map((b): CallbackCase => ({ kind: "authentic-no-algorithm", appId: target.appId, body: b, headers: signedHeaders(b, target.secret, { algorithm: null }), authentic: true })) },
    { weight: 6, arbitrary: forged("unsigned", () => [["content-type", "application/json"]]) },
    { weight: 8, arbitrary: fc.tuple(body, fc.string({ minLength: 1, maxLength: 64 })).map(([b, s]): CallbackCase => ({ kind: "wrong-secret", appId: target.appId, body: b, headers: signedHeaders(b, s), authentic: false })) },
    { weight: 6, arbitrary: forged("other-app-secret", (b) => signedHeaders(b, other.secret)) },
    {
      weight: 8,
      arbitrary: fc.tuple(body, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([b, pos, byte]): CallbackCase => {
        const headers = signedHeaders(b, target.secret);
        const tampered = Buffer.from(b);
        if (tampered.length === 0 || tampered[pos % tampered.length] === byte) return { kind: "tampered-appended", appId: target.appId, body: Buffer.concat([b, Buffer.from([byte])]), headers, authentic: false };
        tampered[pos % tampered.length] = byte;
        return { kind: "tampered-byte", appId: target.appId, body: tampered, headers, authentic: false };
      }),
    },
    { weight: 6, arbitrary: fc.tuple(body, fc.integer({ min: 1, max: 43 })).map(([b, cut]): CallbackCase => { const h = signedHeaders(b, target.secret); const sig = h.find(([k]) => k === SIG)![1]; return { kind: "truncated-signature", appId: target.appId, body: b, headers: replace(h, SIG, sig.slice(0, sig.length - cut)), authentic: false }; }) },
    { weight: 4, arbitrary: fc.tuple(body, fc.integer({ min: 1, max: 20_000 })).map(([b, extra]): CallbackCase => { const h = signedHeaders(b, target.secret); const sig = h.find(([k]) => k === SIG)![1]; return { kind: "huge-signature", appId: target.appId, body: b, headers: replace(h, SIG, sig + "A".repeat(extra)), authentic: false }; }) },
    { weight: 4, arbitrary: fc.tuple(body, fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 100 })).map(([b, s]): CallbackCase => ({ kind: "garbage-signature", appId: target.appId, body: b, headers: replace(signedHeaders(b, target.secret), SIG, s), authentic: false })) },
    {
      weight: 8,
      arbitrary: fc
        .tuple(body, fc.oneof(fc.integer({ min: 3600, max: 10 ** 9 }).map((d) => String(nowSeconds() - d)), fc.integer({ min: 3600, max: 10 ** 9 }).map((d) => String(nowSeconds() + d)), fc.constantFrom("-1", "0", "1e9", "0x10", "1700000000.5", "99999999999999999999", "NaN", "Infinity", "+1700000000", "17000000000000000000000")))
        // Signed with the right secret over the odd timestamp: authentic MAC, unacceptable time
        // (an hour or more off, so the case stays stale however long the run takes).
        .map(([b, ts]): CallbackCase => ({ kind: "odd-timestamp", appId: target.appId, body: b, headers: signedHeaders(b, target.secret, { timestamp: ts }), authentic: false })),
    },
    {
      weight: 6,
      arbitrary: fc.tuple(body, fc.constantFrom("x-sinch-webhook-signature", "x-sinch-webhook-signature-nonce", "x-sinch-webhook-signature-timestamp", "x-sinch-webhook-signature-algorithm"), fc.boolean()).map(([b, name, same]): CallbackCase => {
        const h = signedHeaders(b, target.secret);
        const value = h.find(([k]) => k === name)?.[1] ?? "HmacSHA256";
        return { kind: "duplicated-header", appId: target.appId, body: b, headers: [...h, [name, same ? value : `${value}x`]], authentic: false };
      }),
    },
    { weight: 3, arbitrary: fc.tuple(body, fc.constantFrom("HmacSHA1", "hmacsha256", "HmacSHA512", "none", "HmacSHA256,HmacSHA1")).map(([b, alg]): CallbackCase => ({ kind: "bad-algorithm", appId: target.appId, body: b, headers: signedHeaders(b, target.secret, { algorithm: alg }), authentic: false })) },
    {
      weight: 5,
      // An attacker who captured a request cannot sign a new one, so the replay is the exact request.
      arbitrary: fc.nat().map((i): CallbackCase => ({ kind: "replay", appId: target.appId, body: Buffer.from("FORGED"), headers: [], authentic: false, replayOf: i })),
    },
    { weight: 3, arbitrary: forged("unknown-app", (b) => signedHeaders(b, target.secret), "APPUNKNOWN0000") },
    { weight: 2, arbitrary: fc.tuple(body, fc.constantFrom("../x", "A".repeat(65), "app id", "%00", "<script>", "APP;DROP TABLE")).map(([b, appId]): CallbackCase => ({ kind: "odd-app-id", appId, body: b, headers: signedHeaders(b, target.secret), authentic: false })) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 4096 }).map((extra): CallbackCase => { const b = Buffer.concat([Buffer.from("FORGED"), Buffer.alloc(1024 * 1024 + extra, 0x61)]); return { kind: "oversized", appId: target.appId, body: b, headers: signedHeaders(b, target.secret), authentic: false }; }) },
  );
}
