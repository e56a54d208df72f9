import type { ReactNode } from "react";
import { cx } from "./cx";
import { AlertCircleIcon, AlertTriangleIcon, CheckCircleIcon, InfoIcon } from "./icons";
import { tonePanel, toneText, type Tone } from "./tones";

const icons: Record<Tone, ReactNode> = {
  success: <CheckCircleIcon size={18} />,
  warning: <AlertTriangleIcon size={18} />,
  danger: <AlertCircleIcon size={18} />,
  info: <InfoIcon size={18} />,
  neutral: <InfoIcon size={18} />,
};

export type CalloutProps = {
  tone?: Tone;
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  /** Announce immediately (use for errors that appear after a user action, not on page load). */
  live?: boolean;
  className?: string;
};

/** Inline notice inside a page or card: "needs attention", hints, outcomes. */
export function Callout({ tone = "info", title, children, action, live, className }: CalloutProps) {
  return (
    <div
      role={live ? (tone === "danger" ? "alert" : "status") : undefined}
      className={cx("flex gap-3 rounded-card border p-4 text-sm", tonePanel[tone], className)}
    >
      <span className={cx("mt-px", toneText[tone])}>{icons[tone]}</span>
      <div className="flex min-w-0 flex-1 flex-col gap-3 sm:flex-row sm:items-start">
        <div className="min-w-0 flex-1 space-y-1">
          {title && <p className="font-semibold">{title}</p>}
          {children && <div className="[&_a]:font-medium [&_a]:underline">{children}</div>}
        </div>
        {action && <div className="flex shrink-0 flex-wrap gap-2">{action}</div>}
      </div>
    </div>
  );
}
