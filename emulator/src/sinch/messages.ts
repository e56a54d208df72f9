import type { CallbackTarget } from "../callbacks/dispatcher";
import type { Router } from "../http";
import { CONV, findApp } from "./apps";
import { guard } from "./auth";
import { contactFor, contactRefs, findContactById, isConversationMode } from "./contacts";
import { CHANNELS } from "./credentials";
import { invalid, readJson } from "./errors";
import { emit } from "./events";
import { ulid } from "./ids";
import { evaluateSend, type Failure } from "./send-rules";
import { schedule, type App, type Contact, type OutboundRecord, type SinchState } from "./state";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const MESSAGE_KINDS = [
  "text_message", "media_message", "card_message", "carousel_message", "choice_message", "list_message",
  "location_message", "template_message", "contact_info_message", "explicit_channel_message",
];

function validateMessage(m: unknown): Obj {
  if (!isObj(m)) throw invalid("Missing required field: message");
  const kinds = Object.keys(m).filter((k) => MESSAGE_KINDS.includes(k));
  if (kinds.length !== 1) throw invalid(`message must contain exactly one of ${MESSAGE_KINDS.join(", ")}`);
  const body = m[kinds[0]!];
  if (!isObj(body)) throw invalid(`message.${kinds[0]} must be an object`);
  if (kinds[0] === "text_message" && (typeof body.text !== "string" || body.text === "")) throw invalid("message.text_message.text is required");
  if (kinds[0] === "media_message" && (typeof body.url !== "string" || body.url === "")) throw invalid("message.media_message.url is required");
  return m;
}

function optLimited(body: Obj, key: string, max: number): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string" || v.length > max) throw invalid(`${key} must be a string of at most ${max} characters`);
  return v;
}

interface Target {
  channel: string;
  identity: string;
}

/** Resolves the recipient into the channel identities to try, in channel order. */
function resolveRecipients(state: SinchState, app: App, body: Obj): Target[] {
  const r = body.recipient;
  if (!isObj(r)) throw invalid("Missing required field: recipient");
  const hasContact = r.contact_id !== undefined;
  const hasIdentified = r.identified_by !== undefined;
  if (hasContact === hasIdentified) throw invalid("recipient must have exactly one of contact_id or identified_by");
  let order: string[] | undefined;
  if (body.channel_priority_order !== undefined) {
    const cpo = body.channel_priority_order;
    if (!Array.isArray(cpo) || cpo.some((c) => typeof c !== "string" || !(CHANNELS as readonly string[]).includes(c))) {
      throw invalid("channel_priority_order must be an array of channels");
    }
    for (const c of cpo as string[]) {
      if (!app.credentials.some((cr) => cr.channel === c)) throw invalid(`Channel ${c} in channel_priority_order is not configured on app ${app.id}`);
    }
    order = cpo as string[];
  }
  let contacts: Target[];
  if (hasContact) {
    if (!isConversationMode(app)) throw invalid("recipient.contact_id is not supported in DISPATCH processing mode; use identified_by");
    if (typeof r.contact_id !== "string" || r.contact_id === "") throw invalid("recipient.contact_id must be a non-empty string");
    const c = findContactById(state, app.id, r.contact_id);
    if (!c) throw invalid(`Contact ${r.contact_id} not found`);
    contacts = [c];
  } else {
    const ib = r.identified_by;
    const ids = isObj(ib) ? ib.channel_identities : undefined;
    if (!Array.isArray(ids) || ids.length === 0) throw invalid("recipient.identified_by.channel_identities must be a non-empty array");
    contacts = ids.map((id, i) => {
      if (!isObj(id) || typeof id.channel !== "string" || !(CHANNELS as readonly string[]).includes(id.channel)) {
        throw invalid(`recipient.identified_by.channel_identities[${i}].channel is invalid`);
      }
      if (typeof id.identity !== "string" || id.identity === "") throw invalid(`recipient.identified_by.channel_identities[${i}].identity is required`);
      return { channel: id.channel, identity: id.identity };
    });
  }
  if (order) {
    const rank = (c: Target) => (order!.includes(c.channel) ? order!.indexOf(c.channel) : order!.length);
    contacts = [...contacts].sort((a, b) => rank(a) - rank(b));
  }
  return contacts;
}

