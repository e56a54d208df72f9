import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import type { Db } from "@/server/db/client";
import { deliveryReports, type Channel } from "@/server/db/schema";
import { systemActor } from "@/server/services/audit";
import { customerSinch } from "@/server/services/channels/context";
import type { RunView } from "@/server/services/diagnostics/run";
import { forgetAppWebhook } from "@/server/services/inbox/app-webhook";
import { ingestSinchCallback } from "@/server/services/inbox/ingest";
import { sinchGatewayFor } from "@/server/services/sinch-client";
import { updateSettings } from "@/server/services/settings";
import { ES_EXTRAS, pageLoginCode, readyCustomer, SCOPES, SEED, settle, submitDialog } from "../channels/helpers";
import { createTestDb } from "../helpers/db";
import { useEmulator, type EmulatorProcess } from "../helpers/emulator";

export { SEED } from "../channels/helpers";

/**
 * The portal's webhook endpoint as a tiny HTTP server over the real ingest service, so the
 * emulator's signed callbacks (inbound, delivery reports) land in the test database.
 */
export async function startReceiver(db: Db): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const appId = decodeURIComponent((req.url ?? "").split("/").pop() ?? "");
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      ingestSinchCallback(db, { appId, rawBody: Buffer.concat(chunks), headers })
        .then((r) => res.writeHead(r.status).end())
        .catch(() => res.writeHead(500).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await updateSettings(db, systemActor("test"), { "portal.publicUrl": url });
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

type Staff = Awaited<ReturnType<typeof readyCustomer>>["staff"];

let seq = 0;
/** Emulator ids restart after a reset, but this file's database remembers connected Pages: use ids of our own. */
const freshId = (prefix: string) => `${prefix}${(Date.now() % 1e8).toString().padStart(8, "0")}${(seq++ % 100).toString().padStart(2, "0")}`;

/** A Page of the seed user with every task and, optionally, a linked Instagram business account. */
export async function freshPage(emu: EmulatorProcess, opts: { instagram?: boolean } = {}) {
  const pageId = freshId("26");
  const igId = opts.instagram ? freshId("178") : null;
  await emu.control("POST", "/_emulator/meta/pages", {
    id: pageId,
    name: `Diag Page ${pageId}`,
    userId: SEED.user,
    tasks: ["MANAGE", "CREATE_CONTENT", "MODERATE", "MESSAGING", "ADVERTISE", "ANALYZE"],
    ...(igId ? { instagram: { id: igId, username: `diag${igId}`, accountType: "BUSINESS", allowAccessToMessages: true } } : {}),
  });
  return { pageId, igId };
}

export async function connectPage(emu: EmulatorProcess, db: Db, staff: Staff, customerId: string, channel: "MESSENGER" | "INSTAGRAM", page: { pageId: string; igId: string | null }) {
  const { pageId } = page;
  await staff.channels.begin({ customerId, channel, tokenType: "user" });
  const code = await pageLoginCode(emu, channel === "MESSENGER" ? "messenger" : "instagram", { pages: [pageId], igs: page.igId ? [page.igId] : [] });
  const login = await staff.channels.completeLogin({ customerId, channel, code });
  if (login.status !== "ok") throw new Error("login refused");
  await staff.channels.selectPage({ customerId, channel, sessionId: login.sessionId, pageId });
  await staff.channels.connect({ customerId, channel, sessionId: login.sessionId });
  const row = await settle(db, customerId, channel);
  expect(row?.state).toBe("active");
  return row!;
}

/** A fresh WABA with one registered number in Acme Group, then the Embedded Signup dialog sharing it. */
async function signupFresh(emu: EmulatorProcess) {
  const wabaId = freshId("40");
  const phoneId = freshId("50");
  await emu.control("POST", "/_emulator/meta/wabas", { id: wabaId, name: `Diag WABA ${wabaId}`, businessId: SEED.acmeGroup });
  await emu.control("POST", "/_emulator/meta/phone-numbers", { id: phoneId, wabaId, display_phone_number: `+1 555-${phoneId.slice(-7)}` });
  const result = await submitDialog(emu, {
    config_id: "emu-config-whatsapp",
    extras: ES_EXTRAS,
    action: "continue",
    perm: SCOPES.whatsapp,
    es_business: SEED.acmeGroup,
    es_waba: wabaId,
    es_phone: phoneId,
    es_share_waba: "yes",
  });
  if (!result.code) throw new Error(`no code: ${result.summary}`);
  return { code: result.code, wabaId, phoneId };
}

export async function connectWhatsApp(emu: EmulatorProcess, db: Db, staff: Staff, customerId: string) {
  const { code, wabaId, phoneId } = await signupFresh(emu);
  await staff.channels.whatsappSignup({ customerId, code, event: "FINISH", wabaId, phoneNumberId: phoneId, businessId: SEED.acmeGroup, region: "EU", metaLocalStorage: "DE" });
  // The poll reads the ACTIVE sender's bearer token and writes the credential: no staff step.
  const row = await settle(db, customerId, "WHATSAPP");
  expect(row?.state).toBe("active");
  const senderId = row!.senderId!;
  const { token } = await emu.control<{ token: string }>("GET", `/_emulator/sinch/senders/${senderId}/token`);
  return { row: row!, senderId, senderToken: token, wabaId, phoneId };
}

/** A customer with the real setup flow, one connected channel, and callbacks flowing into `db`. */
export async function connectedCustomer(emu: EmulatorProcess, db: Db, channel: Channel) {
  const ready = await readyCustomer(db);
  if (channel === "WHATSAPP") {
    const wa = await connectWhatsApp(emu, db, ready.staff, ready.customerId);
    return { ...ready, connection: wa.row, senderId: wa.senderId, senderToken: wa.senderToken, page: null, whatsapp: { wabaId: wa.wabaId, phoneId: wa.phoneId } };
  }
  const page = await freshPage(emu, { instagram: channel === "INSTAGRAM" });
  const connection = await connectPage(emu, db, ready.staff, ready.customerId, channel, page);
  return { ...ready, connection, page, senderId: null, senderToken: null, whatsapp: null };
}

/** The contact writes (opening the window); returns the Sinch contact id to reply to. */
export async function inbound(emu: EmulatorProcess, appId: string, channel: Channel, identity = "contact-1", extra: Record<string, unknown> = {}) {
  const res = await emu.control<{ contactId: string }>("POST", `/_emulator/sinch/apps/${appId}/inbound`, { channel, identity, kind: "text", text: "hello", ...extra });
  return res.contactId;
}

/** Sends through the real Sinch client and waits until the delivery report is stored. */
export async function sendAndWaitReport(db: Db, customerId: string, to: string | { identity: string }, channel: Channel, message: Record<string, unknown> = { text_message: { text: "hi" } }) {
  const sinch = await customerSinch(db, customerId);
  const recipient = typeof to === "string" ? { contactId: to } : { channelIdentities: [{ channel, identity: to.identity }] };
  const sent = await sinch.conversation.sendMessage({ appId: sinch.appId, recipient, message, channelPriorityOrder: [channel] });
  const deadline = Date.now() + 8000;
  for (;;) {
    const rows = await db.select().from(deliveryReports).where(and(eq(deliveryReports.sinchMessageId, sent.messageId)));
    const terminal = rows.find((r) => ["FAILED", "DELIVERED", "READ"].includes(r.status));
    if (terminal) return terminal;
    if (Date.now() > deadline) throw new Error(`no delivery report for ${sent.messageId}: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function checkOf(run: RunView | null | undefined, id: string) {
  const c = run?.checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id} in ${JSON.stringify(run?.checks.map((x) => x.id))}`);
  return c;
}

export async function issuedMetaTokens(emu: EmulatorProcess): Promise<string[]> {
  const state = await emu.control<{ tokens: Array<{ token: string }> }>("GET", "/_emulator/meta/state");
  return state.tokens.map((t) => t.token);
}

export async function webhookSecrets(emu: EmulatorProcess, appId: string): Promise<string[]> {
  const res = await emu.control<{ webhooks: Array<{ secret?: string }> } | Array<{ secret?: string }>>("GET", `/_emulator/sinch/apps/${appId}/webhooks`);
  const list = Array.isArray(res) ? res : res.webhooks;
  return list.map((w) => w.secret).filter((s): s is string => typeof s === "string" && s.length > 0);
}

/** Fails if any secret value appears anywhere in `value` (serialised). */
export function expectNoSecrets(value: unknown, secrets: string[]) {
  const text = JSON.stringify(value);
  for (const s of secrets) expect(text.includes(s), `secret ${s.slice(0, 6)}… leaked`).toBe(false);
}

/**
 * Per-file wiring shared by the diagnostics tests: the emulator process, a fresh database, a
 * callback receiver, and a clean emulator (with no cached Sinch token or app webhook) per test.
 */
export function useDiagnosticsWorld(): { emu: { current: EmulatorProcess }; db: Db } {
  const emu = useEmulator();
  const world = { emu, db: undefined as unknown as Db };
  let handle: Awaited<ReturnType<typeof createTestDb>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    handle = await createTestDb();
    world.db = handle.db;
    receiver = await startReceiver(handle.db);
  });
  afterAll(async () => {
    await receiver.close();
    await handle.close();
  });
  beforeEach(async () => {
    await emu.current.control("POST", "/_emulator/reset");
    (await sinchGatewayFor(handle.db)).tokens.invalidate();
    forgetAppWebhook();
  });
  return world;
}
