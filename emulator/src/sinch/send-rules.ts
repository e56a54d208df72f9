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

const HOUR = 3_600_000;
const WINDOW_TEXT: Record<string, string> = {
  WHATSAPP:
    "The underlying channel reported: Message failed to send because more than 24 hours have passed since the customer last replied to this number",
  MESSENGER: "The underlying channel reported: (#10) This message is sent outside of allowed window. (subcode 2018278)",
  INSTAGRAM: "The underlying channel reported: (#10) This message is sent outside of allowed window. (subcode 2534022)",
};
const UNREACHABLE_TEXT: Record<string, string> = {
  WHATSAPP: "The underlying channel reported: (#131026) Message undeliverable",
  MESSENGER: "The underlying channel reported: (#551) This person isn't available right now. (subcode 1545041)",
  INSTAGRAM: "The underlying channel reported: (#551) This person isn't available right now. (subcode 1545041)",
};

type Obj = Record<string, unknown>;

function isHumanAgentTag(channel: string, props: Obj): boolean {
  const key = channel === "MESSENGER" ? "MESSENGER_MESSAGE_TAG" : channel === "INSTAGRAM" ? "INSTAGRAM_MESSAGE_TAG" : undefined;
  return key !== undefined && props[key] === "HUMAN_AGENT";
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
 * app configuration, credential state, recipient, messaging window, then the channel's own answer.
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
  if (["WHATSAPP", "MESSENGER", "INSTAGRAM"].includes(channel) && !(channel === "WHATSAPP" && message.template_message)) {
    const tagged = isHumanAgentTag(channel, props);
    const windowMs = tagged && app.humanAgent ? 7 * 24 * HOUR : 24 * HOUR;
    const last = contact.lastInboundAt;
    if (last === undefined || state.world.clock.now() - last > windowMs) {
      const note = tagged && !app.humanAgent ? " The HUMAN_AGENT tag was not applied: Human Agent is not approved for this app." : "";
      return { code: "OUTSIDE_ALLOWED_SENDING_WINDOW", description: (WINDOW_TEXT[channel] ?? "") + note, atChannel: true };
    }
  }
  if (channel === "WHATSAPP" || channel === "MESSENGER" || channel === "INSTAGRAM") {
    let verdict: SendVerdict;
    try {
      verdict = state.world.meta.checkSend(channel, credentialToken(cred.request) ?? "", assetId);
    } catch (err) {
      verdict = { ok: false, code: 1, message: err instanceof Error ? err.message : String(err) };
    }
    // Toward Meta, Sinch sends WhatsApp with its own partner token, not the sender bearer token the app
    // holds, so Meta's token verdicts do not apply there; the phone's state (133010, 131042, ...) does.
    const tokenProblem = !verdict.ok && (verdict.code === 190 || verdict.code === 104 || (verdict.code === 100 && verdict.subcode === 33));
    if (!verdict.ok && !(channel === "WHATSAPP" && tokenProblem)) {
      const f = metaFailure(verdict);
      if ((verdict.code === 190 || verdict.code === 104) && channel !== "WHATSAPP") {
        const label = channel === "INSTAGRAM" ? "Failed to exchange Instagram token" : "Failed to validate Facebook Page token";
        setCredentialState(state, app, cred, "FAILING", `${label}: ${metaText(verdict)}`);
      }
      return f;
    }
  }
  return undefined;
}
