/**
 * Typed bodies of the Conversation API requests the portal sends. Each type mirrors the SDK's own
 * request model (`@sinch/conversation` 1.4.0 `dist/models/v1/**`) and is checked against it in
 * `tests/contract/sinch/request-types.test.ts`, so a field the SDK requires cannot be dropped without
 * `tsc` failing. The builders are the only place these bodies are put together.
 */

/** Sinch's trigger names (SDK `WebhookTrigger`, minus `UNSPECIFIED_TRIGGER`, which Sinch rejects). */
export type WebhookTriggerName =
  | "MESSAGE_DELIVERY"
  | "MESSAGE_SUBMIT"
  | "MESSAGE_INBOUND"
  | "EVENT_DELIVERY"
  | "EVENT_INBOUND"
  | "SMART_CONVERSATIONS"
  | "MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION"
  | "CONVERSATION_START"
  | "CONVERSATION_STOP"
  | "CONVERSATION_DELETE"
  | "CONTACT_CREATE"
  | "CONTACT_DELETE"
  | "CONTACT_MERGE"
  | "CONTACT_UPDATE"
  | "CONTACT_IDENTITIES_DUPLICATION"
  | "UNSUPPORTED"
  | "OPT_IN"
  | "OPT_OUT"
  | "CHANNEL_EVENT"
  | "CAPABILITY"
  | "RECORD_NOTIFICATION";

/** SDK `CreateWebhookRequestBody`: `app_id` and `target` required. */
export interface CreateWebhookBody {
  app_id: string;
  target: string;
  target_type: "HTTP";
  secret: string;
  triggers: WebhookTriggerName[];
}

/**
 * SDK `UpdateWebhookRequestBody` requires `target`; Sinch's Webhook resource also names `app_id` as
 * required, and the SDK's own update example sends both with the mask
 * (sinch/sinch-sdk-node `examples/simple-examples/src/conversation/webhooks/update.ts`). The
 * `update_mask` says which fields change; `app_id` and `target` are the stored values, sent as-is.
 */
export interface UpdateWebhookBody {
  app_id: string;
  target: string;
  triggers?: WebhookTriggerName[];
  secret?: string;
}

export type UpdateWebhookMaskField = "triggers" | "secret";

export interface UpdateWebhookRequest {
  body: UpdateWebhookBody;
  updateMask: UpdateWebhookMaskField[];
}

export interface UpdateWebhookFields {
  /** The webhook's app, as stored on Sinch. */
  appId: string;
  /** The webhook's current target, as stored on Sinch (not changed by this call). */
  target: string;
  triggers?: readonly string[];
  secret?: string;
}

/** Trigger names read back from Sinch are Sinch's own; the portal's constants are typed already. */
const asTriggers = (triggers: readonly string[]): WebhookTriggerName[] => [...new Set(triggers)] as WebhookTriggerName[];

export function createWebhookBody(input: { appId: string; target: string; secret: string; triggers: readonly string[] }): CreateWebhookBody {
  return { app_id: input.appId, target: input.target, target_type: "HTTP", secret: input.secret, triggers: asTriggers(input.triggers) };
}

export function updateWebhookRequest(input: UpdateWebhookFields): UpdateWebhookRequest {
  if (!input.appId || !input.target) throw new TypeError("updateWebhookRequest needs the webhook's stored app id and target");
  const body: UpdateWebhookBody = { app_id: input.appId, target: input.target };
  const updateMask: UpdateWebhookMaskField[] = [];
  if (input.triggers !== undefined) {
    body.triggers = asTriggers(input.triggers);
    updateMask.push("triggers");
  }
  if (input.secret !== undefined) {
    body.secret = input.secret;
    updateMask.push("secret");
  }
  if (updateMask.length === 0) throw new TypeError("updateWebhookRequest needs at least one field to change");
  return { body, updateMask };
}
