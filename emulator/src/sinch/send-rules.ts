import type { SendVerdict } from "../world";
import { credentialToken, metaText, setCredentialState } from "./credentials";
import type { App, Contact, SinchState } from "./state";

export interface Failure {
  code: string;
  description: string;
  sub_code?: string;
  /** Failed at the channel (after QUEUED_ON_CHANNEL) rather than inside Sinch. */
  atChannel: boolean;
}

const UNREACHABLE_TEXT: Record<string, string> = {
  WHATSAPP: "The underlying channel reported: (#131026) Message undeliverable",
  MESSENGER: "The underlying channel reported: (#551) This person isn't available right now. (subcode 1545041)",
  INSTAGRAM: "The underlying channel reported: (#551) This person isn't available right now. (subcode 1545041)",
};

type Obj = Record<string, unknown>;

/** The `MESSENGER_MESSAGE_TAG` / `INSTAGRAM_MESSAGE_TAG` channel property, passed to Meta as the message tag. */
function messageTag(channel: string, props: Obj): string | undefined {
  const v = props[`${channel}_MESSAGE_TAG`];
  return channel !== "WHATSAPP" && typeof v === "string" && v !== "" ? v : undefined;
}

function metaFailure(v: Exclude<SendVerdict, { ok: true }>): Failure {
  const sub = v.subcode;
  const description = `The underlying channel reported: ${metaText(v)}${sub ? ` (subcode ${sub})` : ""}`;
  const code = (() => {
    if (v.code === 190 || v.code === 104) return "INACTIVE_CREDENTIAL";
    if (v.code === 100 && sub === 33) return "CHANNEL_BAD_CONFIGURATION";
    if (v.code === 131047 || (v.code === 10 && sub !== undefined && [2018278, 2534022, 2018065].includes(sub))) return "OUTSIDE_ALLOWED_SENDING_WINDOW";
    if (v.code === 551 || v.code === 131026 || (sub !== undefined && [2018108, 1545041].includes(sub))) return "RECIPIENT_NOT_REACHABLE";
    if ([4, 17, 32, 613, 130429, 131056].includes(v.code)) return "RATE_LIMITED";
    return "CHANNEL_FAILURE";
  })();
  return { code, description, atChannel: true };
}

/**
 * Decides what happens to one outbound message on one channel, in the order Sinch would notice:
 * app configuration, credential state, recipient, then Meta's answer (which owns the messaging window).
 */
export function evaluateSend(state: SinchState, app: App, contact: Contact, message: Obj, props: Obj): Failure | undefined {
  const channel = contact.channel;
  const cred = app.credentials.find((c) => c.channel === channel);
  if (!cred) return { code: "CHANNEL_CONFIGURATION_MISSING", description: `App ${app.id} has no credential for channel ${channel}`, atChannel: false };
  if (cred.status !== "ACTIVE") {
    const why = cred.description ? `: ${cred.description}` : "";
    return { code: "INACTIVE_CREDENTIAL", description: `The ${channel} credential of app ${app.id} is ${cred.status}${why}`, atChannel: false };
  }
  let assetId = cred.channelKnownId ?? "";
  if (channel === "WHATSAPP") {
    const sb = cred.request.static_bearer as Obj | undefined;
    const sender = state.senders.get(String(sb?.claimed_identity ?? ""));
    if (!sender || sender.state !== "ACTIVE") {
      return {
        code: "INACTIVE_CREDENTIAL",
        sub_code: "INACTIVE_SENDER",
        description: `WhatsApp sender ${String(sb?.claimed_identity ?? "")} is ${sender?.state ?? "unknown"}`,
        atChannel: false,
      };
    }
    assetId = sender.phoneNumberId;
  }
  if (channel === "INSTAGRAM") {
    const ic = cred.request.instagram_credentials as Obj | undefined;
    assetId = String(ic?.business_account_id ?? assetId);
  }
  if (contact.blocked) {
    return { code: "RECIPIENT_NOT_REACHABLE", description: UNREACHABLE_TEXT[channel] ?? "The recipient is not reachable on this channel", atChannel: true };
  }
  if (channel !== "WHATSAPP" && channel !== "MESSENGER" && channel !== "INSTAGRAM") return undefined;
  // A contact who never wrote has no open window; Meta decides with "last inbound" at the epoch.
  const lastInboundAt = contact.lastInboundAt ?? 0;
  let verdict: SendVerdict;
  try {
    verdict =
      channel === "WHATSAPP"
        ? state.world.meta.checkPhoneSend(assetId, { lastInboundAt, template: Boolean(message.template_message) })
        : state.world.meta.checkSend(channel, credentialToken(cred.request) ?? "", assetId, {
            lastInboundAt,
            ...(messageTag(channel, props) ? { messageTag: messageTag(channel, props) } : {}),
            ...(contact.hasAppRole !== undefined ? { recipientHasAppRole: contact.hasAppRole } : {}),
          });
  } catch (err) {
    verdict = { ok: false, code: 1, message: err instanceof Error ? err.message : String(err) };
  }
  if (verdict.ok) return undefined;
  if ((verdict.code === 190 || verdict.code === 104) && channel !== "WHATSAPP") {
    const label = channel === "INSTAGRAM" ? "Failed to exchange Instagram token" : "Failed to validate Facebook Page token";
    setCredentialState(state, app, cred, "FAILING", `${label}: ${metaText(verdict)}`);
  }
  return metaFailure(verdict);
}
