import { startEmulator, type RunningEmulator } from "../../emulator/src/server";
import { SEED } from "../../emulator/src/meta/seed";
import type { EmulatorConfig } from "../../emulator/src/world";
import { KEY, basic, conv, startReceiver, waitFor } from "./sinch-harness";

export { KEY, SEED, basic, conv, startReceiver, waitFor };
export const APP_ID = "100000000000001";
export const APP_SECRET = "emu-meta-app-secret";
export const DAY = 86_400_000;
export const SECRET = "joint-webhook-secret-0123456789abcdef";
export const TRIGGERS = [
  "MESSAGE_INBOUND", "MESSAGE_DELIVERY", "MESSAGE_SUBMIT", "EVENT_INBOUND", "EVENT_DELIVERY", "CONVERSATION_START",
  "CONVERSATION_STOP", "UNSUPPORTED", "CHANNEL_EVENT", "CONTACT_CREATE",
];

export type Reply = { status: number; body: any; headers: Headers };
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/**
 * The whole emulator (Sinch half + real Meta half, no fake oracle) on an ephemeral port, with short
 * delays, plus helpers that go through the public API and the control API only.
 */
export class Joint {
  private constructor(readonly emu: RunningEmulator) {}

  static async start(overrides: Partial<EmulatorConfig> = {}): Promise<Joint> {
    const emu = await startEmulator({
      port: 0,
      credentialActivationDelayMs: 40,
      senderActivationDelayMs: 40,
      deliveryReportDelayMs: 5,
      callbackRetryScheduleMs: [30, 60],
      subprojectWarmupMs: 0,
      ...overrides,
    });
    return new Joint(emu);
  }

  get url(): string {
    return this.emu.url;
  }

