import type { CallbackTarget } from "../callbacks/dispatcher";
import type { App, Contact, SinchState } from "./state";

/**
 * Builds a callback envelope exactly like Sinch sends it (no `trigger` field; one type key) and hands
 * it to the dispatcher for every webhook of the app subscribed to `trigger`.
 */
export function emit(
  state: SinchState,
  app: App,
  trigger: string,
  typeKey: string,
  payload: Record<string, unknown>,
  opts: { eventTime?: string; messageMetadata?: string; correlationId?: string; targets?: CallbackTarget[] } = {},
): Record<string, unknown> {
  const now = state.world.clock.iso();
  const body: Record<string, unknown> = {
    app_id: app.id,
    accepted_time: now,
    event_time: opts.eventTime ?? now,
    project_id: app.projectId,
    [typeKey]: payload,
    message_metadata: opts.messageMetadata ?? "",
  };
  if (opts.correlationId) body.correlation_id = opts.correlationId;
  const targets = opts.targets ?? [...state.webhooks.values()]
    .filter((w) => w.app_id === app.id && w.target_type !== "DISMISS" && w.triggers.includes(trigger))
    .map((w) => ({ webhookId: w.id, target: w.target, secret: w.secret }));
  state.dispatcher.dispatch(app.id, trigger, typeKey, body, targets);
  return body;
}

export function channelIdentity(app: App, contact: Pick<Contact, "channel" | "identity">): Record<string, string> {
  return { channel: contact.channel, identity: contact.identity, app_id: app.id };
}

export function contactResource(app: App, contact: Contact): Record<string, unknown> {
  return {
    id: contact.id,
    channel_identities: [channelIdentity(app, contact)],
    channel_priority: [contact.channel],
    display_name: "",
    email: "",
    external_id: "",
    metadata: "",
    language: "UNSPECIFIED",
  };
}

export function conversationResource(app: App, contact: Contact): Record<string, unknown> {
  const conv: Record<string, unknown> = {
    id: contact.conversationId,
    app_id: app.id,
    contact_id: contact.id,
    active_channel: contact.channel,
    active: contact.conversationActive,
    metadata: "",
    metadata_json: {},
    correlation_id: "",
  };
  if (contact.lastInboundAt !== undefined) conv.last_received = new Date(contact.lastInboundAt).toISOString();
  return conv;
}
