import { Tooltip, formatAbsoluteUtc } from "@/components/ui";
import { CheckIcon, ClockIcon, XCircleIcon } from "@/components/ui/icons";
import type { ThreadMessage } from "./types";

const LABELS: Record<string, string> = {
  pending: "Sending",
  QUEUED: "Accepted by Sinch",
  QUEUED_ON_CHANNEL: "Sent to the channel",
  SWITCHING_CHANNEL: "Trying another channel",
  DELIVERED: "Delivered",
  READ: "Read",
  FAILED: "Failed",
};

export const statusLabel = (status: string | null) => (status ? (LABELS[status] ?? status) : "Unknown");

function Icon({ status }: { status: string | null }) {
  if (status === "FAILED") return <XCircleIcon size={14} className="text-red-600" />;
  if (status === "pending" || status === "QUEUED" || !status) return <ClockIcon size={14} className="text-slate-500" />;
  const double = status === "DELIVERED" || status === "READ";
  const colour = status === "READ" ? "text-brand-600" : "text-slate-500";
  return (
    <span className={`inline-flex ${colour}`} aria-hidden>
      <CheckIcon size={14} />
      {double ? <CheckIcon size={14} className="-ml-2" /> : null}
    </span>
  );
}

/**
 * Status of an outbound message. The tooltip (hover and keyboard focus) carries the reason code,
 * sub-code, description and the full timeline of reports.
 */
export function DeliveryTicks({ message }: { message: ThreadMessage }) {
  const label = statusLabel(message.status);
  const failedReport = [...message.reports].reverse().find((r) => r.reasonCode);
  const content = (
    <span className="block space-y-1 text-left">
      <span className="block font-medium">{label}</span>
      {message.reasonCode ? (
        <span className="block">
          {message.reasonCode}
          {failedReport?.reasonSubCode && failedReport.reasonSubCode !== "UNSPECIFIED_SUB_CODE" ? ` · ${failedReport.reasonSubCode}` : ""}
          {message.reasonDescription ? `: ${message.reasonDescription}` : ""}
        </span>
      ) : null}
      {message.reports.length ? (
        <span className="block text-slate-300">
          {message.reports.map((r) => (
            <span key={`${r.status}-${r.at.toISOString()}`} className="block">
              {statusLabel(r.status)} · {formatAbsoluteUtc(r.at)}
            </span>
          ))}
        </span>
      ) : null}
    </span>
  );
  return (
    <Tooltip content={content} side="top">
      <button type="button" className="inline-flex items-center gap-1 rounded-sm text-xs text-slate-600 focus-visible:outline-2 focus-visible:outline-brand-600" aria-label={`Delivery status: ${label}${message.reasonCode ? `, ${message.reasonCode}` : ""}`} data-status={message.status ?? ""}>
        <Icon status={message.status} />
        <span className={message.status === "FAILED" ? "text-red-700" : undefined}>{label}</span>
      </button>
    </Tooltip>
  );
}
