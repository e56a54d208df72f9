import type { HTMLAttributes } from "react";
import { cx } from "./cx";
import { SpinnerIcon } from "./icons";
import { VisuallyHidden } from "./visually-hidden";

export type SpinnerProps = { label?: string; size?: number; className?: string };

/** A live loading indicator: announced politely by its label. */
export function Spinner({ label = "Loading", size = 20, className }: SpinnerProps) {
  return (
    <span role="status" className={cx("inline-flex items-center text-brand-600", className)}>
      <SpinnerIcon size={size} className="animate-spin" />
      <VisuallyHidden>{label}</VisuallyHidden>
    </span>
  );
}

/** A placeholder block; decorative, so wrap groups in <LoadingState> to announce them. */
export function Skeleton({ className, ...rest }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div
      aria-hidden="true"
      className={cx("animate-pulse rounded-control bg-slate-200/80", className ?? "h-4 w-full")}
      {...rest}
    />
  );
}

export type LoadingStateProps = { label?: string; rows?: number; className?: string };

/** Skeleton rows with one status announcement, for lists and tables that are loading. */
export function LoadingState({ label = "Loading", rows = 3, className }: LoadingStateProps) {
  return (
    <div role="status" aria-busy="true" className={cx("space-y-3", className)}>
      <VisuallyHidden>{label}</VisuallyHidden>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex items-center gap-3">
          <Skeleton className="size-8 shrink-0 rounded-full" />
          <div className="flex-1 space-y-2">
            <Skeleton className={cx("h-3.5", i % 2 ? "w-2/3" : "w-1/2")} />
            <Skeleton className="h-3 w-1/3" />
          </div>
        </div>
      ))}
    </div>
  );
}
