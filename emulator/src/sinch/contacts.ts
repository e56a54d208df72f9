import { channelIdentity, contactResource, conversationResource, emit } from "./events";
import { ulid } from "./ids";
import { contactKey, type App, type Contact, type SinchState } from "./state";

export function isConversationMode(app: App): boolean {
  return app.fields.processing_mode === "CONVERSATION";
}

/**
 * One contact and one conversation per (app, channel, identity). Creating either emits CONTACT_CREATE /
 * CONVERSATION_START; in DISPATCH mode Sinch keeps no contacts, so nothing is emitted.
 */
export function contactFor(state: SinchState, app: App, channel: string, identity: string): Contact {
  const key = contactKey(app.id, channel, identity);
  let contact = state.contacts.get(key);
  const now = state.world.clock.now();
  if (!contact) {
    contact = { id: ulid(now), appId: app.id, channel, identity, conversationId: ulid(now), conversationActive: false, conversationCount: 0, blocked: false, createdAt: now };
    state.contacts.set(key, contact);
    if (isConversationMode(app)) emit(state, app, "CONTACT_CREATE", "contact_create_notification", { contact: contactResource(app, contact) });
  }
  if (!contact.conversationActive && isConversationMode(app)) startConversation(state, app, contact);
  return contact;
}

function startConversation(state: SinchState, app: App, contact: Contact): void {
  if (contact.conversationCount > 0) contact.conversationId = ulid(state.world.clock.now());
  contact.conversationCount += 1;
  contact.conversationActive = true;
  emit(state, app, "CONVERSATION_START", "conversation_start_notification", { conversation: conversationResource(app, contact) });
}

export function stopConversation(state: SinchState, app: App, contact: Contact): void {
  if (!contact.conversationActive) return;
  contact.conversationActive = false;
  emit(state, app, "CONVERSATION_STOP", "conversation_stop_notification", { conversation: conversationResource(app, contact) });
}

export function findContactById(state: SinchState, appId: string, contactId: string): Contact | undefined {
  for (const c of state.contacts.values()) if (c.appId === appId && c.id === contactId) return c;
  return undefined;
}

/** Fields shared by `message`, `message_delivery_report` and `event` payloads. */
export function contactRefs(app: App, contact: Contact): Record<string, unknown> {
  const conv = isConversationMode(app);
  return {
    channel_identity: channelIdentity(app, contact),
    conversation_id: conv ? contact.conversationId : "",
    contact_id: conv ? contact.id : "",
  };
}
