import type { ReactNode } from "react";
import { cx } from "./cx";
import { toneBadge, toneDot, type Tone } from "./tones";
import { VisuallyHidden } from "./visually-hidden";

export type BadgeProps = {
  tone?: Tone;
  /** Show a coloured dot before the text (status badges). */
  dot?: boolean;
  icon?: ReactNode;
  children: ReactNode;
  className?: string;
  title?: string;
};

export function Badge({ tone = "neutral", dot, icon, children, className, title }: BadgeProps) {
  return (
    <span
      title={title}
      className={cx(
        "inline-flex max-w-full items-center gap-1.5 rounded-pill px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        toneBadge[tone],
        className,
      )}
    >
      {dot && <span aria-hidden="true" className={cx("size-1.5 shrink-0 rounded-full", toneDot[tone])} />}
      {icon}
      <span className="truncate">{children}</span>
    </span>
  );
}

export type StatusDotProps = {
  tone?: Tone;
  /** The state in words; colour alone never carries meaning. */
  label: string;
  /** Keep the label for screen readers only (e.g. in dense tables with a legend). */
  hideLabel?: boolean;
  /** Pulse for in-progress states such as "activating". */
  pulse?: boolean;
  className?: string;
};

export function StatusDot({ tone = "neutral", label, hideLabel, pulse, className }: StatusDotProps) {
  return (
    <span className={cx("inline-flex items-center gap-2 text-sm text-ink", className)} title={hideLabel ? label : undefined}>
      <span aria-hidden="true" className="relative flex size-2.5 shrink-0">
        {pulse && (
          <span className={cx("absolute inline-flex size-full animate-ping rounded-full opacity-60", toneDot[tone])} />
        )}
        <span className={cx("relative inline-flex size-2.5 rounded-full", toneDot[tone])} />
      </span>
      {hideLabel ? <VisuallyHidden>{label}</VisuallyHidden> : label}
    </span>
  );
}
