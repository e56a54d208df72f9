import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { secrets } from "@/server/crypto";
import type { Db } from "@/server/db/client";
import { conversationApps, customers, sinchProjects, webhooks } from "@/server/db/schema";
import { signSinchPayload } from "@/server/webhooks/sinch/verify";
import { forgetAppWebhook } from "@/server/services/inbox/app-webhook";
import { ingestSinchCallback } from "@/server/services/inbox/ingest";
import { unique } from "../helpers/factories";

export interface TestApp {
  customerId: string;
  appId: string;
  secret: string | null;
}

/** A customer with a Sinch project, a Conversation app and its portal webhook (secret encrypted). */
export async function createInboxApp(db: Db, opts: { unsigned?: boolean; humanAgentApproved?: boolean; name?: string } = {}): Promise<TestApp> {
  const [customer] = await db
    .insert(customers)
    .values({
      businessName: opts.name ?? unique("Biz"),
      contactName: "Owner",
      contactEmail: `${unique("owner")}@example.test`,
      region: "eu",
      projectMode: "subproject",
      humanAgentApproved: opts.humanAgentApproved ?? false,
    })
    .returning();
  const appId = `APP${randomBytes(8).toString("hex").toUpperCase()}`;
  await db.insert(sinchProjects).values({ customerId: customer!.id, projectId: unique("proj"), kind: "subproject", parentProjectId: "emu-parent-project" });
  await db.insert(conversationApps).values({ customerId: customer!.id, appId, region: "eu", displayName: "Test app" });
  const webhookId = randomUUID();
  const secret = opts.unsigned ? null : randomBytes(24).toString("base64url");
  await db.insert(webhooks).values({
    id: webhookId,
    customerId: customer!.id,
    appId,
    sinchWebhookId: unique("wh"),
    target: `http://portal.test/api/webhooks/sinch/${appId}`,
    triggers: ["MESSAGE_INBOUND"],
    secretCiphertext: secret === null ? null : secrets().encrypt(secret, { table: "webhooks", column: "secret_ciphertext", rowId: webhookId }),
  });
  forgetAppWebhook(appId);
  return { customerId: customer!.id, appId, secret };
}

export interface SignedRequest {
  body: Buffer;
  headers: Headers;
}

let nonceCounter = 0;
export const freshNonce = () => `01TEST${Date.now().toString(36).toUpperCase()}${(nonceCounter++).toString(36).toUpperCase()}${randomBytes(3).toString("hex").toUpperCase()}`;

/** Signs exactly the bytes that are sent, as Sinch does (contract section 8). */
export function signed(body: string | Buffer, secret: string, opts: { nonce?: string; timestamp?: number } = {}): SignedRequest {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const nonce = opts.nonce ?? freshNonce();
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const headers = new Headers({
    "content-type": "application/json",
    "x-sinch-webhook-signature": signSinchPayload(bytes, secret, nonce, timestamp),
    "x-sinch-webhook-signature-nonce": nonce,
    "x-sinch-webhook-signature-timestamp": timestamp,
    "x-sinch-webhook-signature-algorithm": "HmacSHA256",
  });
  return { body: bytes, headers };
}

const FIXTURES = "/work/shared/fixtures/sinch-callbacks";

/** The shared fixtures, re-addressed to the test app (the body is still signed as sent). */
export function fixtures(appId: string): Array<{ name: string; body: string }> {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((name) => ({ name, body: readFileSync(path.join(FIXTURES, name), "utf8").replace(/"app_id": "[^"]*"/g, `"app_id": "${appId}"`) }));
}

export function fixture(appId: string, name: string): string {
  const found = fixtures(appId).find((f) => f.name === name);
  if (!found) throw new Error(`no fixture ${name}`);
  return found.body;
}

/** A text message from a contact with fresh ids, so tests never collide. */
export function inboundText(appId: string, opts: { text?: string; messageId?: string; conversationId?: string; contactId?: string; identity?: string; channel?: string; at?: Date } = {}): string {
  const at = (opts.at ?? new Date()).toISOString();
  return JSON.stringify({
    app_id: appId,
    accepted_time: at,
    event_time: at,
    project_id: "proj",
    message: {
      id: opts.messageId ?? unique("MSG"),
      direction: "TO_APP",
      contact_message: { text_message: { text: opts.text ?? "Hello there" } },
      channel_identity: { channel: opts.channel ?? "INSTAGRAM", identity: opts.identity ?? "3964920326927846", app_id: appId },
      conversation_id: opts.conversationId ?? "CONV-1",
      contact_id: opts.contactId ?? "CONTACT-1",
      metadata: "",
      accept_time: at,
    },
  });
}

export function deliveryReport(appId: string, messageId: string, status: string, opts: { conversationId?: string; at?: Date; reason?: { code: string; description?: string; sub_code?: string } } = {}): string {
  const at = (opts.at ?? new Date()).toISOString();
  return JSON.stringify({
    app_id: appId,
    accepted_time: at,
    event_time: at,
    project_id: "proj",
    message_delivery_report: {
      message_id: messageId,
      conversation_id: opts.conversationId ?? "CONV-1",
      status,
      channel_identity: { channel: "INSTAGRAM", identity: "3964920326927846", app_id: appId },
      contact_id: "CONTACT-1",
      ...(opts.reason ? { reason: opts.reason } : {}),
      metadata: "",
    },
  });
}

/** Ingests a callback signed with the app's secret, as the webhook server would. */
export function sendSigned(db: Db, app: TestApp, body: string) {
  const req = signed(body, app.secret!);
  return ingestSinchCallback(db, { appId: app.appId, rawBody: req.body, headers: req.headers });
}

/** Two customers a minute ago: A-1 (Instagram, "111") and A-2 (Messenger, "222") for a; B-1 (WhatsApp, "333") for b. */
export async function seedTwoInboxes(db: Db, names: { a: string; b: string } = { a: "Alpha Shoes", b: "Beta Bikes" }) {
  const a = await createInboxApp(db, { name: names.a });
  const b = await createInboxApp(db, { name: names.b });
  const t = Date.now() - 60_000;
  await sendSigned(db, a, inboundText(a.appId, { conversationId: "A-1", contactId: "CA1", identity: "111", text: "Where is my parcel?", at: new Date(t) }));
  await sendSigned(db, a, inboundText(a.appId, { conversationId: "A-2", contactId: "CA2", identity: "222", channel: "MESSENGER", text: "Opening hours please", at: new Date(t + 1000) }));
  await sendSigned(db, b, inboundText(b.appId, { conversationId: "B-1", contactId: "CB1", identity: "333", channel: "WHATSAPP", text: "Bike repair quote", at: new Date(t + 2000) }));
  return { a, b };
}