  async call(method: string, path: string, body?: unknown, auth: string | null = basic()): Promise<Reply> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (auth) headers.authorization = auth;
    const res = await fetch(this.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  /** Control call that must succeed. */
  async control(method: string, path: string, body?: unknown): Promise<any> {
    const r = await this.call(method, path, body, null);
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  graph(method: string, path: string, params: Record<string, string> = {}): Promise<Reply> {
    const qs = new URLSearchParams(params).toString();
    return this.call(method, `/graph/v22.0${path}${qs ? `?${qs}` : ""}`, undefined, null);
  }

  debugToken(token: string): Promise<Reply> {
    return this.graph("GET", "/debug_token", { input_token: token, access_token: `${APP_ID}|${APP_SECRET}` });
  }

  /** Mints a login at Meta without the dialog; returns the user/system token and one Page token per Page. */
  async mint(opts: Record<string, unknown> = {}): Promise<{ access_token: string; page_tokens: Record<string, string> }> {
    const r = await this.call("POST", "/_emulator/meta/tokens", { channel: "messenger", ...opts }, null);
    if (r.status !== 201) throw new Error(`mint failed: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async pageToken(pageId: string, opts: Record<string, unknown> = {}): Promise<string> {
    const minted = await this.mint({ pageIds: [pageId], ...opts });
    const t = minted.page_tokens[pageId];
    if (!t) throw new Error(`no Page token for ${pageId}`);
    return t;
  }

  async createApp(credentials: unknown[], region = "eu"): Promise<any> {
    const r = await this.call("POST", `${conv(region)}/apps`, { display_name: "Joint", processing_mode: "CONVERSATION", channel_credentials: credentials });
    if (r.status !== 200) throw new Error(`create app failed: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async addWebhook(appId: string, target: string, extra: Record<string, unknown> = {}): Promise<any> {
    const r = await this.call("POST", `${conv("eu")}/webhooks`, { app_id: appId, target, triggers: TRIGGERS, secret: SECRET, ...extra });
    if (r.status !== 200) throw new Error(`create webhook failed: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async getApp(appId: string, region = "eu"): Promise<any> {
    return (await this.call("GET", `${conv(region)}/apps/${appId}`)).body;
  }

  /** Waits until no credential of the app is PENDING; returns the credential of `channel`. */
  async settled(appId: string, channel: string): Promise<any> {
    const app = await waitFor(async () => {
      const a = await this.getApp(appId);
      return a.channel_credentials.every((c: any) => c.state.status !== "PENDING") ? a : undefined;
    });
    return app.channel_credentials.find((c: any) => c.channel === channel);
  }

  /** App with the given credentials and a signed webhook to `target`, credentials settled. */
  async connect(credentials: unknown[], target?: string): Promise<any> {
    const app = await this.createApp(credentials);
    if (target) await this.addWebhook(app.id, target);
    for (const c of credentials as Array<{ channel: string }>) await this.settled(app.id, c.channel);
    return app;
  }

  inbound(appId: string, body: Record<string, unknown>): Promise<any> {
    return this.control("POST", `/_emulator/sinch/apps/${appId}/inbound`, { kind: "text", text: "Hello", ...body });
  }

  send(appId: string, channel: string, identity: string, extra: Record<string, unknown> = {}): Promise<Reply> {
    return this.call("POST", `${conv("eu")}/messages:send`, {
      app_id: appId,
      recipient: { identified_by: { channel_identities: [{ channel, identity }] } },
      message: { text_message: { text: "hi" } },
      ...extra,
    });
  }

  advance(ms: number): Promise<any> {
    return this.control("POST", "/_emulator/clock/advance", { ms });
  }

  /** A WhatsApp sender for a Meta phone number, settled; returns it with its bearer token. */
  async sender(phoneNumberId: string, wabaId: string = SEED.wabas.bakery): Promise<{ id: string; state: string; token: string }> {
    const path = `/sinch/provisioning/v1/projects/${KEY.projectId}/whatsapp/senders`;
    const created = await this.call("POST", path, { region: "EU", metaLocalStorage: "DE", wabaId, phoneNumberId });
    if (created.status !== 200) throw new Error(`sender failed: ${JSON.stringify(created.body)}`);
    const s = await waitFor(async () => {
      const r = (await this.call("GET", `${path}/${created.body.id}`)).body;
      return r.state !== "IN_PROGRESS" ? r : undefined;
    });
    const { token } = await this.control("GET", `/_emulator/sinch/senders/${s.id}/token`);
    return { id: s.id, state: s.state, token };
  }

  close(): Promise<void> {
    return this.emu.close();
  }
}

export const msgr = (token: string) => ({ channel: "MESSENGER", static_token: { token } });
export const ig = (token: string, igId: string = SEED.instagram.bakery) => ({ channel: "INSTAGRAM", instagram_credentials: { token, business_account_id: igId } });
export const wa = (senderId: string, token: string) => ({ channel: "WHATSAPP", static_bearer: { claimed_identity: senderId, token } });

/** The terminal delivery report (READ or FAILED) of one message, as the receiver got it. */
export function finalReport(rx: Receiver, messageId: string): Promise<any> {
  return waitFor(() =>
    rx.received.map((r) => r.body.message_delivery_report).find((d) => d && d.message_id === messageId && ["READ", "FAILED"].includes(d.status)),
  );
}

/** Every delivery status received for one message, in arrival order. */
export function statusesOf(rx: Receiver, messageId: string): string[] {
  return rx.received.map((r) => r.body.message_delivery_report).filter((d) => d && d.message_id === messageId).map((d) => d.status);
}

/** Sends and returns the terminal report. */
export async function sendAndReport(j: Joint, rx: Receiver, appId: string, channel: string, identity: string, extra: Record<string, unknown> = {}): Promise<any> {
  const r = await j.send(appId, channel, identity, extra);
  if (r.status !== 200) throw new Error(`send failed: ${JSON.stringify(r.body)}`);
  return finalReport(rx, r.body.message_id);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
