import type { ReactNode } from "react";
import { cx } from "./cx";

export type EmptyStateProps = {
  icon?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** Usually one primary Button that creates the first item. */
  action?: ReactNode;
  /** Heading level of the title, to fit the page outline. */
  as?: "h2" | "h3";
  className?: string;
};

export function EmptyState({ icon, title, description, action, as: Heading = "h2", className }: EmptyStateProps) {
  return (
    <div
      className={cx(
        "flex flex-col items-center rounded-card border border-dashed border-line-strong bg-surface px-6 py-12 text-center",
        className,
      )}
    >
      {icon && (
        <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-brand-50 text-brand-700 [&>svg]:size-6">
          {icon}
        </div>
      )}
      <Heading className="text-base font-semibold text-ink">{title}</Heading>
      {description && <p className="mt-1 max-w-md text-sm text-ink-muted">{description}</p>}
      {action && <div className="mt-6 flex flex-wrap justify-center gap-2">{action}</div>}
    </div>
  );
}
