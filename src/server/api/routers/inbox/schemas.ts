import { z } from "zod";
import { dateFilter } from "@/server/api/schemas";

export const channelInput = z.enum(["INSTAGRAM", "MESSENGER", "WHATSAPP"]);
export const cursorSchema = z.object({ at: dateFilter, id: z.string().uuid() });
/** Cursors handed out: any stored time (inputs are bounded, stored values are what they are). */
export const cursorOutput = z.object({ at: z.date(), id: z.string().uuid() });

export const listInput = z
  .object({
    customerId: z.string().uuid().optional(),
    channel: channelInput.optional(),
    unread: z.boolean().optional(),
    failures: z.boolean().optional(),
    search: z.string().trim().max(100).optional(),
    cursor: cursorSchema.optional(),
    limit: z.number().int().min(1).max(100).default(30),
  })
  .default({ limit: 30 });

export const windowOutput = z.object({
  state: z.enum(["open", "human_agent", "template_required", "closed"]),
  until: z.date().nullable(),
  tag: z.literal("HUMAN_AGENT").nullable(),
});

export const conversationItem = z.object({
  id: z.string().uuid(),
  customerId: z.string().uuid(),
  customerName: z.string(),
  channel: z.string(),
  identity: z.string().nullable(),
  contactName: z.string().nullable(),
  preview: z.string().nullable(),
  lastDirection: z.enum(["inbound", "outbound"]).nullable(),
  lastMessageAt: z.date(),
  lastInboundAt: z.date().nullable(),
  unreadCount: z.number().int(),
  hasFailure: z.boolean(),
  active: z.boolean(),
  window: windowOutput,
});

export const listOutput = z.object({ items: z.array(conversationItem), nextCursor: cursorOutput.nullable() });

export const conversationIdInput = z.object({ conversationId: z.string().uuid() });
export const threadInput = z.object({ conversationId: z.string().uuid(), before: cursorSchema.optional(), limit: z.number().int().min(1).max(100).default(50) });

const reportOutput = z.object({
  status: z.string(),
  reasonCode: z.string().nullable(),
  reasonSubCode: z.string().nullable(),
  reasonDescription: z.string().nullable(),
  at: z.date(),
});

export const messageOutput = z.object({
  id: z.string().uuid(),
  sinchMessageId: z.string().nullable(),
  direction: z.enum(["inbound", "outbound"]),
  kind: z.string(),
  text: z.string().nullable(),
  mediaUrl: z.string().nullable(),
  thumbnailUrl: z.string().nullable(),
  caption: z.string().nullable(),
  status: z.string().nullable(),
  reasonCode: z.string().nullable(),
  reasonDescription: z.string().nullable(),
  sentBy: z.string().nullable(),
  sentAt: z.date(),
  eventId: z.string().nullable(),
  choice: z.object({ messageId: z.string(), postbackData: z.string() }).nullable(),
  location: z.object({ lat: z.number(), lon: z.number(), title: z.string().optional(), label: z.string().optional() }).nullable(),
  contactInfo: z.record(z.string(), z.unknown()).nullable(),
  unsupportedPayload: z.string().nullable(),
  mediaExpired: z.boolean(),
  reports: z.array(reportOutput),
});

export const threadOutput = z.object({
  conversation: z.object({
    id: z.string().uuid(),
    customerId: z.string().uuid(),
    customerName: z.string(),
    humanAgentApproved: z.boolean(),
    appId: z.string(),
    channel: z.string(),
    identity: z.string().nullable(),
    contactName: z.string().nullable(),
    active: z.boolean(),
    lastInboundAt: z.date().nullable(),
    unreadCount: z.number().int(),
    hasFailure: z.boolean(),
    window: windowOutput,
    windowMessage: z.string().nullable(),
  }),
  messages: z.array(messageOutput),
  olderCursor: cursorOutput.nullable(),
  activity: z.array(z.object({ id: z.string().uuid(), type: z.string(), at: z.date(), detail: z.record(z.string(), z.unknown()) })),
});

/** The reply's content; the conversation comes from the path (REST) or the input (tRPC). */
export const replyFields = z.object({
  text: z.string().trim().max(1000, "Instagram accepts at most 1000 characters.").optional(),
  mediaUrl: z.string().trim().url("Enter a full https:// link.").max(2000).regex(/^https:\/\//, "Use an https:// link.").optional().or(z.literal("").transform(() => undefined)),
});
const hasContent = (v: { text?: string; mediaUrl?: string }) => !!v.text || !!v.mediaUrl;
const contentRequired = { message: "Write a message or add a media link.", path: ["text"] };
export const replyBody = replyFields.refine(hasContent, contentRequired);
export const replyInput = replyFields.extend({ conversationId: z.string().uuid() }).refine(hasContent, contentRequired);

export const eventFilterInput = z.object({
  customerId: z.string().uuid().optional(),
  appId: z.string().max(64).optional(),
  kind: z.string().max(64).optional(),
  status: z.enum(["processed", "stored_raw", "failed"]).optional(),
});

export const eventSummary = z.object({
  id: z.string().uuid(),
  appId: z.string(),
  customerId: z.string().uuid().nullable(),
  customerName: z.string().nullable(),
  typeKey: z.string(),
  kind: z.string(),
  dedupeKey: z.string(),
  verdict: z.enum(["signed", "unsigned"]),
  status: z.enum(["processed", "stored_raw", "failed"]),
  processingError: z.string().nullable(),
  replayCount: z.number().int(),
  lastReplayedAt: z.date().nullable(),
  receivedAt: z.date(),
  size: z.number().int(),
});
