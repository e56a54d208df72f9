import type { InboundVerdict, MetaChannel, SendVerdict } from "../world";
import { waText } from "./errors";
import type { MetaState } from "./state";

const DAY_MS = 86_400_000;
/** Fields Sinch subscribes a Page to when a Messenger / Instagram channel becomes active. */
const SINCH_PAGE_FIELDS = ["messages", "messaging_postbacks", "message_deliveries", "message_reads", "message_echoes"];

/**
 * WhatsApp send verdict from the phone alone. Registration problems come first, as Cloud API rejects
 * an unregistered number before looking at the conversation window.
 */
export function checkPhoneSend(state: MetaState, phoneId: string, opts: { lastInboundAt?: number; template?: boolean }): SendVerdict {
  const phone = state.phones.get(phoneId);
  if (!phone) return { ok: false, code: 100, subcode: 33, message: `Unsupported post request. Object with ID '${phoneId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.` };
  // An unregistered number with a mismatching two-step PIN fails Sinch's own registration attempt.
  if (!phone.registered && phone.forcePinMismatch) return waText(133005, "Two step verification PIN Mismatch");
  if (!phone.registered) return waText(133010, "Account not registered");
  if (phone.status !== "CONNECTED") return waText(131045, "Incorrect certificate: Message failed to send due to a phone number registration error");
  if (phone.name_status !== "APPROVED" && phone.name_status !== "AVAILABLE_WITHOUT_REVIEW") {
    return waText(131037, "WhatsApp provided number needs display name approval before message can be sent.");
  }
  if (!phone.paymentMethod) return waText(131042, "Business eligibility payment issue");
  if (!opts.template && opts.lastInboundAt !== undefined && state.clock.now() - opts.lastInboundAt > DAY_MS) {
    return waText(131047, "Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied to this number");
  }
  return { ok: true };
}

function wabaOf(state: MetaState, assetId: string): string | undefined {
  if (state.wabas.has(assetId)) return assetId;
  return state.phones.get(assetId)?.wabaId;
}

/**
 * Meta sends a webhook only to apps subscribed to the asset, only while Instagram's "Allow access to
 * messages" is on, and, for an app in development mode, only about people with a role on the app.
 */
export function inboundRoute(state: MetaState, channel: MetaChannel, assetId: string, opts: { senderHasAppRole?: boolean }): InboundVerdict {
  const appId = state.config.appId;
  if (state.app.mode === "development" && opts.senderHasAppRole === false) {
    return { ok: false, reason: `Meta app ${appId} is in development mode: messages from people without an app role are not sent to its webhooks (M3/M14)` };
  }
  if (channel === "WHATSAPP") {
    const wabaId = wabaOf(state, assetId);
    if (!wabaId) return { ok: false, reason: `WhatsApp asset ${assetId} is unknown at Meta` };
    const subs = state.subscriptionsOf(wabaId);
    if (!subs.some((s) => s.appId === appId)) return { ok: false, reason: `WABA ${wabaId} is not subscribed to app ${appId} (GET /${wabaId}/subscribed_apps lacks it, M11)` };
    const overridden = subs.find((s) => s.override_callback_uri);
    if (overridden) return { ok: false, reason: `WABA ${wabaId} callbacks are overridden to ${overridden.override_callback_uri} by app ${overridden.appId} (M11)` };
    return { ok: true };
  }
  let pageId = assetId;
  if (channel === "INSTAGRAM") {
    const ig = state.instagram.get(assetId);
    const page = state.pageOfIg(assetId);
    if (!ig || !page || ig.accountType === "PERSONAL") return { ok: false, reason: `Instagram account ${assetId} is not a professional account linked to a Page (M4)` };
    if (!ig.allowAccessToMessages) return { ok: false, reason: `Instagram account ${assetId} has "Allow access to messages" off (M5)` };
    pageId = page.id;
  }
  if (!state.pages.has(pageId)) return { ok: false, reason: `Page ${pageId} is unknown at Meta` };
  const sub = state.subscriptionsOf(pageId).find((s) => s.appId === appId);
  // Messenger needs the Page's `messages` field; Instagram needs the linked Page subscribed to any
  // field (its own fields are set on the app: developers.facebook.com/docs/graph-api/webhooks/getting-started/webhooks-for-instagram/).
  if (!sub || (channel === "INSTAGRAM" ? sub.subscribed_fields.length === 0 : !sub.subscribed_fields.includes("messages"))) {
    return { ok: false, reason: `Page ${pageId} is not subscribed to app ${appId} for messages (GET /${pageId}/subscribed_apps lacks it, ${channel === "INSTAGRAM" ? "M6" : "M3"})` };
  }
  return { ok: true };
}

/** Adds the app's subscription unless one exists (an existing entry keeps its fields and override). */
export function subscribeAsset(state: MetaState, channel: MetaChannel, assetId: string): void {
  const appId = state.config.appId;
  const target = channel === "WHATSAPP" ? wabaOf(state, assetId) : channel === "INSTAGRAM" ? state.pageOfIg(assetId)?.id : state.pages.has(assetId) ? assetId : undefined;
  if (!target || state.subscriptionsOf(target).some((s) => s.appId === appId)) return;
  state.subscribe(target, { appId, name: state.config.appName, subscribed_fields: channel === "WHATSAPP" ? [] : channel === "INSTAGRAM" ? ["feed"] : [...SINCH_PAGE_FIELDS] });
}
