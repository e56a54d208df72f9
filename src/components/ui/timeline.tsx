import type { ReactNode } from "react";
import { cx } from "./cx";
import { AlertCircleIcon, AlertTriangleIcon, CheckIcon, InfoIcon } from "./icons";
import { RelativeTime } from "./relative-time";
import { toneText, type Tone } from "./tones";

export type TimelineEntry = {
  id: string;
  at: Date | string;
  title: ReactNode;
  description?: ReactNode;
  /** Who did it: a staff name, "Customer", "System", "Sinch". */
  actor?: ReactNode;
  tone?: Tone;
  /** Overrides the tone's default icon. */
  icon?: ReactNode;
};

const ring: Record<Tone, string> = {
  success: "bg-green-50 ring-green-600/30",
  warning: "bg-amber-50 ring-amber-600/30",
  danger: "bg-red-50 ring-red-600/30",
  info: "bg-brand-50 ring-brand-600/30",
  neutral: "bg-slate-100 ring-slate-400/40",
};

const defaultIcons: Record<Tone, ReactNode> = {
  success: <CheckIcon size={14} />,
  warning: <AlertTriangleIcon size={14} />,
  danger: <AlertCircleIcon size={14} />,
  info: <InfoIcon size={14} />,
  neutral: <span className="size-1.5 rounded-full bg-current" />,
};

export type TimelineProps = {
  entries: TimelineEntry[];
  /** Names the list, e.g. "Access history". */
  label: string;
  /** Shown when there are no entries. */
  emptyText?: ReactNode;
  className?: string;
};

/** Oldest-first or newest-first is the caller's choice: entries render in the given order. */
export function Timeline({ entries, label, emptyText = "Nothing has happened yet.", className }: TimelineProps) {
  if (entries.length === 0) return <p className={cx("text-sm text-ink-muted", className)}>{emptyText}</p>;
  return (
    <ol aria-label={label} className={cx("relative", className)}>
      {entries.map((entry, index) => {
        const tone = entry.tone ?? "neutral";
        const last = index === entries.length - 1;
        return (
          <li key={entry.id} className="relative flex gap-3 pb-6 last:pb-0">
            {!last && <span aria-hidden="true" className="absolute top-8 bottom-1 left-3.5 w-px bg-line" />}
            <span
              aria-hidden="true"
              className={cx("relative flex size-7 shrink-0 items-center justify-center rounded-full ring-1", ring[tone], toneText[tone])}
            >
              {entry.icon ?? defaultIcons[tone]}
            </span>
            <div className="min-w-0 flex-1 pt-0.5 text-sm">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5">
                <p className="font-medium text-ink">{entry.title}</p>
                <RelativeTime date={entry.at} className="text-xs text-ink-muted" />
              </div>
              {entry.actor && <p className="text-xs text-ink-muted">by {entry.actor}</p>}
              {entry.description && <div className="mt-1 text-ink-muted">{entry.description}</div>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
