import { z } from "zod";
import { channels } from "@/server/db/schema/channels";

export const channelSchema = z.enum(channels, { error: "Choose a channel." });
const endReasonSchema = z.enum(["expired", "revoked", "completed", "superseded"]);

/** A grant as staff see it: never the link token, its hash, or the browser fingerprint. */
export const grantSchema = z.object({
  id: z.string().uuid(),
  customerId: z.string().uuid(),
  customerName: z.string().nullable(),
  kind: z.enum(["onboarding", "reconnect"]),
  invitedEmail: z.string(),
  channels: z.array(channelSchema),
  note: z.string().nullable(),
  state: z.enum(["invited", "active", "ended"]),
  endReason: endReasonSchema.nullable(),
  revokeReason: z.string().nullable(),
  endedBy: z.string().nullable(),
  endedAt: z.date().nullable(),
  expiresAt: z.date(),
  usedAt: z.date().nullable(),
  autoRevokeOnActive: z.boolean(),
  reminderSentAt: z.date().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
});

export const grantIdInput = z.object({ grantId: z.string().uuid("Unknown access grant.") });
export const customerIdInput = z.object({ customerId: z.string().uuid("Unknown customer.") });

export const inviteInput = z.object({
  customerId: z.string().uuid("Unknown customer."),
  email: z.string().trim().email("Enter a valid email address.").max(254),
  channels: z.array(channelSchema).min(1, "Choose at least one channel.").max(3),
  /** Omit for the default window from settings. */
  hours: z.number().int("Use whole hours.").min(1, "At least 1 hour.").max(24 * 30, "At most 720 hours.").optional(),
  note: z.string().trim().max(500, "Keep the note under 500 characters.").nullish(),
  autoRevokeOnActive: z.boolean().default(true),
});

export const extendInput = grantIdInput.extend({
  hours: z.number().int("Use whole hours.").min(1, "At least 1 hour.").max(24 * 30, "At most 720 hours."),
});

export const revokeInput = grantIdInput.extend({
  reason: z.string().trim().min(3, "Say briefly why (at least 3 characters).").max(500, "Keep the reason under 500 characters."),
});

export const listInput = z.object({
  filter: z.enum(["all", "live", "invited", "active", "ended"]).default("all"),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});

export const listOutput = z.object({ rows: z.array(grantSchema), total: z.number().int() });

export const forCustomerOutput = z.object({
  customer: z.object({ id: z.string().uuid(), name: z.string(), email: z.string() }),
  limits: z.object({ defaultHours: z.number().int(), maxHours: z.number().int() }),
  /** Channels not active yet: what an invite asks for unless staff choose otherwise. */
  toConnect: z.array(channelSchema),
  grants: z.array(grantSchema),
});

export const timelineOutput = z.array(
  z.object({
    id: z.string().uuid(),
    at: z.date(),
    action: z.string(),
    title: z.string(),
    detail: z.string().nullable(),
    actor: z.string(),
    grantId: z.string().nullable(),
  }),
);