export function registerMessages(router: Router, state: SinchState): void {
  router.add("POST", `${CONV}/messages:send`, (req, res) => {
    guard(state, req, "sinch.messages.send");
    const body = readJson(req);
    if (typeof body.app_id !== "string" || body.app_id === "") throw invalid("Missing required field: app_id");
    const app = findApp(state, req, body.app_id);
    const message = validateMessage(body.message);
    const props = body.channel_properties ?? {};
    if (!isObj(props) || Object.values(props).some((v) => typeof v !== "string" || v.length > 1024)) {
      throw invalid("channel_properties must map keys to strings of at most 1024 characters");
    }
    const metadata = optLimited(body, "message_metadata", 1024) ?? "";
    const correlationId = optLimited(body, "correlation_id", 128);
    const callbackUrl = optLimited(body, "callback_url", 742);
    if (callbackUrl !== undefined && !/^https?:\/\//.test(callbackUrl)) throw invalid("callback_url must be an http(s) URL");
    const contacts = resolveRecipients(state, app, body);

    const messageId = ulid(state.world.clock.now());
    const acceptedTime = state.world.clock.iso();
    const record: OutboundRecord = { messageId, appId: app.id, projectId: app.projectId, statuses: [], acceptedTime };
    state.outbound.push(record);

    // Decide synchronously (emulated time of the send) and deliver the reports afterwards.
    const steps: Array<{ contact: Contact; status: string; reason?: Failure }> = [];
    for (let i = 0; i < contacts.length; i++) {
      const contact = contactFor(state, app, contacts[i]!.channel, contacts[i]!.identity);
      const failure = evaluateSend(state, app, contact, message, props);
      const last = i === contacts.length - 1;
      if (!failure) {
        steps.push({ contact, status: "QUEUED_ON_CHANNEL" }, { contact, status: "DELIVERED" }, { contact, status: "READ" });
        break;
      }
      if (failure.atChannel) steps.push({ contact, status: "QUEUED_ON_CHANNEL" });
      steps.push({ contact, status: last ? "FAILED" : "SWITCHING_CHANNEL", reason: failure });
    }
    const first = steps[0]!.contact;
    Object.assign(record, { channel: first.channel, identity: first.identity, contactId: first.id });

    const secret = String((app.fields.callback_settings as Obj | undefined)?.secret_for_overridden_callback_urls ?? "");
    const targets: CallbackTarget[] | undefined = callbackUrl ? [{ webhookId: "callback_url", target: callbackUrl, secret }] : undefined;
    const delay = state.world.config.deliveryReportDelayMs;
    steps.forEach((step, i) => {
      schedule(state, delay * (i + 1), () => {
        if (state.apps.get(app.id) !== app) return;
        const reason = step.reason ? { code: step.reason.code, description: step.reason.description, sub_code: step.reason.sub_code ?? "UNSPECIFIED_SUB_CODE" } : undefined;
        record.statuses.push({ status: step.status, ...(reason ? { reason } : {}), at: state.world.clock.iso() });
        if (step.status === "QUEUED_ON_CHANNEL") {
          emit(state, app, "MESSAGE_SUBMIT", "message_submit_notification", {
            message_id: messageId, ...contactRefs(app, step.contact), submitted_message: message, metadata,
          }, { messageMetadata: metadata, correlationId });
        }
        const refs = contactRefs(app, step.contact);
        emit(state, app, "MESSAGE_DELIVERY", "message_delivery_report", {
          message_id: messageId,
          conversation_id: refs.conversation_id,
          status: step.status,
          channel_identity: refs.channel_identity,
          contact_id: refs.contact_id,
          ...(reason ? { reason } : {}),
          metadata,
          processing_mode: app.fields.processing_mode,
        }, { messageMetadata: metadata, correlationId, targets });
      });
    });
    res.json({ message_id: messageId, accepted_time: acceptedTime });
  });
}
