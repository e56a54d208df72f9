import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { startEmulator, type RunningEmulator } from "../../emulator/src/server";
import type { CredentialVerdict, EmulatorConfig, InboundVerdict, MetaChannel, MetaOracle, MetaSendOptions, SendVerdict, TokenVerdict } from "../../emulator/src/world";

export const KEY = { projectId: "emu-parent-project", keyId: "emu-key-id", secret: "emu-key-secret" };
export const basic = (id = KEY.keyId, secret = KEY.secret) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

/** Test-only Meta verdicts, so the Sinch half's state machines can be driven deterministically. */
export class FakeMeta implements MetaOracle {
  badTokens = new Map<string, { code: number; subcode?: number; message: string }>();
  sendFailures = new Map<string, SendVerdict>();
  unknownPhones = new Set<string>();
  /** Every send question Sinch asked, with the options it passed (window facts, tag, app role). */
  sendCalls: Array<{ channel: string; assetId: string; opts?: MetaSendOptions | { lastInboundAt?: number; template?: boolean } }> = [];
  subscribed: string[] = [];
  checkToken(token: string, requiredScopes: string[]): TokenVerdict {
    const bad = this.badTokens.get(token);
    if (bad) return { ok: false, ...bad };
    return { ok: true, userId: `page-of-${token}`, scopes: requiredScopes };
  }
  checkCredential(channel: "MESSENGER" | "INSTAGRAM", token: string, businessAccountId?: string): CredentialVerdict {
    const bad = this.badTokens.get(token);
    if (bad) return { ok: false, ...bad };
    return { ok: true, assetId: channel === "MESSENGER" ? `page-of-${token}` : businessAccountId ?? "", tokenType: "PAGE" };
  }
  checkSend(channel: MetaChannel, token: string, assetId: string, opts?: MetaSendOptions): SendVerdict {
    this.sendCalls.push({ channel, assetId, opts });
    return this.sendFailures.get(token) ?? this.sendFailures.get(assetId) ?? { ok: true };
  }
  checkPhoneSend(phoneNumberId: string, opts?: { lastInboundAt?: number; template?: boolean }): SendVerdict {
    this.sendCalls.push({ channel: "WHATSAPP", assetId: phoneNumberId, opts });
    return this.sendFailures.get(phoneNumberId) ?? { ok: true };
  }
  inboundRoute(_channel: MetaChannel, _assetId: string): InboundVerdict {
    return { ok: true };
  }
  subscribeAsset(channel: MetaChannel, assetId: string): void {
    this.subscribed.push(`${channel}:${assetId}`);
  }
  /** WABAs not shared with Sinch through the Multi-Partner Solution. */
  unsharedWabas = new Set<string>();
  solutionAccess(wabaId: string) {
    return this.unsharedWabas.has(wabaId) ? { ok: false as const, message: `WhatsApp Business Account ${wabaId} is not shared with Sinch through the Multi-Partner Solution` } : { ok: true as const };
  }
  describePhoneNumber(_wabaId: string, phoneNumberId: string) {
    if (this.unknownPhones.has(phoneNumberId)) return { ok: false as const, message: `Phone number ${phoneNumberId} does not exist` };
    return { ok: true as const, displayPhoneNumber: "+1 555-010-0001", verifiedName: "Acme" };
  }
}

export interface Harness {
  emu: RunningEmulator;
  meta: FakeMeta;
  url: string;
  call(method: string, path: string, body?: unknown, auth?: string | null, rawBody?: string): Promise<{ status: number; body: any; headers: Headers }>;
  control(method: string, path: string, body?: unknown): Promise<any>;
  close(): Promise<void>;
}

export async function startHarness(overrides: Partial<EmulatorConfig> = {}): Promise<Harness> {
  const emu = await startEmulator({
    port: 0,
    credentialActivationDelayMs: 50,
    senderActivationDelayMs: 50,
    deliveryReportDelayMs: 5,
    callbackRetryScheduleMs: [30, 60],
    subprojectWarmupMs: 0,
    ...overrides,
  });
  const meta = new FakeMeta();
  emu.world.meta = meta;
  const call: Harness["call"] = async (method, path, body, auth = basic(), rawBody) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (auth) headers.authorization = auth;
    const res = await fetch(emu.url + path, { method, headers, body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  const control: Harness["control"] = async (method, path, body) => (await call(method, path, body, null)).body;
  return {
    emu, meta, url: emu.url, call, control,
    close: async () => {
      await control("POST", "/_emulator/reset");
      await emu.close();
    },
  };
}

export const conv = (region: string, projectId = KEY.projectId) => `/sinch/conversation/${region}/v1/projects/${projectId}`;

export async function waitFor<T>(fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 3000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() - start > timeoutMs) throw new Error("waitFor: timed out");
    await new Promise((r) => setTimeout(r, 15));
  }
}

export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: any;
}

/** Tiny callback receiver; `statuses` are answered in order, then 200. */
export async function startReceiver(statuses: number[] = []): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const queue = [...statuses];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      received.push({ headers: req.headers, raw, body: JSON.parse(raw) });
      res.writeHead(queue.shift() ?? 200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** App with an ACTIVE credential per given channel (tokens are fake-Meta valid unless marked bad). */
export async function createApp(h: Harness, region = "eu", credentials: unknown[] = [], extra: Record<string, unknown> = {}): Promise<any> {
  const r = await h.call("POST", `${conv(region)}/apps`, { display_name: "Acme", processing_mode: "CONVERSATION", channel_credentials: credentials, ...extra });
  if (r.status !== 200) throw new Error(`create app failed: ${JSON.stringify(r.body)}`);
  return r.body;
}

export const igCred = (token = "ig-token", igId = "17841000100001") => ({ channel: "INSTAGRAM", instagram_credentials: { token, business_account_id: igId } });
export const msgrCred = (token = "page-token") => ({ channel: "MESSENGER", static_token: { token } });
