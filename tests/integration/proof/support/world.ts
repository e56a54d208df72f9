import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { secrets } from "@/server/crypto";
import type { Db } from "@/server/db/client";
import {
  accessGrants,
  channelConnections,
  channelLoginSessions,
  conversationApps,
  conversations,
  customerSessions,
  customers,
  eventDeliveries,
  eventEndpoints,
  notifications,
  outboundEmails,
  outgoingEvents,
  passwordTokens,
  setupSteps,
  sinchProjects,
  users,
  webhookEvents,
  webhooks,
} from "@/server/db/schema";
import { hashPassword } from "@/server/auth/password";
import { sha256Hex } from "@/server/lib/tokens";
import { createApiKey } from "@/server/services/api-keys";
import { audit } from "@/server/services/audit";
import { forgetAppWebhook } from "@/server/services/inbox/app-webhook";
import { ingestSinchCallback } from "@/server/services/inbox/ingest";
import { updateSettings } from "@/server/services/settings";
import { signSinchPayload } from "@/server/webhooks/sinch/verify";
import { canary, type CanarySet } from "./canaries";

const HOUR = 3_600_000;
const encrypt = (value: string, table: string, column: string, rowId: string) => secrets().encrypt(value, { table, column, rowId });
const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join("").replace(/^0/, "1");

/** Everything one customer owns, with the ids the matrix substitutes into procedure inputs. */
export interface CustomerFixture {
  name: "A" | "B";
  customerId: string;
  appId: string;
  webhookId: string;
  grantId: string;
  expiredGrantId: string;
  revokedGrantId: string;
  sessionToken: string;
  expiredSessionToken: string;
  revokedSessionToken: string;
  loginSessionId: string;
  connectionId: string;
  conversationId: string;
  eventId: string;
  emailId: string;
  notificationId: string;
  pageId: string;
  wabaId: string;
  phoneNumberId: string;
  canaries: CanarySet;
}

/** Staff accounts and portal-wide secrets: created once per database. */
export interface GlobalFixture {
  adminId: string;
  staffId: string;
  disabledId: string;
  /** A staff member the staff procedures act on (role change, reset…), never a caller. */
  targetUserId: string;
  /** An outgoing-events endpoint (portal-wide) and one delivery of it. */
  endpointId: string;
  deliveryId: string;
  /** An automation API key (portal-wide); its token is a secret canary. */
  apiKeyId: string;
  canaries: CanarySet;
}

export async function createGlobalFixture(db: Db): Promise<GlobalFixture> {
  const set: CanarySet = {
    owner: "portal",
    data: {},
    secret: {
      password: canary("portal", "password"),
      passwordToken: canary("portal", "pwtoken"),
      sinchKeySecret: canary("portal", "sinchkey"),
      metaAppSecret: canary("portal", "metasecret"),
      eventSecret: `whsec_${canary("portal", "eventsecret")}`,
      previousEventSecret: `whsec_${canary("portal", "preveventsecret")}`,
    },
  };
  const mk = async (role: "admin" | "staff", extra: Partial<typeof users.$inferInsert> = {}) => {
    const email = `${canary("staff", role)}@example.test`;
    const [row] = await db.insert(users).values({ email, name: email.split("@")[0]!, role, ...extra }).returning();
    return row!;
  };
  const admin = await mk("admin", { passwordHash: await hashPassword(set.secret.password!) });
  const staff = await mk("staff");
  const disabled = await mk("admin", { disabledAt: new Date() });
  const target = await mk("staff");
  await db.insert(passwordTokens).values({ userId: target.id, tokenHash: sha256Hex(set.secret.passwordToken!), expiresAt: new Date(Date.now() + HOUR) });
  await updateSettings(db, { type: "system", label: "proof world" }, { "sinch.keySecret": set.secret.sinchKeySecret, "meta.appSecret": set.secret.metaAppSecret });
  const events = await eventFixture(db, set);
  const apiKey = await createApiKey(db, { name: canary("portal", "apikey"), scope: "full", actorUserId: admin.id });
  set.secret.apiKeyToken = apiKey.token;
  return { adminId: admin.id, staffId: staff.id, disabledId: disabled.id, targetUserId: target.id, ...events, apiKeyId: apiKey.key.id, canaries: set };
}

/** An endpoint mid-rotation (both secret columns filled) with one delivery; port 9 refuses at once. */
async function eventFixture(db: Db, set: CanarySet) {
  const endpointId = randomUUID();
  await db.insert(eventEndpoints).values({
    id: endpointId,
    url: "http://127.0.0.1:9/portal-events",
    eventTypes: ["customer.ready", "access.ended"],
    secretCiphertext: encrypt(set.secret.eventSecret!, "event_endpoints", "secret_ciphertext", endpointId),
    secretHint: "set",
    previousSecretCiphertext: encrypt(set.secret.previousEventSecret!, "event_endpoints", "previous_secret_ciphertext", endpointId),
    previousSecretExpiresAt: new Date(Date.now() + HOUR),
    createdBy: "proof",
  });
  const [event] = await db.insert(outgoingEvents).values({ type: "customer.ready", data: { proof: true }, occurredAt: new Date() }).returning();
  const [delivery] = await db.insert(eventDeliveries).values({ eventId: event!.id, endpointId, status: "failed", attempts: 1 }).returning();
  return { endpointId, deliveryId: delivery!.id };
}

