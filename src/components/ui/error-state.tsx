import { useId, type ReactNode } from "react";
import { Button } from "./button";
import { CopyButton } from "./copy-button";
import { cx } from "./cx";
import { AlertTriangleIcon, RefreshIcon } from "./icons";

export type ErrorStateProps = {
  title?: ReactNode;
  /** A user-facing message; never a raw exception text. */
  message?: ReactNode;
  /** Shown so the user can quote it to support; copyable. */
  requestId?: string;
  /** Retry handler (client trees, e.g. error.tsx `reset`). */
  onRetry?: () => void;
  /** Retry by navigation, for server components. */
  retryHref?: string;
  retryLabel?: string;
  /** Extra actions next to retry. */
  actions?: ReactNode;
  className?: string;
};

export function ErrorState({
  title = "Something went wrong",
  message = "The page could not be loaded. Try again in a moment.",
  requestId,
  onRetry,
  retryHref,
  retryLabel = "Try again",
  actions,
  className,
}: ErrorStateProps) {
  const titleId = useId();
  const icon = <RefreshIcon />;
  return (
    <div
      role="alert"
      aria-labelledby={titleId}
      data-slot="error-state"
      className={cx("flex flex-col items-center rounded-card border border-red-200 bg-surface px-6 py-12 text-center", className)}
    >
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-red-50 text-red-700">
        <AlertTriangleIcon size={24} />
      </div>
      <h2 id={titleId} className="text-base font-semibold text-ink">
        {title}
      </h2>
      <div className="mt-1 max-w-md text-sm text-ink-muted">{message}</div>
      {requestId && (
        <p className="mt-3 inline-flex items-center gap-1 rounded-control bg-slate-100 py-0.5 pr-0.5 pl-2 text-xs text-slate-700">
          Request ID: <code className="font-mono">{requestId}</code>
          <CopyButton value={requestId} label="request ID" />
        </p>
      )}
      {(onRetry || retryHref || actions) && (
        <div className="mt-6 flex flex-wrap justify-center gap-2">
          {onRetry && (
            <Button variant="secondary" icon={icon} onClick={onRetry}>
              {retryLabel}
            </Button>
          )}
          {!onRetry && retryHref && (
            <Button variant="secondary" icon={icon} href={retryHref}>
              {retryLabel}
            </Button>
          )}
          {actions}
        </div>
      )}
    </div>
  );
}
