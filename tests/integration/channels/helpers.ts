import pino from "pino";
import { env } from "@/env";
import type { Db } from "@/server/db/client";
import type { Channel } from "@/server/db/schema";
import { logger } from "@/server/log";
import { exchangeLink } from "@/server/services/access/links";
import { refreshConnection } from "@/server/services/channels/poll";
import type { EmulatorProcess } from "../helpers/emulator";
import { asCustomer, asStaff, createUser, unique } from "../helpers/factories";
import { linkTokenOf } from "../access/helpers";

export const SEED = {
  user: "1000100001",
  bakery: "2000100001",
  bakeryIg: "17841000100001",
  outlet: "2000100002",
  studio: "2000100003",
  acmeGroup: "3000100001",
  waba: "4000100001",
  phone: "5000100001",
} as const;

export const SCOPES = {
  messenger: ["pages_messaging", "pages_manage_metadata", "pages_show_list", "pages_read_engagement", "business_management"],
  instagram: ["instagram_basic", "instagram_manage_messages", "pages_manage_metadata", "pages_show_list", "pages_read_engagement", "business_management"],
  whatsapp: ["whatsapp_business_management", "whatsapp_business_messaging", "business_management"],
};

/** Embedded Signup extras as the wizard sends them: joins the configured Multi-Partner Solution. */
export const ES_EXTRAS = JSON.stringify({ setup: { solutionID: env.META_SOLUTION_ID }, featureType: "", sessionInfoVersion: "3" });

interface DialogResult {
  code: string | null;
  esMessage?: string;
  summary: string;
}

/** Submits the emulator's login / Embedded Signup dialog without a browser (its JSON mode). */
export async function submitDialog(emu: EmulatorProcess, fields: Record<string, string | string[]>): Promise<DialogResult> {
  const form = new URLSearchParams({ client_id: "100000000000001", origin: "http://portal.test", response_type: "code", cbid: "cb1", user_id: SEED.user });
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) form.append(k, item);
  const res = await fetch(`${emu.url}/meta/dialog/oauth`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: form.toString(),
  });
  return (await res.json()) as DialogResult;
}

export async function pageLoginCode(emu: EmulatorProcess, channel: "messenger" | "instagram", opts: { pages: string[]; igs?: string[]; decline?: string[] }) {
  const perms = SCOPES[channel].filter((p) => !(opts.decline ?? []).includes(p));
  const result = await submitDialog(emu, { config_id: `emu-config-${channel}`, action: "continue", perm: perms, page: opts.pages, ig: opts.igs ?? [] });
  if (!result.code) throw new Error(`no code: ${result.summary}`);
  return result.code;
}

export async function signupCode(emu: EmulatorProcess, opts: { share?: boolean; extras?: string } = {}) {
  const result = await submitDialog(emu, {
    config_id: "emu-config-whatsapp",
    extras: opts.extras ?? ES_EXTRAS,
    action: "continue",
    perm: SCOPES.whatsapp,
    es_business: SEED.acmeGroup,
    es_waba: SEED.waba,
    es_phone: SEED.phone,
    es_share_waba: opts.share === false ? "no" : "yes",
  });
  if (!result.code || !result.esMessage) throw new Error(`no code: ${result.summary}`);
  return { code: result.code, message: JSON.parse(result.esMessage) as { event: string; data: Record<string, string> } };
}

/** A staff admin and a customer whose Sinch project, app and webhook were created by the real setup flow. */
export async function readyCustomer(db: Db) {
  const admin = await createUser(db, { role: "admin" });
  const staff = asStaff(db, admin.id);
  const { customerId } = await staff.customers.create({
    businessName: unique("Acme"),
    contactName: "Ada",
    contactEmail: `${unique("c")}@example.test`,
    region: "eu",
    projectMode: "subproject",
  });
  const outcome = await staff.customers.runSetup({ customerId });
  if (outcome.status !== "ready") throw new Error(`setup did not finish: ${JSON.stringify(outcome)}`);
  const app = await staff.customers.get({ customerId });
  return { admin, staff, customerId, appId: app.app!.appId };
}

export type Staff = Awaited<ReturnType<typeof readyCustomer>>["staff"];

/** Messenger or Instagram through the staff wizard: login in the emulator's dialog, pick the Page, connect. */
export async function connectPage(emu: EmulatorProcess, staff: Staff, customerId: string, channel: "MESSENGER" | "INSTAGRAM", pageId: string) {
  await staff.channels.begin({ customerId, channel, tokenType: "user" });
  const code = await pageLoginCode(emu, channel === "MESSENGER" ? "messenger" : "instagram", {
    pages: [SEED.bakery, SEED.outlet, SEED.studio],
    igs: [SEED.bakeryIg],
  });
  const login = await staff.channels.completeLogin({ customerId, channel, code });
  if (login.status !== "ok") throw new Error("login refused");
  await staff.channels.selectPage({ customerId, channel, sessionId: login.sessionId, pageId });
  return staff.channels.connect({ customerId, channel, sessionId: login.sessionId });
}

/** Invites the customer for `channels` and opens the link: a customer caller, exactly as in the browser. */
export async function invitedCustomer(db: Db, staff: ReturnType<typeof asStaff>, customerId: string, channels: Channel[]) {
  const grant = await staff.access.invite({ customerId, email: `${unique("guest")}@example.test`, channels, autoRevokeOnActive: true });
  const opened = await exchangeLink(db, { token: await linkTokenOf(db, grant.id), ip: unique("ip"), now: new Date() });
  if (!opened.ok) throw new Error("link did not open");
  return { grantId: grant.id, api: asCustomer(db, opened.sessionToken) };
}

/** Polls as the job would until the channel leaves `activating` (the emulator activates in ~200 ms). */
export async function settle(db: Db, customerId: string, channel: Channel, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await refreshConnection(db, customerId, channel);
    if (row && row.state !== "activating") return row;
    if (Date.now() > deadline) return row;
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Every log line the portal writes, at every level, captured for the token scan. */
export function captureLogs(): string[] {
  const lines: string[] = [];
  logger.level = "trace";
  (logger as unknown as Record<symbol, unknown>)[pino.symbols.streamSym] = { write: (s: string) => void lines.push(s) };
  return lines;
}

export async function issuedTokens(emu: EmulatorProcess): Promise<string[]> {
  const state = await emu.control<{ tokens: Array<{ token: string }> }>("GET", "/_emulator/meta/state");
  return state.tokens.map((t) => t.token);
}

export interface EmuApp {
  id: string;
  channel_credentials: Array<{ channel: string; state?: { status: string; description?: string } }>;
}

export async function emulatorApp(emu: EmulatorProcess, appId: string): Promise<EmuApp> {
  const all = await emu.control<{ apps: EmuApp[] } | EmuApp[]>("GET", "/_emulator/sinch/apps");
  const list = Array.isArray(all) ? all : all.apps;
  return list.find((a) => a.id === appId)!;
}

/** Reset, retried once: the first control call after a long migration can hit a keep-alive socket the emulator just closed. */
export async function resetEmulator(emu: EmulatorProcess) {
  try {
    await emu.control("POST", "/_emulator/reset");
  } catch {
    await emu.control("POST", "/_emulator/reset");
  }
}