async function grantWithSession(db: Db, customerId: string, set: CanarySet, kind: "live" | "expired" | "revoked") {
  const now = Date.now();
  const [grant] = await db
    .insert(accessGrants)
    .values({
      customerId,
      invitedEmail: `${set.data.guestEmail}`,
      channels: ["MESSENGER", "INSTAGRAM", "WHATSAPP"],
      note: set.data.grantNote,
      tokenHash: sha256Hex(kind === "live" ? set.secret.linkToken! : randomBytes(32).toString("base64url")),
      expiresAt: new Date(kind === "expired" ? now - HOUR : now + 48 * HOUR),
      usedAt: new Date(now - 60_000),
      endedAt: kind === "revoked" ? new Date(now - 30_000) : null,
      endReason: kind === "revoked" ? "revoked" : null,
      endedBy: kind === "revoked" ? "proof" : null,
      revokeReason: kind === "revoked" ? set.data.revokeReason : null,
      autoRevokeOnActive: false,
      createdBy: "proof",
      createdAt: new Date(now - 2 * HOUR),
    })
    .returning();
  const token = kind === "live" ? set.secret.sessionToken! : canary(set.owner, `${kind}session`);
  if (kind !== "live") set.secret[`${kind}SessionToken`] = token;
  await db.insert(customerSessions).values({ grantId: grant!.id, tokenHash: sha256Hex(token) });
  return { grantId: grant!.id, token };
}

/** A signed inbound message through the real ingest path: event, contact, conversation, message. */
async function inboundMessage(db: Db, appId: string, secret: string, set: CanarySet) {
  const at = new Date().toISOString();
  const body = JSON.stringify({
    app_id: appId,
    accepted_time: at,
    event_time: at,
    project_id: "proj",
    message: {
      id: `MSG${randomBytes(8).toString("hex").toUpperCase()}`,
      direction: "TO_APP",
      contact_message: { text_message: { text: `Hello ${set.data.messageText}` } },
      channel_identity: { channel: "MESSENGER", identity: digits(16), app_id: appId },
      conversation_id: `CONV${randomBytes(6).toString("hex").toUpperCase()}`,
      contact_id: `CONTACT${randomBytes(6).toString("hex").toUpperCase()}`,
      metadata: "",
      accept_time: at,
    },
  });
  const nonce = `01PROOF${randomBytes(8).toString("hex").toUpperCase()}`;
  const ts = String(Math.floor(Date.now() / 1000));
  const headers = new Headers({
    "content-type": "application/json",
    "x-sinch-webhook-signature": signSinchPayload(body, secret, nonce, ts),
    "x-sinch-webhook-signature-nonce": nonce,
    "x-sinch-webhook-signature-timestamp": ts,
    "x-sinch-webhook-signature-algorithm": "HmacSHA256",
  });
  const result = await ingestSinchCallback(db, { appId, rawBody: Buffer.from(body), headers });
  if (result.status !== 200 || !("eventId" in result) || !result.eventId) throw new Error(`world: inbound callback not stored (${JSON.stringify(result)})`);
  const [conversation] = await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.appId, appId));
  return { eventId: result.eventId, conversationId: conversation!.id };
}

/**
 * One customer with data in every table a procedure can reach, canaries in every name, email,
 * note and secret column. Rows are inserted directly (plus one real callback), so the world does
 * not depend on the flows other tests exercise.
 */
