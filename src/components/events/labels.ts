import type { Tone } from "@/components/ui";

export const EVENT_TYPES = [
  { type: "customer.ready", label: "Customer ready", description: "Sinch project, app and signed webhook are set up." },
  { type: "access.accepted", label: "Access accepted", description: "The customer opened their invite link." },
  { type: "access.ended", label: "Access ended", description: "Revoked, expired, completed or replaced by a newer link." },
  { type: "channel.active", label: "Channel active", description: "A channel turned active." },
  { type: "channel.failing", label: "Channel failing", description: "Sinch reports a channel failing." },
  { type: "diagnosis.changed", label: "Diagnosis changed", description: "A channel's health verdict changed." },
  { type: "message.inbound", label: "Inbound message", description: "A contact wrote to a customer (within seconds)." },
] as const;
export type EventType = (typeof EVENT_TYPES)[number]["type"];

export type DeliveryStatus = "pending" | "delivering" | "succeeded" | "failed";
export const deliveryStatusInfo: Record<DeliveryStatus, { label: string; tone: Tone }> = {
  pending: { label: "Retrying", tone: "warning" },
  delivering: { label: "Sending", tone: "info" },
  succeeded: { label: "Delivered", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
};

/** A delivery not tried yet is queued; one waiting for its next try is retrying. */
export const statusOf = (d: { status: DeliveryStatus; attempts: number }): { label: string; tone: Tone } =>
  d.status === "pending" && d.attempts === 0 ? { label: "Queued", tone: "info" } : deliveryStatusInfo[d.status];
