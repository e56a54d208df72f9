import { and, eq, ne, notInArray, or } from "drizzle-orm";
import { secrets } from "@/server/crypto";
import type { Db } from "@/server/db/client";
import { channelConnections } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { IntegrationError } from "@/server/integrations/errors";
import { scopeCoversAsset } from "@/server/integrations/meta/transform";
import type { SenderRegion } from "@/server/integrations/sinch/provisioning";
import { audit, type Actor } from "../audit";
import { metaGraphFor } from "../sinch-client";
import { connectionTokenCtx, customerSinch, ensureConnection, findConnection, senderTokenCtx } from "./context";
import { loginFailure, loginTokenType } from "./login";
import { refreshConnection, startPolling } from "./poll";
import { REQUIRED_SCOPES } from "./requirements";
import { applyToCurrentConnection } from "./transitions";

export interface SignupInput {
  code: string;
  event: string;
  wabaId: string;
  phoneNumberId: string;
  businessId?: string;
  region: SenderRegion;
  metaLocalStorage: string;
}

function upstream(err: unknown): never {
  if (err instanceof IntegrationError) throw new AppError("UPSTREAM_FAILED", { userMessage: err.userMessage, reason: err.code, cause: err });
  throw err;
}

/**
 * Embedded Signup, back end only: the code is exchanged at once (it lives 30 s), the WABA must be
 * among the shared assets (catalogue M13), the app is subscribed to the WABA, and the Sinch sender
 * is created; the poll job follows it to ACTIVE, reads its bearer token and adds the WHATSAPP credential.
 */
export async function whatsappSignup(db: Db, actor: Actor, customerId: string, input: SignupInput) {
  // A number live for another customer is not offered here; its owner is not confirmed either.
  const [held] = await db
    .select({ id: channelConnections.id })
    .from(channelConnections)
    .where(
      and(
        eq(channelConnections.channel, "WHATSAPP"),
        ne(channelConnections.customerId, customerId),
        or(eq(channelConnections.phoneNumberId, input.phoneNumberId), eq(channelConnections.wabaId, input.wabaId)),
        notInArray(channelConnections.state, ["disconnected", "not_started"]),
      ),
    )
    .limit(1);
  if (held) throw new AppError("NOT_FOUND", { userMessage: "This WhatsApp account or number is not available to connect here. Run the signup again and choose another one.", reason: "waba_taken" });
  const sinch = await customerSinch(db, customerId);
  const graph = await metaGraphFor(db);
  let token: string;
  let debug;
  try {
    token = (await graph.exchangeCode(input.code)).accessToken;
    debug = await graph.debugToken(token);
  } catch (err) {
    return loginFailure(db, actor, customerId, "WHATSAPP", err);
  }
  const missing = REQUIRED_SCOPES.WHATSAPP.filter((s) => !debug.scopes.includes(s));
  if (missing.length) {
    await audit(db, { actor, action: "channel.login_failed", target: { type: "channel", id: "WHATSAPP" }, customerId, metadata: { channel: "WHATSAPP", reason: "scope_missing", missing } });
    throw new AppError("BAD_REQUEST", { userMessage: `These permissions were not granted: ${missing.join(", ")}. Run the signup again and allow every permission.`, reason: "scope_missing" });
  }
  if (!scopeCoversAsset(debug, "whatsapp_business_management", input.wabaId)) {
    await audit(db, { actor, action: "channel.login_failed", target: { type: "waba", id: input.wabaId }, customerId, metadata: { channel: "WHATSAPP", reason: "asset_not_shared" } });
    throw new AppError("BAD_REQUEST", { userMessage: "The WhatsApp Business Account was not shared with us. Run the signup again and keep “Share the selected WhatsApp account” ticked.", reason: "waba_not_shared" });
  }
  await audit(db, { actor, action: "channel.login_completed", target: { type: "waba", id: input.wabaId }, customerId, metadata: { channel: "WHATSAPP", event: input.event, loginKind: debug.type } });
  const row = await ensureConnection(db, customerId, "WHATSAPP");
  let displayPhoneNumber: string | null = null;
  let dataLocalizationRegion: string | null = null;
  try {
    const phones = await graph.getWabaPhoneNumbers(input.wabaId, token);
    const phone = phones.find((p) => p.id === input.phoneNumberId);
    displayPhoneNumber = phone?.displayPhoneNumber ?? null;
    dataLocalizationRegion = phone?.dataLocalizationRegion ?? null;
    await graph.subscribeApp(input.wabaId, token);
  } catch (err) {
    upstream(err);
  }
  await audit(db, { actor, action: "channel.subscribed", target: { type: "waba", id: input.wabaId }, customerId, metadata: { channel: "WHATSAPP" } });
  const sender = await sinch.gateway.provisioning
    .createWhatsAppSender(sinch.projectId, { region: input.region, metaLocalStorage: input.metaLocalStorage, wabaId: input.wabaId, phoneNumberId: input.phoneNumberId })
    .catch(upstream);
  await audit(db, { actor, action: "channel.sender_created", target: { type: "sender", id: sender.id }, customerId, metadata: { region: input.region, metaLocalStorage: input.metaLocalStorage, state: sender.state } });
  // The sender now exists at Sinch: the row records it as it stands now (a poll of an earlier
  // sender may have moved it while the calls above ran).
  const updated = await applyToCurrentConnection(
    db,
    row.id,
    {
      state: "activating",
      wabaId: input.wabaId,
      phoneNumberId: input.phoneNumberId,
      displayPhoneNumber,
      dataLocalizationRegion,
      businessId: input.businessId ?? null,
      senderId: sender.id,
      senderState: sender.state,
      senderRegion: input.region,
      metaLocalStorage: input.metaLocalStorage,
      // A new sender needs its own bearer token: the previous one (if any) belongs to the old sender.
      senderTokenCiphertext: null,
      sinchStatus: null,
      sinchDescription: `Meta is setting up the number (sender ${sender.state}).`,
      tokenType: loginTokenType(debug) === "system_user" ? "business" : "user",
      tokenCiphertext: secrets().encrypt(token, connectionTokenCtx(row.id)),
      tokenExpiresAt: debug.expiresAt,
      dataAccessExpiresAt: debug.dataAccessExpiresAt,
      grantedScopes: debug.scopes,
      connectedBy: actor.label,
    },
    actor,
  );
  await startPolling(updated);
  return updated;
}

/**
 * Fallback for a sender object without `bearerToken` (normally the poll reads it from the ACTIVE
 * sender): staff paste the token once. Stored encrypted; an ACTIVE sender gets its credential at once.
 */
export async function setSenderToken(db: Db, actor: Actor, customerId: string, token: string) {
  const row = await findConnection(db, customerId, "WHATSAPP");
  if (!row?.senderId) throw new AppError("PRECONDITION_FAILED", { userMessage: "There is no WhatsApp sender for this customer yet. Run the WhatsApp signup first.", reason: "no_sender" });
  await applyToCurrentConnection(db, row.id, { senderTokenCiphertext: secrets().encrypt(token.trim(), senderTokenCtx(row.id)), sinchStatus: null, state: "activating" }, actor);
  await audit(db, { actor, action: "channel.sender_token_set", target: { type: "sender", id: row.senderId }, customerId, metadata: { channel: "WHATSAPP" } });
  const refreshed = await refreshConnection(db, customerId, "WHATSAPP");
  if (refreshed) await startPolling(refreshed);
  return refreshed ?? row;
}
