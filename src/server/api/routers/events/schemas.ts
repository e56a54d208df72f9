import { z } from "zod";
import { dateFilter } from "@/server/api/schemas";
import { deliveryStatuses, outgoingEventTypes } from "@/server/db/schema";
import { isAllowedTarget } from "@/server/services/events/send";

const URL_RULE = "Use an http:// or https:// URL without a user name or password in it.";
export const endpointUrl = z
  .url({ protocol: /^https?$/, error: URL_RULE })
  .trim()
  .max(2000, "Use a URL of at most 2,000 characters.")
  .refine(isAllowedTarget, URL_RULE);

export const endpointInput = z.object({
  url: endpointUrl,
  description: z.string().trim().max(200, "Keep the description under 200 characters.").nullish(),
  eventTypes: z.array(z.enum(outgoingEventTypes)).min(1, "Choose at least one event.").max(outgoingEventTypes.length),
  enabled: z.boolean().default(true),
});

export const endpointIdInput = z.object({ endpointId: z.string().uuid() });

export const endpointOutput = z.object({
  id: z.string().uuid(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(z.enum(outgoingEventTypes)),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  secretHint: z.string(),
  rotatingUntil: z.date().nullable(),
  createdBy: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
  lastDelivery: z.object({ status: z.enum(deliveryStatuses), at: z.date().nullable() }).nullable(),
});

/** Only the create and rotate answers carry the secret: shown once, never again. */
export const withSecretOutput = z.object({ endpoint: endpointOutput, secret: z.string() });

export const deliveryStatus = z.enum(deliveryStatuses);
const cursorInput = z.object({ at: dateFilter, id: z.string().uuid() });

export const deliveriesInput = z.object({
  endpointId: z.string().uuid(),
  status: deliveryStatus.optional(),
  cursor: cursorInput.optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

export const deliverySummary = z.object({
  id: z.string().uuid(),
  endpointId: z.string().uuid(),
  eventId: z.string().uuid(),
  messageId: z.string(),
  type: z.enum(outgoingEventTypes),
  customerId: z.string().uuid().nullable(),
  customerName: z.string().nullable(),
  occurredAt: z.date(),
  status: deliveryStatus,
  attempts: z.number().int(),
  nextAttemptAt: z.date().nullable(),
  lastAttemptAt: z.date().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastDurationMs: z.number().int().nullable(),
  createdAt: z.date(),
});

export const deliveriesOutput = z.object({ items: z.array(deliverySummary), nextCursor: z.object({ at: z.date(), id: z.string().uuid() }).nullable() });

export const deliveryDetail = deliverySummary.extend({
  body: z.string(),
  history: z.array(
    z.object({ id: z.string().uuid(), trigger: z.enum(["schedule", "replay"]), ok: z.boolean(), statusCode: z.number().int().nullable(), error: z.string().nullable(), durationMs: z.number().int(), at: z.date() }),
  ),
});

export const replayOutput = z.object({ status: deliveryStatus, ok: z.boolean(), statusCode: z.number().int().nullable(), error: z.string().nullable(), durationMs: z.number().int() });