export async function createCustomerFixture(db: Db, name: "A" | "B"): Promise<CustomerFixture> {
  const c = (kind: string) => canary(name, kind);
  const set: CanarySet = {
    owner: name,
    data: {
      businessName: c("business"),
      contactName: c("contact"),
      contactEmail: `${c("contactmail")}@example.test`,
      guestEmail: `${c("guestmail")}@example.test`,
      grantNote: c("grantnote"),
      revokeReason: c("revokereason"),
      pageName: c("pagename"),
      messageText: c("message"),
      emailBody: c("emailbody"),
      notification: c("notification"),
    },
    secret: {
      keySecret: c("keysecret"),
      webhookSecret: c("whsecret"),
      metaToken: c("metatoken"),
      senderToken: c("sendertoken"),
      loginToken: c("logintoken"),
      linkToken: c("linktoken"),
      sessionToken: c("session"),
    },
  };
  const [customer] = await db
    .insert(customers)
    .values({
      businessName: `Business ${set.data.businessName}`,
      contactName: `Contact ${set.data.contactName}`,
      contactEmail: set.data.contactEmail!,
      region: "eu",
      projectMode: "existing_project",
      setupStatus: "ready",
      lastActivityAt: new Date(),
    })
    .returning();
  const customerId = customer!.id;
  const projectRowId = randomUUID();
  await db.insert(sinchProjects).values({
    id: projectRowId,
    customerId,
    projectId: `proj-${randomBytes(6).toString("hex")}`,
    kind: "project",
    keyId: `key-${randomBytes(6).toString("hex")}`,
    keySecretCiphertext: encrypt(set.secret.keySecret!, "sinch_projects", "key_secret_ciphertext", projectRowId),
    keySecretHint: "…",
  });
  const appId = `APP${randomBytes(8).toString("hex").toUpperCase()}`;
  await db.insert(conversationApps).values({ customerId, appId, region: "eu", displayName: `App ${name}` });
  const webhookId = randomUUID();
  await db.insert(webhooks).values({
    id: webhookId,
    customerId,
    appId,
    sinchWebhookId: `wh-${randomBytes(6).toString("hex")}`,
    target: `http://portal.test/api/webhooks/sinch/${appId}`,
    triggers: ["MESSAGE_INBOUND", "MESSAGE_DELIVERY"],
    secretCiphertext: encrypt(set.secret.webhookSecret!, "webhooks", "secret_ciphertext", webhookId),
  });
  forgetAppWebhook(appId);
  for (const step of ["project", "app", "webhook"] as const) await db.insert(setupSteps).values({ customerId, step, status: "done", resultRef: step === "app" ? appId : null });

  const pageId = digits(15);
  const connectionId = randomUUID();
  await db.insert(channelConnections).values([
    {
      id: connectionId,
      customerId,
      channel: "MESSENGER",
      state: "active",
      pageId,
      pageName: set.data.pageName,
      tokenType: "user",
      tokenCiphertext: encrypt(set.secret.metaToken!, "channel_connections", "token_ciphertext", connectionId),
      grantedScopes: ["pages_messaging"],
      connectedBy: "proof",
    },
  ]);
  const waId = randomUUID();
  const wabaId = digits(15);
  const phoneNumberId = digits(15);
  await db.insert(channelConnections).values({
    id: waId,
    customerId,
    channel: "WHATSAPP",
    state: "active",
    wabaId,
    phoneNumberId,
    displayPhoneNumber: "+1 555 0100",
    senderTokenCiphertext: encrypt(set.secret.senderToken!, "channel_connections", "sender_token_ciphertext", waId),
    tokenType: "system_user",
    tokenCiphertext: encrypt(set.secret.metaToken!, "channel_connections", "token_ciphertext", waId),
    connectedBy: "proof",
  });
  const loginSessionId = randomUUID();
  await db.insert(channelLoginSessions).values({
    id: loginSessionId,
    customerId,
    channel: "MESSENGER",
    tokenType: "user",
    tokenCiphertext: encrypt(set.secret.loginToken!, "channel_login_sessions", "token_ciphertext", loginSessionId),
    grantedScopes: ["pages_messaging", "pages_show_list"],
    granularScopes: [{ scope: "pages_messaging", targetIds: [pageId] }],
    pageId,
    pageName: set.data.pageName,
    createdBy: "proof",
    expiresAt: new Date(Date.now() + HOUR / 2),
  });

  const live = await grantWithSession(db, customerId, set, "live");
  const expired = await grantWithSession(db, customerId, set, "expired");
  const revoked = await grantWithSession(db, customerId, set, "revoked");

  const emailId = randomUUID();
  await db.insert(outboundEmails).values({
    id: emailId,
    to: set.data.guestEmail!,
    subject: "Your access",
    bodyCiphertext: encrypt(`Body ${set.data.emailBody}`, "outbound_emails", "body_ciphertext", emailId),
    kind: "access.invite",
    customerId,
    grantId: live.grantId,
    status: "sent",
    sentAt: new Date(),
  });
  const [note] = await db
    .insert(notifications)
    .values({ kind: "grant.completed", title: "Proof", body: `About ${set.data.notification}`, customerId, href: `/customers/${customerId}` })
    .returning();
  await audit(db, { actor: { type: "system", label: "proof" }, action: "customer.updated", target: { type: "customer", id: customerId }, customerId, metadata: { note: set.data.grantNote } });
  const inbox = await inboundMessage(db, appId, set.secret.webhookSecret!, set);

  return {
    name,
    customerId,
    appId,
    webhookId,
    grantId: live.grantId,
    expiredGrantId: expired.grantId,
    revokedGrantId: revoked.grantId,
    sessionToken: live.token,
    expiredSessionToken: expired.token,
    revokedSessionToken: revoked.token,
    loginSessionId,
    connectionId,
    conversationId: inbox.conversationId,
    eventId: inbox.eventId,
    emailId,
    notificationId: note!.id,
    pageId,
    wabaId,
    phoneNumberId,
    canaries: set,
  };
}

/** Sanity for the fixture: the raw callback row exists (the dump scan relies on it). */
export async function eventCount(db: Db, appId: string): Promise<number> {
  return (await db.select({ id: webhookEvents.id }).from(webhookEvents).where(eq(webhookEvents.appId, appId))).length;
}
