import { z } from "zod";

/*
 * Tolerant shapes for the Sinch callback bodies (contract section 6). Unknown fields pass through;
 * a missing or mistyped optional field becomes undefined; only the fields a normalised row cannot
 * exist without (ids, statuses) are required, and their absence makes the caller fall back to
 * kind "unknown" with the raw body kept.
 */

export const sinchId = z.string().min(1).max(200);
const optId = sinchId.optional().catch(undefined);
const optStr = z.string().optional().catch(undefined);
const optBool = z.boolean().optional().catch(undefined);
const looseRecord = z.looseObject({});

export const channelIdentitySchema = z.looseObject({
  channel: z.string().min(1).max(100),
  identity: z.string().min(1).max(500),
  app_id: optStr,
});
const optChannelIdentity = channelIdentitySchema.optional().catch(undefined);

export const reasonSchema = z.looseObject({ code: optStr, description: optStr, sub_code: optStr });

export const envelopeSchema = z.looseObject({
  app_id: optStr,
  project_id: optStr,
  accepted_time: optStr,
  event_time: optStr,
  correlation_id: optStr,
  message_metadata: optStr,
});

export const inboundMessageSchema = z.looseObject({
  id: sinchId,
  direction: optStr,
  contact_message: looseRecord,
  channel_identity: channelIdentitySchema,
  conversation_id: optId,
  contact_id: optId,
  accept_time: optStr,
});

export const replyToSchema = z.looseObject({ message_id: sinchId });
export const textContentSchema = z.looseObject({ text: z.string() });
export const mediaContentSchema = z.looseObject({
  url: z.string(),
  thumbnail_url: z.string().optional(),
});
export const mediaCardContentSchema = z.looseObject({ url: z.string(), caption: optStr });
export const choiceResponseContentSchema = z.looseObject({
  message_id: z.string(),
  postback_data: z.string(),
});
export const locationContentSchema = z.looseObject({
  coordinates: z.looseObject({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  }),
  title: optStr,
  label: optStr,
});
export const productResponseContentSchema = z.looseObject({ title: optStr });
export const fallbackContentSchema = z.looseObject({ raw_message: optStr });
export const objectSchema = looseRecord;

export const deliveryReportSchema = z.looseObject({
  message_id: sinchId,
  status: z.string().min(1).max(100),
  conversation_id: optId,
  contact_id: optId,
  channel_identity: optChannelIdentity,
  reason: reasonSchema.optional().catch(undefined),
});

export const messageSubmitSchema = z.looseObject({
  message_id: sinchId,
  conversation_id: optId,
  contact_id: optId,
  channel_identity: optChannelIdentity,
});

export const eventInboundSchema = z.looseObject({
  id: sinchId,
  contact_event: looseRecord.optional().catch(undefined),
  contact_message_event: looseRecord.optional().catch(undefined),
  channel_identity: optChannelIdentity,
  conversation_id: optId,
  contact_id: optId,
  accept_time: optStr,
});

export const eventDeliveryReportSchema = z.looseObject({
  event_id: sinchId,
  status: z.string().min(1).max(100),
  conversation_id: optId,
  contact_id: optId,
  channel_identity: optChannelIdentity,
  reason: reasonSchema.optional().catch(undefined),
});

export const conversationNotificationSchema = z.looseObject({
  conversation: z.looseObject({
    id: sinchId,
    contact_id: optId,
    active_channel: optStr,
    active: optBool,
  }),
});

export const contactSchema = z.looseObject({
  id: sinchId,
  channel_identities: z.array(z.unknown()).optional().catch(undefined),
  display_name: optStr,
});
export const contactNotificationSchema = z.looseObject({ contact: contactSchema });
export const contactMergeSchema = z.looseObject({
  preserved_contact: contactSchema,
  deleted_contact: contactSchema,
});

export const capabilitySchema = z.looseObject({
  contact_id: optId,
  channel: optStr,
  identity: optStr,
  capability_status: optStr,
  reason: z.unknown().optional(),
});

export const optInOutSchema = z.looseObject({
  contact_id: optId,
  channel: optStr,
  identity: optStr,
  status: optStr,
  error_details: z.unknown().optional(),
});

export const channelEventSchema = z.looseObject({
  channel: z.string().min(1),
  event_type: z.string().min(1),
  additional_data: z.unknown().optional(),
});

export const unsupportedSchema = z.looseObject({
  channel: optStr,
  payload: z.unknown().optional(),
  id: optId,
  contact_id: optId,
  conversation_id: optId,
  channel_identity: optChannelIdentity,
});

/** Only the ids shared by the notifications the portal stores raw without rows of their own. */
export const genericIdsSchema = z.looseObject({
  contact_id: optId,
  conversation_id: optId,
  channel_identity: optChannelIdentity,
});
